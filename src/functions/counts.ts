/**
 * Count functions for one area: HARM.CHANGE, HARM.POISSONZ, HARM.ETEST.
 *
 * Every count argument is declared as a matrix so that a column range gives a
 * spilled column of results (one per row) and a single cell is reused for
 * every row (see mapRows in ./excel). The JSDoc is what Excel shows in formula
 * autocomplete; custom-functions-metadata-plugin turns it into functions.json.
 */
import "./shim";
import { eTest as coreETest, percentChange, poissonZ as corePoissonZ } from "../core/stats";
import { named, readExposure, readWholeCount } from "./args";
import { errorCell, mapRows, readCount, type RowResult } from "./excel";
import { perRow, type HarmFunction } from "./spill";

const BEFORE_AFTER = ["before", "after"] as const;

/** A row of before and after counts through one core measure. */
const countRow =
  (measure: (before: number, after: number) => unknown) =>
  (c: unknown[]): RowResult => {
    const before = readCount(c[0], "before");
    if (typeof before !== "number") return before;
    const after = readCount(c[1], "after");
    if (typeof after !== "number") return after;
    return [measure(before, after)];
  };

const changeRow = countRow((before, after) =>
  before === 0
    ? errorCell("#DIV/0!", "before is 0, so a percentage change is undefined; report the raw change instead.")
    : percentChange(before, after),
);
const poissonZRow = countRow(corePoissonZ);

/**
 * Percentage change from before to after, as a fraction: (after − before) / before. Select a column to get one result per row.
 * @customfunction CHANGE
 * @param before Count (or harm total) in the before period: a cell or a column.
 * @param after Count (or harm total) in the after period: a cell or a column.
 * @returns The change as a fraction (format the cell as %).
 */
export function change(before: any[][], after: any[][]): any[][] {
  return mapRows(named(BEFORE_AFTER, [before, after]), changeRow);
}

/**
 * Poisson Z for a change in counts, 2·(√after − √before) (Wheeler 2016). Treat |Z| ≥ 3 as a real change.
 * @customfunction POISSONZ
 * @param before Count in the before period: a cell or a column.
 * @param after Count in the after period: a cell or a column.
 * @returns Z score; negative means the count fell.
 */
export function poissonZ(before: any[][], after: any[][]): any[][] {
  return mapRows(named(BEFORE_AFTER, [before, after]), poissonZRow);
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

export const COUNT_FUNCTIONS = [
  { id: "HARM.CHANGE", fn: change, required: 2, spill: perRow(1) },
  { id: "HARM.POISSONZ", fn: poissonZ, required: 2, spill: perRow(1) },
  { id: "HARM.ETEST", fn: eTest, required: 2, spill: perRow(1) },
] as const satisfies readonly HarmFunction[];
