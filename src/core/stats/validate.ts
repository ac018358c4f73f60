/**
 * Input checks shared by the statistics. Every message names the argument and
 * says what to fix, because it reaches the analyst as an Excel error tooltip.
 */
import { numError, valueError } from "../errors";

/** A period pair of counts (or weighted counts): before and after the operation. */
export interface PeriodPair {
  before: number;
  after: number;
}

const show = (value: unknown): string => (typeof value === "number" ? String(value) : typeof value);

/** A count: finite and not negative (harm-weighted totals are allowed, so no whole-number rule). */
export function checkCount(value: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw valueError(`${name} must be a finite number; got ${show(value)}`);
  }
  if (value < 0) throw valueError(`${name} must not be negative; got ${value}`);
  return value;
}

/** A count that feeds a discrete distribution (Poisson, binomial), so it must be whole. */
export function checkWholeCount(value: number, name: string): number {
  checkCount(value, name);
  if (!Number.isInteger(value)) {
    throw valueError(`${name} must be a whole number of crimes for this test; got ${value}`);
  }
  return value;
}

/** A strictly positive, finite number such as an exposure or a weight. */
export function checkPositive(value: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw valueError(`${name} must be a finite number; got ${show(value)}`);
  }
  if (value <= 0) throw valueError(`${name} must be greater than 0; got ${value}`);
  return value;
}

/** A two-sided confidence level strictly between 0 and 1. */
export function checkConfidence(value: number, name = "confidence"): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value >= 1) {
    const hint =
      typeof value === "number" && value > 1 && value < 100 ? ` (for ${value}% enter ${value / 100})` : "";
    throw valueError(`${name} must be between 0 and 1, e.g. 0.95; got ${show(value)}${hint}`);
  }
  return value;
}

/** Checks both halves of a period pair, naming them e.g. "targetBefore", "targetAfter". */
export function checkPair(pair: PeriodPair, prefix: string): PeriodPair {
  if (pair === null || typeof pair !== "object") {
    throw valueError(`${prefix} must give before and after counts`);
  }
  checkCount(pair.before, `${prefix}Before`);
  checkCount(pair.after, `${prefix}After`);
  return pair;
}

/** Last line of defence: overflow (e.g. 1e308 × 10) becomes a #NUM! error, never Infinity or NaN. */
export function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) {
    throw numError(
      `${what} is too large or too small to compute; check the inputs are counts in sensible units`,
    );
  }
  return value;
}

/** Overdispersion factor D ≥ 1 multiplying every Poisson variance (1 = plain Poisson). */
export function checkDispersion(value: number | undefined, name = "dispersion"): number {
  const d = value ?? 1;
  if (typeof d !== "number" || !Number.isFinite(d) || d < 1) {
    throw valueError(`${name} must be a number of at least 1 (1 = no overdispersion); got ${show(d)}`);
  }
  return d;
}
