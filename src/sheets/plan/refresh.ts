/**
 * Making a computed sheet (the Summary) current: created when missing;
 * rebuilt (removed and written afresh) when its table grew or shrank and the
 * analyst has typed nothing on it, so what sits below the table moves; otherwise its
 * formula cells and empty cells are rewritten from the model where it keeps
 * its shape, and anything the analyst typed over a formula is kept. A sheet
 * whose shape changed under the analyst's own cells is left alone and a
 * renamed copy added, as is a sheet of that name without our tables.
 */
import { isFormulaCell, type SheetModel } from "../model";
import { parseCell, parseRange, rangeAddress, type RangeRef } from "../a1";
import { emptyRenames, estimateRowHeights, textKey } from "../cells";
import { ownSheetBox, planInsert } from "./insert";
import type { Op, PlanCell, Planned } from "./ops";
import { emptyPhases, newSheetOps, planCell } from "./sheet";
import { shiftFormulaRows } from "./shift";
import { findTable, hasSheet, type Snapshot, type SnapshotRequest, type WorkbookLists } from "./snapshot";

export interface RefreshReport {
  created: boolean;
  finalName: string;
  addedRows: number;
  keptValues: number;
  /** Written afresh over a sheet the analyst had not typed on (its table grew or shrank). */
  rebuilt?: boolean;
  /** Why a renamed copy was added instead of refreshing the sheet in place. */
  note?: string;
}

/** Said when a sheet of the model's shape cannot be written over the analyst's own cells. */
export const TYPED_ON =
  "The existing sheet has text typed on it and its table no longer fits the results, so it was kept as it is and a new copy added.";

/** The box around the model's formula cells, or null when it has none. */
function formulaBox(model: SheetModel): RangeRef | null {
  const refs = model.cells.filter((c) => isFormulaCell(c.value)).map((c) => parseCell(c.address));
  if (!refs.length) return null;
  return {
    top: Math.min(...refs.map((r) => r.row)),
    left: Math.min(...refs.map((r) => r.col)),
    bottom: Math.max(...refs.map((r) => r.row)),
    right: Math.max(...refs.map((r) => r.col)),
  };
}

const union = (a: RangeRef, b: RangeRef): RangeRef => ({
  top: Math.min(a.top, b.top),
  left: Math.min(a.left, b.left),
  bottom: Math.max(a.bottom, b.bottom),
  right: Math.max(a.right, b.right),
});

/**
 * Reads the model's tables and its formula cells; with `previous` (the sheet
 * as it would be at its current size), everything it covers too, to tell
 * whether the analyst typed on it.
 */
export function refreshRequest(model: SheetModel, previous?: SheetModel): SnapshotRequest {
  const formulas = formulaBox(model);
  const box = previous ? union(ownSheetBox(previous), formulas ?? ownSheetBox(previous)) : formulas;
  return {
    tables: model.tables.map((t) => t.name),
    ranges: (lists: WorkbookLists) =>
      box && hasSheet(lists, model.name) ? [{ sheet: model.name, address: rangeAddress(box) }] : [],
  };
}

const replaceable = (v: unknown) =>
  v === "" || v === null || v === undefined || (typeof v === "string" && v.startsWith("="));

/** A derived line of text written as a formula ("1. …", a numbered footnote). */
const derivedText = (v: string) => /^="(\d+\.|Nothing to add)/.test(v);

/**
 * True when every cell read holds what `previous` writes there (text as
 * typed; any number where it writes a number; any formula where it writes a
 * formula, or a derived line of text), so nothing on the sheet is the analyst's.
 */
function untouched(snap: Snapshot, sheet: string, previous: SheetModel): boolean {
  for (const t of previous.tables) {
    const e = findTable(snap, t.name);
    const at = parseCell(t.topLeft);
    if (!e || e.top !== at.row || e.left !== at.col || e.formulas.length !== Math.max(1, t.rows.length))
      return false;
  }
  const expected = new Map<string, PlanCell>();
  for (const c of previous.cells) {
    const { row, col } = parseCell(c.address);
    expected.set(`${row},${col}`, planCell(c.value));
  }
  for (const t of previous.tables) {
    const { row, col } = parseCell(t.topLeft);
    t.columns.forEach((c, j) => expected.set(`${row},${col + j}`, c.header));
    t.rows.forEach((r, i) =>
      t.columns.forEach((_, j) => expected.set(`${row + 1 + i},${col + j}`, planCell(r[j] ?? null))),
    );
  }
  const read = snap.rangeData.filter((r) => r.sheet.toLowerCase() === sheet.toLowerCase());
  if (!read.length) return false;
  for (const r of read) {
    const box = parseRange(r.address);
    for (let i = 0; i < r.formulas.length; i++)
      for (let j = 0; j < r.formulas[i].length; j++) {
        const v = r.formulas[i][j];
        if (v === "" || v === null) continue;
        const want = expected.get(`${box.top + i},${box.left + j}`);
        const wantFormula = want !== null && typeof want === "object";
        if (typeof v === "string" && v.startsWith("=")) {
          if (wantFormula || derivedText(v)) continue;
          return false;
        }
        if (typeof v === "number" && typeof want === "number") continue;
        if (wantFormula || textKey(v) !== textKey(want)) return false;
      }
  }
  return true;
}

/** The sheet removed and written afresh from the model, under its existing name. */
function rebuild(existing: string, model: SheetModel): Op[] {
  const phases = emptyPhases();
  newSheetOps(model, existing, emptyRenames(), phases);
  return [{ op: "deleteSheet", sheet: existing }, ...phases.structure, ...phases.values, ...phases.formats];
}

/**
 * The plan that makes `model` current. `previous` is the same sheet at the
 * size the workbook's copy has (its table's rows), to tell whether the
 * analyst typed on it: without it the sheet is refreshed in place.
 */
export function planRefresh(
  snap: Snapshot,
  model: SheetModel,
  previous?: SheetModel,
): Planned<RefreshReport> {
  const lower = (s: string) => s.toLowerCase();
  const existing = snap.sheets.find((s) => lower(s) === lower(model.name));
  const tables = model.tables.map((t) => findTable(snap, t.name));
  const ours =
    existing !== undefined && tables.every((t) => t !== undefined && lower(t.sheet) === lower(existing));
  const copy = (note?: string): Planned<RefreshReport> => {
    const inserted = planInsert(snap, [model], "rename");
    const finalName = inserted.result.plans[0]?.finalName ?? model.name;
    return {
      ops: inserted.ops,
      result: { created: true, finalName, addedRows: 0, keptValues: 0, ...(note ? { note } : {}) },
    };
  };
  if (!existing || !ours) return copy();
  // In place only where every table is where the model puts it, with as many rows: what sits below stays put.
  const fits = model.tables.every((t, i) => {
    const e = tables[i]!;
    const at = parseCell(t.topLeft);
    return e.top === at.row && e.left === at.col && e.formulas.length === Math.max(1, t.rows.length);
  });
  // Removed and written afresh only when it must change shape: a sheet refreshed in place keeps what
  // points at it from other sheets and anything the reading box does not see.
  if (previous && !fits && untouched(snap, existing, previous))
    return {
      ops: [...rebuild(existing, model), { op: "calculate" }],
      result: { created: false, finalName: existing, addedRows: 0, keptValues: 0, rebuilt: true },
    };
  if (previous && !fits) return copy(TYPED_ON);
  const report: RefreshReport = { created: false, finalName: existing, addedRows: 0, keptValues: 0 };
  const ops: Op[] = [];
  const box = formulaBox(model);
  const current = snap.rangeData.find((r) => lower(r.sheet) === lower(existing));
  if (box && current) {
    for (const c of model.cells) {
      if (!isFormulaCell(c.value)) continue;
      const { row, col } = parseCell(c.address);
      if (!replaceable(current.formulas[row - box.top]?.[col - box.left])) {
        report.keptValues++;
        continue;
      }
      ops.push({
        op: "write",
        sheet: existing,
        range: c.address,
        cells: [[planCell(c.value, emptyRenames())]],
      });
    }
  }
  model.tables.forEach((t, ti) => {
    const e = tables[ti]!;
    const headers = e.headers.map(textKey);
    const colMap = t.columns.map((c) => headers.indexOf(textKey(c.header)));
    const shift = e.top - parseCell(t.topLeft).row;
    const cell = (v: (typeof t.rows)[number][number]): PlanCell => {
      const p = planCell(v ?? null);
      return p !== null && typeof p === "object" ? { ...p, formula: shiftFormulaRows(p.formula, shift) } : p;
    };
    const appended: PlanCell[][] = [];
    t.rows.forEach((r, i) => {
      if (i >= e.formulas.length) {
        const line: PlanCell[] = headers.map(() => null);
        colMap.forEach((k, j) => {
          if (k >= 0) line[k] = cell(r[j]);
        });
        appended.push(line);
        return;
      }
      colMap.forEach((k, j) => {
        const v = r[j] ?? null;
        if (k < 0 || !isFormulaCell(v)) return;
        if (!replaceable(e.formulas[i][k])) {
          report.keptValues++;
          return;
        }
        const at = { top: e.top + 1 + i, left: e.left + k, bottom: e.top + 1 + i, right: e.left + k };
        ops.push({ op: "write", sheet: e.sheet, range: rangeAddress(at), cells: [[cell(v)]] });
      });
    });
    if (appended.length) ops.push({ op: "addTableRows", table: e.name, rows: appended });
    report.addedRows += appended.length;
  });
  // Wrapped text may now need more (or fewer) lines.
  for (const [row, points] of estimateRowHeights(model, false))
    ops.push({ op: "rowHeight", sheet: existing, row, points });
  ops.push({ op: "calculate" });
  return { ops, result: report };
}
