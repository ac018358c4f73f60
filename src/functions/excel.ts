/**
 * The adapter kit shared by every HARM.* custom function: it turns core
 * results and HarmErrors into values Excel can show, broadcasts single cells
 * against column ranges, and guarantees that no function throws raw or
 * returns NaN/Infinity.
 *
 * Whole-column inputs (a million rows) are the norm, so the per-row path
 * never throws for bad input: readers return the error cell instead, and
 * error cells are shared per distinct message rather than built per row.
 */
import { HarmError, HarmErrorKind, numError, valueError } from "../core/errors";
import { parseNumberText } from "../core/numbers";

/** The Excel-facing error codes we use. */
export type ExcelErrorCode = "#VALUE!" | "#NUM!" | "#DIV/0!" | "#N/A";

const CODE_BY_KIND: Record<HarmErrorKind, ExcelErrorCode> = {
  value: "#VALUE!",
  num: "#NUM!",
  div0: "#DIV/0!",
  na: "#N/A",
};

/** Excel only shows custom messages on #VALUE! and #N/A (Office docs, CustomFunctions.ErrorCode). */
const MESSAGE_CODES = new Set<ExcelErrorCode>(["#VALUE!", "#N/A"]);

/**
 * Stand-in for CustomFunctions.Error outside Excel (jest, HyperFormula, the
 * browser preview). Same shape: `code` and `message`.
 */
export class ExcelError {
  readonly code: ExcelErrorCode;
  readonly message: string;
  constructor(code: ExcelErrorCode, message: string) {
    this.code = code;
    this.message = message;
  }
}

export type ExcelResultError = ExcelError | CustomFunctions.Error;

const hasRuntime = (): boolean =>
  typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function";

/** Builds the runtime's error object when inside Excel, our stand-in otherwise. */
function makeError(code: ExcelErrorCode, message: string): ExcelResultError {
  if (hasRuntime()) {
    const runtimeCode = code as unknown as CustomFunctions.ErrorCode;
    return MESSAGE_CODES.has(code)
      ? new CustomFunctions.Error(runtimeCode, message)
      : new CustomFunctions.Error(runtimeCode);
  }
  return new ExcelError(code, message);
}

/** Enough distinct messages for any real sheet; past it errors are still made, just not kept. */
const CACHE_LIMIT = 2000;
let cached = 0;
const byMessage = new Map<ExcelErrorCode, Map<string, ExcelResultError>>();

/** One shared error cell per code and message: a column of a million bad rows costs a few objects. */
export function errorCell(code: ExcelErrorCode, message: string): ExcelResultError {
  let m = byMessage.get(code);
  if (m === undefined) byMessage.set(code, (m = new Map()));
  let e = m.get(message);
  if (e === undefined) {
    e = makeError(code, message);
    if (cached < CACHE_LIMIT) {
      cached++;
      m.set(message, e);
    }
  }
  return e;
}

/**
 * The error cell for a bad input, kept by argument name and input value, so a
 * repeated bad value costs two map lookups and no message building.
 */
const byInput = new Map<string, Map<unknown, ExcelResultError>>();
const inputError = (name: string, v: unknown): ExcelResultError | undefined => byInput.get(name)?.get(v);
function keepInputError(name: string, v: unknown, e: ExcelResultError): ExcelResultError {
  if (cached >= CACHE_LIMIT) return e;
  cached++;
  let m = byInput.get(name);
  if (m === undefined) byInput.set(name, (m = new Map()));
  m.set(v, e);
  return e;
}

export const isExcelError = (v: unknown): v is ExcelResultError =>
  v instanceof ExcelError || (hasRuntime() && v instanceof CustomFunctions.Error);

/** Maps anything thrown by core code onto an Excel error; never rethrows. */
export function toExcelError(e: unknown): ExcelResultError {
  if (e instanceof HarmError) return errorCell(CODE_BY_KIND[e.kind], e.message);
  if (isExcelError(e)) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return makeError("#VALUE!", `Harm Planner could not calculate this: ${detail}`);
}

const KIND_BY_CODE: Record<string, HarmErrorKind> = {
  "#VALUE!": "value",
  "#NUM!": "num",
  "#DIV/0!": "div0",
  "#N/A": "na",
};

/** The HarmError a reader's error cell stands for, for code that reports by throwing. */
const asHarmError = (e: ExcelResultError): HarmError =>
  new HarmError(KIND_BY_CODE[e.code as string] ?? "value", e.message ?? "");

type Cell = number | string | boolean | ExcelResultError;

/** Replaces NaN/Infinity with #NUM! so no function ever leaks a non-finite number. */
function sanitise(v: unknown): Cell {
  if (typeof v === "number") {
    return Number.isFinite(v)
      ? v
      : errorCell(
          "#NUM!",
          "The result is too large (or too small) to calculate; check the inputs are in sensible units.",
        );
  }
  if (typeof v === "string" || typeof v === "boolean" || isExcelError(v)) return v as Cell;
  if (v instanceof HarmError) return toExcelError(v);
  if (v === null || v === undefined) return "";
  return errorCell("#VALUE!", "Unexpected result type.");
}

/** Sanitises a row in place; finite numbers, the common case, cost one check each. */
function sanitiseRow(row: unknown[]): Cell[] {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (typeof v !== "number" || !Number.isFinite(v)) row[i] = sanitise(v);
  }
  return row as Cell[];
}

/** Runs a matrix-returning body; every cell is sanitised. A thrown error fills the whole result as one error. */
export function guardMatrix(fn: () => unknown[][]): Cell[][] {
  try {
    const m = fn();
    if (!Array.isArray(m) || m.length === 0) return [[makeError("#N/A", "No result.")]];
    return m.map((row) => row.map(sanitise));
  } catch (e) {
    return [[toExcelError(e)]];
  }
}

const isBlankCell = (v: unknown): boolean => v === null || v === undefined || v === "";

/** Treats Excel's blank-argument forms (null, undefined, [[null]], [[""]]) as "not given". */
export function isBlank(v: unknown): boolean {
  if (isBlankCell(v)) return true;
  if (Array.isArray(v)) return v.length === 0 || v.every((row) => isBlank(row));
  return false;
}

const describe = (v: unknown): string =>
  typeof v === "string" ? `'${v.length > 40 ? v.slice(0, 40) + "…" : v}'` : String(v);

/** Why a cell is not a number. */
function notANumber(v: unknown, name: string): ExcelResultError {
  if (typeof v === "number") return errorCell("#VALUE!", `${name} must be a finite number; got ${v}.`);
  if (typeof v === "string") {
    // Written as a number but beyond the largest Excel can hold (1E400).
    if (/\d/.test(v) && Math.abs(Number(v.trim())) === Infinity)
      return errorCell("#NUM!", `${name} is too large a number to calculate with; got ${describe(v)}.`);
    const hint = /\d,\d/.test(v)
      ? " (write decimals with a full stop, e.g. 1.5; a comma may only separate thousands, e.g. 1,234)"
      : "";
    return errorCell("#VALUE!", `${name} must be a number; got ${describe(v)}${hint}.`);
  }
  if (v === null || v === undefined) return errorCell("#VALUE!", `${name} is blank; enter a number.`);
  if (typeof v === "boolean") return errorCell("#VALUE!", `${name} must be a number; got ${v}.`);
  if (isExcelError(v))
    return errorCell("#VALUE!", `${name} contains an error value (${v.code}); fix the source cell first.`);
  return errorCell("#VALUE!", `${name} must be a number.`);
}

/** Error values are kept by code, as each cell may hold its own error object. */
const ERROR_KEYS: Record<string, symbol> = {};
const inputKey = (v: unknown): unknown => {
  if (!isExcelError(v)) return v;
  const code = String(v.code);
  return ERROR_KEYS[code] ?? (ERROR_KEYS[code] = Symbol(code));
};

/**
 * Reads a number (text by the add-in's one rule, src/core/numbers.ts), or
 * returns the error cell that names the argument and what it got. Never throws.
 */
export function readNumber(v: unknown, name: string): number | ExcelResultError {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  const key = inputKey(v);
  const known = inputError(name, key);
  if (known !== undefined) return known;
  if (typeof v === "string") {
    const n = parseNumberText(v);
    if (n !== null) return n;
  }
  return keepInputError(name, key, notANumber(v, name));
}

/** Reads a count: a finite number ≥ 0. Fractions are allowed because harm totals stand in for counts. */
export function readCount(v: unknown, name: string): number | ExcelResultError {
  const n = readNumber(v, name);
  if (typeof n !== "number" || n >= 0) return n;
  return (
    inputError(name, n) ??
    keepInputError(name, n, errorCell("#VALUE!", `${name} must not be negative; got ${n}.`))
  );
}

/** A reader's value, or a throw of the error it returned: for arguments read once per call. */
export function must<T>(v: T | ExcelResultError): T {
  if (isExcelError(v)) throw asHarmError(v);
  return v;
}

/** readNumber for code that reports by throwing. */
export const toNumber = (v: unknown, name: string): number => must(readNumber(v, name));

/** Core text (a reading of a result) must never show an overflowed figure as "Infinity" or "NaN". */
export function finiteText(text: string): string {
  if (text.includes("Infinity") || text.includes("NaN"))
    throw numError(
      "The counts are too large to describe the result; check the inputs are counts in sensible units.",
    );
  return text;
}

/** A scalar argument may still arrive as [[x]] when declared as a matrix; unwrap it. */
export function unwrapScalar(v: unknown, name: string): unknown {
  if (!Array.isArray(v)) return v;
  if (v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return v[0][0];
  if (v.length === 1 && !Array.isArray(v[0])) return v[0];
  throw valueError(`${name} must be a single cell, not a range.`);
}

/** Normalises a matrix argument into a column of cells (a single row is also accepted as a list). */
export function toColumn(v: unknown, name: string): unknown[] {
  if (!Array.isArray(v)) return [v];
  if (v.length === 0 || (v.length === 1 && Array.isArray(v[0]) && v[0].length === 0))
    throw valueError(`${name} is an empty range.`);
  if (v.length === 1 && Array.isArray(v[0])) return v[0] as unknown[];
  const out = new Array<unknown>(v.length);
  for (let i = 0; i < v.length; i++) {
    const row = v[i];
    if (Array.isArray(row)) {
      if (row.length !== 1) throw valueError(`${name} must be a single column; got ${row.length} columns.`);
      out[i] = row[0];
    } else out[i] = row;
  }
  return out;
}

export interface NamedArg {
  name: string;
  value: unknown;
}

/** A row's result cells, or the error cell that fills the row. */
export type RowResult = unknown[] | ExcelResultError;

/** A column argument: Excel's n×1 array read in place (a million rows are not copied), or a list of cells. */
interface Column {
  data: readonly unknown[];
  nested: boolean;
}

function columnOf(v: unknown, name: string): Column {
  if (Array.isArray(v) && v.length > 1) {
    let i = 0;
    while (i < v.length && Array.isArray(v[i]) && v[i].length === 1) i++;
    if (i === v.length) return { data: v, nested: true };
  }
  return { data: toColumn(v, name), nested: false };
}

const cellAt = (c: Column, r: number): unknown => (c.nested ? (c.data[r] as unknown[])[0] : c.data[r]);

/** True when every multi-row column is blank in row r. */
function rowIsBlank(multi: Column[], r: number): boolean {
  for (let m = 0; m < multi.length; m++) if (!isBlankCell(cellAt(multi[m], r))) return false;
  return true;
}

/** Checks the columns share one length (single cells broadcast) and returns it. */
function commonLength(args: NamedArg[], cols: Column[]): number {
  let n = 1;
  let owner = "";
  for (let j = 0; j < cols.length; j++) {
    const len = cols[j].data.length;
    if (len === 1) continue;
    if (n === 1) {
      n = len;
      owner = args[j].name;
    } else if (len !== n)
      throw valueError(
        `${args[j].name} has ${len} rows but ${owner} has ${n}; select ranges of the same length.`,
      );
  }
  return n;
}

/**
 * Broadcasts column/single-cell arguments row by row: a single cell is reused
 * for every row; columns must share one length. `fn` receives the raw cells of
 * each row (the same array each time) and returns that row's result cells, or
 * one error cell for the whole row. A bad row gives an error in that row only,
 * so one typo does not blank a whole results table. `rowWidth` is the width of
 * a good row, so a column where every row failed still has the expected shape.
 */
export function mapRows(args: NamedArg[], fn: (cells: unknown[]) => RowResult, rowWidth = 1): Cell[][] {
  let cols: Column[];
  let n: number;
  try {
    cols = args.map((a) => columnOf(a.value, a.name));
    n = commonLength(args, cols);
  } catch (e) {
    return [[toExcelError(e)]];
  }
  const cells = new Array<unknown>(cols.length);
  const multi: Column[] = [];
  const multiAt: number[] = [];
  cols.forEach((c, j) => {
    if (c.data.length === 1) cells[j] = cellAt(c, 0);
    else {
      multi.push(c);
      multiAt.push(j);
    }
  });
  // A row whose column inputs are all blank gives a blank result, and a whole-column
  // reference (A:A) stops after the last row holding any input, instead of spilling
  // a million "is blank" errors.
  if (multi.length > 0) while (n > 1 && rowIsBlank(multi, n - 1)) n--;
  const out: Cell[][] = new Array(n);
  let irregular = false;
  let r = 0;
  // One try around the loop, re-entered after a throw, rather than one per row.
  while (r < n) {
    try {
      for (; r < n; r++) {
        if (multi.length > 0) {
          let blank = true;
          for (let m = 0; m < multi.length; m++) {
            const v = cellAt(multi[m], r);
            cells[multiAt[m]] = v;
            if (blank && !isBlankCell(v)) blank = false;
          }
          if (blank) {
            out[r] = new Array(rowWidth).fill("");
            continue;
          }
        }
        const row = fn(cells);
        if (Array.isArray(row)) {
          out[r] = sanitiseRow(row);
          if (row.length !== rowWidth) irregular = true;
        } else out[r] = rowWidth === 1 ? [row] : new Array(rowWidth).fill(row);
      }
    } catch (e) {
      out[r] = new Array(rowWidth).fill(toExcelError(e));
      r++;
    }
  }
  return irregular ? padRows(out, rowWidth) : out;
}

/** Rows of another width than expected: pad so the spill is rectangular (a lone error fills its row). */
function padRows(out: Cell[][], rowWidth: number): Cell[][] {
  const width = out.reduce((w, row) => Math.max(w, row.length), rowWidth);
  return out.map((row) => {
    if (row.length === width) return row;
    const first = row[0];
    const fill = isExcelError(first) && row.every((v) => v === first) ? first : "";
    return [...row, ...new Array(width - row.length).fill(fill)];
  });
}
