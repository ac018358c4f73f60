/**
 * An in-memory workbook: the browser preview's stand-in for Excel. It keeps
 * each inserted SheetModel as a grid of cached values (no calculation engine:
 * formulas show the value the spec computed) and follows the same
 * no-overwrite rules as the Office renderer.
 */
import {
  isFormulaCell,
  type CellInput,
  type CellStyle,
  type Scalar,
  type SheetModel,
  type TableColumnModel,
} from "../../sheets/model";
import type { Operation } from "../../core/operation";
import { cellAddress, parseCell, parseRange, quoteSheet } from "../../sheets/render/a1";
import {
  emptyRenames,
  nextFreeIdentifier,
  nextFreeSheetName,
  renameInput,
  textKey,
  type RenameMap,
} from "../../sheets/render/shared";
import { shiftFormulaRows } from "./shift";
import { operationFromNames, type NamedValues } from "./operationNames";
import {
  CancelledError,
  PortError,
  type ClashChoice,
  type InsertReport,
  type ReadOptions,
  type InsertPlan,
  type RefreshReport,
  type TableData,
  type TableInfo,
  type UpsertReport,
  type WorkbookPort,
} from "./types";

export interface MemoryCell {
  value: Scalar;
  formula?: string;
  style?: CellStyle;
  format?: string;
}

interface MemoryTable {
  name: string;
  topLeft: string;
  columns: TableColumnModel[];
  rows: CellInput[][];
}

interface MemorySheet {
  key: string;
  name: string;
  tabColour: string;
  cells: Map<string, MemoryCell>;
  tables: MemoryTable[];
}

/** One cell as the preview grid shows it. */
export interface GridCell {
  value: Scalar;
  formula?: string;
  format?: string;
  style?: CellStyle | "tableHeader";
}

export interface GridView {
  name: string;
  tabColour: string;
  rowCount: number;
  columnCount: number;
  cell(row: number, col: number): GridCell | undefined;
}

const cellOf = (input: CellInput, style?: CellStyle, format?: string): MemoryCell =>
  isFormulaCell(input)
    ? { value: input.value ?? null, formula: input.formula, style, format }
    : { value: input, style, format };

const inputValue = (c: CellInput): Scalar => (isFormulaCell(c) ? (c.value ?? null) : c);

export class MemoryWorkbook implements WorkbookPort {
  readonly kind = "memory" as const;
  private sheets: MemorySheet[] = [];
  private names = new Map<string, { sheet: string; ref: string }>();
  private listeners = new Set<() => void>();
  private version = 0;
  activeCell: { sheet: string; address: string } | null = null;
  /** Set by tests to fail the next call, so error paths can be exercised. */
  failNext: string | null = null;

  // --- change notification for the preview grid (useSyncExternalStore) ---
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getVersion = (): number => this.version;
  private changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  private checkFail(): void {
    if (this.failNext) {
      const m = this.failNext;
      this.failNext = null;
      throw new PortError(m);
    }
  }

  private sheet(name: string): MemorySheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  private allTables(): { table: MemoryTable; sheet: MemorySheet }[] {
    return this.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ table, sheet })));
  }

  async listSheets(): Promise<string[]> {
    return this.sheets.map((s) => s.name);
  }

  private takenIds(): Set<string> {
    return new Set([...this.names.keys(), ...this.allTables().map((t) => t.table.name.toLowerCase())]);
  }

  /** Same rules as src/sheets/render/office.ts insertSheets, so the preview behaves as Excel does. */
  async insertSheets(models: SheetModel[], onClash: ClashChoice): Promise<InsertReport> {
    this.checkFail();
    const report: InsertReport = {
      plans: [],
      syncs: 0,
      addedColumns: {},
      addedRows: {},
      keptValues: {},
      notes: [],
    };
    const takenSheets = new Set(this.sheets.map((s) => s.name.toLowerCase()));
    const choice = (name: string): ClashChoice | null =>
      takenSheets.has(name.toLowerCase()) ? onClash : null;
    const renames: RenameMap = emptyRenames();
    const toCreate: { model: SheetModel; finalName: string }[] = [];
    for (const model of models) {
      const c = choice(model.name);
      let plan: InsertPlan;
      if (c === null) {
        plan = { sheet: model.name, action: "create", finalName: model.name };
      } else {
        const existing = this.sheet(model.name)!;
        const onSheet = model.tables.filter((t) =>
          existing.tables.some((x) => x.name.toLowerCase() === t.name.toLowerCase()),
        );
        if (c === "update" && onSheet.length === model.tables.length) {
          report.plans.push({ sheet: model.name, action: "update", finalName: existing.name });
          this.updateSheet(existing, model, report);
          continue;
        }
        if (c === "update")
          report.notes.push(
            `"${model.name}" has no ${model.tables.map((t) => t.name).join(", ")} table to extend, so it was kept as it is and a new copy was added.`,
          );
        const finalName = nextFreeSheetName(model.name, takenSheets);
        renames.sheets[model.name] = finalName;
        plan = { sheet: model.name, action: "rename", finalName };
      }
      takenSheets.add(plan.finalName.toLowerCase());
      report.plans.push(plan);
      toCreate.push({ model, finalName: plan.finalName });
    }
    const takenIds = this.takenIds();
    for (const { model } of toCreate)
      for (const id of [...model.tables.map((t) => t.name), ...model.names.map((n) => n.name)]) {
        if (takenIds.has(id.toLowerCase())) {
          const fresh = nextFreeIdentifier(id, takenIds);
          renames.identifiers[id] = fresh;
          takenIds.add(fresh.toLowerCase());
        } else takenIds.add(id.toLowerCase());
      }
    for (const { model, finalName } of toCreate) this.createSheet(model, finalName, renames);
    this.changed();
    return report;
  }

  private createSheet(model: SheetModel, name: string, renames: RenameMap = emptyRenames()): MemorySheet {
    const id = (n: string) => renames.identifiers[n] ?? n;
    const sheet: MemorySheet = {
      key: model.key,
      name,
      tabColour: model.tabColour,
      cells: new Map(),
      tables: [],
    };
    for (const c of model.cells)
      sheet.cells.set(c.address, cellOf(renameInput(c.value, renames), c.style, c.format));
    for (const t of model.tables)
      sheet.tables.push({
        name: id(t.name),
        topLeft: t.topLeft,
        columns: t.columns.map((c) => ({ ...c })),
        rows: t.rows.map((r) => r.map((v) => renameInput(v, renames))),
      });
    for (const n of model.names) this.names.set(id(n.name).toLowerCase(), { sheet: name, ref: n.ref });
    this.sheets.push(sheet);
    return sheet;
  }

  /** "update": keeps every cell; adds missing table columns (by header, then key) and rows (by first column). */
  private updateSheet(sheet: MemorySheet, model: SheetModel, report: InsertReport): void {
    const added: string[] = [];
    let addedRows = 0;
    let kept = 0;
    for (const t of model.tables) {
      const existing = sheet.tables.find((x) => x.name.toLowerCase() === t.name.toLowerCase())!;
      for (const r of existing.rows) for (const v of r) if (textKey(v) !== "") kept++;
      const colMap = t.columns.map((c) => {
        let i = existing.columns.findIndex((e) => textKey(e.header) === textKey(c.header));
        if (i < 0) i = existing.columns.findIndex((e) => textKey(e.header) === textKey(c.key));
        return i;
      });
      const keyCol = colMap[0] >= 0 ? colMap[0] : 0;
      const keys = new Set(existing.rows.map((r) => textKey(r[keyCol])).filter((k) => k !== ""));
      const modelByKey = new Map(t.rows.map((r) => [textKey(r[0]), r]));
      t.columns.forEach((c, j) => {
        if (colMap[j] >= 0) return;
        const templ = t.rows[0]?.[j];
        existing.columns.push({ ...c });
        for (const r of existing.rows) {
          const match = modelByKey.get(textKey(r[keyCol]));
          let v: CellInput = match ? (match[j] ?? null) : null;
          if (v === null && c.computed && isFormulaCell(templ) && templ.formula.includes("[@")) v = templ;
          r.push(v);
        }
        colMap[j] = existing.columns.length - 1;
        added.push(c.header);
      });
      for (const r of t.rows) {
        const k = textKey(r[0]);
        if (k === "" || keys.has(k)) continue;
        const row: CellInput[] = existing.columns.map(() => null);
        colMap.forEach((ei, mi) => (row[ei] = r[mi] ?? null));
        existing.rows.push(row);
        keys.add(k);
        addedRows++;
      }
    }
    report.addedColumns[model.name] = added;
    report.addedRows[model.name] = addedRows;
    report.keptValues[model.name] = kept;
  }

  /** Values of every workbook name, as 2-D arrays, for readOperation. */
  private namedValues(): NamedValues {
    const out: NamedValues = new Map();
    for (const [name, { sheet, ref }] of this.names) {
      const s = this.sheet(sheet);
      if (!s) continue;
      const r = parseRange(ref);
      const grid: Scalar[][] = [];
      for (let row = r.top; row <= r.bottom; row++) {
        const line: Scalar[] = [];
        for (let col = r.left; col <= r.right; col++) line.push(this.valueAt(s, row, col));
        grid.push(line);
      }
      out.set(name, grid);
    }
    return out;
  }

  private valueAt(s: MemorySheet, row: number, col: number): Scalar {
    const c = this.gridCell(s, row, col);
    return c ? c.value : null;
  }

  async readOperation(): Promise<Operation | null> {
    this.checkFail();
    const addresses = new Map<string, string>();
    for (const [name, { sheet, ref }] of this.names) addresses.set(name, `${quoteSheet(sheet)}!${ref}`);
    return operationFromNames(this.namedValues(), { addresses });
  }

  async writeOperation(model: SheetModel): Promise<{ created: boolean; written: number }> {
    this.checkFail();
    const present = model.names.filter((n) => this.names.has(n.name.toLowerCase()));
    if (present.length === 0) {
      const report = await this.insertSheets([model], "rename");
      return { created: report.plans.some((p) => p.action !== "update"), written: model.names.length };
    }
    let written = 0;
    const byAddress = new Map(model.cells.map((c) => [c.address, c]));
    for (const n of present) {
      const target = this.names.get(n.name.toLowerCase())!;
      const s = this.sheet(target.sheet);
      if (!s) continue;
      const from = parseRange(n.ref);
      const cells: { addr: string; value: Scalar }[] = [];
      let inputsOnly = true;
      const toRange = parseRange(target.ref);
      const to = { row: toRange.top, col: toRange.left };
      for (let r = from.top; r <= from.bottom; r++)
        for (let c = from.left; c <= from.right; c++) {
          const src = byAddress.get(cellAddress(r, c));
          if (src && (src.style !== "input" || isFormulaCell(src.value))) inputsOnly = false;
          cells.push({
            addr: cellAddress(to.row + r - from.top, to.col + c - from.left),
            value: src ? inputValue(src.value) : null,
          });
        }
      if (!inputsOnly) continue; // only the operation's own input cells are written
      for (const { addr, value } of cells) {
        const old = s.cells.get(addr);
        s.cells.set(addr, { ...(old ?? {}), value, formula: undefined, style: old?.style ?? "input" });
        written++;
      }
    }
    this.changed();
    return { created: false, written };
  }

  async upsertTableRows(model: SheetModel, tableName: string): Promise<UpsertReport> {
    this.checkFail();
    const mt = model.tables.find((t) => t.name === tableName);
    if (!mt) throw new PortError(`The ${model.name} sheet has no table ${tableName}.`);
    const found = this.allTables().find((x) => x.table.name.toLowerCase() === tableName.toLowerCase());
    if (!found) {
      const report = await this.insertSheets([model], "update");
      return {
        sheet: report.plans[0]?.finalName ?? model.name,
        table: tableName,
        updated: [],
        added: mt.rows.map((r) => String(inputValue(r[0]) ?? "")),
        createdSheet: true,
      };
    }
    const { table, sheet } = found;
    const colMap = mt.columns.map((c) => {
      const i = table.columns.findIndex((e) => textKey(e.header) === textKey(c.header));
      return i >= 0 ? i : table.columns.findIndex((e) => textKey(e.header) === textKey(c.key));
    });
    const report: UpsertReport = {
      sheet: sheet.name,
      table: table.name,
      updated: [],
      added: [],
      createdSheet: false,
    };
    // Rows with no key and no input values (a fresh sheet's blank rows) are filled before appending.
    const inputCols = table.columns.map((c, i) => (c.computed ? -1 : i)).filter((i) => i >= 0);
    const free = table.rows.filter((er) => inputCols.every((i) => textKey(er[i]) === ""));
    const modelTop = parseCell(mt.topLeft).row;
    const tableTop = parseCell(table.topLeft).row;
    const moved = (v: CellInput, from: number, to: number): CellInput =>
      isFormulaCell(v)
        ? { ...v, formula: shiftFormulaRows(v.formula, tableTop + to - (modelTop + from)) }
        : v;
    for (const [mi, r] of mt.rows.entries()) {
      const key = String(inputValue(r[0]) ?? "");
      const matched = table.rows.find((er) => textKey(er[colMap[0]]) === textKey(key));
      const target = matched ?? free.shift();
      if (target) {
        const at = table.rows.indexOf(target);
        mt.columns.forEach((c, j) => {
          if (colMap[j] < 0) return;
          // Inputs and stored statistics are replaced; formulas get fresh cached values.
          if (!c.computed || !isFormulaCell(target[colMap[j]]) || isFormulaCell(r[j]))
            target[colMap[j]] = moved(r[j] ?? null, mi, at);
        });
        (matched ? report.updated : report.added).push(key);
      } else {
        const row: CellInput[] = table.columns.map(() => null);
        colMap.forEach((ei, j) => {
          if (ei >= 0) row[ei] = moved(r[j] ?? null, mi, table.rows.length);
        });
        table.rows.push(row);
        report.added.push(key);
      }
    }
    this.changed();
    return report;
  }

  async refreshSheet(model: SheetModel): Promise<RefreshReport> {
    this.checkFail();
    const existing = this.sheet(model.name);
    // A sheet of that name without our tables is the analyst's own: leave it alone and add a copy.
    const ours =
      existing &&
      model.tables.every((t) => existing.tables.some((x) => x.name.toLowerCase() === t.name.toLowerCase()));
    if (!existing || !ours) {
      const report = await this.insertSheets([model], "rename");
      return {
        created: true,
        finalName: report.plans[0]?.finalName ?? model.name,
        addedRows: 0,
        keptValues: 0,
      };
    }
    const report: RefreshReport = { created: false, finalName: existing.name, addedRows: 0, keptValues: 0 };
    const replaceable = (old: CellInput | MemoryCell | undefined): boolean => {
      if (old === undefined || old === null || old === "") return true;
      if (isFormulaCell(old)) return true;
      if (typeof old === "object" && "style" in old)
        return !!old.formula || old.value === null || old.value === "";
      return false;
    };
    // Computed cells: our formulas are rewritten (Excel would recalculate them); anything typed is kept.
    for (const c of model.cells) {
      if (!isFormulaCell(c.value)) continue;
      const old = existing.cells.get(c.address);
      if (replaceable(old)) existing.cells.set(c.address, cellOf(c.value, c.style, c.format));
      else report.keptValues++;
    }
    for (const t of model.tables) {
      const et = existing.tables.find((x) => x.name.toLowerCase() === t.name.toLowerCase());
      if (!et) continue;
      const shift = parseCell(et.topLeft).row - parseCell(t.topLeft).row;
      const moved = (v: CellInput): CellInput =>
        isFormulaCell(v) ? { ...v, formula: shiftFormulaRows(v.formula, shift) } : v;
      t.rows.forEach((r, i) => {
        const row = et.rows[i];
        if (!row) {
          const line: CellInput[] = et.columns.map(() => null);
          t.columns.forEach((c, j) => {
            const k = et.columns.findIndex((e) => textKey(e.header) === textKey(c.header));
            if (k >= 0) line[k] = moved(r[j] ?? null);
          });
          et.rows.push(line);
          report.addedRows++;
          return;
        }
        t.columns.forEach((c, j) => {
          const k = et.columns.findIndex((e) => textKey(e.header) === textKey(c.header));
          const v = r[j] ?? null;
          if (k < 0 || !isFormulaCell(v)) return;
          if (replaceable(row[k])) row[k] = moved(v);
          else report.keptValues++;
        });
      });
    }
    this.changed();
    return report;
  }

  async listTables(): Promise<TableInfo[]> {
    return this.allTables().map(({ table, sheet }) => ({
      name: table.name,
      sheet: sheet.name,
      rows: table.rows.length,
    }));
  }

  async readTable(name: string, options: ReadOptions = {}): Promise<TableData> {
    this.checkFail();
    const found = this.allTables().find((x) => x.table.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new PortError(`There is no table called ${name} in this workbook.`);
    const { table } = found;
    const rows: unknown[][] = [];
    const block = 5000;
    for (let i = 0; i < table.rows.length; i += block) {
      if (options.signal?.aborted) throw new CancelledError();
      for (const r of table.rows.slice(i, i + block)) rows.push(r.map(inputValue));
      options.onProgress?.(rows.length, table.rows.length);
      await Promise.resolve();
    }
    if (table.rows.length === 0) options.onProgress?.(0, 0);
    return { headers: table.columns.map((c) => c.header), rows };
  }

  /** Adds an analyst's own sheet with plain values (strings starting "=" become formulas, as typed). */
  addSheet(name: string, cells: Record<string, Scalar> = {}): void {
    const sheet = this.createSheet(plainSheet("analyst", name), name);
    for (const [address, v] of Object.entries(cells))
      sheet.cells.set(
        address,
        typeof v === "string" && v.startsWith("=") ? { value: null, formula: v } : { value: v },
      );
    this.changed();
  }

  /** Adds a plain data table (as an analyst's pasted incident list would be). */
  addDataTable(sheetName: string, tableName: string, headers: string[], rows: Scalar[][]): void {
    const sheet = this.sheet(sheetName) ?? this.createSheet(plainSheet("data", sheetName), sheetName);
    sheet.tables.push({
      name: tableName,
      topLeft: "A1",
      columns: headers.map((h, i) => ({ key: `c${i}`, header: h, help: "", computed: false })),
      rows: rows.map((r) => [...r]),
    });
    this.changed();
  }

  async insertFormula(formula: string): Promise<string> {
    this.checkFail();
    if (!this.activeCell) {
      const first = this.sheets[0];
      if (!first)
        throw new PortError("The workbook has no sheets yet. Insert the Harm Planner sheets first.");
      this.activeCell = { sheet: first.name, address: "A1" };
    }
    const s = this.sheet(this.activeCell.sheet);
    if (!s) throw new PortError("The active sheet no longer exists.");
    const { row, col } = parseCell(this.activeCell.address);
    const here = this.gridCell(s, row, col);
    if (here && (here.formula || (here.value !== null && here.value !== "")))
      throw new PortError(
        `${s.name}!${this.activeCell.address} is not empty. Select an empty cell, then try again.`,
      );
    s.cells.set(this.activeCell.address, { value: null, formula, style: "computed" });
    this.changed();
    return `${s.name}!${this.activeCell.address}`;
  }

  async makePortableCopy(): Promise<{ replaced: number }> {
    throw new PortError(
      "Portable copies are made from the real workbook. Open Harm Planner in Excel to make one; the preview holds no file.",
    );
  }

  // --- read API for the preview grid ---

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  private gridCell(s: MemorySheet, row: number, col: number): GridCell | undefined {
    for (const t of s.tables) {
      const tl = parseCell(t.topLeft);
      const c = col - tl.col;
      if (c < 0 || c >= t.columns.length) continue;
      if (row === tl.row) return { value: t.columns[c].header, style: "tableHeader" };
      const r = row - tl.row - 1;
      if (r >= 0 && r < t.rows.length) {
        const input = t.rows[r][c] ?? null;
        return isFormulaCell(input)
          ? {
              value: input.value ?? null,
              formula: input.formula,
              format: t.columns[c].format,
              style: "computed",
            }
          : {
              value: input,
              format: t.columns[c].format,
              style: t.columns[c].computed ? "computed" : "input",
            };
      }
    }
    return s.cells.get(cellAddress(row, col));
  }

  grid(name: string): GridView | undefined {
    const s = this.sheet(name);
    if (!s) return undefined;
    let rowCount = 0;
    let columnCount = 0;
    for (const addr of s.cells.keys()) {
      const { row, col } = parseCell(addr);
      rowCount = Math.max(rowCount, row + 1);
      columnCount = Math.max(columnCount, col + 1);
    }
    for (const t of s.tables) {
      const tl = parseCell(t.topLeft);
      rowCount = Math.max(rowCount, tl.row + 1 + t.rows.length);
      columnCount = Math.max(columnCount, tl.col + t.columns.length);
    }
    return {
      name: s.name,
      tabColour: s.tabColour,
      rowCount,
      columnCount,
      cell: (row, col) => this.gridCell(s, row, col),
    };
  }
}

/** An empty sheet of the analyst's own (not one of ours), for tests and the preview. */
function plainSheet(key: string, name: string): SheetModel {
  return {
    key,
    name,
    tabColour: "#808080",
    columnWidths: [],
    cells: [],
    tables: [],
    names: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
  };
}
