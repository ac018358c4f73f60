/**
 * Count functions: HARM.CHANGE, HARM.POISSONZ and HARM.ETEST for one area's
 * before and after counts, and the exact intervals HARM.POISSONCI and
 * HARM.RATERATIO.
 *
 * Every count argument is declared as a matrix so that a column range gives a
 * spilled column of results (one per row) and a single cell is reused for
 * every row (see mapRows in ./excel); metadata.ts says so to Excel.
 */
import {
  eTest as coreETest,
  percentChange,
  poissonCi as corePoissonCi,
  poissonZ as corePoissonZ,
  rateRatioExact,
  type PeriodLengths,
} from "../core/stats";
import { named, readConfidence, readExactCount, readExposure, readLengths, readWholeCount } from "./args";
import { errorCell, isBlank, isExcelError, mapRows, readCount, type RowResult } from "./excel";
import { perRow, type HarmFunction } from "./spill";

const BEFORE_AFTER = ["before", "after", "beforeLength", "afterLength"] as const;

type CountMeasure = (before: number, after: number, lengths?: PeriodLengths) => unknown;

/**
 * Rows of before and after counts through one core measure: `plain` when no
 * lengths are given (a million-row column reads nothing more per row), else
 * `withLengths`, which also reads each row's period lengths.
 */
function countRows(measure: CountMeasure): Record<"plain" | "withLengths", (c: unknown[]) => RowResult> {
  const counts = (c: unknown[], lengths?: PeriodLengths): RowResult => {
    const before = readCount(c[0], "before");
    if (typeof before !== "number") return before;
    const after = readCount(c[1], "after");
    if (typeof after !== "number") return after;
    return [measure(before, after, lengths)];
  };
  return {
    plain: (c) => counts(c),
    withLengths: (c) => {
      const lengths = readLengths(c[2], c[3]);
      return isExcelError(lengths) ? lengths : counts(c, lengths);
    },
  };
}

/** One count measure over columns, with the period lengths when either is given. */
function mapCounts(rows: ReturnType<typeof countRows>, values: unknown[]): any[][] {
  const lengths = !isBlank(values[2]) || !isBlank(values[3]);
  return lengths
    ? mapRows(named(BEFORE_AFTER, values), rows.withLengths)
    : mapRows(named(BEFORE_AFTER.slice(0, 2), values), rows.plain);
}

const changeRows = countRows((before, after, lengths) =>
  before === 0
    ? errorCell("#DIV/0!", "before is 0, so a percentage change is undefined; report the raw change instead.")
    : percentChange(before, after, lengths),
);
const poissonZRows = countRows(corePoissonZ);

/** HARM.CHANGE: The change as a fraction (format the cell as %). */
export function change(...args: any[][][]): any[][] {
  return mapCounts(changeRows, args);
}

/** HARM.POISSONZ: Z score; negative means the count (or rate) fell. */
export function poissonZ(...args: any[][][]): any[][] {
  return mapCounts(poissonZRows, args);
}

function eTestRow(c: unknown[]): RowResult {
  const k1 = readWholeCount(c[0], "count1");
  if (typeof k1 !== "number") return k1;
  const k2 = readWholeCount(c[1], "count2");
  if (typeof k2 !== "number") return k2;
  const n1 = readExposure(c[2], "exposure1");
  if (typeof n1 !== "number") return n1;
  const n2 = readExposure(c[3], "exposure2");
  if (typeof n2 !== "number") return n2;
  return [coreETest(k1, k2, n1, n2)];
}

/** HARM.ETEST: Two-sided p-value from 0 to 1. */
export function eTest(...args: any[][][]): any[][] {
  return mapRows(named(["count1", "count2", "exposure1", "exposure2"], args), eTestRow);
}

function poissonCiRow(c: unknown[]): RowResult {
  const count = readExactCount(c[0], "count");
  if (typeof count !== "number") return count;
  const confidence = readConfidence(c[1]);
  if (typeof confidence !== "number") return confidence;
  const r = corePoissonCi(count, confidence);
  return [r.lower, r.upper];
}

/** HARM.POISSONCI: Lower and upper limits (two cells per row). */
export function poissonCi(...args: any[][][]): any[][] {
  return mapRows(named(["count", "confidence"], args), poissonCiRow, 2);
}

const RATE_RATIO_ARGS = ["countBefore", "countAfter", "exposureBefore", "exposureAfter", "confidence"];

function rateRatioRow(c: unknown[]): RowResult {
  const before = readExactCount(c[0], "countBefore");
  if (typeof before !== "number") return before;
  const after = readExactCount(c[1], "countAfter");
  if (typeof after !== "number") return after;
  const e0 = readExposure(c[2], "exposureBefore");
  if (typeof e0 !== "number") return e0;
  const e1 = readExposure(c[3], "exposureAfter");
  if (typeof e1 !== "number") return e1;
  const confidence = readConfidence(c[4]);
  if (typeof confidence !== "number") return confidence;
  const r = rateRatioExact(before, after, e0, e1, confidence);
  return [r.ratio, r.lower, r.upper];
}

/** HARM.RATERATIO: Ratio, lower and upper limits (three cells per row). */
export function rateRatio(...args: any[][][]): any[][] {
  return mapRows(named(RATE_RATIO_ARGS, args), rateRatioRow, 3);
}

export const COUNT_FUNCTIONS = [
  { id: "HARM.CHANGE", fn: change, spill: perRow(1) },
  { id: "HARM.POISSONZ", fn: poissonZ, spill: perRow(1) },
  { id: "HARM.ETEST", fn: eTest, spill: perRow(1) },
  { id: "HARM.POISSONCI", fn: poissonCi, spill: perRow(2) },
  { id: "HARM.RATERATIO", fn: rateRatio, spill: perRow(3) },
] as const satisfies readonly HarmFunction[];
