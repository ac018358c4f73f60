/**
 * Renderer-neutral helpers for sheet models: grouping cells into contiguous
 * blocks (one 2-D write each), renaming references when a sheet, table or
 * defined name has to take a new name, and estimated row heights.
 */
import { isFormulaCell, type CellInput, type CellModel, type Scalar, type SheetModel } from "./model";
import { parseCell, parseRange, type RangeRef } from "./a1";
import { STYLES } from "./styles";

/** The cached value shown where no calculation engine runs. */
export function cachedValue(v: CellInput): Scalar {
  if (isFormulaCell(v)) return v.value ?? null;
  return v;
}

export interface CellBlock {
  range: RangeRef;
  cells: (CellModel | undefined)[][];
}

/**
 * Groups cells into rectangles: runs of adjacent columns per row, then
 * vertically adjacent runs with the same columns merge into one block.
 */
export function cellBlocks(cells: CellModel[]): CellBlock[] {
  const byRow = new Map<number, Map<number, CellModel>>();
  for (const c of cells) {
    const { row, col } = parseCell(c.address);
    if (!byRow.has(row)) byRow.set(row, new Map());
    byRow.get(row)!.set(col, c);
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const blocks: CellBlock[] = [];
  let open: CellBlock[] = [];
  for (const row of rows) {
    const cols = [...byRow.get(row)!.keys()].sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const col of cols) {
      const last = runs[runs.length - 1];
      if (last && last[1] === col - 1) last[1] = col;
      else runs.push([col, col]);
    }
    const next: CellBlock[] = [];
    for (const [left, right] of runs) {
      const rowCells = [];
      for (let c = left; c <= right; c++) rowCells.push(byRow.get(row)!.get(c));
      const cont = open.find(
        (b) => b.range.left === left && b.range.right === right && b.range.bottom === row - 1,
      );
      if (cont) {
        cont.range.bottom = row;
        cont.cells.push(rowCells);
        next.push(cont);
      } else {
        const b: CellBlock = { range: { top: row, bottom: row, left, right }, cells: [rowCells] };
        blocks.push(b);
        next.push(b);
      }
    }
    open = next;
  }
  return blocks;
}

export interface RenameMap {
  sheets: Record<string, string>;
  identifiers: Record<string, string>; // table and defined names
}

export const emptyRenames = (): RenameMap => ({ sheets: {}, identifiers: {} });

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Rewrites sheet, table and defined-name references in a formula, leaving
 * text inside double quotes alone.
 */
export function renameInFormula(formula: string, map: RenameMap): string {
  const sheetKeys = Object.keys(map.sheets);
  const idKeys = Object.keys(map.identifiers);
  if (sheetKeys.length === 0 && idKeys.length === 0) return formula;
  const parts = formula.split(/("(?:[^"]|"")*")/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part; // a string literal
      let out = part;
      for (const old of sheetKeys) {
        const quoted = `'${map.sheets[old].replace(/'/g, "''")}'!`;
        out = out.replace(new RegExp(`'${escapeRe(old.replace(/'/g, "''"))}'!`, "gi"), quoted);
        if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(old))
          out = out.replace(new RegExp(`(?<![A-Za-z0-9_.'])${escapeRe(old)}!`, "gi"), quoted);
      }
      for (const old of idKeys) {
        out = out.replace(
          new RegExp(`(?<![A-Za-z0-9_.!'\\[])${escapeRe(old)}(?![A-Za-z0-9_.(!])`, "gi"),
          map.identifiers[old],
        );
      }
      return out;
    })
    .join("");
}

export function renameInput(v: CellInput, map: RenameMap): CellInput {
  return isFormulaCell(v) ? { ...v, formula: renameInFormula(v.formula, map) } : v;
}

/** Next free "Name (n)" within Excel's 31-character sheet-name limit (case-insensitive). */
export function nextFreeSheetName(name: string, taken: Set<string>): string {
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = name.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Next free "Name_n" for table and defined names (case-insensitive). */
export function nextFreeIdentifier(name: string, taken: Set<string>): string {
  for (let n = 2; ; n++) {
    const candidate = `${name}_${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

export const textKey = (v: unknown): string =>
  v === null || v === undefined
    ? ""
    : String(isFormulaCell(v) ? (v.value ?? "") : v)
        .trim()
        .toLowerCase();

/** Default width of a column with no set width, in characters (Excel's Calibri 11 default). */
const DEFAULT_WIDTH = 8.43;
const LINE_POINTS = 15;

function linesFor(text: string, widthChars: number, fontScale: number): number {
  const perLine = Math.max(1, Math.floor((widthChars * 1.15) / fontScale));
  return text.split(/\r?\n/).reduce((n, para) => n + Math.max(1, Math.ceil(para.length / perLine)), 0);
}

/**
 * Row heights (points, by 0-based row) that Excel and LibreOffice do not work
 * out themselves: large title fonts, wrapped text in merged cells, and (when
 * `tableRows` is set) wrapped table columns. Estimated from text length.
 */
export function estimateRowHeights(model: SheetModel, tableRows: boolean): Map<number, number> {
  const heights = new Map<number, number>();
  const need = (row: number, h: number) => {
    if (h > (heights.get(row) ?? LINE_POINTS)) heights.set(row, Math.ceil(h));
  };
  const width = (left: number, right: number) => {
    let w = 0;
    for (let c = left; c <= right; c++) w += model.columnWidths[c] || DEFAULT_WIDTH;
    return w;
  };
  for (const c of model.cells) {
    const { row, col } = parseCell(c.address);
    const st = c.style ? STYLES[c.style] : undefined;
    const size = st?.size ?? 11;
    if (size > 11) need(row, size * 1.5);
    const text = cachedValue(c.value);
    if (!st?.wrap || typeof text !== "string" || text === "") continue;
    const span = c.merge ? parseRange(c.merge) : { left: col, right: col };
    need(row, linesFor(text, width(span.left, span.right), size / 11) * LINE_POINTS * (size / 11));
  }
  if (tableRows) {
    for (const t of model.tables) {
      const tl = parseCell(t.topLeft);
      const headerLines = Math.max(
        ...t.columns.map((col, j) =>
          linesFor(col.header, model.columnWidths[tl.col + j] || DEFAULT_WIDTH, 1),
        ),
      );
      need(tl.row, headerLines * LINE_POINTS);
      t.columns.forEach((col, j) => {
        if (!col.wrap) return;
        const w = model.columnWidths[tl.col + j] || DEFAULT_WIDTH;
        t.rows.forEach((r, i) => {
          const v = cachedValue(r[j] ?? null);
          if (typeof v === "string" && v.length > w) need(tl.row + 1 + i, linesFor(v, w, 1) * LINE_POINTS);
        });
      });
    }
  }
  return heights;
}

/** Excel limits an inline drop-down list ("a,b,c") to 255 characters. */
export const listSource = (values: string[]): string | undefined => {
  const joined = values.map((v) => v.replace(/[,"]/g, " ")).join(",");
  return joined.length <= 255 ? joined : undefined;
};
