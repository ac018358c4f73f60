/**
 * Planning functions: HARM.MDE (the smallest fall the verdict would credit
 * with the wanted power) and HARM.MONTHSNEEDED (how many months of data that
 * takes), both from src/core/stats/power.ts, which applies the verdict's own
 * rules. Columns give one result per row.
 */
import { minimumDetectableEffect, monthsNeeded as coreMonthsNeeded } from "../core/stats";
import { named, readConfidence, readDispersion, readLengths } from "./args";
import {
  errorCell,
  isBlank,
  isExcelError,
  mapRows,
  readNumber,
  type ExcelResultError,
  type RowResult,
} from "./excel";
import { perRow, type HarmFunction } from "./spill";

/** Power: blank means 0.8; the core checks it is between 0 and 1 and says so. */
const readPower = (v: unknown): number | undefined | ExcelResultError =>
  isBlank(v) ? undefined : readNumber(v, "power");

/** Similar areas: blank means not known (the rank is left out of the plan); else a whole number of areas. */
function readSimilar(v: unknown): number | undefined | ExcelResultError {
  if (isBlank(v)) return undefined;
  const n = readNumber(v, "similarAreas");
  if (typeof n !== "number" || (Number.isInteger(n) && n >= 0 && n <= 1e6)) return n;
  return errorCell(
    "#VALUE!",
    `similarAreas must be a whole number of comparison areas, 0 or more (leave it blank if not known); got ${n}.`,
  );
}

const MDE_ARGS = [
  "targetBefore",
  "controlBefore",
  "beforeLength",
  "afterLength",
  "confidence",
  "power",
  "dispersion",
  "similarAreas",
];

function mdeRow(c: unknown[]): RowResult {
  const targetBefore = readNumber(c[0], "targetBefore");
  if (typeof targetBefore !== "number") return targetBefore;
  const controlBefore = readNumber(c[1], "controlBefore");
  if (typeof controlBefore !== "number") return controlBefore;
  const lengths = readLengths(c[2], c[3]);
  if (isExcelError(lengths)) return lengths;
  const confidence = readConfidence(c[4]);
  if (typeof confidence !== "number") return confidence;
  const power = readPower(c[5]);
  if (isExcelError(power)) return power;
  const dispersion = readDispersion(c[6]);
  if (typeof dispersion !== "number") return dispersion;
  const similarAreas = readSimilar(c[7]);
  if (isExcelError(similarAreas)) return similarAreas;
  const r = minimumDetectableEffect({
    targetBefore,
    controlBefore,
    beforeLength: lengths?.before,
    afterLength: lengths?.after,
    confidence,
    power,
    dispersion,
    similarAreas,
  });
  return [r.crimes, r.fraction];
}

/** HARM.MDE: Crimes prevented in the after period, then the fall as a fraction (two cells per row). */
export function mde(...args: any[][][]): any[][] {
  return mapRows(named(MDE_ARGS, args), mdeRow, 2);
}

const MONTHS_ARGS = [
  "targetMonthly",
  "controlMonthly",
  "reduction",
  "confidence",
  "power",
  "dispersion",
  "similarAreas",
];

function monthsRow(c: unknown[]): RowResult {
  const targetMonthly = readNumber(c[0], "targetMonthly");
  if (typeof targetMonthly !== "number") return targetMonthly;
  const controlMonthly = readNumber(c[1], "controlMonthly");
  if (typeof controlMonthly !== "number") return controlMonthly;
  const reduction = readNumber(c[2], "reduction");
  if (typeof reduction !== "number") return reduction;
  const confidence = readConfidence(c[3]);
  if (typeof confidence !== "number") return confidence;
  const power = readPower(c[4]);
  if (isExcelError(power)) return power;
  const dispersion = readDispersion(c[5]);
  if (typeof dispersion !== "number") return dispersion;
  const similarAreas = readSimilar(c[6]);
  if (isExcelError(similarAreas)) return similarAreas;
  const input = { targetMonthly, controlMonthly, reduction, confidence, power, dispersion, similarAreas };
  return [coreMonthsNeeded(input)];
}

/** HARM.MONTHSNEEDED: Whole months in each period (1 to 60). */
export function monthsNeeded(...args: any[][][]): any[][] {
  return mapRows(named(MONTHS_ARGS, args), monthsRow);
}

export const PLANNING_FUNCTIONS = [
  { id: "HARM.MDE", fn: mde, spill: perRow(2) },
  { id: "HARM.MONTHSNEEDED", fn: monthsNeeded, spill: perRow(1) },
] as const satisfies readonly HarmFunction[];
