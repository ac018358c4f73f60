/**
 * Adds native charts to an .xlsx written by ExcelJS, which cannot write them.
 * Node side only (used by the ExcelJS renderer).
 *
 * For each sheet with charts it adds one DrawingML drawing part holding a
 * clustered column chart, or a line chart (xlsxLineCharts.ts), per
 * ChartModel, wires the relationships and content types, and inserts
 * <drawing> into the worksheet where the schema puts it
 * (ECMA-376 CT_Worksheet order: Excel offers to "repair" a file otherwise).
 * Series caches are filled from the model so viewers that do not recalculate
 * still draw the bars.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { ChartModel, SheetModel } from "../model";
import { absoluteRange, parseCell, parseRange, quoteSheet, type RangeRef } from "../a1";
import { escapeXml } from "./xmlText";
import {
  NS_A,
  NS_C,
  NS_REL,
  XML_DECL,
  cellValues,
  cellsOf,
  chartFrame,
  numRef,
  strRef,
} from "./chartXmlParts";
import { lineChartXml } from "./xlsxLineCharts";

// XML namespace names required by the Office Open XML format (ECMA-376): identifiers, never fetched.
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const REL_DRAWING = `${NS_REL}/drawing`;
const REL_CHART = `${NS_REL}/chart`;
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/** Series fills: colour-blind-safe, distinct in greyscale print. */
const PALETTE = ["1F4E79", "ED7D31", "70AD47", "7F7F7F", "5B9BD5", "FFC000"];

/** CT_Worksheet children that must come after <drawing>. */
const AFTER_DRAWING = new Set([
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
]);

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");

/** Attributes of every `<tag …>` element (no prefix handling needed for the parts we read). */
function elements(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of xml.matchAll(new RegExp(`<${tag}\\b([^>]*?)/?>`, "g"))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attrs[a[1]] = unescapeXml(a[2] ?? a[3]);
    out.push(attrs);
  }
  return out;
}

/** Resolves a relationship target against the folder of the part that owns it. */
function resolveTarget(ownerPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ownerPart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

const relsPathOf = (part: string): string => {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
};

/** Sheet name → worksheet part path, via workbook.xml and its relationships. */
export function worksheetParts(files: Record<string, Uint8Array>): Map<string, string> {
  const wbPart = "xl/workbook.xml";
  const wb = strFromU8(files[wbPart]);
  const rels = elements(strFromU8(files[relsPathOf(wbPart)]), "Relationship");
  const byId = new Map(rels.map((r) => [r.Id, resolveTarget(wbPart, r.Target)]));
  const out = new Map<string, string>();
  for (const s of elements(wb, "sheet")) {
    const part = byId.get(s["r:id"]);
    if (part) out.set(s.name, part);
  }
  return out;
}

/** Adds a relationship to a .rels part (created if missing); returns its fresh Id. */
function addRelationship(
  files: Record<string, Uint8Array>,
  relsPath: string,
  type: string,
  target: string,
): string {
  const existing = files[relsPath] ? strFromU8(files[relsPath]) : undefined;
  const ids = new Set(existing ? elements(existing, "Relationship").map((r) => r.Id) : []);
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
  files[relsPath] = strToU8(
    existing
      ? existing.replace(/<\/Relationships>\s*$/, `${rel}</Relationships>`)
      : `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">${rel}</Relationships>`,
  );
  return id;
}

function addOverride(files: Record<string, Uint8Array>, part: string, contentType: string): void {
  const ct = strFromU8(files["[Content_Types].xml"]);
  if (elements(ct, "Override").some((o) => o.PartName === `/${part}`)) return;
  files["[Content_Types].xml"] = strToU8(
    ct.replace(/<\/Types>\s*$/, `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`),
  );
}

/** Offset of each direct child of the root element: [local name, start offset]. */
function topLevelChildren(xml: string): { name: string; start: number }[] {
  const out: { name: string; start: number }[] = [];
  let depth = 0;
  const tag = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([\w:.-]+)[^>]*?(\/?)>/g;
  for (const m of xml.matchAll(tag)) {
    if (m[2] === undefined) continue; // comment, declaration or CDATA
    const local = m[2].includes(":") ? m[2].split(":")[1] : m[2];
    if (m[1]) depth--;
    else {
      if (depth === 1) out.push({ name: local, start: m.index });
      if (!m[3]) depth++;
    }
  }
  return out;
}

/** Inserts `<drawing r:id>` before the first child that the schema puts after it. */
export function insertDrawingElement(sheetXml: string, rId: string): string {
  const rootNs = /<(?:\w+:)?worksheet\b[^>]*>/.exec(sheetXml)?.[0] ?? "";
  const nsAttr = rootNs.includes(`xmlns:r="${NS_REL}"`) ? "" : ` xmlns:r="${NS_REL}"`;
  const el = `<drawing${nsAttr} r:id="${rId}"/>`;
  const next = topLevelChildren(sheetXml).find((c) => AFTER_DRAWING.has(c.name));
  if (next) return sheetXml.slice(0, next.start) + el + sheetXml.slice(next.start);
  const end = sheetXml.lastIndexOf("</");
  return sheetXml.slice(0, end) + el + sheetXml.slice(end);
}

export interface SeriesRefs {
  name: RangeRef;
  categories: RangeRef;
  values: RangeRef;
}

/** Splits a chart's data range (header row + category column) into series. */
export function seriesOf(chart: ChartModel): SeriesRefs[] {
  const r = parseRange(chart.dataRange);
  const out: SeriesRefs[] = [];
  if (chart.seriesBy === "columns") {
    const categories = { top: r.top + 1, bottom: r.bottom, left: r.left, right: r.left };
    for (let c = r.left + 1; c <= r.right; c++)
      out.push({
        name: { top: r.top, bottom: r.top, left: c, right: c },
        categories,
        values: { top: r.top + 1, bottom: r.bottom, left: c, right: c },
      });
  } else {
    const categories = { top: r.top, bottom: r.top, left: r.left + 1, right: r.right };
    for (let row = r.top + 1; row <= r.bottom; row++)
      out.push({
        name: { top: row, bottom: row, left: r.left, right: r.left },
        categories,
        values: { top: row, bottom: row, left: r.left + 1, right: r.right },
      });
  }
  return out;
}

/** The chart part (c:chartSpace) for one clustered column chart. Child order follows ECMA-376. */
export function chartXml(sheet: SheetModel, chart: ChartModel): string {
  const values = cellValues(sheet, parseRange(chart.dataRange));
  const ref = (r: RangeRef) => `${quoteSheet(sheet.name)}!${absoluteRange(r)}`;
  const at = (r: RangeRef) => cellsOf(r).map((a) => values.get(a));
  const sers = seriesOf(chart)
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx>${strRef(ref(s.name), at(s.name))}</c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${PALETTE[i % PALETTE.length]}"/></a:solidFill></c:spPr>` +
        `<c:invertIfNegative val="0"/>` +
        `<c:cat>${strRef(ref(s.categories), at(s.categories))}</c:cat>` +
        `<c:val>${numRef(ref(s.values), at(s.values))}</c:val>` +
        `</c:ser>`,
    )
    .join("");
  const catAx = 500000001;
  const valAx = 500000002;
  const plotArea =
    `<c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${sers}` +
    `<c:gapWidth val="150"/><c:axId val="${catAx}"/><c:axId val="${valAx}"/></c:barChart>` +
    `<c:catAx><c:axId val="${catAx}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${valAx}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    `<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${valAx}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${catAx}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea>`;
  return chartFrame(
    chart.title,
    plotArea,
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>`,
    chart.fontSize,
  );
}

/** One xdr:twoCellAnchor; the `to` cell is inclusive, so the frame ends at its far corner. */
function anchorXml(chart: ChartModel, rId: string, shapeId: number): string {
  const from = parseCell(chart.anchor.from);
  const to = parseCell(chart.anchor.to);
  const marker = (tag: string, row: number, col: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const title = escapeXml(chart.title);
  return (
    `<xdr:twoCellAnchor editAs="oneCell">` +
    marker("from", from.row, from.col) +
    marker("to", to.row + 1, to.col + 1) +
    `<xdr:graphicFrame macro="">` +
    `<xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="Chart ${shapeId - 1}" descr="${title}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_REL}" r:id="${rId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

function nextIndex(files: Record<string, Uint8Array>, re: RegExp): number {
  let max = 0;
  for (const k of Object.keys(files)) {
    const m = re.exec(k);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/**
 * Returns the .xlsx with every SheetModel chart added as a native chart.
 * A file with no charts to add comes back unchanged.
 */
export function addCharts(xlsx: Uint8Array, sheets: SheetModel[]): Uint8Array {
  if (!sheets.some((s) => s.charts.length > 0)) return xlsx;
  const files = unzipSync(xlsx);
  const parts = worksheetParts(files);
  addChartsToParts(files, sheets, (name) => {
    const p = parts.get(name);
    if (!p || !files[p]) throw new Error(`No worksheet part for sheet "${name}"`);
    return p;
  });
  return zipSync(files);
}

/** addCharts on an unzipped file; `partOf` maps a sheet name to its worksheet part. */
export function addChartsToParts(
  files: Record<string, Uint8Array>,
  sheets: SheetModel[],
  partOf: (sheet: string) => string,
): void {
  for (const sheet of sheets.filter((s) => s.charts.length > 0)) {
    const sheetPart = partOf(sheet.name);
    let sheetXml = strFromU8(files[sheetPart]);
    if (/<(?:\w+:)?drawing\b/.test(sheetXml))
      throw new Error(`Sheet "${sheet.name}" already has a drawing; charts cannot be merged into it`);

    const d = nextIndex(files, /^xl\/drawings\/drawing(\d+)\.xml$/);
    const drawingPart = `xl/drawings/drawing${d}.xml`;
    const anchors = sheet.charts.map((chart, i) => {
      const n = nextIndex(files, /^xl\/charts\/chart(\d+)\.xml$/);
      const chartPart = `xl/charts/chart${n}.xml`;
      files[chartPart] = strToU8(chart.type === "line" ? lineChartXml(sheet, chart) : chartXml(sheet, chart));
      addOverride(files, chartPart, CT_CHART);
      const rId = addRelationship(files, relsPathOf(drawingPart), REL_CHART, `../charts/chart${n}.xml`);
      return anchorXml(chart, rId, i + 2);
    });
    files[drawingPart] = strToU8(
      `${XML_DECL}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors.join("")}</xdr:wsDr>`,
    );
    addOverride(files, drawingPart, CT_DRAWING);

    const sheetRels = relsPathOf(sheetPart);
    const rId = addRelationship(files, sheetRels, REL_DRAWING, `../drawings/drawing${d}.xml`);
    sheetXml = insertDrawingElement(sheetXml, rId);
    files[sheetPart] = strToU8(sheetXml);
  }
}
