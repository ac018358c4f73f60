import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { blankOperation } from "../../../src/core/operation";
import { buildWorkbook, SHEET_ORDER } from "../../../src/sheets/build";
import type { SheetModel } from "../../../src/sheets/model";
import { writeWorkbookXlsx } from "../../../src/sheets/render/xlsx";
import { addCharts, insertDrawingElement, seriesOf } from "../../../src/sheets/render/xlsxCharts";
import { fixtureSheets } from "./fixtures";
import { colLetters, parseCell, parseRange } from "../../../src/sheets/a1";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false });
const ordered = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", preserveOrder: true });

function parts(buf: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(buf)).map(([k, v]) => [k, strFromU8(v)]));
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** ECMA-376 Part 1, CT_Worksheet child order. */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** Names of the root element's children, in document order. */
function childOrder(xml: string): string[] {
  const doc = ordered.parse(xml) as Record<string, unknown>[];
  const root = doc.find((n) => !Object.keys(n)[0].startsWith("?"))!;
  const children = root[Object.keys(root)[0]] as Record<string, unknown>[];
  return children.map((c) => Object.keys(c).find((k) => k !== ":@")!);
}

/** The worksheet part and its rels for a sheet name, resolved the way Excel does. */
function sheetPart(files: Record<string, string>, name: string): string {
  const wb = parser.parse(files["xl/workbook.xml"]);
  const sheet = asArray(wb.workbook.sheets.sheet).find((s: Record<string, string>) => s["@name"] === name);
  const rels = parser.parse(files["xl/_rels/workbook.xml.rels"]);
  const rel = asArray(rels.Relationships.Relationship).find(
    (r: Record<string, string>) => r["@Id"] === sheet["@r:id"],
  );
  return `xl/${rel["@Target"]}`;
}

type Rel = Record<string, string>;
const relsOf = (files: Record<string, string>, relsPath: string): Rel[] =>
  asArray(parser.parse(files[relsPath]).Relationships.Relationship) as Rel[];

interface Pt {
  "@idx": string;
  "c:v": string;
}
const cache = (ref: Record<string, Record<string, unknown>>, kind: "strCache" | "numCache") => {
  const c = ref[`c:${kind}`] as { "c:ptCount": { "@val": string }; "c:pt"?: Pt | Pt[] };
  return {
    count: Number(c["c:ptCount"]["@val"]),
    points: asArray(c["c:pt"]).map((p) => [Number(p["@idx"]), p["c:v"]] as const),
  };
};

describe("addCharts on the eight built sheets", () => {
  let files: Record<string, string>;
  let summaryPart: string;
  let summary: SheetModel;

  beforeAll(async () => {
    const sheets = buildWorkbook({
      // The Monitoring sheet's line charts have their own tests (xlsxLineCharts.test.ts).
      include: SHEET_ORDER.map((s) => s.key).filter((k) => k !== "monitoring"),
      operation: { ...blankOperation(), name: "Op Test" },
      results: [
        {
          measure: "Q1",
          target: { before: 100, after: 50 },
          buffer: { before: 100, after: 150 },
          control: { before: 100, after: 100 },
        },
        { measure: "R1", target: { before: 50, after: 30 }, control: { before: 60, after: 55 } },
      ],
    });
    summary = sheets.find((s) => s.name === "Summary")!;
    expect(summary.charts).toHaveLength(1);
    files = parts(await writeWorkbookXlsx(sheets));
    summaryPart = sheetPart(files, "Summary");
  });

  it("writes well-formed chart and drawing parts with content types", () => {
    for (const p of [
      "xl/charts/chart1.xml",
      "xl/drawings/drawing1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
    ]) {
      expect(files[p]).toBeDefined();
      expect(XMLValidator.validate(files[p])).toBe(true);
    }
    expect(Object.keys(files).filter((k) => /^xl\/(charts|drawings)\/[^/]+\.xml$/.test(k))).toHaveLength(2);
    const ct = parser.parse(files["[Content_Types].xml"]);
    const overrides = Object.fromEntries(
      asArray(ct.Types.Override).map((o: Rel) => [o["@PartName"], o["@ContentType"]]),
    );
    expect(overrides["/xl/charts/chart1.xml"]).toBe(
      "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    );
    expect(overrides["/xl/drawings/drawing1.xml"]).toBe(
      "application/vnd.openxmlformats-officedocument.drawing+xml",
    );
  });

  it("links the Summary sheet to the drawing and the drawing to the chart, keeping ExcelJS's rels", () => {
    const rels = relsOf(files, summaryPart.replace("worksheets/", "worksheets/_rels/") + ".rels");
    expect(rels.map((r) => r["@Type"].split("/").pop()).sort()).toEqual(["drawing", "table"]);
    expect(new Set(rels.map((r) => r["@Id"])).size).toBe(rels.length);
    const drawingRel = rels.find((r) => r["@Type"].endsWith("/drawing"))!;
    expect(drawingRel["@Target"]).toBe("../drawings/drawing1.xml");

    const sheet = parser.parse(files[summaryPart]);
    expect(sheet.worksheet.drawing["@r:id"]).toBe(drawingRel["@Id"]);
    // Only the Summary has a chart.
    const withDrawing = Object.entries(files).filter(
      ([k, x]) => k.startsWith("xl/worksheets/sheet") && x.includes("<drawing"),
    );
    expect(withDrawing.map(([k]) => k)).toEqual([summaryPart]);

    const dRels = relsOf(files, "xl/drawings/_rels/drawing1.xml.rels");
    expect(dRels).toHaveLength(1);
    expect(dRels[0]["@Target"]).toBe("../charts/chart1.xml");
    const drawing = parser.parse(files["xl/drawings/drawing1.xml"]);
    const chartRef =
      drawing["xdr:wsDr"]["xdr:twoCellAnchor"]["xdr:graphicFrame"]["a:graphic"]["a:graphicData"]["c:chart"];
    expect(chartRef["@r:id"]).toBe(dRels[0]["@Id"]);
  });

  it("puts <drawing> where CT_Worksheet allows it, in every sheet", () => {
    const order = childOrder(files[summaryPart]);
    expect(order).toContain("drawing");
    expect(order).toContain("tableParts");
    expect(order.indexOf("drawing")).toBeGreaterThan(order.indexOf("pageSetup"));
    expect(order.indexOf("drawing")).toBeLessThan(order.indexOf("tableParts"));
    for (const [k, x] of Object.entries(files)) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(k)) continue;
      const idx = childOrder(x).map((n) => WORKSHEET_ORDER.indexOf(n));
      expect(idx).not.toContain(-1);
      expect(idx).toEqual([...idx].sort((a, b) => a - b));
    }
  });

  it("anchors the chart over its model anchor, inclusive", () => {
    const chart = summary.charts[0];
    const from = parseCell(chart.anchor.from);
    const to = parseCell(chart.anchor.to);
    const a = parser.parse(files["xl/drawings/drawing1.xml"])["xdr:wsDr"]["xdr:twoCellAnchor"];
    expect([a["xdr:from"]["xdr:col"], a["xdr:from"]["xdr:row"]]).toEqual([
      String(from.col),
      String(from.row),
    ]);
    expect([a["xdr:to"]["xdr:col"], a["xdr:to"]["xdr:row"]]).toEqual([
      String(to.col + 1),
      String(to.row + 1),
    ]);
    expect(a["xdr:graphicFrame"]["xdr:nvGraphicFramePr"]["xdr:cNvPr"]["@descr"]).toBe(chart.title);
  });

  it("is a clustered column chart whose series point at the Summary's index by area, with cached values", () => {
    const chart = summary.charts[0];
    const cs = parser.parse(files["xl/charts/chart1.xml"])["c:chartSpace"];
    const bar = cs["c:chart"]["c:plotArea"]["c:barChart"];
    expect(bar["c:barDir"]["@val"]).toBe("col");
    expect(bar["c:grouping"]["@val"]).toBe("clustered");
    // The headline measure (no row is marked Headline?, so the first: Q1).
    expect(cs["c:chart"]["c:title"]["c:tx"]["c:rich"]["a:p"]["a:r"]["a:t"]).toBe("Q1 by area (before = 100)");
    expect(cs["c:chart"]["c:legend"]).toBeDefined();

    const axIds = asArray(bar["c:axId"]).map((a: Rel) => a["@val"]);
    const plot = cs["c:chart"]["c:plotArea"];
    expect(axIds).toEqual([plot["c:catAx"]["c:axId"]["@val"], plot["c:valAx"]["c:axId"]["@val"]]);
    expect(plot["c:catAx"]["c:crossAx"]["@val"]).toBe(axIds[1]);
    expect(plot["c:valAx"]["c:crossAx"]["@val"]).toBe(axIds[0]);

    const sers = asArray(bar["c:ser"]);
    expect(sers).toHaveLength(2);
    const got = sers.map((s) => ({
      name: s["c:tx"]["c:strRef"]["c:f"],
      nameCache: cache(s["c:tx"]["c:strRef"], "strCache"),
      cat: s["c:cat"]["c:strRef"]["c:f"],
      catCache: cache(s["c:cat"]["c:strRef"], "strCache"),
      val: s["c:val"]["c:numRef"]["c:f"],
      valCache: cache(s["c:val"]["c:numRef"], "numCache"),
    }));
    // The first Results row (Q1, no "All selected crime" row): T 100→50, B 100→150, C 100→100.
    const r = parseRange(chart.dataRange);
    const abs = (row: number, col: number) => `$${colLetters(col)}$${row + 1}`;
    const cats = {
      count: 3,
      points: [
        [0, "Target"],
        [1, "Buffer"],
        [2, "Control"],
      ],
    };
    const catRef = `'Summary'!${abs(r.top + 1, r.left)}:${abs(r.top + 3, r.left)}`;
    const series = (k: number, name: string, values: string[]) => ({
      name: `'Summary'!${abs(r.top, r.left + k)}`,
      nameCache: { count: 1, points: [[0, name]] },
      cat: catRef,
      catCache: cats,
      val: `'Summary'!${abs(r.top + 1, r.left + k)}:${abs(r.top + 3, r.left + k)}`,
      valCache: { count: 3, points: values.map((v, i) => [i, v]) },
    });
    expect(got).toEqual([
      series(1, "Before = 100", ["100", "100", "100"]),
      series(2, "After", ["50", "150", "100"]),
    ]);
  });
});

describe("addCharts edge cases", () => {
  const base = (): SheetModel => ({
    key: "x",
    name: "O'Brien & Co",
    tabColour: "#000000",
    columnWidths: [],
    cells: [
      { address: "B2", value: "Area" },
      { address: "C2", value: "North" },
      { address: "D2", value: "South <1>" },
      { address: "B3", value: "Before" },
      { address: "C3", value: { formula: "=1+1", value: 2 } },
      { address: "D3", value: { formula: "=X9" } }, // no cached value: a gap, not a zero
      { address: "B4", value: "After" },
      { address: "C4", value: 3.5 },
      { address: "D4", value: 0 },
    ],
    tables: [],
    names: [],
    validations: [],
    conditionalFormats: [],
    charts: [
      {
        title: "Rows & columns",
        type: "columnClustered",
        dataRange: "B2:D4",
        seriesBy: "rows",
        anchor: { from: "F2", to: "G10" },
      },
    ],
  });

  it("splits by rows: categories from the header row, series names from the first column", () => {
    const s = seriesOf(base().charts[0]);
    expect(s).toHaveLength(2);
    expect(s[0]).toEqual({
      name: { top: 2, bottom: 2, left: 1, right: 1 },
      categories: { top: 1, bottom: 1, left: 2, right: 3 },
      values: { top: 2, bottom: 2, left: 2, right: 3 },
    });
  });

  it("quotes and escapes awkward sheet names and text, and leaves gaps for missing values", async () => {
    const buf = await writeWorkbookXlsx([base()]);
    const files = parts(buf);
    const chart = files["xl/charts/chart1.xml"];
    expect(XMLValidator.validate(chart)).toBe(true);
    const sers = asArray(parser.parse(chart)["c:chartSpace"]["c:chart"]["c:plotArea"]["c:barChart"]["c:ser"]);
    expect(sers[0]["c:tx"]["c:strRef"]["c:f"]).toBe("'O''Brien & Co'!$B$3");
    expect(sers[0]["c:cat"]["c:strRef"]["c:f"]).toBe("'O''Brien & Co'!$C$2:$D$2");
    expect(cache(sers[0]["c:cat"]["c:strRef"], "strCache").points).toEqual([
      [0, "North"],
      [1, "South <1>"],
    ]);
    expect(sers[0]["c:val"]["c:numRef"]["c:f"]).toBe("'O''Brien & Co'!$C$3:$D$3");
    expect(cache(sers[0]["c:val"]["c:numRef"], "numCache")).toEqual({ count: 2, points: [[0, "2"]] });
    expect(cache(sers[1]["c:val"]["c:numRef"], "numCache")).toEqual({
      count: 2,
      points: [
        [0, "3.5"],
        [1, "0"],
      ],
    });
    // A sheet with no other rels gets a new rels part.
    const rels = relsOf(files, "xl/worksheets/_rels/sheet1.xml.rels");
    expect(rels).toEqual([expect.objectContaining({ "@Id": "rId1", "@Target": "../drawings/drawing1.xml" })]);
    // ExcelJS still reads the file.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.getWorksheet("O'Brien & Co")!.getCell("C4").value).toBe(3.5);
  });

  it("gives each chart its own part, numbered after any already in the file", async () => {
    const s = base();
    s.charts.push({
      ...s.charts[0],
      title: "Second",
      seriesBy: "columns",
      anchor: { from: "I2", to: "J10" },
    });
    const files = parts(await writeWorkbookXlsx([s, { ...base(), key: "y", name: "Other" }]));
    expect(
      Object.keys(files)
        .filter((k) => /^xl\/charts\/chart\d+\.xml$/.test(k))
        .sort(),
    ).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"]);
    expect(files["xl/drawings/drawing2.xml"]).toBeDefined();
    const anchors = asArray(parser.parse(files["xl/drawings/drawing1.xml"])["xdr:wsDr"]["xdr:twoCellAnchor"]);
    expect(anchors).toHaveLength(2);
    const ids = anchors.map((a) => a["xdr:graphicFrame"]["xdr:nvGraphicFramePr"]["xdr:cNvPr"]["@id"]);
    expect(new Set(ids).size).toBe(2);
    expect(relsOf(files, "xl/drawings/_rels/drawing1.xml.rels").map((r) => r["@Target"])).toEqual([
      "../charts/chart1.xml",
      "../charts/chart2.xml",
    ]);
  });

  it("returns the file untouched when there are no charts", async () => {
    const sheets = fixtureSheets().map((s) => ({ ...s, charts: [] }));
    const buf = new Uint8Array(await writeWorkbookXlsx(sheets));
    expect(addCharts(buf, sheets)).toBe(buf);
    expect(Object.keys(parts(buf)).some((k) => k.includes("chart"))).toBe(false);
  });
});

describe("insertDrawingElement", () => {
  const ws = (body: string) =>
    `<?xml version="1.0"?><worksheet xmlns="m" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${body}</worksheet>`;

  it("goes before legacyDrawing, tableParts and the top-level extLst, not a nested one", () => {
    const xml = insertDrawingElement(
      ws(
        `<sheetData/><conditionalFormatting><cfRule><extLst/></cfRule></conditionalFormatting><pageSetup/><headerFooter/><legacyDrawing r:id="rId1"/><tableParts/><extLst/>`,
      ),
      "rId9",
    );
    expect(childOrder(xml)).toEqual([
      "sheetData",
      "conditionalFormatting",
      "pageSetup",
      "headerFooter",
      "drawing",
      "legacyDrawing",
      "tableParts",
      "extLst",
    ]);
    expect(xml).toContain('<drawing r:id="rId9"/>');
  });

  it("goes last when nothing follows it, and declares the r namespace if the root lacks it", () => {
    const xml = insertDrawingElement(`<worksheet xmlns="m"><sheetData/><pageMargins/></worksheet>`, "rId1");
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(childOrder(xml)).toEqual(["sheetData", "pageMargins", "drawing"]);
    expect(xml).toContain(
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"',
    );
  });
});
