/**
 * A1 address helpers shared by both renderers (pure: no Office or Node APIs).
 * Rows and columns are 0-based here; A1 strings are 1-based as Excel shows them.
 */

export interface CellRef {
  row: number;
  col: number;
}

export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function colLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Strips an optional sheet prefix ("'Harm Matrix'!B4" → "B4") and `$` signs. */
function localPart(address: string): string {
  const bang = address.lastIndexOf("!");
  return (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "");
}

export function parseCell(address: string): CellRef {
  const m = /^([A-Za-z]{1,3})(\d+)$/.exec(localPart(address));
  if (!m) throw new Error(`Not a cell address: ${address}`);
  return { row: Number(m[2]) - 1, col: colIndex(m[1]) };
}

export function parseRange(address: string): RangeRef {
  const [a, b] = localPart(address).split(":");
  const p = parseCell(a);
  const q = b === undefined ? p : parseCell(b);
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function cellAddress(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

export function rangeAddress(r: RangeRef): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** Absolute form for defined names and print areas: $A$1:$B$2. */
export function absoluteRange(r: RangeRef): string {
  const a = `$${colLetters(r.left)}$${r.top + 1}`;
  const b = `$${colLetters(r.right)}$${r.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

/** Sheet name quoted for use in a reference: 'Harm Matrix'. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Parses "'Harm Matrix'!$A$1:$B$2" or "Sheet1!A1" into sheet name and local range. */
export function splitSheetRef(ref: string): { sheet?: string; range: RangeRef } {
  const clean = ref.startsWith("=") ? ref.slice(1) : ref;
  const bang = clean.lastIndexOf("!");
  if (bang < 0) return { range: parseRange(clean) };
  let sheet = clean.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: parseRange(clean.slice(bang + 1)) };
}
