/**
 * An in-memory stand-in for Office.js's Excel.RequestContext, for tests.
 *
 * It behaves like the real proxy model where that matters to our code:
 * writes are recorded in call order, `load()` results only become readable
 * after `context.sync()` (reading earlier throws, as Office.js does), null
 * objects report `isNullObject` after a sync, invalid operations (duplicate
 * sheet/table/name, wrong 2-D array size, missing item) make the next sync
 * reject, and every sync is counted. Each sheet keeps a cell grid.
 *
 * Usage:
 *   const fake = createFakeExcel();
 *   fake.seedSheet("Notes", { A1: "typed by analyst" });
 *   await insertSheets(fake.context, sheets, "rename");
 *   expect(fake.syncs).toBeLessThanOrEqual(3);
 *   expect(fake.values("Harm Matrix", "A1:C1")).toEqual([[...]]);
 */
import { WorkbookProxy } from "./workbook";
import {
  MAX_CELL_CHARS,
  MAX_FORMULA_CHARS,
  MAX_REQUEST_BYTES,
  key,
  lc,
  parseAddress,
  parseCell,
  rangeAddress,
  type FakeCell,
  type FakeName,
  type FakeScalar,
  type FakeSheetData,
  type FakeTableData,
  type RangeRef,
} from "./types";

export class FakeExcel {
  syncs = 0;
  readonly calls: string[] = [];
  readonly sheets: FakeSheetData[] = [];
  readonly names = new Map<string, FakeName>();
  readonly tables: FakeTableData[] = [];
  pendingLoads: (() => void)[] = [];
  pendingErrors: string[] = [];
  /** Estimated JSON size of what is queued since the last sync. */
  pendingBytes = 0;
  /** The largest request sent so far, in bytes (tests check it stays under Excel's limit). */
  largestRequest = 0;
  /** Everything sent so far, in bytes. */
  sentBytes = 0;
  calculations = 0;
  /** The user's selection; unset means the first sheet's A1. Several areas = a Ctrl+click selection. */
  selection?: { sheet: string; areas: RangeRef[]; active: { row: number; col: number } };
  readonly context: Excel.RequestContext;

  constructor() {
    const workbook = new WorkbookProxy(this);
    this.context = {
      workbook,
      sync: async () => this.sync(),
      trackedObjects: { add: () => undefined, remove: () => undefined },
    } as unknown as Excel.RequestContext;
  }

  async sync(): Promise<void> {
    this.syncs++;
    this.calls.push("sync");
    const loads = this.pendingLoads;
    this.pendingLoads = [];
    const errors = this.pendingErrors;
    this.pendingErrors = [];
    const bytes = this.pendingBytes;
    this.pendingBytes = 0;
    this.largestRequest = Math.max(this.largestRequest, bytes);
    this.sentBytes += bytes;
    if (bytes > MAX_REQUEST_BYTES)
      errors.unshift(
        `RequestPayloadSizeLimitExceeded: The request payload size has exceeded the limit (${bytes} bytes queued; 5 MB allowed).`,
      );
    if (errors.length > 0) throw new Error(`Fake Excel batch failed: ${errors.join("; ")}`);
    for (const l of loads) l();
  }

  fail(message: string): void {
    this.pendingErrors.push(message);
  }

  log(entry: string): void {
    this.calls.push(entry);
    this.pendingBytes += entry.length + 40;
  }

  /** Counts a payload (values, formulas, formats, rows) towards the request size. */
  payload(v: unknown): void {
    this.pendingBytes += JSON.stringify(v)?.length ?? 0;
  }

  // ---- lookups shared by proxies and tests ----
  findSheet(name: string): FakeSheetData | undefined {
    return this.sheets.find((s) => !s.deleted && lc(s.name) === lc(name));
  }
  findTable(name: string): FakeTableData | undefined {
    return this.tables.find((t) => lc(t.name) === lc(name));
  }
  idTaken(name: string): boolean {
    return this.findTable(name) !== undefined || this.names.has(lc(name));
  }
  newSheet(name: string): FakeSheetData {
    const s: FakeSheetData = {
      name,
      tabColor: "",
      position: this.sheets.filter((x) => !x.deleted).length,
      cells: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      merges: [],
      validations: [],
      conditionalFormats: [],
      charts: [],
      pageLayout: {},
      deleted: false,
    };
    this.sheets.push(s);
    return s;
  }
  cellAt(sheet: FakeSheetData, r: number, c: number, create = false): FakeCell | undefined {
    let cell = sheet.cells.get(key(r, c));
    if (!cell && create) {
      cell = { value: null, font: {} };
      sheet.cells.set(key(r, c), cell);
    }
    return cell;
  }

  /** Writes what Excel would store for a typed/set input. */
  writeInput(sheet: FakeSheetData, r: number, c: number, v: unknown): void {
    if (v === null || v === undefined) return; // null leaves the cell unchanged, as in Office.js
    const cell = this.cellAt(sheet, r, c, true)!;
    delete cell.formula;
    delete cell.quoted;
    if (typeof v === "string" && v.length > MAX_CELL_CHARS)
      this.fail(`InvalidArgument: A cell can hold at most 32,767 characters (got ${v.length}).`);
    if (typeof v === "string") {
      if (v.startsWith("'")) {
        cell.value = v.slice(1);
        cell.quoted = true;
      } else if (/^[=+\-@]/.test(v) && v.length > 1 && !/^[+-]?\d+(\.\d+)?$/.test(v)) {
        // Excel turns "=…", "+…", "-…" and "@…" into formulas whether set through values or formulas.
        cell.formula = v.startsWith("=") ? v : `=${v}`;
        // Excel's limit on a formula's length (Excel specifications and limits: 8,192 characters).
        if (cell.formula.length > MAX_FORMULA_CHARS)
          this.fail(
            `InvalidArgument: A formula can be at most 8,192 characters long (got ${cell.formula.length}).`,
          );
        cell.value = null;
      } else if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v.trim()) && v.trim() !== "") cell.value = Number(v);
      else if (/^(true|false)$/i.test(v.trim())) cell.value = lc(v.trim()) === "true";
      else cell.value = v === "" ? null : v;
    } else if (typeof v === "number" || typeof v === "boolean") cell.value = v;
    else this.fail(`Unsupported cell input ${JSON.stringify(v)}`);
  }

  // ---- helpers for tests ----
  sheetNames(): string[] {
    return this.sheets.filter((s) => !s.deleted).map((s) => s.name);
  }
  sheet(name: string): FakeSheetData {
    const s = this.findSheet(name);
    if (!s) throw new Error(`No sheet ${name}`);
    return s;
  }
  cell(sheet: string, address: string): FakeCell | undefined {
    const { row, col } = parseCell(address);
    return this.sheet(sheet).cells.get(key(row, col));
  }
  /** Stored values (formula cells give their formula text) of a range, "" for empty. */
  values(sheet: string, address: string): FakeScalar[][] {
    const s = this.sheet(sheet);
    const r = parseAddress(address);
    const out: FakeScalar[][] = [];
    for (let i = r.top; i <= r.bottom; i++) {
      const row: FakeScalar[] = [];
      for (let j = r.left; j <= r.right; j++) {
        const c = s.cells.get(key(i, j));
        row.push(c ? (c.formula ?? c.value ?? "") : "");
      }
      out.push(row);
    }
    return out;
  }
  table(name: string): FakeTableData {
    const t = this.findTable(name);
    if (!t) throw new Error(`No table ${name}`);
    return t;
  }
  tableHeaders(name: string): FakeScalar[] {
    const t = this.table(name);
    return this.values(t.sheet.name, rangeAddress({ ...t.range, bottom: t.range.top }))[0];
  }
  tableRows(name: string): FakeScalar[][] {
    const t = this.table(name);
    if (t.range.bottom === t.range.top) return [];
    return this.values(t.sheet.name, rangeAddress({ ...t.range, top: t.range.top + 1 }));
  }
  /** Puts an analyst's sheet in place without any sync (test set-up). */
  seedSheet(name: string, cells: Record<string, FakeScalar> = {}): FakeSheetData {
    const s = this.newSheet(name);
    for (const [addr, v] of Object.entries(cells)) {
      const { row, col } = parseCell(addr);
      const c = this.cellAt(s, row, col, true)!;
      if (typeof v === "string" && v.startsWith("=")) c.formula = v;
      else c.value = v;
    }
    return s;
  }
  /** Puts an analyst's table in place (header row at topLeft) without any sync. */
  seedTable(
    sheet: string,
    name: string,
    topLeft: string,
    headers: string[],
    rows: FakeScalar[][],
  ): FakeTableData {
    const s = this.findSheet(sheet) ?? this.seedSheet(sheet);
    const tl = parseCell(topLeft);
    const range = {
      top: tl.row,
      left: tl.col,
      bottom: tl.row + Math.max(1, rows.length),
      right: tl.col + headers.length - 1,
    };
    const t: FakeTableData = { name, sheet: s, range, style: "TableStyleMedium2" };
    this.tables.push(t);
    headers.forEach((h, j) => (this.cellAt(s, tl.row, tl.col + j, true)!.value = h));
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v !== null && v !== "") this.cellAt(s, tl.row + 1 + i, tl.col + j, true)!.value = v;
      }),
    );
    return t;
  }
  /** Selects "B2:D4" or "B2:D4,F6" on a sheet, with `active` (default: the first area's top-left) as the active cell. */
  select(sheet: string, areas: string, active?: string): void {
    const refs = areas.split(",").map((a) => parseAddress(a.trim()));
    const at = active ? parseCell(active) : { row: refs[0].top, col: refs[0].left };
    this.selection = { sheet, areas: refs, active: at };
  }
  seedName(name: string, sheet: string, address: string): void {
    this.names.set(lc(name), {
      name,
      formula: `='${sheet}'!${address}`,
      comment: "",
      sheet,
      range: parseAddress(address),
    });
  }
}

export function createFakeExcel(): FakeExcel {
  return new FakeExcel();
}
