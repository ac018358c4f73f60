/**
 * Table rows after the first, written straight into the worksheet parts that
 * ExcelJS produced. ExcelJS builds an object per cell and a style per cell,
 * which for 40,000 Results rows took over a minute and gigabytes; here each
 * row is one string. ExcelJS still writes the header and first data row, so
 * every column's style (number format, fill, wrap) is its own, and each later
 * row reuses the first row's style ids. Text goes in as inline strings.
 * Node side only (used by the ExcelJS renderer).
 */
import { strFromU8, strToU8 } from "fflate";
import { isFormulaCell, type CellInput, type Scalar, type TableModel } from "../model";
import { cellAddress, colIndex, colLetters, parseCell, parseRange, rangeAddress, type RangeRef } from "../a1";
import { checkCellText, escapeText } from "./xmlText";
import { PartPacker, type PackedPart } from "./zipParts";

/** What a model cell is stored as: a value, or a formula (without "=") with its cached result. */
export type StoredValue = Scalar | undefined | { formula: string; result?: Scalar };

export interface BulkTable {
  table: TableModel;
  /** Row heights by 0-based row, for rows that need more than one line. */
  heights: Map<number, number>;
  /** The stored form of body cell `v` (row i, column j of the table). */
  stored: (v: CellInput, i: number, j: number) => StoredValue;
  /** Names the cell in an error message. */
  where: (i: number, j: number) => string;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
/** Characters that may continue a name or function, so a letters-and-digits run next to one is not a reference. */
const isNameChar = (c: number) =>
  isDigit(c) || isUpper(c) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 92;

/**
 * A test of whether a formula is `master` filled down `delta` rows: equal
 * except that each relative row number of an A1 reference (outside string
 * literals) is `delta` higher. Such cells are stored as one shared formula,
 * as Excel does for a filled-down column, which keeps long formulas from
 * being repeated 40,000 times in the file. The master is split once into
 * fixed text and row numbers, so each test is a few native string compares.
 */
export function shiftMatcher(master: string): (f: string, delta: number) => boolean {
  const chunks: string[] = [];
  const rows: number[] = [];
  let from = 0;
  let inString = false;
  for (let i = 0; i < master.length; i++) {
    const c = master.charCodeAt(i);
    if (c === 34) inString = !inString;
    if (inString || !isDigit(c) || i === 0 || !isUpper(master.charCodeAt(i - 1))) continue;
    let k = i - 1; // start of the letters
    while (k > 0 && isUpper(master.charCodeAt(k - 1))) k--;
    let end = i;
    while (end < master.length && isDigit(master.charCodeAt(end))) end++;
    const before = k > 0 ? master.charCodeAt(k - 1) : 0;
    const after = end < master.length ? master.charCodeAt(end) : 0;
    // A reference: 1–3 letters and digits, not part of a longer name, not a function (LOG10() nor a sheet.
    if (i - k <= 3 && !isNameChar(before) && !isNameChar(after) && after !== 40 && after !== 33) {
      chunks.push(master.slice(from, i));
      rows.push(Number(master.slice(i, end)));
      from = end;
    }
    i = end - 1;
  }
  chunks.push(master.slice(from));
  const fixed = chunks[0];
  if (rows.length === 0) return (f) => f === fixed; // e.g. structured references: the same text on every row
  return (f, delta) => {
    let pos = 0;
    for (let k = 0; k < rows.length; k++) {
      if (!f.startsWith(chunks[k], pos)) return false;
      pos += chunks[k].length;
      const row = String(rows[k] + delta);
      if (!f.startsWith(row, pos)) return false;
      pos += row.length;
      // The digits must end here: the next fixed text starts with a non-digit.
      if (pos < f.length && isDigit(f.charCodeAt(pos)) && !isDigit(chunks[k + 1].charCodeAt(0))) return false;
    }
    return f.length === pos + chunks[rows.length].length && f.endsWith(chunks[rows.length]);
  };
}

export const sameShifted = (master: string, f: string, delta: number): boolean =>
  shiftMatcher(master)(f, delta);

const space = (s: string) => (/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : "");

/** A cell of a shared formula after its master: the formula is the master's, filled down. */
function sharedXml(
  ref: string,
  s: string,
  si: number,
  value: Scalar | undefined,
  where: () => string,
): string {
  return cellXml(ref, s, { formula: "", result: value ?? undefined }, where).replace(
    "<f></f>",
    `<f t="shared" si="${si}"/>`,
  );
}

/** One <c> element; `si` makes a formula the master of shared formula `si` (its ref filled in later). */
function cellXml(ref: string, s: string, v: StoredValue, where: () => string, si?: number): string {
  const open = `<c r="${ref}"${s}`;
  if (v === null || v === undefined || v === "") return `${open}/>`;
  if (typeof v === "number") return Number.isFinite(v) ? `${open}><v>${v}</v></c>` : `${open}/>`;
  if (typeof v === "boolean") return `${open} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === "string") {
    checkCellText(v, where);
    return `${open} t="inlineStr"><is><t${space(v)}>${escapeText(v)}</t></is></c>`;
  }
  const f =
    si === undefined
      ? `<f>${escapeText(v.formula)}</f>`
      : `<f t="shared" ref="#${si}#" si="${si}">${escapeText(v.formula)}</f>`;
  const r = v.result;
  if (r === null || r === undefined) return `${open}>${f}</c>`;
  if (typeof r === "number") return `${open}>${f}<v>${r}</v></c>`;
  if (typeof r === "boolean") return `${open} t="b">${f}<v>${r ? 1 : 0}</v></c>`;
  checkCellText(r, where);
  return `${open} t="str">${f}<v>${escapeText(r)}</v></c>`;
}

const ROW_RE = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL_RE = /<c\b[^>]*?\br="([A-Z]+)\d+"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;
const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];

interface RowParts {
  attrs: string;
  cells: { col: number; xml: string }[];
}

const parseCells = (body: string | undefined) =>
  [...(body ?? "").matchAll(CELL_RE)].map((m) => ({ col: colIndex(m[1]), xml: m[0] }));

const rowOpen = (r: number, h: number | undefined) =>
  `<row r="${r}"${h === undefined ? "" : ` ht="${h}" customHeight="1"`}>`;

/** Extends `ref` ("A1:V6") to cover `more`. */
function cover(ref: string, more: RangeRef): string {
  const a = parseRange(ref);
  return rangeAddress({
    top: Math.min(a.top, more.top),
    left: Math.min(a.left, more.left),
    bottom: Math.max(a.bottom, more.bottom),
    right: Math.max(a.right, more.right),
  });
}

/** Adds rows 2… of each bulk table to one worksheet part's XML; returns the new part, deflated as it is written. */
export function spliceRows(sheetXml: string, bulk: BulkTable[]): PackedPart {
  const sd = /<sheetData\s*\/>|<sheetData>([\s\S]*?)<\/sheetData>/.exec(sheetXml);
  if (!sd) throw new Error("Worksheet part has no sheetData");
  // Bulk rows are kept as bytes at once: as strings, 40,000 of them outlive the young generation and
  // the heap grows by the whole sheet before it is written out.
  const rows = new Map<number, string | Buffer>();
  const text = (r: number): string | undefined => {
    const x = rows.get(r);
    return typeof x === "string" || x === undefined ? x : x.toString("utf8");
  };
  const parsed = new Map<number, RowParts>();
  for (const m of (sd[1] ?? "").matchAll(ROW_RE)) rows.set(Number(attr(m[1], "r")), m[0]);
  const partsOf = (r: number): RowParts | undefined => {
    let p = parsed.get(r);
    const xml = text(r);
    if (!p && xml !== undefined) {
      const m = [...xml.matchAll(ROW_RE)][0];
      p = { attrs: m[1], cells: parseCells(m[2]) };
      parsed.set(r, p);
    }
    return p;
  };

  let reach: RangeRef | undefined;
  let nextSi = 0;
  for (const b of bulk) {
    const t = b.table;
    const tl = parseCell(t.topLeft);
    const first = tl.row + 2; // 1-based row of the first data row, written by ExcelJS
    const styles = new Map(partsOf(first)?.cells.map((c) => [c.col, attr(c.xml, "s")]));
    const sAttr = t.columns.map((_, j) => {
      const s = styles.get(tl.col + j);
      return s === undefined ? "" : ` s="${s}"`;
    });
    const letters = t.columns.map((_, j) => colLetters(tl.col + j));
    const last = first + t.rows.length - 1;
    // Row 2 of the table is the master of each column's shared formula; its ref is set once the column is known.
    const masters: ({ same: (f: string, delta: number) => boolean; si: number; end: number } | undefined)[] =
      [];
    for (let i = 1; i < t.rows.length; i++) {
      const r = first + i;
      const cells: string[] = [];
      for (let j = 0; j < t.columns.length; j++) {
        const v = t.rows[i][j] ?? null;
        const m = masters[j] && masters[j]!.end > 0 ? masters[j] : undefined;
        if (m && isFormulaCell(v) && m.same(v.formula, i - 1)) {
          m.end = r;
          cells.push(sharedXml(`${letters[j]}${r}`, sAttr[j], m.si, v.value, () => b.where(i, j)));
          continue;
        }
        // The shared range stays one unbroken run: after a cell that differs, formulas are written in full.
        if (m && m.end === r - 1) m.end = -m.end;
        const st = b.stored(v, i, j);
        if (i === 1 && isFormulaCell(v) && st !== null && typeof st === "object") {
          masters[j] = { same: shiftMatcher(v.formula), si: nextSi, end: r };
          cells.push(cellXml(`${letters[j]}${r}`, sAttr[j], st, () => b.where(i, j), nextSi++));
          continue;
        }
        cells.push(cellXml(`${letters[j]}${r}`, sAttr[j], st, () => b.where(i, j)));
      }
      const h = b.heights.get(r - 1);
      const existing = partsOf(r);
      if (!existing) {
        const xml = `${rowOpen(r, h)}${cells.join("")}</row>`;
        // The table's first bulk row keeps its text: its shared-formula refs are filled in below.
        rows.set(r, i === 1 ? xml : Buffer.from(xml, "utf8"));
        continue;
      }
      // Something else shares the row (a block beside the table): merge the cells in column order.
      const all = [...existing.cells, ...cells.map((xml, j) => ({ col: tl.col + j, xml }))];
      all.sort((x, y) => x.col - y.col);
      const ht = attr(existing.attrs, "ht");
      rows.set(
        r,
        `${rowOpen(r, h ?? (ht === undefined ? undefined : Number(ht)))}${all.map((c) => c.xml).join("")}</row>`,
      );
    }
    if (t.rows.length > 1) {
      const r = first + 1;
      rows.set(
        r,
        text(r)!.replace(/ ref="#(\d+)#"/g, (_m, si: string) => {
          const j = masters.findIndex((m) => m?.si === Number(si));
          const end = Math.abs(masters[j]!.end);
          return ` ref="${letters[j]}${r}:${letters[j]}${Math.min(last, end)}"`;
        }),
      );
    }
    const whole = {
      top: tl.row,
      left: tl.col,
      bottom: tl.row + t.rows.length,
      right: tl.col + t.columns.length - 1,
    };
    reach = reach
      ? { ...reach, bottom: Math.max(reach.bottom, whole.bottom), right: Math.max(reach.right, whole.right) }
      : whole;
  }
  let head = sheetXml.slice(0, sd.index);
  if (reach) {
    const whole = reach;
    head = head.replace(
      /<dimension ref="([^"]+)"\/>/,
      (_m, ref: string) => `<dimension ref="${cover(ref, whole)}"/>`,
    );
  }
  // Bytes row by row: the whole sheet as one string could pass V8's longest string (2^29 characters).
  const order = [...rows.keys()].sort((a, b) => a - b);
  const tail = sheetXml.slice(sd.index + sd[0].length);
  // Deflated row by row: the sheet's XML is never held whole (see PartPacker).
  const packer = new PartPacker();
  packer.push(Buffer.from(`${head}<sheetData>`, "utf8"));
  for (const r of order) {
    const x = rows.get(r)!;
    packer.push(typeof x === "string" ? Buffer.from(x, "utf8") : x);
    rows.delete(r);
  }
  packer.push(Buffer.from(`</sheetData>${tail}`, "utf8"));
  return packer.finish();
}

/** The table part with its range (and its filter's) grown to every row. */
export function growTablePart(tableXml: string, t: TableModel): string {
  const tl = parseCell(t.topLeft);
  const ref = `${t.topLeft}:${cellAddress(tl.row + Math.max(1, t.rows.length), tl.col + t.columns.length - 1)}`;
  return tableXml
    .replace(/(<table\b[^>]*?\bref=")[^"]*"/, `$1${ref}"`)
    .replace(/(<autoFilter\b[^>]*?\bref=")[^"]*"/, `$1${ref}"`);
}

/** Applies every bulk table to the unzipped parts; `sheetPart` maps a sheet name to its part. */
export function addBulkRows(
  files: Record<string, Uint8Array | PackedPart>,
  bulkBySheet: Map<string, BulkTable[]>,
  sheetPart: (sheet: string) => string,
): void {
  const tableParts = Object.keys(files).filter((k) => /^xl\/tables\/table\d+\.xml$/.test(k));
  const tableXml = new Map(tableParts.map((k) => [k, strFromU8(files[k] as Uint8Array)]));
  for (const [sheet, bulk] of bulkBySheet) {
    const part = sheetPart(sheet);
    const xml = files[part];
    if (!(xml instanceof Uint8Array)) throw new Error(`Worksheet part ${part} was already packed`);
    files[part] = spliceRows(strFromU8(xml), bulk);
    for (const b of bulk) {
      const k = tableParts.find((p) => tableXml.get(p)!.includes(` name="${b.table.name}"`));
      if (!k) throw new Error(`No table part for ${b.table.name}`);
      files[k] = strToU8(growTablePart(tableXml.get(k)!, b.table));
    }
  }
}
