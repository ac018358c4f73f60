/**
 * Count functions: HARM.CHANGE, HARM.POISSONZ and HARM.ETEST for one area's
 * before and after counts, and the exact intervals HARM.POISSONCI and
 * HARM.RATERATIO.
 *
 * Every count argument is declared as a matrix so that a column range gives a
 * spilled column of results (one per row) and a single cell is reused for
 * every row (see mapRows in ./excel). The JSDoc is what Excel shows in formula
 * autocomplete; custom-functions-metadata-plugin turns it into functions.json.
 */
import "./shim";
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

/**
 * Percentage change from before to after, as a fraction: (after − before) / before, or the change in rate when the periods differ in length. Select a column to get one result per row.
 * @customfunction CHANGE
 * @param before Count (or harm total) in the before period: a cell or a column.
 * @param after Count (or harm total) in the after period: a cell or a column.
 * @param [beforeLength] Length of the before period (days or months). Leave both lengths blank for equal periods.
 * @param [afterLength] Length of the after period, in the same units.
 * @returns The change as a fraction (format the cell as %).
 */
export function change(
  before: any[][],
  after: any[][],
  beforeLength?: any[][],
  afterLength?: any[][],
): any[][] {
  return mapCounts(changeRows, [before, after, beforeLength, afterLength]);
}

/**
 * Poisson Z for a change in counts, 2·(√after − √before) (Wheeler 2016), rescaled when the periods differ in length. Treat |Z| ≥ 3 as a real change.
 * @customfunction POISSONZ
 * @param before Count in the before period: a cell or a column.
 * @param after Count in the after period: a cell or a column.
 * @param [beforeLength] Length of the before period (days or months). Leave both lengths blank for equal periods.
 * @param [afterLength] Length of the after period, in the same units.
 * @returns Z score; negative means the count (or rate) fell.
 */
export function poissonZ(
  before: any[][],
  after: any[][],
  beforeLength?: any[][],
  afterLength?: any[][],
): any[][] {
  return mapCounts(poissonZRows, [before, after, beforeLength, afterLength]);
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

/**
 * E-test p-value for two Poisson counts (Krishnamoorthy & Thomson 2004): is the rate really different?
 * @customfunction ETEST
 * @param count1 First count (e.g. before): a cell or a column.
 * @param count2 Second count (e.g. after): a cell or a column.
 * @param [exposure1] Exposure for the first count (e.g. days or population). Leave blank for 1.
 * @param [exposure2] Exposure for the second count. Leave blank for 1.
 * @returns Two-sided p-value from 0 to 1.
 */
export function eTest(count1: any[][], count2: any[][], exposure1?: any[][], exposure2?: any[][]): any[][] {
  return mapRows(
    named(["count1", "count2", "exposure1", "exposure2"], [count1, count2, exposure1, exposure2]),
    eTestRow,
  );
}

function poissonCiRow(c: unknown[]): RowResult {
  const count = readExactCount(c[0], "count");
  if (typeof count !== "number") return count;
  const confidence = readConfidence(c[1]);
  if (typeof confidence !== "number") return confidence;
  const r = corePoissonCi(count, confidence);
  return [r.lower, r.upper];
}

/**
 * Exact (Garwood) confidence interval for the mean behind a count of crimes, spilling lower and upper limits. A column of counts gives one pair per row.
 * @customfunction POISSONCI
 * @param count Number of crimes (a whole number): a cell or a column.
 * @param [confidence] Confidence level, e.g. 0.95 (the default).
 * @returns Lower and upper limits (two cells per row).
 */
export function poissonCi(count: any[][], confidence?: any[][]): any[][] {
  return mapRows(named(["count", "confidence"], [count, confidence]), poissonCiRow, 2);
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

/**
 * Rate ratio after ÷ before with its exact conditional interval, spilling ratio, lower and upper limits. Below 1 means the rate fell. Columns give one result per row.
 * @customfunction RATERATIO
 * @param countBefore Crimes in the before period (a whole number): a cell or a column.
 * @param countAfter Crimes in the after period.
 * @param [exposureBefore] Exposure before, e.g. days in the period or days at liberty. Leave blank for 1.
 * @param [exposureAfter] Exposure after, in the same units. Leave blank for 1.
 * @param [confidence] Confidence level, e.g. 0.95 (the default).
 * @returns Ratio, lower and upper limits (three cells per row).
 */
export function rateRatio(
  countBefore: any[][],
  countAfter: any[][],
  exposureBefore?: any[][],
  exposureAfter?: any[][],
  confidence?: any[][],
): any[][] {
  return mapRows(
    named(RATE_RATIO_ARGS, [countBefore, countAfter, exposureBefore, exposureAfter, confidence]),
    rateRatioRow,
    3,
  );
}

export const COUNT_FUNCTIONS = [
  { id: "HARM.CHANGE", fn: change, required: 2, spill: perRow(1) },
  { id: "HARM.POISSONZ", fn: poissonZ, required: 2, spill: perRow(1) },
  { id: "HARM.ETEST", fn: eTest, required: 2, spill: perRow(1) },
  { id: "HARM.POISSONCI", fn: poissonCi, required: 1, spill: perRow(2) },
  { id: "HARM.RATERATIO", fn: rateRatio, required: 2, spill: perRow(3) },
] as const satisfies readonly HarmFunction[];
