/**
 * Lengths of the before and after periods (docs/methods.md, "Period lengths").
 * Counts over unequal periods are compared as rates; equal lengths change nothing.
 */
import { valueError } from "../errors";
import { checkPositive, finite } from "./validate";

/** L0 and L1: days, or whole months for month-only data. The unit only labels messages. */
export interface PeriodLengths {
  before: number;
  after: number;
  unit?: "days" | "months";
}

/** Finite and > 0; messages name e.g. "lengths.before". */
export function checkLengths(lengths: PeriodLengths, name = "lengths"): PeriodLengths {
  if (lengths === null || typeof lengths !== "object") {
    throw valueError(`${name} must give the before and after period lengths`);
  }
  checkPositive(lengths.before, `${name}.before`);
  checkPositive(lengths.after, `${name}.after`);
  return lengths;
}

/** r = L1/L0; 1 when lengths are omitted. */
export function timeRatio(lengths?: PeriodLengths): number {
  if (lengths === undefined) return 1;
  checkLengths(lengths);
  return finite(lengths.after / lengths.before, "The ratio of the period lengths");
}

/** True when lengths are omitted or equal, so every formula reduces exactly to its count form. */
export function sameLengths(lengths?: PeriodLengths): boolean {
  if (lengths === undefined) return true;
  checkLengths(lengths);
  return lengths.before === lengths.after;
}

/**
 * WDD time weights normalised to the after period (before L0/L1, after 1), so
 * results are counts per after-period length and equal lengths give (1, 1).
 */
export function lengthsToTimeWeights(lengths: PeriodLengths): { before: number; after: number } {
  checkLengths(lengths);
  return { before: finite(lengths.before / lengths.after, "The ratio of the period lengths"), after: 1 };
}

/** "6 vs 4 months", "1 month vs 3 months", or "6 vs 4" when the unit is not known. */
export function describeLengths(lengths: PeriodLengths): string {
  const { before, after, unit } = lengths;
  if (!unit) return `${before} vs ${after}`;
  const one = unit === "days" ? "day" : "month";
  if (before !== 1 && after !== 1) return `${before} vs ${after} ${unit}`;
  return `${before} ${before === 1 ? one : unit} vs ${after} ${after === 1 ? one : unit}`;
}
