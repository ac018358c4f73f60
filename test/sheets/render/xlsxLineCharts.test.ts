/**
 * The Monitoring sheet's line charts in the .xlsx: well-formed DrawingML
 * whose plot area combines a stacked area band (hidden base plus range), a
 * column marking the start and lines, on one pair of axes; each series
 * points at its Monitoring column with the model's cached values (gaps for
 * months without data); the band's base is out of the legend. Elements in
 * ECMA-376 order, so Excel opens the file without offering a repair.
 */
import { strFromU8, unzipSync } from "fflate";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { blankOperation, type Operation } from "../../../src/core/operation";
import { buildWorkbook } from "../../../src/sheets/build";
import { isFormulaCell, type SheetModel } from "../../../src/sheets/model";
import { absoluteRange, parseRange } from "../../../src/sheets/a1";
import { writeWorkbookXlsx } from "../../../src/sheets/render/xlsx";
import { lineChartXml } from "../../../src/sheets/render/xlsxLineCharts";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false });
const ordered = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", preserveOrder: true });
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
type Node = Record<string, unknown>;

const OP: Operation = {
  ...blankOperation(),
  name: "Lines",
  targetAreas: ["T1"],
  bufferAreas: ["B1"],
  controlAreas: ["C1"],
  before: { start: "2024-01-01", end: "2024-06-30" },
  after: { start: "2024-07-01", end: "2024-12-31" },
};
const MONTHS = Array.from({ length: 12 }, (_, i) => ({
  month: `2024-${String(i + 1).padStart(2, "0")}`,
  target: i === 9 ? null : 20 + ((i * 7) % 9),
  buffer: i === 9 ? null : 10,
  control: i === 9 ? null : 300 + i,
}));

/** The cached points of a series' values. */
const cachePoints = (ser: Node): Node[] =>
  asArray((((ser["c:val"] as Node)["c:numRef"] as Node)["c:numCache"] as Node)["c:pt"] as Node | Node[]);

/** Child element names of an element in document order (preserveOrder parse). */
function childNames(xml: string, path: string[]): string[] {
  let nodes = ordered.parse(xml) as Node[];
  for (const name of path) {
    const hit = nodes.find((n) => name in n);
    if (!hit) throw new Error(`no ${name}`);
    nodes = hit[name] as Node[];
  }
  return nodes.map((n) => Object.keys(n).find((k) => k !== ":@")!);
}

describe("line charts in the .xlsx", () => {
  let monitoring: SheetModel;
  let charts: string[];

  beforeAll(async () => {
    const sheets = buildWorkbook({ operation: OP, monitoring: MONTHS, include: ["operation", "monitoring"] });
    monitoring = sheets.find((s) => s.key === "monitoring")!;
    const files = unzipSync(await writeWorkbookXlsx(sheets));
    charts = Object.keys(files)
      .filter((k) => /^xl\/charts\/chart\d+\.xml$/.test(k))
      .sort()
      .map((k) => strFromU8(files[k]));
  });

  it("writes both Monitoring charts as well-formed chart parts", () => {
    expect(charts).toHaveLength(2);
    for (const c of charts) expect(XMLValidator.validate(c)).toBe(true);
    const title = (xml: string) =>
      parser.parse(xml)["c:chartSpace"]["c:chart"]["c:title"]["c:tx"]["c:rich"]["a:p"]["a:r"]["a:t"];
    expect(charts.map(title)).toEqual(monitoring.charts.map((c) => c.title));
  });

  it("combines a stacked area band, a start column and a line on one pair of axes, in schema order", () => {
    const plot = parser.parse(charts[0])["c:chartSpace"]["c:chart"]["c:plotArea"];
    expect(childNames(charts[0], ["c:chartSpace", "c:chart", "c:plotArea"])).toEqual([
      "c:layout",
      "c:areaChart",
      "c:barChart",
      "c:lineChart",
      "c:catAx",
      "c:valAx",
    ]);
    expect(plot["c:areaChart"]["c:grouping"]["@val"]).toBe("stacked");
    expect(asArray(plot["c:areaChart"]["c:ser"])).toHaveLength(2);
    const axes = [plot["c:catAx"]["c:axId"]["@val"], plot["c:valAx"]["c:axId"]["@val"]];
    for (const g of ["c:areaChart", "c:barChart", "c:lineChart"])
      expect(asArray(plot[g]["c:axId"]).map((a: Node) => a["@val"])).toEqual(axes);
    expect(plot["c:catAx"]["c:numFmt"]["@formatCode"]).toBe("mmm yy");
    expect(plot["c:valAx"]["c:title"]).toBeDefined();
    // CT_LineSer and CT_AreaSer child order.
    expect(childNames(charts[0], ["c:chartSpace", "c:chart", "c:plotArea", "c:lineChart", "c:ser"])).toEqual([
      "c:idx",
      "c:order",
      "c:tx",
      "c:spPr",
      "c:marker",
      "c:cat",
      "c:val",
      "c:smooth",
    ]);
    expect(childNames(charts[0], ["c:chartSpace", "c:chart", "c:plotArea", "c:areaChart", "c:ser"])).toEqual([
      "c:idx",
      "c:order",
      "c:tx",
      "c:spPr",
      "c:cat",
      "c:val",
    ]);
  });

  it("points each series at its column with the cached values, leaving gaps where there is no data", () => {
    const model = monitoring.charts[0];
    const plot = parser.parse(charts[0])["c:chartSpace"]["c:chart"]["c:plotArea"];
    const sers = [
      ...asArray(plot["c:areaChart"]["c:ser"]),
      ...asArray(plot["c:barChart"]["c:ser"]),
      ...asArray(plot["c:lineChart"]["c:ser"]),
    ] as Node[];
    const ref = (range: string) => `'Monitoring'!${absoluteRange(parseRange(range))}`;
    // Grouped by kind (areas, columns, lines), each group in the model's order.
    const grouped = ["area", "column", "line"].flatMap((k) => model.series!.filter((x) => x.kind === k));
    expect(sers.map((s) => (s["c:val"] as Node)["c:numRef"])).toEqual(
      grouped.map((x) => expect.objectContaining({ "c:f": ref(x.values) })),
    );
    const target = sers.find((s) => (s["c:tx"] as Node)["c:v"] === "Target")!;
    const points = cachePoints(target);
    expect(points.map((p) => Number(p["@idx"]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11]);
    expect(points.map((p) => Number(p["c:v"]))).toEqual(
      MONTHS.filter((m) => m.target !== null).map((m) => m.target),
    );
    const cat = ((target["c:cat"] as Node)["c:numRef"] as Node)["c:f"];
    expect(cat).toBe(ref(model.categories!));
  });

  it("keeps the band's hidden base out of the legend and draws it with no fill", () => {
    const chart = parser.parse(charts[0])["c:chartSpace"]["c:chart"];
    expect(chart["c:legend"]["c:legendEntry"]).toEqual({
      "c:idx": { "@val": "0" },
      "c:delete": { "@val": "1" },
    });
    const base = asArray(chart["c:plotArea"]["c:areaChart"]["c:ser"])[0] as Node;
    expect((base["c:spPr"] as Node)["a:noFill"]).toBeDefined();
  });

  it("draws the net effect's interval dashed and leaves #N/A months out of its cache", () => {
    const net = monitoring.charts[1];
    const plot = parser.parse(charts[1])["c:chartSpace"]["c:chart"]["c:plotArea"];
    const sers = asArray(plot["c:lineChart"]["c:ser"]) as Node[];
    expect(sers.map((s) => (s["c:tx"] as Node)["c:v"])).toEqual(net.series!.map((x) => x.name));
    const dashed = sers.map((s) => ((s["c:spPr"] as Node)["a:ln"] as Node)["a:prstDash"] !== undefined);
    expect(dashed).toEqual([false, true, true]);
    // October (no data) is #N/A on the sheet: no point in the cache, a gap in the line.
    const cached = (i: number) => {
      const t = monitoring.tables[0];
      const v = t.rows[i][t.columns.findIndex((c) => c.key === "net")];
      return isFormulaCell(v) ? v.value : v;
    };
    expect(cached(9)).toBe("#N/A");
    const pts = cachePoints(sers[0]);
    expect(pts.map((p) => Number(p["@idx"]))).toEqual([0, 1, 2, 4, 5]);
  });

  it("refuses a line chart without series", () => {
    expect(() => lineChartXml(monitoring, { ...monitoring.charts[0], series: [] })).toThrow(/has no series/);
  });
});
