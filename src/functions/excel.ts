/**
 * The adapter kit shared by every HARM.* custom function: it turns core
 * results and HarmErrors into values Excel can show, broadcasts single cells
 * against column ranges, and guarantees that no function throws raw or
 * returns NaN/Infinity.
 */
import { HarmError, HarmErrorKind, valueError } from "../core/errors";

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
export function makeError(code: ExcelErrorCode, message: string): ExcelResultError {
  if (hasRuntime()) {
    const runtimeCode = code as unknown as CustomFunctions.ErrorCode;
    return MESSAGE_CODES.has(code)
      ? new CustomFunctions.Error(runtimeCode, message)
      : new CustomFunctions.Error(runtimeCode);
  }
  return new ExcelError(code, message);
}

export const isExcelError = (v: unknown): v is ExcelResultError =>
  v instanceof ExcelError || (hasRuntime() && v instanceof CustomFunctions.Error);

/** Maps anything thrown by core code onto an Excel error; never rethrows. */
export function toExcelError(e: unknown): ExcelResultError {
  if (e instanceof HarmError) return makeError(CODE_BY_KIND[e.kind], e.message);
  if (isExcelError(e)) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return makeError("#VALUE!", `Harm Planner could not calculate this: ${detail}`);
}

type Cell = number | string | boolean | ExcelResultError;

/** Replaces NaN/Infinity with #NUM! so no function ever leaks a non-finite number. */
function sanitise(v: unknown): Cell {
  if (typeof v === "number") {
    return Number.isFinite(v) ? v : makeError("#NUM!", "The result is not a finite number.");
  }
  if (typeof v === "string" || typeof v === "boolean" || isExcelError(v)) return v as Cell;
  if (v === null || v === undefined) return "";
  return makeError("#VALUE!", "Unexpected result type.");
}

/** Runs a scalar-returning body; errors become Excel errors. */
export function guard<T extends number | string | boolean>(fn: () => T): T | ExcelResultError {
  try {
    return sanitise(fn()) as T | ExcelResultError;
  } catch (e) {
    return toExcelError(e);
  }
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

/** Treats Excel's blank-argument forms (null, undefined, [[null]], [[""]]) as "not given". */
export function isBlank(v: unknown): boolean {
  if (v === null || v === undefined || v === "") return true;
  if (Array.isArray(v)) return v.length === 0 || v.every((row) => isBlank(row));
  return false;
}

const describe = (v: unknown): string =>
  typeof v === "string" ? `'${v.length > 40 ? v.slice(0, 40) + "…" : v}'` : String(v);

/** Reads a number, or throws a #VALUE! HarmError that names the argument and what it got. */
export function toNumber(v: unknown, name: string): number {
  if (isExcelError(v))
    throw valueError(`${name} contains an error value (${v.code}); fix the source cell first.`);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw valueError(`${name} must be a finite number; got ${describe(v)}.`);
    return v;
  }
  if (typeof v === "boolean") throw valueError(`${name} must be a number; got ${describe(v)}.`);
  if (typeof v === "string") {
    const t = v.trim().replace(/,/g, "");
    if (t !== "" && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
    throw valueError(`${name} must be a number; got ${describe(v)}.`);
  }
  if (v === null || v === undefined) throw valueError(`${name} is blank; enter a number.`);
  throw valueError(`${name} must be a number.`);
}

/** Reads a count: a finite number ≥ 0. Fractions are allowed because harm totals stand in for counts. */
export function toCount(v: unknown, name: string): number {
  const n = toNumber(v, name);
  if (n < 0) throw valueError(`${name} must not be negative; got ${n}.`);
  return n;
}

/** Optional number: blank gives the fallback. */
export function toOptionalNumber(v: unknown, name: string, fallback: number): number {
  return isBlank(v) ? fallback : toNumber(unwrapScalar(v, name), name);
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
  if (v.length === 0) throw valueError(`${name} is an empty range.`);
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

const BLANK_ROW: unknown[] = [];
const isBlankCell = (v: unknown): boolean => v === null || v === undefined || v === "";

export interface NamedArg {
  name: string;
  value: unknown;
}

/**
 * Broadcasts column/single-cell arguments row by row: a single cell is reused
 * for every row; columns must share one length. `fn` receives the raw cells of
 * each row and returns that row's result cells. A bad row gives an error in
 * that row only, so one typo does not blank a whole results table. `rowWidth`
 * is the width of a good row, so a column where every row failed still has
 * the expected shape.
 */
export function mapRows(args: NamedArg[], fn: (cells: unknown[]) => unknown[], rowWidth = 1): Cell[][] {
  return guardMatrix(() => {
    const cols = args.map((a) => toColumn(a.value, a.name));
    let n = 1;
    let owner = "";
    cols.forEach((c, i) => {
      if (c.length === 1) return;
      if (n === 1) {
        n = c.length;
        owner = args[i].name;
      } else if (c.length !== n)
        throw valueError(
          `${args[i].name} has ${c.length} rows but ${owner} has ${n}; select ranges of the same length.`,
        );
    });
    // A row whose column inputs are all blank gives a blank result, and a whole-column
    // reference (A:A) stops after the last row holding any input, instead of spilling
    // a million "is blank" errors.
    const multi = cols.filter((c) => c.length > 1);
    const rowBlank = (r: number): boolean => multi.length > 0 && multi.every((c) => isBlankCell(c[r]));
    while (n > 1 && rowBlank(n - 1)) n--;
    const out: unknown[][] = new Array(n);
    const cells = new Array<unknown>(cols.length);
    for (let r = 0; r < n; r++) {
      if (rowBlank(r)) {
        out[r] = BLANK_ROW;
        continue;
      }
      for (let j = 0; j < cols.length; j++) cells[j] = cols[j].length === 1 ? cols[j][0] : cols[j][r];
      try {
        out[r] = fn(cells);
      } catch (e) {
        out[r] = [toExcelError(e)];
      }
    }
    // Rows that failed give one error; pad them to the widest row so the spill is rectangular.
    const width = out.reduce((w, row) => (row === BLANK_ROW ? w : Math.max(w, row.length)), rowWidth);
    return out.map((row) =>
      row === BLANK_ROW
        ? new Array(width).fill("")
        : row.length === width
          ? row
          : row.length === 1 && isExcelError(row[0])
            ? new Array(width).fill(row[0])
            : row,
    );
  });
}
