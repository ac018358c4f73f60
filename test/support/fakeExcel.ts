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
import {
  cellAddress,
  colIndex,
  parseCell,
  rangeAddress,
  splitSheetRef,
  type RangeRef,
} from "../../src/sheets/render/a1";

export type FakeScalar = string | number | boolean | null;

export interface FakeCell {
  value: FakeScalar;
  formula?: string;
  /** Stored as text because it was written behind an apostrophe. */
  quoted?: boolean;
  numberFormat?: string;
  font: {
    bold?: boolean;
    italic?: boolean;
    color?: string;
    size?: number;
    name?: string;
    underline?: string;
  };
  fill?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

export interface FakeValidation {
  address: string;
  rule: any;
  prompt?: any;
  errorAlert?: any;
}

export interface FakeConditionalFormat {
  address: string;
  type: string;
  criteria?: any;
}

export interface FakeChart {
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  name: string;
  from?: string;
  to?: string;
}

export interface FakeTableData {
  name: string;
  sheet: FakeSheetData;
  range: RangeRef; // header row included
  style: string;
}

export interface FakeSheetData {
  name: string;
  tabColor: string;
  position: number;
  cells: Map<string, FakeCell>;
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  merges: string[];
  validations: FakeValidation[];
  conditionalFormats: FakeConditionalFormat[];
  charts: FakeChart[];
  freeze?: { rows: number; columns: number };
  pageLayout: { printArea?: string; orientation?: string; zoom?: any; [k: string]: unknown };
  deleted: boolean;
}

export interface FakeName {
  name: string;
  formula: string;
  comment: string;
  sheet?: string;
  range?: RangeRef;
}

const MAX_ROW = 1048575;
const MAX_COL = 16383;
const key = (r: number, c: number) => `${r},${c}`;
const lc = (s: string) => s.toLowerCase();

function parseAddress(address: string): RangeRef {
  const local = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  let m = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(local);
  if (m) return { top: 0, bottom: MAX_ROW, left: colIndex(m[1]), right: colIndex(m[2]) };
  m = /^(\d+):(\d+)$/.exec(local);
  if (m) return { top: Number(m[1]) - 1, bottom: Number(m[2]) - 1, left: 0, right: MAX_COL };
  return splitSheetRef(local).range;
}

function parseProps(props: unknown): string[] {
  if (props === undefined) return ["*"];
  if (typeof props === "string") return props.split(",").map((p) => p.trim().replace(/^items\//, ""));
  if (Array.isArray(props)) return props.map((p) => String(p).replace(/^items\//, ""));
  if (typeof props === "object" && props !== null) return Object.keys(props);
  return ["*"];
}

/** Base of every proxy: load() is deferred to sync(), reads check it. */
class Proxy {
  protected readonly x: FakeExcel;
  private loaded = new Set<string>();
  private snap: Record<string, unknown> = {};
  private readonly bornAt: number;
  constructor(x: FakeExcel) {
    this.x = x;
    this.bornAt = x.syncs;
  }
  get context(): any {
    return this.x.context;
  }
  load(props?: unknown): this {
    const names = parseProps(props);
    this.x.pendingLoads.push(() => {
      for (const p of names) {
        const top = p.split("/")[0];
        this.loaded.add(top);
        if (top !== "*") this.snap[top] = this.snapshot(top);
      }
    });
    return this;
  }
  /** Value of a loadable property right now (used at sync). */
  protected snapshot(_prop: string): unknown {
    return undefined;
  }
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop) && !this.loaded.has("*"))
      throw new Error(`PropertyNotLoaded: '${prop}' read before load("${prop}") and context.sync()`);
    return (this.loaded.has(prop) ? this.snap[prop] : this.snapshot(prop)) as T;
  }
  protected synced(): boolean {
    return this.x.syncs > this.bornAt;
  }
  toJSON(): unknown {
    return {};
  }
}

export class FakeExcel {
  syncs = 0;
  readonly calls: string[] = [];
  readonly sheets: FakeSheetData[] = [];
  readonly names = new Map<string, FakeName>();
  readonly tables: FakeTableData[] = [];
  pendingLoads: (() => void)[] = [];
  pendingErrors: string[] = [];
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
    if (errors.length > 0) throw new Error(`Fake Excel batch failed: ${errors.join("; ")}`);
    for (const l of loads) l();
  }

  fail(message: string): void {
    this.pendingErrors.push(message);
  }

  log(entry: string): void {
    this.calls.push(entry);
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
    if (typeof v === "string") {
      if (v.startsWith("'")) {
        cell.value = v.slice(1);
        cell.quoted = true;
      } else if (/^[=+\-@]/.test(v) && v.length > 1 && !/^[+-]?\d+(\.\d+)?$/.test(v)) {
        // Excel turns "=…", "+…", "-…" and "@…" into formulas whether set through values or formulas.
        cell.formula = v.startsWith("=") ? v : `=${v}`;
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

// ---------------------------------------------------------------- proxies

class WorkbookProxy extends Proxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly names: NameCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly application: any;
  constructor(x: FakeExcel) {
    super(x);
    this.worksheets = new WorksheetCollectionProxy(x);
    this.names = new NameCollectionProxy(x);
    this.tables = new TableCollectionProxy(x, undefined);
    this.application = {
      calculationMode: "Automatic",
      calculate: (type: string) => {
        x.calculations++;
        x.log(`application.calculate(${type})`);
      },
      load: () => this.application,
    };
  }
  private selectedSheet(): FakeSheetData {
    const sel = this.x.selection;
    return (
      (sel && this.x.findSheet(sel.sheet)) ??
      this.x.sheets.find((sh) => !sh.deleted) ??
      this.x.newSheet("Sheet1")
    );
  }
  getSelectedRange(): RangeProxy {
    const sel = this.x.selection;
    // As in Excel: "If there are multiple ranges selected, this method will throw an error."
    if (sel && sel.areas.length > 1)
      this.x.fail("InvalidSelection: getSelectedRange() with several ranges selected");
    return new RangeProxy(
      this.x,
      this.selectedSheet(),
      sel ? sel.areas[0] : { top: 0, left: 0, bottom: 0, right: 0 },
    );
  }
  getActiveCell(): RangeProxy {
    const at = this.x.selection?.active ?? { row: 0, col: 0 };
    return new RangeProxy(this.x, this.selectedSheet(), {
      top: at.row,
      left: at.col,
      bottom: at.row,
      right: at.col,
    });
  }
}

class CollectionProxy<T> extends Proxy {
  protected list(): T[] {
    return [];
  }
  protected override snapshot(prop: string): unknown {
    if (prop === "items") return this.list();
    if (prop === "count") return this.list().length;
    return undefined;
  }
  override load(props?: unknown): this {
    // "items/name" etc. load the items; items are fully readable once synced.
    const names = parseProps(props);
    return super.load(names.some((n) => n !== "count") ? ["items", "count"] : ["count"]);
  }
  get items(): T[] {
    return this.read<T[]>("items");
  }
  get count(): number {
    return this.read<number>("count");
  }
  getCount(): { value: number } {
    const result = { value: 0 };
    this.x.pendingLoads.push(() => (result.value = this.list().length));
    return result;
  }
}

/** An object whose existence is known only after a sync. */
function nullObject(x: FakeExcel): any {
  const born = x.syncs;
  return {
    get isNullObject() {
      if (x.syncs <= born) throw new Error("PropertyNotLoaded: isNullObject read before context.sync()");
      return true;
    },
    load() {
      return this;
    },
  };
}

class WorksheetCollectionProxy extends CollectionProxy<WorksheetProxy> {
  protected override list(): WorksheetProxy[] {
    return this.x.sheets.filter((s) => !s.deleted).map((s) => new WorksheetProxy(this.x, s, true));
  }
  add(name?: string): WorksheetProxy {
    const n = name ?? `Sheet${this.x.sheets.length + 1}`;
    this.x.log(`worksheets.add(${n})`);
    if (this.x.findSheet(n)) {
      this.x.fail(`A sheet named "${n}" already exists`);
      return new WorksheetProxy(this.x, this.x.findSheet(n)!, false);
    }
    if (n.length > 31 || /[\\/?*[\]:]/.test(n)) this.x.fail(`Invalid sheet name "${n}"`);
    return new WorksheetProxy(this.x, this.x.newSheet(n), false);
  }
  getItem(name: string): WorksheetProxy {
    const s = this.x.findSheet(name);
    if (!s) {
      this.x.fail(`ItemNotFound: worksheet "${name}"`);
      return new WorksheetProxy(this.x, this.x.newSheet(`#missing ${name}`), false);
    }
    return new WorksheetProxy(this.x, s, false);
  }
  getItemOrNullObject(name: string): any {
    const s = this.x.findSheet(name);
    return s ? new WorksheetProxy(this.x, s, false) : nullObject(this.x);
  }
  getActiveWorksheet(): WorksheetProxy {
    const s = this.x.sheets.find((sh) => !sh.deleted) ?? this.x.newSheet("Sheet1");
    return new WorksheetProxy(this.x, s, false);
  }
}

class WorksheetProxy extends Proxy {
  readonly data: FakeSheetData;
  readonly tables: TableCollectionProxy;
  readonly charts: any;
  readonly freezePanes: any;
  readonly pageLayout: any;
  constructor(x: FakeExcel, data: FakeSheetData, preloaded: boolean) {
    super(x);
    this.data = data;
    if (preloaded) super.load(["name", "position", "tabColor", "visibility", "id"]);
    if (preloaded) x.pendingLoads.pop()!.call(this);
    this.tables = new TableCollectionProxy(x, data);
    const d = data;
    this.charts = {
      add: (type: string, source: RangeProxy, seriesBy = "Auto") => {
        const chart: FakeChart = {
          type,
          source: rangeAddress(source.ref),
          seriesBy,
          title: "",
          name: `Chart ${d.charts.length + 1}`,
        };
        d.charts.push(chart);
        x.log(`${d.name}.charts.add(${type}, ${chart.source}, ${seriesBy})`);
        return {
          title: {
            set text(t: string) {
              chart.title = t;
            },
          },
          set name(n: string) {
            chart.name = n;
          },
          setPosition: (from: string | RangeProxy, to?: string | RangeProxy) => {
            chart.from = typeof from === "string" ? from : rangeAddress(from.ref);
            chart.to = to === undefined ? undefined : typeof to === "string" ? to : rangeAddress(to.ref);
          },
          axes: { categoryAxis: { title: {} }, valueAxis: { title: {} } },
          legend: {},
        };
      },
    };
    this.freezePanes = {
      freezeRows: (n: number) => {
        d.freeze = { rows: n, columns: 0 };
        x.log(`${d.name}.freezeRows(${n})`);
      },
      freezeColumns: (n: number) => {
        d.freeze = { rows: 0, columns: n };
        x.log(`${d.name}.freezeColumns(${n})`);
      },
      freezeAt: (r: RangeProxy | string) => {
        const ref = typeof r === "string" ? parseAddress(r) : r.ref;
        d.freeze = { rows: ref.bottom + 1, columns: ref.right + 1 };
        x.log(`${d.name}.freezeAt(${rangeAddress(ref)})`);
      },
      unfreeze: () => (d.freeze = undefined),
    };
    const layout = d.pageLayout;
    this.pageLayout = new (class {
      set orientation(o: string) {
        layout.orientation = o;
      }
      set zoom(z: any) {
        layout.zoom = z;
      }
      setPrintArea(r: RangeProxy | string) {
        layout.printArea = typeof r === "string" ? r : rangeAddress(r.ref);
        x.log(`${d.name}.setPrintArea(${layout.printArea})`);
      }
      set centerHorizontally(v: boolean) {
        layout.centerHorizontally = v;
      }
    })();
  }
  protected override snapshot(prop: string): unknown {
    return (this.data as any)[prop];
  }
  get isNullObject(): boolean {
    if (!this.synced()) throw new Error("PropertyNotLoaded: isNullObject read before context.sync()");
    return false;
  }
  get name(): string {
    return this.read<string>("name");
  }
  set name(n: string) {
    if (this.x.findSheet(n) && this.x.findSheet(n) !== this.data)
      this.x.fail(`A sheet named "${n}" already exists`);
    this.x.log(`${this.data.name}.name=${n}`);
    this.data.name = n;
  }
  get position(): number {
    return this.read<number>("position");
  }
  get tabColor(): string {
    return this.read<string>("tabColor");
  }
  set tabColor(c: string) {
    this.data.tabColor = c;
    this.x.log(`${this.data.name}.tabColor=${c}`);
  }
  getRange(address?: string): RangeProxy {
    const ref = address ? parseAddress(address) : { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL };
    return new RangeProxy(this.x, this.data, ref);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.x, this.data, {
      top: row,
      left: col,
      bottom: row + rows - 1,
      right: col + cols - 1,
    });
  }
  getUsedRange(): RangeProxy {
    let ref: RangeRef | undefined;
    for (const k of this.data.cells.keys()) {
      const [r, c] = k.split(",").map(Number);
      ref = ref
        ? {
            top: Math.min(ref.top, r),
            left: Math.min(ref.left, c),
            bottom: Math.max(ref.bottom, r),
            right: Math.max(ref.right, c),
          }
        : { top: r, left: c, bottom: r, right: c };
    }
    return new RangeProxy(this.x, this.data, ref ?? { top: 0, left: 0, bottom: 0, right: 0 });
  }
  getUsedRangeOrNullObject(): any {
    return this.data.cells.size === 0 ? nullObject(this.x) : this.getUsedRange();
  }
  activate(): void {
    this.x.log(`${this.data.name}.activate()`);
  }
  delete(): void {
    this.x.log(`${this.data.name}.delete()`);
    this.data.deleted = true;
  }
}

class NameCollectionProxy extends CollectionProxy<any> {
  protected override list(): any[] {
    // As in Excel, a name whose cells were deleted (=#REF!) has type "Error", not "Range".
    return [...this.x.names.values()].map((n) => ({
      ...n,
      type: n.sheet && n.range ? "Range" : "Error",
      getRange: () => this.rangeOf(n),
    }));
  }
  private rangeOf(n: FakeName): RangeProxy {
    const s = n.sheet ? this.x.findSheet(n.sheet) : undefined;
    if (!s || !n.range) {
      this.x.fail(`Name ${n.name} has no range`);
      return new RangeProxy(this.x, this.x.sheets[0], { top: 0, left: 0, bottom: 0, right: 0 });
    }
    return new RangeProxy(this.x, s, n.range);
  }
  add(name: string, reference: RangeProxy | string, comment?: string): any {
    this.x.log(`names.add(${name})`);
    if (this.x.idTaken(name)) this.x.fail(`The name "${name}" already exists`);
    if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name)) this.x.fail(`Invalid name "${name}"`);
    const entry: FakeName =
      typeof reference === "string"
        ? { name, formula: reference, comment: comment ?? "", ...this.refOf(reference) }
        : {
            name,
            formula: `='${reference.sheet.name}'!${rangeAddress(reference.ref)}`,
            comment: comment ?? "",
            sheet: reference.sheet.name,
            range: reference.ref,
          };
    this.x.names.set(lc(name), entry);
    return entry;
  }
  private refOf(formula: string): { sheet?: string; range?: RangeRef } {
    try {
      const s = splitSheetRef(formula);
      return { sheet: s.sheet, range: s.range };
    } catch {
      return {};
    }
  }
  getItem(name: string): any {
    const n = this.x.names.get(lc(name));
    if (!n) this.x.fail(`ItemNotFound: name ${name}`);
    return n ? { ...n, getRange: () => this.rangeOf(n) } : nullObject(this.x);
  }
  getItemOrNullObject(name: string): any {
    const n = this.x.names.get(lc(name));
    return n ? { ...n, isNullObject: false, getRange: () => this.rangeOf(n) } : nullObject(this.x);
  }
}

class TableCollectionProxy extends CollectionProxy<TableProxy> {
  private readonly sheet?: FakeSheetData;
  constructor(x: FakeExcel, sheet: FakeSheetData | undefined) {
    super(x);
    this.sheet = sheet;
  }
  protected override list(): TableProxy[] {
    return this.x.tables
      .filter((t) => !t.sheet.deleted && (!this.sheet || t.sheet === this.sheet))
      .map((t) => new TableProxy(this.x, t, true));
  }
  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    let sheet = this.sheet;
    let ref: RangeRef;
    if (typeof address === "string") {
      const parsed = splitSheetRef(address);
      if (parsed.sheet) sheet = this.x.findSheet(parsed.sheet);
      ref = parsed.range;
    } else {
      sheet = address.sheet;
      ref = address.ref;
    }
    if (!sheet) {
      this.x.fail(`tables.add: no sheet for ${String(address)}`);
      sheet = this.x.sheets[0];
    }
    if (!hasHeaders) this.x.fail("Fake tables.add supports hasHeaders = true only");
    for (const t of this.x.tables) {
      if (t.sheet !== sheet) continue;
      const r = t.range;
      if (!(ref.right < r.left || ref.left > r.right || ref.bottom < r.top || ref.top > r.bottom))
        this.x.fail(`Table range ${rangeAddress(ref)} overlaps table ${t.name}`);
    }
    let n = this.x.tables.length + 1;
    while (this.x.idTaken(`Table${n}`)) n++;
    const data: FakeTableData = { name: `Table${n}`, sheet, range: { ...ref }, style: "TableStyleMedium2" };
    this.x.tables.push(data);
    for (let j = ref.left; j <= ref.right; j++) {
      const c = this.x.cellAt(sheet, ref.top, j, true)!;
      if (c.value === null || c.value === "") c.value = `Column${j - ref.left + 1}`;
    }
    this.x.log(`${sheet.name}.tables.add(${rangeAddress(ref)})`);
    return new TableProxy(this.x, data, false);
  }
  getItem(name: string): TableProxy {
    const t = this.x.findTable(name);
    if (!t || (this.sheet && t.sheet !== this.sheet)) {
      this.x.fail(`ItemNotFound: table ${name}`);
      return new TableProxy(
        this.x,
        { name, sheet: this.x.sheets[0], range: { top: 0, left: 0, bottom: 1, right: 0 }, style: "" },
        false,
      );
    }
    return new TableProxy(this.x, t, false);
  }
  getItemOrNullObject(name: string): any {
    const t = this.x.findTable(name);
    return t && (!this.sheet || t.sheet === this.sheet)
      ? new TableProxy(this.x, t, false)
      : nullObject(this.x);
  }
  getItemAt(i: number): TableProxy {
    const t = this.x.tables.filter((tb) => !this.sheet || tb.sheet === this.sheet)[i];
    if (!t) this.x.fail(`ItemNotFound: table #${i}`);
    return new TableProxy(this.x, t, false);
  }
}

class TableProxy extends Proxy {
  readonly data: FakeTableData;
  readonly columns: any;
  readonly rows: any;
  constructor(x: FakeExcel, data: FakeTableData, preloaded: boolean) {
    super(x);
    this.data = data;
    if (preloaded) {
      super.load(["name", "style", "showHeaders"]);
      x.pendingLoads.pop()!.call(this);
    }
    const t = data;
    const headerIndex = (name: string) => this.headerIndex(name);
    const columnAt = (i: number, preloaded = false) => new TableColumnProxy(x, t, i, preloaded);
    this.columns = new (class extends CollectionProxy<TableColumnProxy> {
      protected override list() {
        return Array.from({ length: t.range.right - t.range.left + 1 }, (_, i) => columnAt(i, true));
      }
      add(index?: number, values?: unknown[][], name?: string) {
        if (index !== undefined && index !== null && index !== t.range.right - t.range.left + 1)
          x.fail("Fake columns.add supports appending only");
        const height = t.range.bottom - t.range.top + 1;
        t.range.right += 1;
        const col = t.range.right;
        if (values !== undefined) {
          if (!Array.isArray(values) || values.length !== height || values.some((r) => r.length !== 1))
            x.fail(`columns.add: values must be ${height}×1`);
          else values.forEach((r, i) => x.writeInput(t.sheet, t.range.top + i, col, r[0]));
        }
        const header = x.cellAt(t.sheet, t.range.top, col, true)!;
        if (name) header.value = name;
        if (header.value === null) header.value = `Column${col - t.range.left + 1}`;
        x.log(`${t.name}.columns.add(${String(header.value)})`);
        return columnAt(col - t.range.left);
      }
      getItemAt(i: number) {
        if (i > t.range.right - t.range.left) x.fail(`ItemNotFound: column #${i} of ${t.name}`);
        return columnAt(i);
      }
      getItem(name: string) {
        const i = headerIndex(name);
        if (i < 0) x.fail(`ItemNotFound: column ${name} of ${t.name}`);
        return columnAt(Math.max(0, i));
      }
      getItemOrNullObject(name: string) {
        const i = headerIndex(name);
        return i < 0 ? nullObject(x) : columnAt(i);
      }
    })(x);
    this.rows = new (class extends CollectionProxy<any> {
      protected override list() {
        return Array.from({ length: t.range.bottom - t.range.top }, (_, i) => ({
          index: i,
          values: x.values(
            t.sheet.name,
            rangeAddress({ ...t.range, top: t.range.top + 1 + i, bottom: t.range.top + 1 + i }),
          ),
        }));
      }
      add(index?: number, values?: unknown[][]) {
        if (index !== undefined && index !== null) x.fail("Fake rows.add supports appending only");
        const width = t.range.right - t.range.left + 1;
        const rows = values ?? [new Array(width).fill("")];
        if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r) || r.length !== width)) {
          x.fail(`rows.add: each row must have ${width} values`);
          return;
        }
        const start = t.range.bottom + 1;
        t.range.bottom += rows.length;
        rows.forEach((r, i) => r.forEach((v, j) => x.writeInput(t.sheet, start + i, t.range.left + j, v)));
        x.log(`${t.name}.rows.add(${rows.length})`);
      }
    })(x);
  }
  private headerIndex(name: string): number {
    for (let j = this.data.range.left; j <= this.data.range.right; j++) {
      const c = this.x.cellAt(this.data.sheet, this.data.range.top, j);
      if (c && lc(String(c.value)) === lc(name)) return j - this.data.range.left;
    }
    return -1;
  }
  protected override snapshot(prop: string): unknown {
    if (prop === "name") return this.data.name;
    if (prop === "style") return this.data.style;
    if (prop === "showHeaders") return true;
    return undefined;
  }
  get isNullObject(): boolean {
    if (!this.synced()) throw new Error("PropertyNotLoaded: isNullObject read before context.sync()");
    return false;
  }
  get name(): string {
    return this.read<string>("name");
  }
  set name(n: string) {
    if (lc(n) !== lc(this.data.name) && this.x.idTaken(n)) this.x.fail(`The table name "${n}" is taken`);
    if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(n)) this.x.fail(`Invalid table name "${n}"`);
    this.x.log(`${this.data.name}.name=${n}`);
    this.data.name = n;
  }
  get style(): string {
    return this.read<string>("style");
  }
  set style(s: string) {
    this.data.style = s;
  }
  set showBandedRows(_v: boolean) {}
  set showFilterButton(_v: boolean) {}
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.x, this.data.sheet, false);
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.x, this.data.sheet, this.data.range, true);
  }
  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this.x, this.data.sheet, { ...this.data.range, bottom: this.data.range.top }, true);
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(
      this.x,
      this.data.sheet,
      { ...this.data.range, top: this.data.range.top + 1 },
      true,
    );
  }
}

class TableColumnProxy extends Proxy {
  private readonly t: FakeTableData;
  private readonly i: number;
  constructor(x: FakeExcel, t: FakeTableData, i: number, preloaded: boolean) {
    super(x);
    this.t = t;
    this.i = i;
    if (preloaded) {
      super.load(["name", "index", "values"]);
      x.pendingLoads.pop()!.call(this);
    }
  }
  private col(): RangeRef {
    const c = this.t.range.left + this.i;
    return { ...this.t.range, left: c, right: c };
  }
  protected override snapshot(prop: string): unknown {
    if (prop === "name")
      return this.x.cellAt(this.t.sheet, this.t.range.top, this.t.range.left + this.i)?.value;
    if (prop === "index") return this.i;
    if (prop === "values") return this.x.values(this.t.sheet.name, rangeAddress(this.col()));
    return undefined;
  }
  get name(): string {
    return String(this.read("name"));
  }
  get index(): number {
    return this.read<number>("index");
  }
  get values(): FakeScalar[][] {
    return this.read("values");
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.x, this.t.sheet, { ...this.col(), top: this.col().top + 1 }, true);
  }
  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this.x, this.t.sheet, { ...this.col(), bottom: this.col().top }, true);
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.x, this.t.sheet, this.col(), true);
  }
}

class RangeProxy extends Proxy {
  readonly sheet: FakeSheetData;
  readonly ref: RangeRef;
  readonly format: any;
  readonly dataValidation: any;
  readonly conditionalFormats: any;
  constructor(x: FakeExcel, sheet: FakeSheetData, ref: RangeRef, _live = false) {
    super(x);
    this.sheet = sheet;
    this.ref = ref;
    const each = (fn: (c: FakeCell) => void) => this.eachCell(fn);
    const addr = () => `${sheet.name}!${rangeAddress(ref)}`;
    this.format = {
      font: {
        set bold(v: boolean) {
          each((c) => (c.font.bold = v));
        },
        set italic(v: boolean) {
          each((c) => (c.font.italic = v));
        },
        set color(v: string) {
          each((c) => (c.font.color = v));
        },
        set size(v: number) {
          each((c) => (c.font.size = v));
        },
        set name(v: string) {
          each((c) => (c.font.name = v));
        },
        set underline(v: string) {
          each((c) => (c.font.underline = v));
        },
      },
      fill: {
        set color(v: string) {
          each((c) => (c.fill = v));
        },
        clear: () => each((c) => delete c.fill),
      },
      set wrapText(v: boolean) {
        each((c) => (c.wrapText = v));
      },
      set horizontalAlignment(v: string) {
        each((c) => (c.horizontalAlignment = v));
      },
      set verticalAlignment(v: string) {
        each((c) => (c.verticalAlignment = v));
      },
      set columnWidth(v: number) {
        for (let j = ref.left; j <= ref.right; j++) sheet.columnWidths.set(j, v);
        x.log(`${addr()}.columnWidth=${v}`);
      },
      set rowHeight(v: number) {
        for (let i = ref.top; i <= Math.min(ref.bottom, ref.top + 10000); i++) sheet.rowHeights.set(i, v);
      },
      autofitColumns: () => x.log(`${addr()}.autofitColumns()`),
      autofitRows: () => x.log(`${addr()}.autofitRows()`),
      borders: { getItem: () => ({}) },
      protection: {},
    };
    const rec: FakeValidation = { address: rangeAddress(ref), rule: undefined };
    this.dataValidation = {
      set rule(r: any) {
        rec.rule = r;
        if (!sheet.validations.includes(rec)) sheet.validations.push(rec);
        x.log(`${addr()}.dataValidation.rule`);
      },
      set prompt(p: any) {
        rec.prompt = p;
        if (!sheet.validations.includes(rec)) sheet.validations.push(rec);
      },
      set errorAlert(e: any) {
        rec.errorAlert = e;
      },
      clear: () => {
        const i = sheet.validations.findIndex((v) => v.address === rangeAddress(ref));
        if (i >= 0) sheet.validations.splice(i, 1);
      },
    };
    this.conditionalFormats = {
      add: (type: string) => {
        const cf: FakeConditionalFormat = { address: rangeAddress(ref), type };
        sheet.conditionalFormats.push(cf);
        x.log(`${addr()}.conditionalFormats.add(${type})`);
        return {
          colorScale: {
            set criteria(c: any) {
              cf.criteria = c;
            },
          },
        };
      },
    };
  }
  private cellCount(): number {
    return (this.ref.bottom - this.ref.top + 1) * (this.ref.right - this.ref.left + 1);
  }
  private eachCell(fn: (c: FakeCell) => void): void {
    if (this.cellCount() > 2_000_000) return; // whole rows/columns: not modelled cell by cell
    for (let i = this.ref.top; i <= this.ref.bottom; i++)
      for (let j = this.ref.left; j <= this.ref.right; j++) fn(this.x.cellAt(this.sheet, i, j, true)!);
  }
  private setGrid(prop: string, v: unknown, write: (r: number, c: number, input: unknown) => void): void {
    const rows = this.ref.bottom - this.ref.top + 1;
    const cols = this.ref.right - this.ref.left + 1;
    this.x.log(`${this.sheet.name}!${rangeAddress(this.ref)}.${prop}=`);
    if (!Array.isArray(v)) {
      // A single value applies to every cell.
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) write(this.ref.top + i, this.ref.left + j, v);
      return;
    }
    if (v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols)) {
      this.x.fail(
        `InvalidArgument: ${prop} for ${rangeAddress(this.ref)} must be ${rows}×${cols}, got ${v.length}×${(v[0] as unknown[])?.length}`,
      );
      return;
    }
    v.forEach((r: unknown[], i) => r.forEach((val, j) => write(this.ref.top + i, this.ref.left + j, val)));
  }
  protected override snapshot(prop: string): unknown {
    const s = this.sheet;
    const grid = (f: (c: FakeCell | undefined) => unknown) => {
      const out: unknown[][] = [];
      for (let i = this.ref.top; i <= this.ref.bottom; i++) {
        const row: unknown[] = [];
        for (let j = this.ref.left; j <= this.ref.right; j++) row.push(f(s.cells.get(key(i, j))));
        out.push(row);
      }
      return out;
    };
    switch (prop) {
      case "values":
        return grid((c) => (c ? (c.value ?? "") : ""));
      case "text":
        return grid((c) => (c ? String(c.value ?? "") : ""));
      case "formulas":
        return grid((c) => (c ? (c.formula ?? c.value ?? "") : ""));
      case "numberFormat":
        return grid((c) => c?.numberFormat ?? "General");
      case "valueTypes":
        return grid((c) =>
          !c || c.value === null || c.value === ""
            ? "Empty"
            : typeof c.value === "number"
              ? "Double"
              : typeof c.value === "boolean"
                ? "Boolean"
                : "String",
        );
      case "address":
        return `'${s.name}'!${rangeAddress(this.ref)}`;
      case "rowCount":
        return this.ref.bottom - this.ref.top + 1;
      case "columnCount":
        return this.ref.right - this.ref.left + 1;
      case "rowIndex":
        return this.ref.top;
      case "columnIndex":
        return this.ref.left;
      default:
        return undefined;
    }
  }
  get isNullObject(): boolean {
    if (!this.synced()) throw new Error("PropertyNotLoaded: isNullObject read before context.sync()");
    return false;
  }
  get values(): any[][] {
    return this.read("values");
  }
  set values(v: any) {
    this.setGrid("values", v, (r, c, input) => this.x.writeInput(this.sheet, r, c, input));
  }
  get formulas(): any[][] {
    return this.read("formulas");
  }
  set formulas(v: any) {
    this.setGrid("formulas", v, (r, c, input) => this.x.writeInput(this.sheet, r, c, input));
  }
  get numberFormat(): any[][] {
    return this.read("numberFormat");
  }
  set numberFormat(v: any) {
    this.setGrid("numberFormat", v, (r, c, input) => {
      if (input !== null && input !== undefined)
        this.x.cellAt(this.sheet, r, c, true)!.numberFormat = String(input);
    });
  }
  get text(): string[][] {
    return this.read("text");
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.x, this.sheet, false);
  }
  merge(across = false): void {
    this.sheet.merges.push(rangeAddress(this.ref));
    this.x.log(`${this.sheet.name}!${rangeAddress(this.ref)}.merge(${across})`);
  }
  unmerge(): void {
    const a = rangeAddress(this.ref);
    this.sheet.merges = this.sheet.merges.filter((m) => m !== a);
  }
  clear(applyTo?: string): void {
    this.x.log(`${this.sheet.name}!${rangeAddress(this.ref)}.clear(${applyTo ?? "All"})`);
    this.eachCell((c) => {
      c.value = null;
      delete c.formula;
    });
  }
  getCell(row: number, col: number): RangeProxy {
    return this.sub(this.ref.top + row, this.ref.left + col, 1, 1);
  }
  getOffsetRange(rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.x, this.sheet, {
      top: this.ref.top + rows,
      bottom: this.ref.bottom + rows,
      left: this.ref.left + cols,
      right: this.ref.right + cols,
    });
  }
  getResizedRange(dRows: number, dCols: number): RangeProxy {
    return new RangeProxy(this.x, this.sheet, {
      ...this.ref,
      bottom: this.ref.bottom + dRows,
      right: this.ref.right + dCols,
    });
  }
  getRow(i: number): RangeProxy {
    return this.sub(this.ref.top + i, this.ref.left, 1, this.ref.right - this.ref.left + 1);
  }
  getColumn(j: number): RangeProxy {
    return this.sub(this.ref.top, this.ref.left + j, this.ref.bottom - this.ref.top + 1, 1);
  }
  getLastRow(): RangeProxy {
    return this.getRow(this.ref.bottom - this.ref.top);
  }
  select(): void {
    this.x.log(`${this.sheet.name}!${rangeAddress(this.ref)}.select()`);
  }
  private sub(top: number, left: number, rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.x, this.sheet, { top, left, bottom: top + rows - 1, right: left + cols - 1 });
  }
}

export { cellAddress };
