/** Data model and helpers of the fake Excel (see ../fakeExcel.ts). */
import {
  cellAddress,
  colIndex,
  parseCell,
  rangeAddress,
  splitSheetRef,
  type RangeRef,
} from "../../../src/sheets/a1";

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
  /** Cell-value rules: the format and the rule set on them. */
  format?: { fill: { color: string }; font: { color: string; bold: boolean } };
  rule?: any;
}

export interface FakeChart {
  type: string;
  fontSize?: number;
  titleSize?: number;
  source: string;
  seriesBy: string;
  title: string;
  name: string;
  from?: string;
  to?: string;
  /** Only once a series is touched (line charts), so column charts compare as before. */
  series?: FakeSeries[];
  categoryFormat?: string;
  valueTitle?: string;
}

export interface FakeSeries {
  name: string;
  values: string;
  categories?: string;
  chartType?: string;
  fill?: string;
  line?: string;
  lineStyle?: string;
  markerStyle?: string;
  gapWidth?: number;
  inLegend?: boolean;
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

export const MAX_ROW = 1048575;
export const MAX_COL = 16383;
export const key = (r: number, c: number) => `${r},${c}`;
export const lc = (s: string) => s.toLowerCase();

export function parseAddress(address: string): RangeRef {
  const local = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  let m = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(local);
  if (m) return { top: 0, bottom: MAX_ROW, left: colIndex(m[1]), right: colIndex(m[2]) };
  m = /^(\d+):(\d+)$/.exec(local);
  if (m) return { top: Number(m[1]) - 1, bottom: Number(m[2]) - 1, left: 0, right: MAX_COL };
  return splitSheetRef(local).range;
}

export function parseProps(props: unknown): string[] {
  if (props === undefined) return ["*"];
  if (typeof props === "string") return props.split(",").map((p) => p.trim().replace(/^items\//, ""));
  if (Array.isArray(props)) return props.map((p) => String(p).replace(/^items\//, ""));
  if (typeof props === "object" && props !== null) return Object.keys(props);
  return ["*"];
}

export { cellAddress, colIndex, parseCell, rangeAddress, splitSheetRef };
export type { RangeRef };

/** Excel's refusal of a sheet name, worded as Excel words it (written here apart from src/sheets/plan/limits.ts). */
export function badSheetName(n: string): string | undefined {
  if (n.trim() === "") return `InvalidArgument: The sheet name cannot be blank.`;
  if (n.length > 31) return `InvalidArgument: The sheet name "${n}" is longer than 31 characters.`;
  for (const ch of ["[", "]", ":", "*", "?", "/", "\\"])
    if (n.includes(ch)) return `InvalidArgument: The sheet name "${n}" contains the character ${ch}.`;
  if (n[0] === "'" || n[n.length - 1] === "'")
    return `InvalidArgument: The sheet name "${n}" begins or ends with an apostrophe.`;
  return undefined;
}

/** Excel's refusal of a table or workbook name: the rules of Excel's Name Manager, as Excel words it. */
export function badDefinedName(n: string): string | undefined {
  const bad = `InvalidArgument: The name "${n}" is not valid.`;
  if (n.length < 1 || n.length > 255) return bad;
  const first = n[0];
  if (!(/[A-Za-z]/.test(first) || first === "_" || first === "\\")) return bad;
  for (const ch of n) if (!/[A-Za-z0-9_.\\]/.test(ch)) return bad;
  const upper = n.toUpperCase();
  // A cell reference in A1 style (up to XFD1048576) or R1C1 style, or the letters R and C alone.
  const a1 = /^([A-Z]{1,3})(\d{1,7})$/.exec(upper);
  if (a1 && colIndex(a1[1]) <= MAX_COL && Number(a1[2]) >= 1 && Number(a1[2]) <= MAX_ROW + 1) return bad;
  if (/^R\d*C\d*$/.test(upper) || upper === "R" || upper === "C") return bad;
  return undefined;
}

export const MAX_CELL_CHARS = 32767;
/** Excel specifications and limits: a formula's contents, 8,192 characters. */
export const MAX_FORMULA_CHARS = 8192;
/** Excel on the web refuses a request (everything queued before one sync) over 5 MB. */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
