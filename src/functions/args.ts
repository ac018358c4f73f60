/**
 * Argument readers and result cells shared by the HARM.* families. Readers
 * called once per row return an error cell instead of throwing (see excel.ts),
 * so a column of bad rows costs no more than a column of good ones.
 */
import type { PeriodLengths, PeriodPair } from "../core/stats";
import {
  errorCell,
  isBlank,
  isExcelError,
  readCount,
  readNumber,
  type ExcelResultError,
  type NamedArg,
} from "./excel";

/** Pairs each argument with its name for mapRows; an omitted optional argument is null. */
export const named = (names: readonly string[], values: readonly unknown[]): NamedArg[] =>
  names.map((name, i) => ({ name, value: values[i] ?? null }));

/** The count arguments of the displacement functions, in the order Excel passes them. */
export const TARGET_CONTROL = ["targetBefore", "targetAfter", "controlBefore", "controlAfter"] as const;
export const TARGET_BUFFER_CONTROL = [
  "targetBefore",
  "targetAfter",
  "bufferBefore",
  "bufferAfter",
  "controlBefore",
  "controlAfter",
] as const;

const PAIR_NAMES = {
  target: ["targetBefore", "targetAfter"],
  buffer: ["bufferBefore", "bufferAfter"],
  control: ["controlBefore", "controlAfter"],
} as const;

/** Before and after counts of one area. */
function readPair(
  before: unknown,
  after: unknown,
  area: keyof typeof PAIR_NAMES,
): PeriodPair | ExcelResultError {
  const names = PAIR_NAMES[area];
  const b = readCount(before, names[0]);
  if (typeof b !== "number") return b;
  const a = readCount(after, names[1]);
  if (typeof a !== "number") return a;
  return { before: b, after: a };
}

/** Target and control pairs from the first four cells of a row. */
export function readFour(cells: readonly unknown[]): { t: PeriodPair; c: PeriodPair } | ExcelResultError {
  const t = readPair(cells[0], cells[1], "target");
  if (isExcelError(t)) return t;
  const c = readPair(cells[2], cells[3], "control");
  if (isExcelError(c)) return c;
  return { t, c };
}

export interface SixCounts {
  t: PeriodPair;
  b: PeriodPair;
  c: PeriodPair;
}

/** Target, buffer and control pairs from the first six cells of a row. */
export function readSix(cells: readonly unknown[]): SixCounts | ExcelResultError {
  const t = readPair(cells[0], cells[1], "target");
  if (isExcelError(t)) return t;
  const b = readPair(cells[2], cells[3], "buffer");
  if (isExcelError(b)) return b;
  const c = readPair(cells[4], cells[5], "control");
  if (isExcelError(c)) return c;
  return { t, b, c };
}

/** As readSix, but the buffer may be left out (both cells blank): the design without a buffer. */
export function readSixOptionalBuffer(
  cells: readonly unknown[],
): { t: PeriodPair; b?: PeriodPair; c: PeriodPair } | ExcelResultError {
  if (!isBlank(cells[2]) || !isBlank(cells[3])) return readSix(cells);
  const t = readPair(cells[0], cells[1], "target");
  if (isExcelError(t)) return t;
  const c = readPair(cells[4], cells[5], "control");
  if (isExcelError(c)) return c;
  return { t, c };
}

/** Optional number cell: blank gives the fallback. */
export const readOptional = (v: unknown, name: string, fallback: number): number | ExcelResultError =>
  isBlank(v) ? fallback : readNumber(v, name);

/** Optional count cell: blank gives undefined. */
export const readOptionalCount = (v: unknown, name: string): number | undefined | ExcelResultError =>
  isBlank(v) ? undefined : readCount(v, name);

/** A confidence level strictly between 0 and 1; blank means 0.95. */
export function readConfidence(v: unknown): number | ExcelResultError {
  const conf = readOptional(v, "confidence", 0.95);
  if (typeof conf !== "number" || (conf > 0 && conf < 1)) return conf;
  const hint = conf > 1 && conf < 100 ? ` (for ${conf}% enter ${conf / 100})` : "";
  return errorCell("#VALUE!", `confidence must be between 0 and 1, e.g. 0.95; got ${conf}${hint}.`);
}

/** An exposure (days, population…): blank means 1; otherwise it must be above 0. */
export function readExposure(v: unknown, name: string): number | ExcelResultError {
  const n = readOptional(v, name, 1);
  if (typeof n !== "number" || n > 0) return n;
  return errorCell("#VALUE!", `${name} must be greater than 0 (e.g. the number of days); got ${n}.`);
}

/** Overdispersion factor: blank means 1 (plain Poisson); otherwise at least 1. */
export function readDispersion(v: unknown): number | ExcelResultError {
  const d = readOptional(v, "dispersion", 1);
  if (typeof d !== "number" || d >= 1) return d;
  return errorCell("#VALUE!", `dispersion must be a number of at least 1 (1 = no overdispersion); got ${d}.`);
}

const BOTH_LENGTHS =
  "Give both beforeLength and afterLength (e.g. days or months in each period), or leave both blank.";

/**
 * The before and after period lengths: both blank means equal periods
 * (undefined), so results are exactly those without lengths; otherwise both
 * must be above 0.
 */
export function readLengths(before: unknown, after: unknown): PeriodLengths | undefined | ExcelResultError {
  const noBefore = isBlank(before);
  if (noBefore && isBlank(after)) return undefined;
  if (noBefore || isBlank(after)) return errorCell("#VALUE!", BOTH_LENGTHS);
  const l0 = readPeriodLength(before, "beforeLength");
  if (typeof l0 !== "number") return l0;
  const l1 = readPeriodLength(after, "afterLength");
  if (typeof l1 !== "number") return l1;
  return { before: l0, after: l1 };
}

/** The options that follow a row's counts. */
export interface RowOptions {
  confidence: number;
  lengths?: PeriodLengths;
  dispersion: number;
}

/**
 * The options from cells[at] on, in Excel's order: confidence, then (with
 * `withLengths`) beforeLength and afterLength, then dispersion. Read in that
 * order, so the first bad one is the one reported.
 */
export function readRowOptions(
  cells: readonly unknown[],
  at: number,
  withLengths = false,
): RowOptions | ExcelResultError {
  const confidence = readConfidence(cells[at]);
  if (typeof confidence !== "number") return confidence;
  const lengths = withLengths ? readLengths(cells[at + 1], cells[at + 2]) : undefined;
  if (isExcelError(lengths)) return lengths;
  const dispersion = readDispersion(cells[withLengths ? at + 3 : at + 1]);
  if (typeof dispersion !== "number") return dispersion;
  return lengths ? { confidence, lengths, dispersion } : { confidence, dispersion };
}

function readPeriodLength(v: unknown, name: string): number | ExcelResultError {
  const n = readNumber(v, name);
  if (typeof n !== "number" || n > 0) return n;
  return errorCell(
    "#VALUE!",
    `${name} must be greater than 0 (the number of days or months in the period); got ${n}.`,
  );
}

/** A count that feeds an exact Poisson test, so it must be whole. */
export function readWholeCount(v: unknown, name: string): number | ExcelResultError {
  const n = readCount(v, name);
  if (typeof n !== "number" || Number.isInteger(n)) return n;
  return errorCell("#VALUE!", `${name} must be a whole number of crimes for this test; got ${n}.`);
}

/** No crime count is this large, and the exact intervals slow down far beyond it; the E-test has the same cap. */
const MAX_EXACT_COUNT = 1e9;

/** A whole count for an exact interval (HARM.POISSONCI, HARM.RATERATIO): at most 1E9. */
export function readExactCount(v: unknown, name: string): number | ExcelResultError {
  const n = readWholeCount(v, name);
  if (typeof n !== "number" || n <= MAX_EXACT_COUNT) return n;
  return errorCell("#NUM!", `${name} must be at most 1,000,000,000 crimes for an exact interval; got ${n}.`);
}

/** WDD results as cells: estimate, standard error, Z, lower, upper. */
export const wddCells = (r: {
  estimate: number;
  se: number;
  z: number;
  lower: number;
  upper: number;
}): unknown[] => [
  r.estimate,
  r.se,
  r.se > 0 ? r.z : errorCell("#DIV/0!", "The standard error is 0 (all counts are 0), so Z is undefined."),
  r.lower,
  r.upper,
];
