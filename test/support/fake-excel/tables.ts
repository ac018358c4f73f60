/** Tables, their columns and rows. */
import type { FakeExcel } from "./excel";
import { CollectionProxy, Proxy, nullObject } from "./proxy";
import { RangeProxy } from "./range";
import { WorksheetProxy } from "./workbook";
import {
  MAX_COL,
  MAX_ROW,
  badDefinedName,
  lc,
  rangeAddress,
  splitSheetRef,
  type FakeScalar,
  type FakeSheetData,
  type FakeTableData,
  type RangeRef,
} from "./types";

export class TableCollectionProxy extends CollectionProxy<TableProxy> {
  private readonly sheet?: FakeSheetData;
  constructor(x: FakeExcel, sheet: FakeSheetData | undefined) {
    super(x);
    this.sheet = sheet;
  }
  /** Set when items were loaded with "items/worksheet/…", which Office.js allows for this navigation property. */
  private withWorksheet = false;
  override load(props?: unknown): this {
    const paths = typeof props === "string" ? props.split(",").map((p) => p.trim()) : [];
    if (paths.some((p) => /^items\/worksheet\//.test(p))) this.withWorksheet = true;
    return super.load(props);
  }
  protected override list(): TableProxy[] {
    return this.x.tables
      .filter((t) => !t.sheet.deleted && (!this.sheet || t.sheet === this.sheet))
      .map((t) => new TableProxy(this.x, t, true, this.withWorksheet));
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

export class TableProxy extends Proxy {
  readonly data: FakeTableData;
  readonly columns: any;
  readonly rows: any;
  private readonly worksheetLoaded: boolean;
  constructor(x: FakeExcel, data: FakeTableData, preloaded: boolean, worksheetLoaded = false) {
    super(x);
    this.data = data;
    this.worksheetLoaded = worksheetLoaded;
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
        x.payload(values);
        if (t.range.right + 1 > MAX_COL) x.fail("InvalidArgument: the table would reach past column XFD.");
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
        x.payload(rows);
        if (t.range.bottom + rows.length > MAX_ROW) {
          x.fail("InvalidArgument: the table would reach past row 1048576.");
          return;
        }
        const start = t.range.bottom + 1;
        // As Excel does, new rows take the number format, fill and wrap of the table's last row.
        const last = t.range.bottom > t.range.top ? t.range.bottom : null;
        t.range.bottom += rows.length;
        rows.forEach((r, i) =>
          r.forEach((v, j) => {
            const col = t.range.left + j;
            x.writeInput(t.sheet, start + i, col, v);
            const above = last === null ? undefined : x.cellAt(t.sheet, last, col);
            if (!above) return;
            const cell = x.cellAt(t.sheet, start + i, col, true)!;
            if (above.numberFormat !== undefined) cell.numberFormat = above.numberFormat;
            if (above.fill !== undefined) cell.fill = above.fill;
            if (above.wrapText !== undefined) cell.wrapText = above.wrapText;
          }),
        );
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
    const bad = badDefinedName(n);
    if (bad) this.x.fail(bad);
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
    return new WorksheetProxy(this.x, this.data.sheet, this.worksheetLoaded);
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

export class TableColumnProxy extends Proxy {
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
