/**
 * Inserting sheets. Analyst data is never overwritten: a sheet whose name is
 * taken is either kept and extended ("update": missing table columns and
 * starter rows are added, every typed value kept) or left alone while a
 * renamed copy is created ("rename").
 */
import { isFormulaCell, type Scalar, type SheetModel, type ValidationRule } from "../model";
import { cellAddress, parseCell, parseRange, rangeAddress, type RangeRef } from "../a1";
import {
  emptyRenames,
  nextFreeIdentifier,
  nextFreeSheetName,
  renameInFormula,
  type RenameMap,
} from "../cells";
import type { Op, Planned } from "./ops";
import { emptyPhases, newSheetOps, planCell, tableArea } from "./sheet";
import {
  findTable,
  hasSheet,
  takenIdentifiers,
  type Snapshot,
  type SnapshotRequest,
  type TableSnapshot,
  type WorkbookLists,
} from "./snapshot";
import { updateTableOps } from "./update";

export type ClashChoice = "update" | "rename";

export interface InsertPlan {
  sheet: string;
  action: "create" | "update" | "rename";
  finalName: string;
}

export interface InsertReport {
  plans: InsertPlan[];
  /** Headers of columns added to existing tables, by sheet name. */
  addedColumns: Record<string, string[]>;
  /** Starter rows added to existing tables, by sheet name. */
  addedRows: Record<string, number>;
  /** Non-empty analyst cells found (and left unchanged) in existing tables, by sheet name. */
  keptValues: Record<string, number>;
  /** Plain-English notes for the task pane, e.g. why an "update" became a renamed copy. */
  notes: string[];
}

export type OnClash = ClashChoice | ((sheetName: string) => ClashChoice);

const lower = (s: string) => s.toLowerCase();
const choose = (onClash: OnClash, name: string): ClashChoice =>
  typeof onClash === "function" ? onClash(name) : onClash;

/** Reads the existing tables only of sheets that will be updated. */
export function insertRequest(models: readonly SheetModel[], onClash: OnClash): SnapshotRequest {
  return {
    tables: (lists: WorkbookLists) =>
      models
        .filter((m) => hasSheet(lists, m.name) && choose(onClash, m.name) === "update")
        .flatMap((m) => m.tables.map((t) => t.name)),
  };
}

export function planInsert(
  snap: Snapshot,
  models: readonly SheetModel[],
  onClash: OnClash,
): Planned<InsertReport> {
  const report: InsertReport = { plans: [], addedColumns: {}, addedRows: {}, keptValues: {}, notes: [] };
  const takenSheets = new Set(snap.sheets.map(lower));
  const takenIds = takenIdentifiers(snap);
  const renames: RenameMap = emptyRenames();
  const toCreate: { model: SheetModel; finalName: string }[] = [];
  const toUpdate: { model: SheetModel; tables: TableSnapshot[] }[] = [];

  for (const model of models) {
    if (!takenSheets.has(lower(model.name))) {
      takenSheets.add(lower(model.name));
      report.plans.push({ sheet: model.name, action: "create", finalName: model.name });
      toCreate.push({ model, finalName: model.name });
      continue;
    }
    if (choose(onClash, model.name) === "update") {
      const onSheet = model.tables
        .map((t) => snap.tableData.find((e) => lower(e.name) === lower(t.name)))
        .filter((e): e is TableSnapshot => e !== undefined && lower(e.sheet) === lower(model.name));
      if (onSheet.length === model.tables.length) {
        const finalName = snap.sheets.find((s) => lower(s) === lower(model.name)) ?? model.name;
        report.plans.push({ sheet: model.name, action: "update", finalName });
        toUpdate.push({ model, tables: onSheet });
        continue;
      }
      report.notes.push(
        `"${model.name}" has no ${model.tables.map((t) => t.name).join(", ")} table to extend, so it was kept as it is and a new copy was added.`,
      );
    }
    const finalName = nextFreeSheetName(model.name, takenSheets);
    takenSheets.add(lower(finalName));
    renames.sheets[model.name] = finalName;
    report.plans.push({ sheet: model.name, action: "rename", finalName });
    toCreate.push({ model, finalName });
  }
  // Tables and names on new sheets must be unique in the workbook.
  for (const { model } of toCreate) {
    for (const id of [...model.tables.map((t) => t.name), ...model.names.map((n) => n.name)]) {
      if (takenIds.has(lower(id))) {
        const fresh = nextFreeIdentifier(id, takenIds);
        renames.identifiers[id] = fresh;
        takenIds.add(lower(fresh));
      } else takenIds.add(lower(id));
    }
  }
  // takenIds now holds every name and table that will exist once this plan runs.
  const phases = emptyPhases();
  for (const c of toCreate)
    newSheetOps(
      withoutUnresolvedLists(c.model, takenIds, renames, report.notes),
      c.finalName,
      renames,
      phases,
    );
  const updates: Op[] = [];
  for (const u of toUpdate) {
    const model = withoutUnresolvedLists(u.model, takenIds, renames, report.notes);
    const r = updateTableOps(model, u.tables, renames);
    updates.push(...r.ops);
    report.addedColumns[model.name] = r.addedColumns;
    report.addedRows[model.name] = r.addedRows;
    report.keptValues[model.name] = r.keptValues;
  }
  return { ops: [...phases.structure, ...phases.values, ...updates, ...phases.formats], result: report };
}

/**
 * A drop-down whose source names a workbook name that will not exist (the
 * Harm list when the Harm Matrix is not in the workbook) would make Excel
 * reject the whole batch, so it is left out and the analyst is told why.
 */
function withoutUnresolvedLists(
  model: SheetModel,
  known: ReadonlySet<string>,
  renames: RenameMap,
  notes: string[],
): SheetModel {
  const missing = new Set<string>();
  const resolves = (rule: ValidationRule | undefined): boolean => {
    if (rule?.kind !== "listRef") return true;
    const absent = (renameInFormula(rule.source, renames).match(/\bHP_[A-Za-z0-9_]+/g) ?? []).filter(
      (n) => !known.has(lower(n)),
    );
    absent.forEach((n) => missing.add(n));
    return absent.length === 0;
  };
  const tables = model.tables.map((t) => ({
    ...t,
    columns: t.columns.map((c) => (resolves(c.validation) ? c : { ...c, validation: undefined })),
  }));
  const validations = model.validations.filter((v) => resolves(v.rule));
  if (missing.size === 0) return model;
  notes.push(
    `Drop-down lists on "${model.name}" that use ${[...missing].join(", ")} were left out because that list is not in this workbook yet. Insert the Harm Matrix sheet first to have them.`,
  );
  return { ...model, tables, validations };
}

/** Rows and columns read beyond a sheet's own cells, to notice what the analyst typed beside them. */
const MARGIN = 5;

/** The box a model writes (cells, tables, names), widened by MARGIN rows and columns. */
export function ownSheetBox(model: SheetModel): RangeRef {
  const boxes: RangeRef[] = [
    ...model.cells.map((c) => parseRange(c.merge ?? c.address)),
    ...model.tables.map(tableArea),
    ...model.names.map((n) => parseRange(n.ref)),
  ];
  if (boxes.length === 0) return { top: 0, left: 0, bottom: MARGIN, right: MARGIN };
  return {
    top: 0,
    left: 0,
    bottom: Math.max(...boxes.map((b) => b.bottom)) + MARGIN,
    right: Math.max(...boxes.map((b) => b.right)) + MARGIN,
  };
}

/** What unchangedOwnSheet needs: the models' tables and the cells around them, on sheets that exist. */
export function ownSheetsRequest(models: readonly SheetModel[]): SnapshotRequest {
  const existing = (lists: WorkbookLists) => models.filter((m) => hasSheet(lists, m.name));
  return {
    tables: (lists) => existing(lists).flatMap((m) => m.tables.map((t) => t.name)),
    ranges: (lists) => existing(lists).map((m) => ({ sheet: m.name, address: rangeAddress(ownSheetBox(m)) })),
  };
}

/** A cell as typed, for comparing: formulas by their text (any case), blanks as "". */
const typed = (v: Scalar | undefined): string | number | boolean =>
  v === null || v === undefined ? "" : typeof v === "string" && v.startsWith("=") ? v.toUpperCase() : v;

/** "row,col" → what the model writes there, as typed. */
function expectedCells(model: SheetModel): Map<string, string | number | boolean> {
  const out = new Map<string, string | number | boolean>();
  const put = (row: number, col: number, v: Parameters<typeof planCell>[0]) => {
    const c = planCell(v);
    out.set(`${row},${col}`, typed(isFormulaCell(c) ? c.formula : c));
  };
  for (const c of model.cells) {
    const { row, col } = parseCell(c.address);
    put(row, col, c.value);
  }
  for (const t of model.tables) {
    const { row, col } = parseCell(t.topLeft);
    t.columns.forEach((c, j) => put(row, col + j, c.header));
    t.rows.forEach((r, i) => t.columns.forEach((_, j) => put(row + 1 + i, col + j, r[j] ?? null)));
  }
  return out;
}

/** The cells of names the analyst fills in (HP_OperationName…): input style, no formula. */
function namedInputCells(model: SheetModel): Set<string> {
  const byAddress = new Map(model.cells.map((c) => [c.address, c]));
  const out = new Set<string>();
  for (const n of model.names) {
    const r = parseRange(n.ref);
    const cells: string[] = [];
    let inputs = true;
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++) {
        const c = byAddress.get(cellAddress(row, col));
        if (!c || c.style !== "input" || isFormulaCell(c.value)) inputs = false;
        cells.push(`${row},${col}`);
      }
    if (inputs) cells.forEach((k) => out.add(k));
  }
  return out;
}

/**
 * True when the workbook's sheet called model.name is one Harm Planner made
 * and the analyst has not changed, so it can be updated without asking: it
 * holds the model's tables where the model puts them, with the model's
 * headers and rows, and every cell read around them (ownSheetsRequest) other
 * than the named input cells is what the model writes. Anything not read
 * counts as changed. Formats are not compared.
 */
export function unchangedOwnSheet(snap: Snapshot, model: SheetModel): boolean {
  const sheet = snap.sheets.find((s) => lower(s) === lower(model.name));
  if (!sheet) return false;
  for (const t of model.tables) {
    const e = findTable(snap, t.name);
    const at = parseCell(t.topLeft);
    if (!e || lower(e.sheet) !== lower(sheet) || e.top !== at.row || e.left !== at.col) return false;
    if (e.headers.length !== t.columns.length || e.formulas.length !== Math.max(1, t.rows.length))
      return false;
  }
  const box = ownSheetBox(model);
  const read = snap.rangeData.find((r) => lower(r.sheet) === lower(sheet) && r.address === rangeAddress(box));
  if (!read) return false;
  const expected = expectedCells(model);
  const inputs = namedInputCells(model);
  for (let i = 0; i < read.formulas.length; i++)
    for (let j = 0; j < read.formulas[i].length; j++) {
      const k = `${box.top + i},${box.left + j}`;
      if (inputs.has(k)) continue;
      if (typed(read.formulas[i][j]) !== (expected.get(k) ?? "")) return false;
    }
  return true;
}
