/** Workbook, worksheet collection and worksheet proxies. */
import type { FakeExcel } from "./excel";
import { CollectionProxy, Proxy, nullObject } from "./proxy";
import { NameCollectionProxy } from "./names";
import { TableCollectionProxy } from "./tables";
import { RangeProxy } from "./range";
import {
  MAX_COL,
  MAX_ROW,
  badSheetName,
  parseAddress,
  rangeAddress,
  type FakeChart,
  type FakeSeries,
  type FakeSheetData,
  type RangeRef,
} from "./types";

/** A chart's series, made on first touch from the range the chart was added with (line charts). */
const chartSeries = (chart: FakeChart): FakeSeries[] =>
  (chart.series ??= [{ name: "", values: chart.source }]);

/** The ChartSeries members the line-chart writer sets, recorded on `s`. */
function seriesProxy(s: FakeSeries) {
  return {
    set name(n: string) {
      s.name = n;
    },
    set chartType(t: string) {
      s.chartType = t;
    },
    set markerStyle(m: string) {
      s.markerStyle = m;
    },
    set gapWidth(g: number) {
      s.gapWidth = g;
    },
    setValues: (r: RangeProxy) => {
      s.values = rangeAddress(r.ref);
    },
    setXAxisValues: (r: RangeProxy) => {
      s.categories = rangeAddress(r.ref);
    },
    format: {
      fill: {
        setSolidColor: (c: string) => {
          s.fill = c;
        },
        clear: () => {
          s.fill = "none";
        },
      },
      line: {
        set color(c: string) {
          s.line = c;
        },
        set lineStyle(l: string) {
          s.lineStyle = l;
        },
      },
    },
  };
}

export class WorkbookProxy extends Proxy {
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

export class WorksheetCollectionProxy extends CollectionProxy<WorksheetProxy> {
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
    const bad = badSheetName(n);
    if (bad) this.x.fail(bad);
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

export class WorksheetProxy extends Proxy {
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
            format: {
              font: {
                set size(n: number) {
                  chart.titleSize = n;
                },
              },
            },
          },
          format: {
            font: {
              set size(n: number) {
                chart.fontSize = n;
              },
            },
          },
          set name(n: string) {
            chart.name = n;
          },
          setPosition: (from: string | RangeProxy, to?: string | RangeProxy) => {
            chart.from = typeof from === "string" ? from : rangeAddress(from.ref);
            chart.to = to === undefined ? undefined : typeof to === "string" ? to : rangeAddress(to.ref);
          },
          axes: {
            categoryAxis: {
              title: {},
              set numberFormat(f: string) {
                chart.categoryFormat = f;
              },
            },
            valueAxis: {
              title: {
                set text(t: string) {
                  chart.valueTitle = t;
                },
              },
            },
          },
          series: {
            getItemAt: (i: number) => {
              const found = chartSeries(chart)[i];
              if (!found) x.fail(`ItemNotFound: the chart has no series ${i}`);
              return seriesProxy(found ?? { name: "", values: "" });
            },
            add: (name = "") => {
              const s: FakeSeries = { name, values: "" };
              chartSeries(chart).push(s);
              return seriesProxy(s);
            },
          },
          legend: {
            legendEntries: {
              getItemAt: (i: number) => ({
                set visible(v: boolean) {
                  chartSeries(chart)[i].inLegend = v;
                },
              }),
            },
          },
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
    const titles = (key: "titleRows" | "titleColumns", call: string, r: RangeProxy | string) => {
      layout[key] = typeof r === "string" ? r : rangeAddress(r.ref);
      x.log(`${d.name}.${call}(${String(layout[key])})`);
    };
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
      set paperSize(v: string) {
        layout.paperSize = v;
      }
      set printOrder(v: string) {
        layout.printOrder = v;
      }
      setPrintTitleRows(r: RangeProxy | string) {
        titles("titleRows", "setPrintTitleRows", r);
      }
      setPrintTitleColumns(r: RangeProxy | string) {
        titles("titleColumns", "setPrintTitleColumns", r);
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
    const bad = badSheetName(n);
    if (bad) this.x.fail(bad);
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
    // As in Excel, the sheet's tables go with it and their names are free again.
    for (let i = this.x.tables.length - 1; i >= 0; i--)
      if (this.x.tables[i].sheet === this.data) this.x.tables.splice(i, 1);
  }
}
