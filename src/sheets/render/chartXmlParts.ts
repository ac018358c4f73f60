/**
 * Pieces of DrawingML chart parts shared by the column chart (xlsxCharts.ts)
 * and the line charts (xlsxLineCharts.ts): namespaces, the model's cached
 * values by address, and series references with their caches.
 */
import { isFormulaCell, type CellInput, type Scalar, type SheetModel } from "../model";
import { cellAddress, parseCell, type RangeRef } from "../a1";
import { escapeText } from "./xmlText";

// XML namespace names required by the Office Open XML format (ECMA-376): identifiers, never fetched.
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
export const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Model cells (plain cells and table headers/rows) by A1 address, as cached values. */
export function cellValues(sheet: SheetModel, within: RangeRef): Map<string, Scalar> {
  const map = new Map<string, Scalar>();
  const cached = (v: CellInput): Scalar => (isFormulaCell(v) ? (v.value ?? null) : v);
  for (const c of sheet.cells) map.set(c.address.replace(/\$/g, "").toUpperCase(), cached(c.value));
  for (const t of sheet.tables) {
    const tl = parseCell(t.topLeft);
    t.columns.forEach((c, j) => map.set(cellAddress(tl.row, tl.col + j), c.header));
    // Only the rows the chart reads: a table can have tens of thousands.
    const first = Math.max(0, within.top - tl.row - 1);
    const last = Math.min(t.rows.length - 1, within.bottom - tl.row - 1);
    for (let i = first; i <= last; i++)
      t.rows[i].forEach((v, j) => map.set(cellAddress(tl.row + 1 + i, tl.col + j), cached(v)));
  }
  return map;
}

export function cellsOf(r: RangeRef): string[] {
  const out: string[] = [];
  for (let row = r.top; row <= r.bottom; row++)
    for (let col = r.left; col <= r.right; col++) out.push(cellAddress(row, col));
  return out;
}

const text = (v: Scalar | undefined): string =>
  v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);

export function strRef(f: string, values: (Scalar | undefined)[]): string {
  const pts = values
    .map((v, i) => (text(v) === "" ? "" : `<c:pt idx="${i}"><c:v>${escapeText(text(v))}</c:v></c:pt>`))
    .join("");
  return `<c:strRef><c:f>${escapeText(f)}</c:f><c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef>`;
}

/** A number reference with its cache; text and blanks are left out of the cache (a gap). */
export function numRef(f: string, values: (Scalar | undefined)[], formatCode = "General"): string {
  const pts = values
    .map((v, i) =>
      typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "",
    )
    .join("");
  return `<c:numRef><c:f>${escapeText(f)}</c:f><c:numCache><c:formatCode>${escapeText(formatCode)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`;
}

export const richText = (s: string, size: number, bold: boolean): string =>
  `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-GB" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeText(s)}</a:t></a:r></a:p></c:rich></c:tx>`;

/**
 * The chart's title, plot-area border and white background, shared by every chart kind. `fontSize`
 * (points) sets the chart's default text (axis labels, legend) and a title 4 points larger.
 */
export const chartFrame = (title: string, plotArea: string, legend: string, fontSize?: number): string =>
  XML_DECL +
  `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_REL}">` +
  `<c:date1904 val="0"/><c:lang val="en-GB"/><c:roundedCorners val="0"/>` +
  `<c:chart>` +
  `<c:title>${richText(title, fontSize ? (fontSize + 4) * 100 : 1400, true)}<c:overlay val="0"/></c:title>` +
  `<c:autoTitleDeleted val="0"/>` +
  plotArea +
  legend +
  `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
  `</c:chart>` +
  `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr>` +
  (fontSize
    ? `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${fontSize * 100}"/></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>`
    : "") +
  `</c:chartSpace>`;
