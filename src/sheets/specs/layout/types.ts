/** The declarative language of sheet specs: what a spec may say, and what layout gives back. */
import type {
  CellInput,
  CellStyle,
  ChartSeriesModel,
  Scalar,
  SheetModel,
  ValidationRule,
  ValueFill,
} from "../../model";

/** Addresses of the cells of one table row, for building same-row formulas. */
export interface RowRef {
  /** 1-based sheet row. */
  row: number;
  /** Relative address of a column in this row, e.g. "F12". */
  at(key: string): string;
  /** Relative range between two columns of this row, e.g. "F12:J12". */
  span(fromKey: string, toKey: string): string;
}

export interface ColumnSpec {
  key: string;
  header: string;
  help: string;
  width: number;
  computed?: boolean;
  format?: string;
  validation?: ValidationRule;
  wrap?: boolean;
  /** Native formula of a computed column; the row's own value for the key becomes its cached result. */
  formula?: (row: RowRef, loc: Locator) => string;
  /** Workbook name to define over this column's data body (e.g. "HP_HarmLabels"). */
  name?: string;
  nameComment?: string;
}

/** One row's computed cell replaced by a stored value, where the column's formula does not apply to that row. */
export interface StoredCell {
  stored: Scalar;
}
export const isStoredCell = (v: unknown): v is StoredCell =>
  typeof v === "object" && v !== null && "stored" in v;

export type RowValues = Record<string, CellInput | StoredCell | undefined>;

export interface TableSpec {
  name: string;
  columns: ColumnSpec[];
  rows: RowValues[];
  style?: string;
  /**
   * Rows kept free below the table for rows the analyst adds. References made
   * with `{ grow: true }` reach this far, so added rows are ranked, counted
   * and listed; the layout refuses anything placed in that space.
   */
  growth?: number;
  /**
   * Same-row references as structured references ("[@[Target before]]")
   * instead of A1 addresses: every row's formula is then the same text,
   * built once per column, so a table of thousands of rows holds one string
   * per column and rows the analyst adds need no rewriting.
   */
  structuredRefs?: boolean;
}

/** Room left below a table whose added rows other formulas must see. */
export const TABLE_GROWTH = 500;

export interface CellSpec {
  value: CellInput | ((loc: Locator) => CellInput);
  style?: CellStyle;
  format?: string;
  literal?: boolean;
  /** Merge rightwards across this many columns (including this one). */
  span?: number;
  name?: string;
  nameComment?: string;
  validation?: ValidationRule;
  prompt?: string;
}

export type GridCell = CellSpec | CellInput | undefined;

export interface FieldSpec {
  label: string;
  name?: string;
  nameComment?: string;
  value: CellInput | ((loc: Locator) => CellInput);
  format?: string;
  validation?: ValidationRule;
  prompt?: string;
  literal?: boolean;
  style?: CellStyle;
}

/** A name over `rows` × `cols` cells starting at (row, col) of the block's content. */
export interface GridName {
  name: string;
  row: number;
  col?: number;
  cols: number;
  rows?: number;
  comment?: string;
}

interface BlockBase {
  id: string;
  /** Starting column (0 = A). */
  lane?: number;
  heading?: string;
  /** The heading's style (default "heading", 12 pt on a fill). */
  headingStyle?: CellStyle;
  /** Blank rows before the lane's next block or chart (default 1). */
  gapAfter?: number;
}

export type BlockSpec =
  | (BlockBase & { kind: "table"; table: TableSpec })
  | (BlockBase & { kind: "fields"; fields: FieldSpec[]; widths?: [number, number] })
  | (BlockBase & { kind: "grid"; rows: GridCell[][]; widths?: number[]; names?: GridName[] })
  | (BlockBase & { kind: "notes"; lines: string[]; width?: number; span?: number });

/** One series of a line chart: a table column (by key) or a grid column (0-based; the grid's first row is the header). */
export interface ChartSeriesSpec extends Omit<ChartSeriesModel, "values"> {
  column: string | number;
}

export interface LineChartSpec {
  /** The categories' column (months), as for a series. */
  categories: string | number;
  series: ChartSeriesSpec[];
  /** Body rows to plot (0-based, inclusive; grid rows after the header); default all. */
  rows?: { first: number; last: number };
  categoryFormat?: string;
  valueAxisTitle?: string;
}

export interface ChartSpec {
  title: string;
  /** Grid block holding the data (header row and category column included), or a table for a line chart. */
  block: string;
  seriesBy: "columns" | "rows";
  /** Size of the chart in columns and rows; it is placed under the block (or under `under`). */
  size: { cols: number; rows: number };
  /** Points for the axis labels and legend (the title is 4 points larger); default the application's. */
  fontSize?: number;
  /** How many of the block's columns, from the left, the chart plots (default: all). */
  columns?: number;
  /** A line chart drawn series by series from the block's columns (default: clustered columns). */
  line?: LineChartSpec;
  /** The block the chart sits directly under, when not its data block (e.g. beside a long table). */
  under?: string;
  /** Title of an earlier chart under the same block to sit to the right of (`gap` columns apart, default 1). */
  beside?: string;
  gap?: number;
}

export interface SheetSpec {
  key: string;
  name: string;
  tabColour: string;
  title: string;
  source: string;
  help: string[];
  blocks: BlockSpec[];
  /** Block id of the main table; its header row is frozen. */
  mainTable: string;
  /** false: nothing frozen (e.g. charts above the main table, which freezing would pin to the screen). */
  freezeHeader?: boolean;
  charts?: ChartSpec[];
  heatMaps?: { block: string; column: string; colours: [string, string, string] }[];
  /** Cells coloured by their value (a status word), in words and colour. */
  valueFills?: { range: (loc: Locator) => string; fills: ValueFill[] }[];
  /**
   * Print set-up; every sheet prints landscape, one page wide, by default.
   * `columns`: only the first this many columns print (the rest hold the figures behind charts).
   */
  print?: { orientation?: "landscape" | "portrait"; onePage?: boolean; columns?: number };
  /** Width of the title and help merges in columns (defaults to 8). */
  titleSpan?: number;
  /** Width in characters of columns no block uses, e.g. a narrow gap between lanes (default 10). */
  blankColumnWidth?: number;
}

/** Where a block ended up (0-based rows/cols). */
export interface Placement {
  top: number;
  left: number;
  /** First data row of a table block, or the first row of content after a heading. */
  bodyTop: number;
  rows: number;
  cols: number;
  columns?: string[];
  /** Rows reserved below a table for the analyst's own rows (0 for other blocks). */
  growth: number;
}

export interface ColumnRefOptions {
  /** "$F$8:$F$92" rather than "F8:F92" (default true). */
  absolute?: boolean;
  /** Reach down over the table's growth allowance too, so rows the analyst adds are included. */
  grow?: boolean;
}

export interface Locator {
  /** Placement of a block on this sheet. */
  block(id: string): Placement;
  /**
   * Address of a table column's data body, e.g. "$F$8:$F$92" (absolute) or "F8:F92";
   * `{ grow: true }` extends it over the rows reserved for the analyst's additions.
   */
  column(blockId: string, key: string, options?: boolean | ColumnRefOptions): string;
  /** Address of the n-th (0-based) content cell of a fields/grid block. */
  cell(blockId: string, row: number, col?: number, absolute?: boolean): string;
}

export interface LaidOutSheet {
  model: SheetModel;
  placements: Record<string, Placement>;
  locator: Locator;
}
