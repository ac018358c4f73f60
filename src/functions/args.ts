/**
 * Argument readers and result cells shared by the HARM.* families. Readers
 * called once per row return an error cell instead of throwing (see excel.ts),
 * so a column of bad rows costs no more than a column of good ones.
 */
import type { PeriodPair } from "../core/stats";
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

/** A count that feeds an exact Poisson test, so it must be whole. */
export function readWholeCount(v: unknown, name: string): number | ExcelResultError {
  const n = readCount(v, name);
  if (typeof n !== "number" || Number.isInteger(n)) return n;
  return errorCell("#VALUE!", `${name} must be a whole number of crimes for this test; got ${n}.`);
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
