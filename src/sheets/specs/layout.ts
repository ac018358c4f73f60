/**
 * The layout helper: turns a declarative SheetSpec (title, help, blocks of
 * fields, grids, notes and tables) into a positioned SheetModel. Specs never
 * compute addresses themselves; formulas that point at other blocks receive a
 * Locator, so moving a block moves every reference with it.
 *
 * Placement: title (row 1), source (row 2), help lines, one blank row, then
 * blocks. Each block sits in a lane (a starting column); blocks in the same
 * lane stack downwards with one blank row between them.
 */
import type {
  CellInput,
  CellModel,
  CellStyle,
  ChartModel,
  ConditionalFormatModel,
  NamedRangeModel,
  Scalar,
  SheetModel,
  TableColumnModel,
  TableModel,
  ValidationModel,
  ValidationRule,
} from "../model";
import { absoluteRange, cellAddress, colLetters, rangeAddress } from "../a1";
import { estimateRowHeights } from "../cells";
import { widthCharsToPoints } from "../styles";

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
}

export type BlockSpec =
  | (BlockBase & { kind: "table"; table: TableSpec })
  | (BlockBase & { kind: "fields"; fields: FieldSpec[]; widths?: [number, number] })
  | (BlockBase & { kind: "grid"; rows: GridCell[][]; widths?: number[]; names?: GridName[] })
  | (BlockBase & { kind: "notes"; lines: string[]; width?: number; span?: number });

export interface ChartSpec {
  title: string;
  /** Grid block holding the data (header row and category column included). */
  block: string;
  seriesBy: "columns" | "rows";
  /** Size of the chart in columns and rows; it is placed under the block. */
  size: { cols: number; rows: number };
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
  charts?: ChartSpec[];
  heatMaps?: { block: string; column: string; colours: [string, string, string] }[];
  /** Print set-up; every sheet prints landscape, one page wide, by default. */
  print?: { orientation?: "landscape" | "portrait"; onePage?: boolean };
  /** Width of the title and help merges in columns (defaults to 8). */
  titleSpan?: number;
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

const isCellSpec = (v: GridCell): v is CellSpec =>
  typeof v === "object" && v !== null && "value" in (v as object) && !("formula" in (v as object));

const abs = (row: number, col: number) => `$${colLetters(col)}$${row + 1}`;

function blockSize(b: BlockSpec): { rows: number; cols: number } {
  switch (b.kind) {
    case "table":
      return { rows: 1 + Math.max(1, b.table.rows.length), cols: b.table.columns.length };
    case "fields":
      return { rows: b.fields.length, cols: 2 };
    case "grid":
      return { rows: b.rows.length, cols: Math.max(1, ...b.rows.map((r) => r.length)) };
    case "notes":
      return { rows: b.lines.length, cols: b.span ?? 1 };
  }
}

function blockWidths(b: BlockSpec): number[] {
  switch (b.kind) {
    case "table":
      return b.table.columns.map((c) => c.width);
    case "fields":
      return b.widths ?? [26, 30];
    case "grid":
      return b.widths ?? [];
    case "notes":
      return b.width ? [b.width] : [];
  }
}

export function layoutSheet(spec: SheetSpec): LaidOutSheet {
  const cells: CellModel[] = [];
  const names: NamedRangeModel[] = [];
  const validations: ValidationModel[] = [];
  const tables: TableModel[] = [];
  const widths: number[] = [];
  const titleSpan = spec.titleSpan ?? 8;
  let maxRow = 0;
  let maxCol = titleSpan - 1;

  const mergeAcross = (row: number, col: number, span: number) =>
    span > 1 ? rangeAddress({ top: row, left: col, bottom: row, right: col + span - 1 }) : undefined;

  const put = (
    row: number,
    col: number,
    value: CellInput,
    extra: Omit<CellModel, "address" | "value"> = {},
  ) => {
    const cell: CellModel = { address: cellAddress(row, col), value };
    for (const [k, v] of Object.entries(extra))
      if (v !== undefined) (cell as unknown as Record<string, unknown>)[k] = v;
    cells.push(cell);
    maxRow = Math.max(maxRow, row);
    maxCol = Math.max(maxCol, col);
  };

  put(0, 0, spec.title, { style: "title", merge: mergeAcross(0, 0, titleSpan) });
  put(1, 0, spec.source, { style: "source", merge: mergeAcross(1, 0, titleSpan) });
  spec.help.forEach((line, i) =>
    put(2 + i, 0, line, { style: "help", merge: mergeAcross(2 + i, 0, titleSpan) }),
  );
  const firstBlockRow = 2 + spec.help.length + 1;

  // Pass 1: positions.
  const placements: Record<string, Placement> = {};
  const laneNext = new Map<number, number>();
  for (const b of spec.blocks) {
    const lane = b.lane ?? 0;
    const top = laneNext.get(lane) ?? firstBlockRow;
    const headingRows = b.heading ? 1 : 0;
    const { rows, cols } = blockSize(b);
    const bodyTop = top + headingRows + (b.kind === "table" ? 1 : 0);
    placements[b.id] = {
      top,
      left: lane,
      bodyTop,
      rows: b.kind === "table" ? Math.max(1, b.table.rows.length) : rows,
      cols,
      columns: b.kind === "table" ? b.table.columns.map((c) => c.key) : undefined,
      growth: b.kind === "table" ? (b.table.growth ?? 0) : 0,
    };
    laneNext.set(lane, top + headingRows + rows + 1);
    blockWidths(b).forEach((w, i) => {
      widths[lane + i] = Math.max(widths[lane + i] ?? 0, w);
    });
  }
  // Charts go under the last block of the lane that holds their data.
  const chartTops = (spec.charts ?? []).map((c) => {
    const lane = placements[c.block].left;
    const top = laneNext.get(lane) ?? firstBlockRow;
    laneNext.set(lane, top + c.size.rows + 1);
    return top;
  });

  // Lanes are placed independently, so a block that is too wide would run into the next lane;
  // and nothing may sit in the rows a growing table keeps free for the analyst's rows.
  const boxes = [
    ...spec.blocks.map((b) => {
      const p = placements[b.id];
      const bottom = p.bodyTop + p.rows - 1 + p.growth;
      return { id: `block "${b.id}"`, top: p.top, bottom, left: p.left, right: p.left + p.cols - 1 };
    }),
    ...(spec.charts ?? []).map((c, i) => {
      const left = placements[c.block].left;
      const top = chartTops[i];
      return {
        id: `chart "${c.title}"`,
        top,
        bottom: top + c.size.rows - 1,
        left,
        right: left + c.size.cols - 1,
      };
    }),
  ];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((z) => {
      if (a.left <= z.right && z.left <= a.right && a.top <= z.bottom && z.top <= a.bottom)
        throw new Error(`Sheet ${spec.name}: ${a.id} and ${z.id} overlap`);
    }),
  );

  const locator: Locator = {
    block(id) {
      const p = placements[id];
      if (!p) throw new Error(`Unknown block "${id}" on sheet ${spec.name}`);
      return p;
    },
    column(blockId, key, options = {}) {
      const { absolute = true, grow = false } =
        typeof options === "boolean" ? { absolute: options } : options;
      const p = locator.block(blockId);
      const i = p.columns?.indexOf(key) ?? -1;
      if (i < 0) throw new Error(`Unknown column "${key}" in block "${blockId}"`);
      if (grow && p.growth <= 0) throw new Error(`Table block "${blockId}" has no growth allowance`);
      const bottom = p.bodyTop + p.rows - 1 + (grow ? p.growth : 0);
      const r = { top: p.bodyTop, left: p.left + i, bottom, right: p.left + i };
      return absolute ? absoluteRange(r) : rangeAddress(r);
    },
    cell(blockId, row, col = 0, absolute = false) {
      const p = locator.block(blockId);
      // Fields blocks keep their values in the second column.
      const c = p.left + col;
      return absolute ? abs(p.bodyTop + row, c) : cellAddress(p.bodyTop + row, c);
    },
  };
  const resolve = (v: CellInput | ((loc: Locator) => CellInput)): CellInput =>
    typeof v === "function" ? v(locator) : v;

  // Pass 2: content.
  for (const b of spec.blocks) {
    const p = placements[b.id];
    if (b.heading)
      put(p.top, p.left, b.heading, {
        style: "heading",
        merge: mergeAcross(p.top, p.left, Math.max(1, p.cols)),
      });
    switch (b.kind) {
      case "fields":
        b.fields.forEach((f, i) => {
          const row = p.bodyTop + i;
          put(row, p.left, f.label, { style: "label" });
          const value = resolve(f.value);
          put(row, p.left + 1, value, {
            style: f.style ?? "input",
            format: f.format,
            literal: f.literal || undefined,
          });
          if (f.name) names.push({ name: f.name, ref: abs(row, p.left + 1), comment: f.nameComment });
          if (f.validation)
            validations.push({ range: cellAddress(row, p.left + 1), rule: f.validation, prompt: f.prompt });
        });
        break;
      case "grid":
        b.rows.forEach((r, i) =>
          r.forEach((g, j) => {
            if (g === undefined) return;
            const row = p.bodyTop + i;
            const col = p.left + j;
            if (!isCellSpec(g)) {
              put(row, col, g);
              return;
            }
            put(row, col, resolve(g.value), {
              style: g.style,
              format: g.format,
              literal: g.literal || undefined,
              merge: mergeAcross(row, col, g.span ?? 1),
            });
            if (g.name) {
              const ref = absoluteRange({ top: row, left: col, bottom: row, right: col + (g.span ?? 1) - 1 });
              names.push({ name: g.name, ref, comment: g.nameComment });
            }
            if (g.validation)
              validations.push({ range: cellAddress(row, col), rule: g.validation, prompt: g.prompt });
          }),
        );
        for (const n of b.names ?? []) {
          const top = p.bodyTop + n.row;
          const left = p.left + (n.col ?? 0);
          names.push({
            name: n.name,
            ref: absoluteRange({ top, left, bottom: top + (n.rows ?? 1) - 1, right: left + n.cols - 1 }),
            comment: n.comment,
          });
        }
        break;
      case "notes":
        b.lines.forEach((line, i) =>
          put(p.bodyTop + i, p.left, line, {
            style: "help",
            merge: mergeAcross(p.bodyTop + i, p.left, b.span ?? 1),
          }),
        );
        break;
      case "table": {
        const t = b.table;
        const headerRow = p.bodyTop - 1;
        const columns: TableColumnModel[] = t.columns.map((c) => {
          const m: TableColumnModel = { key: c.key, header: c.header, help: c.help, computed: !!c.computed };
          if (c.format) m.format = c.format;
          if (c.validation) m.validation = c.validation;
          if (c.wrap) m.wrap = true;
          return m;
        });
        // A table always has at least one (blank) data row to type into.
        const specRows: RowValues[] = t.rows.length > 0 ? t.rows : [{}];
        const rows: CellInput[][] = specRows.map((values, i) => {
          const rowNumber = p.bodyTop + i + 1;
          const ref: RowRef = {
            row: rowNumber,
            at: (key) => {
              const j = t.columns.findIndex((c) => c.key === key);
              if (j < 0) throw new Error(`Unknown column "${key}" in table ${t.name}`);
              return `${colLetters(p.left + j)}${rowNumber}`;
            },
            span: (a, z) => `${ref.at(a)}:${ref.at(z)}`,
          };
          return t.columns.map((c) => {
            const v = values[c.key];
            if (isStoredCell(v)) return v.stored;
            if (c.formula) {
              const cached = v === undefined || typeof v === "object" ? "" : v;
              return { formula: c.formula(ref, locator), value: cached };
            }
            return v === undefined ? null : v;
          });
        });
        tables.push({
          name: t.name,
          topLeft: cellAddress(headerRow, p.left),
          columns,
          rows,
          style: t.style ?? "TableStyleMedium2",
        });
        // A name over a growing table covers the analyst's added rows too.
        t.columns.forEach((c) => {
          if (c.name)
            names.push({
              name: c.name,
              ref: locator.column(b.id, c.key, { grow: p.growth > 0 }),
              comment: c.nameComment,
            });
        });
        maxRow = Math.max(maxRow, p.bodyTop + p.rows - 1);
        maxCol = Math.max(maxCol, p.left + t.columns.length - 1);
        break;
      }
    }
  }

  const charts: ChartModel[] = [];
  (spec.charts ?? []).forEach((c, i) => {
    const p = placements[c.block];
    const dataRange = rangeAddress({
      top: p.bodyTop,
      left: p.left,
      bottom: p.bodyTop + p.rows - 1,
      right: p.left + p.cols - 1,
    });
    const lane = p.left;
    const top = chartTops[i];
    const from = cellAddress(top, lane);
    const to = cellAddress(top + c.size.rows - 1, lane + c.size.cols - 1);
    charts.push({
      title: c.title,
      type: "columnClustered",
      dataRange,
      seriesBy: c.seriesBy,
      anchor: { from, to },
    });
    maxRow = Math.max(maxRow, top + c.size.rows - 1);
    maxCol = Math.max(maxCol, lane + c.size.cols - 1);
  });

  const conditionalFormats: ConditionalFormatModel[] = (spec.heatMaps ?? []).map((h) => ({
    range: locator.column(h.block, h.column, false),
    kind: "colorScale3",
    colours: h.colours,
  }));

  const main = placements[spec.mainTable];
  if (!main || !main.columns)
    throw new Error(`Sheet ${spec.name}: main table block "${spec.mainTable}" missing`);

  const columnWidths: number[] = [];
  for (let i = 0; i <= maxCol; i++) columnWidths.push(widths[i] ?? 10);

  const model: SheetModel = {
    key: spec.key,
    name: spec.name,
    tabColour: spec.tabColour,
    columnWidths,
    cells,
    tables,
    names,
    validations,
    conditionalFormats,
    freeze: { rows: main.bodyTop },
    charts,
  };
  const onePage = spec.print?.onePage ?? false;
  model.print = {
    area: absoluteRange({ top: 0, left: 0, bottom: maxRow, right: maxCol }),
    orientation: spec.print?.orientation ?? "landscape",
    fitToPagesWide: 1,
    fitToPagesTall: onePage ? 1 : pagesTall(model, maxRow),
  };
  return { model, placements, locator };
}

// A4 landscape, Excel's "Normal" margins, in points.
const PRINT_WIDTH = 842 - 2 * 0.7 * 72;
const PRINT_HEIGHT = 595 - 2 * 0.75 * 72;

/**
 * How a print fitted one page wide comes out (estimated from column widths
 * and row heights): the scale and the pages down it needs.
 */
export function printEstimate(model: SheetModel, maxRow: number): { scale: number; pages: number } {
  const heights = estimateRowHeights(model, true);
  const width = model.columnWidths.reduce((a, w) => a + widthCharsToPoints(w), 0);
  let height = 0;
  for (let r = 0; r <= maxRow; r++) height += heights.get(r) ?? 15;
  const scale = Math.min(1, PRINT_WIDTH / width);
  return { scale, pages: (height * scale) / PRINT_HEIGHT };
}

/**
 * Pages down for a print fitted one page wide. The renderers pass the count
 * straight to Excel, where 0 ("automatic") is not a documented value for
 * Office.js, so this uses the estimate with some headroom: too many pages
 * costs nothing (the width sets the scale), too few would shrink the print.
 */
function pagesTall(model: SheetModel, maxRow: number): number {
  return Math.max(1, Math.ceil(1.2 * printEstimate(model, maxRow).pages));
}

// ---- small value helpers shared by specs ----

export const DATE_FORMAT = "dd/mm/yyyy";

/** Quoted sheet prefix for a cross-sheet reference: 'Harm Matrix'!. */
export const sheetRef = (name: string): string => `'${name.replace(/'/g, "''")}'!`;
