/** The preview's read-only view of a MemoryStore sheet: cached values, number formats and cell roles. */
import type { CellStyle, Scalar } from "../../sheets/model";
import { parseRange, type RangeRef } from "../../sheets/a1";
import { COMPUTED_COLUMN_FILL, STYLES } from "../../sheets/styles";
import type { MemoryCell, MemorySheet, MemoryStore } from "../../workbook/memory";

export interface GridCell {
  value: Scalar;
  formula?: string;
  format?: string;
  style?: CellStyle | "tableHeader";
  /** The first cell of a merge: how many columns and rows it covers. */
  span?: { cols: number; rows: number };
  /** Inside a merge, under its first cell: not drawn. */
  covered?: boolean;
  /** Text wraps (a wrapping style, or a wrapped table column). */
  wrap?: boolean;
  /** A conditional fill by value (a status word): background and text colours. */
  colours?: { fill: string; font: string };
}

export interface SheetGrid {
  name: string;
  tabColour: string;
  rowCount: number;
  columnCount: number;
  cell(row: number, col: number): GridCell | undefined;
  /** A column's width in pixels, as Excel draws it from its width in characters. */
  columnPixels(col: number): number;
}

/** Excel's default column width, in characters. */
const DEFAULT_WIDTH = 8.43;

const inside = (r: RangeRef, row: number, col: number) =>
  row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

/** Merge, wrap and conditional colours, as Excel draws them. */
function look(s: MemorySheet, row: number, col: number, c: MemoryCell | undefined): Partial<GridCell> {
  const out: Partial<GridCell> = {};
  for (const m of s.merges) {
    const r = parseRange(m);
    if (!inside(r, row, col)) continue;
    if (r.top === row && r.left === col)
      out.span = { cols: r.right - r.left + 1, rows: r.bottom - r.top + 1 };
    else out.covered = true;
  }
  if (c?.wrap || (c?.style && STYLES[c.style].wrap)) out.wrap = true;
  for (const v of s.valueFills) {
    if (!inside(parseRange(v.range), row, col)) continue;
    const f = v.fills.find((x) => x.equals === c?.value);
    if (f) out.colours = { fill: f.fill, font: f.font };
  }
  return out;
}

function cellOf(store: MemoryStore, s: MemorySheet, row: number, col: number): GridCell | undefined {
  const c = store.cellAt(s, row, col);
  const table = store.tables.find(
    (t) =>
      t.sheet === s &&
      row >= t.range.top &&
      row <= t.range.bottom &&
      col >= t.range.left &&
      col <= t.range.right,
  );
  if (!c && !table) return undefined;
  const base: GridCell = {
    value: c?.value ?? null,
    formula: c?.formula,
    format: c?.format,
    style: c?.style,
    ...look(s, row, col, c),
  };
  if (table && row === table.range.top) return { ...base, style: "tableHeader" };
  if (table) return { ...base, style: c?.fill === COMPUTED_COLUMN_FILL || c?.formula ? "computed" : "input" };
  return base;
}

export function sheetGrid(store: MemoryStore, name: string): SheetGrid | undefined {
  const s = store.sheet(name);
  if (!s) return undefined;
  let rowCount = 0;
  let columnCount = 0;
  for (const [k, c] of s.cells) {
    if (c.value === null && !c.formula && !c.style) continue;
    const [r, col] = k.split(",").map(Number);
    rowCount = Math.max(rowCount, r + 1);
    columnCount = Math.max(columnCount, col + 1);
  }
  for (const t of store.tables) {
    if (t.sheet !== s) continue;
    rowCount = Math.max(rowCount, t.range.bottom + 1);
    columnCount = Math.max(columnCount, t.range.right + 1);
  }
  return {
    name: s.name,
    tabColour: s.tabColour,
    rowCount,
    columnCount,
    cell: (r, c) => cellOf(store, s, r, c),
    // Excel draws 7 px a character at 11 pt, plus 5 px (src/sheets/styles.ts widthCharsToPoints); the
    // preview's text is smaller (12 px), so 6 px a character keeps the same proportions.
    columnPixels: (c) => Math.round((s.columnWidths.get(c) ?? DEFAULT_WIDTH) * 6 + 5),
  };
}
