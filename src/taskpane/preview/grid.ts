/** The preview's read-only view of a MemoryStore sheet: cached values, number formats and cell roles. */
import type { CellStyle, Scalar } from "../../sheets/model";
import { COMPUTED_COLUMN_FILL } from "../../sheets/styles";
import type { MemorySheet, MemoryStore } from "../../workbook/memory";

export interface GridCell {
  value: Scalar;
  formula?: string;
  format?: string;
  style?: CellStyle | "tableHeader";
}

export interface SheetGrid {
  name: string;
  tabColour: string;
  rowCount: number;
  columnCount: number;
  cell(row: number, col: number): GridCell | undefined;
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
  const base: GridCell = { value: c?.value ?? null, formula: c?.formula, format: c?.format, style: c?.style };
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
  };
}
