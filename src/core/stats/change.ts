/** Simple before/after change measures for one area (formulas.md, "Pre/post change"). */
import { div0Error } from "../errors";
import { checkCount, finite } from "./validate";

/**
 * Percentage change as a fraction: (after − before) / before, e.g. 20 → 15 gives −0.25.
 * Undefined when before = 0 (div0Error) rather than returning Infinity.
 */
export function percentChange(before: number, after: number): number {
  checkCount(before, "before");
  checkCount(after, "after");
  if (before === 0) {
    throw div0Error(
      "Percentage change is undefined when the before count is 0; report the raw change (after − before) instead",
    );
  }
  return finite((after - before) / before, "Percentage change");
}

/**
 * Poisson Z-score Z = 2·(√after − √before), approximately standard normal
 * (Wheeler 2016, "Tables and graphs for monitoring temporal crime trends").
 * Wheeler suggests flagging only |Z| ≥ 3. Example: 16 → 25 gives 2.0.
 */
export function poissonZ(before: number, after: number): number {
  checkCount(before, "before");
  checkCount(after, "after");
  return finite(2 * (Math.sqrt(after) - Math.sqrt(before)), "Poisson Z");
}
