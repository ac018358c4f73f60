/**
 * The materialised sheet model: what a spec becomes once every block has a
 * position. Both renderers (Office.js for the live workbook, ExcelJS for
 * shareable files) and the in-memory preview workbook consume exactly this,
 * so each sheet is described once, in src/sheets/specs/.
 *
 * Addresses are A1 strings local to the sheet ("B4", "A6:H20").
 */

export type Scalar = string | number | boolean | null;

/** A formula plus its cached result (shown where no calculation engine runs, and stored in .xlsx files). */
export interface FormulaCell {
  formula: string; // English, A1 style, leading "="
  value?: Scalar;
}

export type CellInput = Scalar | FormulaCell;

export const isFormulaCell = (v: unknown): v is FormulaCell =>
  typeof v === "object" && v !== null && typeof (v as FormulaCell).formula === "string";

/** Named visual roles; renderers map them to fonts and fills. */
export type CellStyle =
  | "title"
  | "subtitle"
  | "help"
  | "heading"
  | "label"
  | "input"
  | "computed"
  | "source"
  | "headline"
  | "status"
  | "body";

export interface CellModel {
  address: string;
  value: CellInput;
  style?: CellStyle;
  format?: string;
  /** Merge this cell across a range starting at `address`, e.g. "A2:H2". */
  merge?: string;
  /** Text is literal: never interpreted as a formula even if it starts with "=", "+", "-" or "@". */
  literal?: boolean;
}

export type ValidationRule =
  | { kind: "list"; values: string[] }
  | { kind: "listRef"; source: string } // e.g. "=HP_HarmLabels"
  | { kind: "whole" | "decimal"; min?: number; max?: number }
  | { kind: "date" };

export interface TableColumnModel {
  key: string; // stable id; "update" matches on header text, then key
  header: string;
  help: string;
  computed: boolean;
  format?: string;
  validation?: ValidationRule;
  wrap?: boolean;
}

export interface TableModel {
  name: string; // Excel table name, unique in the workbook, e.g. "HP_HarmMatrix"
  topLeft: string; // address of the header row's first cell
  columns: TableColumnModel[];
  rows: CellInput[][]; // data rows aligned with columns
  style: string; // e.g. "TableStyleMedium2"
}

export interface NamedRangeModel {
  name: string; // workbook-scoped, e.g. "HP_TargetAreas"
  ref: string; // on this sheet, e.g. "B8" or "A20:B40"
  comment?: string;
}

export interface ValidationModel {
  range: string;
  rule: ValidationRule;
  prompt?: string;
}

/** A fill and font colour for cells whose value equals `equals` (a status word, say). */
export interface ValueFill {
  equals: string;
  fill: string;
  font: string;
}

export type ConditionalFormatModel =
  | {
      range: string;
      kind: "colorScale3";
      colours: [string, string, string]; // low, mid, high
    }
  | { range: string; kind: "valueFills"; fills: ValueFill[] };

/** How one series of a line chart is drawn: areas stack (a band is a hidden base plus its width). */
export type ChartSeriesKind = "line" | "area" | "column";

export interface ChartSeriesModel {
  name: string;
  /** The values, a one-column range on the chart's sheet, e.g. "F10:F33". */
  values: string;
  kind: ChartSeriesKind;
  /** "#RRGGBB"; "none" draws nothing (the hidden base under a band). */
  colour: string;
  dash?: boolean;
  marker?: boolean;
  /** Left out of the legend (e.g. the band's hidden base). */
  noLegend?: boolean;
}

export interface ChartModel {
  title: string;
  type: "columnClustered" | "line";
  /** Column charts: the header row and the category column included. Line charts: the box around the series. */
  dataRange: string;
  seriesBy: "columns" | "rows";
  anchor: { from: string; to: string };
  /** Line charts only: the category range (e.g. months) and the series one by one. */
  categories?: string;
  series?: ChartSeriesModel[];
  /** Number format of the categories, e.g. "mmm yy" for months. */
  categoryFormat?: string;
  valueAxisTitle?: string;
  /** Points for axis labels and the legend (the title is 4 points larger); default the application's. */
  fontSize?: number;
}

export interface PrintModel {
  area: string;
  orientation: "landscape" | "portrait";
  fitToPagesWide: number;
  fitToPagesTall: number;
  /**
   * A fixed print scale in per cent, used instead of fitting when set (the
   * fit counts are then only the expected pages across and down).
   */
  scale?: number;
  /** A3 when the sheet is too wide to print legibly on A4 (which is the default). */
  paper?: "A3";
  /** Rows repeated at the top of every printed page (0-based, inclusive): the main table's header. */
  titleRows?: { first: number; last: number };
  /** Columns repeated at the left of every page, when the sheet prints across several pages. */
  titleColumns?: { first: number; last: number };
}

export interface SheetModel {
  key: string; // stable id, e.g. "harm-matrix"
  name: string; // tab name shown to users, e.g. "Harm Matrix"
  tabColour: string; // "#RRGGBB"
  columnWidths: number[]; // in characters; index 0 is column A
  cells: CellModel[]; // everything outside tables
  tables: TableModel[];
  names: NamedRangeModel[];
  validations: ValidationModel[]; // outside tables
  conditionalFormats: ConditionalFormatModel[];
  freeze?: { rows: number; columns?: number };
  charts: ChartModel[];
  print?: PrintModel;
}
