/**
 * Before/after change measures for one area (docs/methods.md, "Change",
 * "Poisson Z" and "E-test"). Optional period lengths turn counts into rates.
 */
import { div0Error } from "../errors";
import { checkLengths, sameLengths, timeRatio, type PeriodLengths } from "./lengths";
import { eTest } from "./poisson";
import { checkCount, checkWholeCount, finite } from "./validate";

/**
 * Percentage change as a fraction. Without lengths (or with equal ones):
 * (after − before) / before, e.g. 20 → 15 gives −0.25. With lengths L0, L1:
 * the rate change (after/L1)/(before/L0) − 1, e.g. 120 in 6 months → 100 in 4 gives +0.25.
 * Undefined when before = 0 (div0Error) rather than returning Infinity.
 */
export function percentChange(before: number, after: number, lengths?: PeriodLengths): number {
  checkCount(before, "before");
  checkCount(after, "after");
  const same = sameLengths(lengths);
  if (before === 0) {
    throw div0Error(
      "Percentage change is undefined when the before count is 0; report the raw change (after − before) instead",
    );
  }
  if (same) return finite((after - before) / before, "Percentage change");
  return finite(after / timeRatio(lengths) / before - 1, "Percentage change");
}

/**
 * Poisson Z-score, approximately standard normal (Wheeler 2016, "Tables and
 * graphs for monitoring temporal crime trends"): Z = 2·(√after − √before).
 * With lengths, r = L1/L0 and Z = 2·(√after − √(r·before))·√(2/(1+r)), which
 * keeps Wheeler's scale (Var √X ≈ 1/4). Wheeler suggests flagging only |Z| ≥ 3.
 * Example: 16 → 25 gives 2.0.
 */
export function poissonZ(before: number, after: number, lengths?: PeriodLengths): number {
  checkCount(before, "before");
  checkCount(after, "after");
  if (sameLengths(lengths)) return finite(2 * (Math.sqrt(after) - Math.sqrt(before)), "Poisson Z");
  const r = timeRatio(lengths);
  return finite(2 * (Math.sqrt(after) - Math.sqrt(r * before)) * Math.sqrt(2 / (1 + r)), "Poisson Z");
}

/**
 * Two-sided E-test p-value for a before/after pair with the period lengths as
 * exposures: eTest(after, before, L1, L0) (Krishnamoorthy & Thomson 2004). The
 * p-value is symmetric in the two counts, and scaling both lengths leaves it unchanged.
 */
export function periodETest(before: number, after: number, lengths?: PeriodLengths): number {
  checkWholeCount(before, "before");
  checkWholeCount(after, "after");
  // Equal lengths cancel; leaving them out keeps "equal lengths = no lengths" exact to the last digit.
  if (sameLengths(lengths)) return eTest(after, before);
  const { before: l0, after: l1 } = checkLengths(lengths as PeriodLengths);
  return eTest(after, before, l1, l0);
}
