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

/** One <c> element; `master` makes a formula the master of shared formula `si` over `range`. */
function cellXml(
  ref: string,
  s: string,
  v: StoredValue,
  where: () => string,
  master?: { si: number; range: string },
): string {
  const open = `<c r="${ref}"${s}`;
  if (v === null || v === undefined || v === "") return `${open}/>`;
  if (typeof v === "number") return Number.isFinite(v) ? `${open}><v>${v}</v></c>` : `${open}/>`;
  if (typeof v === "boolean") return `${open} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === "string") {
    checkCellText(v, where);
    return `${open} t="inlineStr"><is><t${space(v)}>${escapeText(v)}</t></is></c>`;
  }
  const f =
    master === undefined
      ? `<f>${escapeText(v.formula)}</f>`
      : `<f t="shared" ref="${master.range}" si="${master.si}">${escapeText(v.formula)}</f>`;
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

/** A bulk table placed on the sheet, with its shared-formula runs found (sharedRuns). */
interface PlacedTable {
  b: BulkTable;
  /** 1-based sheet row of the table's first data row (written by ExcelJS); bulk rows are first+1…last. */
  first: number;
  last: number;
  col: number;
  sAttr: string[];
  letters: string[];
  /** Per column: the shared formula's id and the last row of its unbroken run, or undefined. */
  runs: ({ si: number; end: number } | undefined)[];
}

/**
 * First pass over a table: which columns are filled down from row 2 of the
 * table, and how far each fill runs unbroken. Nothing is written yet, so the
 * rows can then be written in order straight into the packer (the first
 * row's shared formulas name their whole range).
 */
function sharedRuns(b: BulkTable, first: number, nextSi: () => number): PlacedTable["runs"] {
  const t = b.table;
  const runs: PlacedTable["runs"] = [];
  const live: ((f: string, delta: number) => boolean)[] = [];
  if (t.rows.length < 2) return runs;
  for (let j = 0; j < t.columns.length; j++) {
    const v = t.rows[1][j] ?? null;
    if (!isFormulaCell(v)) continue;
    const st = b.stored(v, 1, j);
    if (st === null || typeof st !== "object") continue;
    live[j] = shiftMatcher(v.formula);
    runs[j] = { si: nextSi(), end: first + 1 };
  }
  for (let i = 2; i < t.rows.length; i++) {
    let open = false;
    for (let j = 0; j < t.columns.length; j++) {
      const same = live[j];
      if (!same) continue;
      const v = t.rows[i][j] ?? null;
      // The shared range stays one unbroken run: after a cell that differs, formulas are written in full.
      if (isFormulaCell(v) && same(v.formula, i - 1)) {
        runs[j]!.end = first + i;
        open = true;
      } else delete live[j];
    }
    if (!open) break;
  }
  return runs;
}

/** The cells of bulk row i (≥ 1) of a placed table, in column order. */
function bulkCells(p: PlacedTable, i: number): { col: number; xml: string }[] {
  const { b, first, last } = p;
  const r = first + i;
  const row = b.table.rows[i];
  const out: { col: number; xml: string }[] = [];
  for (let j = 0; j < p.letters.length; j++) {
    const v = row[j] ?? null;
    const ref = `${p.letters[j]}${r}`;
    const run = p.runs[j];
    let xml: string;
    if (run && i >= 2 && r <= run.end && isFormulaCell(v)) {
      xml = sharedXml(ref, p.sAttr[j], run.si, v.value, () => b.where(i, j));
    } else {
      // Row 2 of the table holds each run's master, which names the run's whole range.
      const master =
        run && i === 1
          ? { si: run.si, range: `${ref}:${p.letters[j]}${Math.min(last, run.end)}` }
          : undefined;
      xml = cellXml(ref, p.sAttr[j], b.stored(v, i, j), () => b.where(i, j), master);
    }
    out.push({ col: p.col + j, xml });
  }
  return out;
}

/** Adds rows 2… of each bulk table to one worksheet part's XML; returns the new part, deflated as it is written. */
export function spliceRows(sheetXml: string, bulk: BulkTable[]): PackedPart {
  const sd = /<sheetData\s*\/>|<sheetData>([\s\S]*?)<\/sheetData>/.exec(sheetXml);
  if (!sd) throw new Error("Worksheet part has no sheetData");
  const existing = new Map<number, string>();
  for (const m of (sd[1] ?? "").matchAll(ROW_RE)) existing.set(Number(attr(m[1], "r")), m[0]);
  const partsOf = (r: number): RowParts | undefined => {
    const xml = existing.get(r);
    if (xml === undefined) return undefined;
    const m = [...xml.matchAll(ROW_RE)][0];
    return { attrs: m[1], cells: parseCells(m[2]) };
  };

  let si = 0;
  let reach: RangeRef | undefined;
  const placed: PlacedTable[] = bulk.map((b) => {
    const t = b.table;
    const tl = parseCell(t.topLeft);
    const first = tl.row + 2; // 1-based row of the first data row, written by ExcelJS
    const styles = new Map(partsOf(first)?.cells.map((c) => [c.col, attr(c.xml, "s")]));
    const whole = {
      top: tl.row,
      left: tl.col,
      bottom: tl.row + t.rows.length,
      right: tl.col + t.columns.length - 1,
    };
    reach = reach
      ? { ...reach, bottom: Math.max(reach.bottom, whole.bottom), right: Math.max(reach.right, whole.right) }
      : whole;
    return {
      b,
      first,
      last: first + t.rows.length - 1,
      col: tl.col,
      sAttr: t.columns.map((_, j) => {
        const s = styles.get(tl.col + j);
        return s === undefined ? "" : ` s="${s}"`;
      }),
      letters: t.columns.map((_, j) => colLetters(tl.col + j)),
      runs: sharedRuns(b, first, () => si++),
    };
  });

  let head = sheetXml.slice(0, sd.index);
  if (reach) {
    const whole = reach;
    head = head.replace(
      /<dimension ref="([^"]+)"\/>/,
      (_m, ref: string) => `<dimension ref="${cover(ref, whole)}"/>`,
    );
  }
  const tail = sheetXml.slice(sd.index + sd[0].length);
  // Every row in order: those ExcelJS wrote and each table's rows after its first. A row is made only
  // as it is packed, so the sheet's rows are never all held (as text or as bytes) at once.
  const numbers = new Set(existing.keys());
  for (const p of placed) for (let r = p.first + 1; r <= p.last; r++) numbers.add(r);
  const order = Int32Array.from(numbers).sort();
  const packer = new PartPacker();
  packer.push(Buffer.from(`${head}<sheetData>`, "utf8"));
  for (const r of order) {
    const own = placed.filter((p) => r > p.first && r <= p.last);
    const old = existing.get(r);
    let xml: string;
    if (own.length === 0) xml = old!;
    else {
      const h = own.map((p) => p.b.heights.get(r - 1)).find((x) => x !== undefined);
      const cells = own.flatMap((p) => bulkCells(p, r - p.first));
      if (old === undefined && own.length === 1)
        xml = `${rowOpen(r, h)}${cells.map((c) => c.xml).join("")}</row>`;
      else {
        // Something else shares the row (a block beside the table): merge the cells in column order.
        const parts = partsOf(r);
        const all = [...(parts?.cells ?? []), ...cells].sort((x, y) => x.col - y.col);
        const ht = parts ? attr(parts.attrs, "ht") : undefined;
        xml = `${rowOpen(r, h ?? (ht === undefined ? undefined : Number(ht)))}${all.map((c) => c.xml).join("")}</row>`;
      }
    }
    packer.push(Buffer.from(xml, "utf8"));
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
