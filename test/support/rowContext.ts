/**
 * Row contexts for Results and Summary tests: what the data said about a row
 * (dispersion, last year's same months, similar areas), built by hand so a
 * test can reach each branch of the verdict.
 */
import type { RowContext } from "../../src/core/stats/verdict";

export const rowContext = (over: Partial<RowContext> = {}): RowContext => ({
  dispersion: { value: 1.8, source: "data", data: 1.8, monthly: null, areas: null },
  lastYear: { available: false, reason: "not in the data" },
  similar: { available: false, reason: "none" },
  highPoint: { available: false, reason: "too few months" },
  policeGenerated: false,
  ...over,
});

/** Last year's same months: a net effect of `share` of 300 expected crimes, with its limits. */
export const lastYearContext = (share: number, lower: number, upper: number, yearsBack = 1) => ({
  available: true as const,
  yearsBack,
  estimate: share * 300,
  lower: lower * 300,
  upper: upper * 300,
  share,
  shareLower: lower,
  shareUpper: upper,
});

/** `asLarge` of `n` similar areas changed as much as the target. */
export const similarContext = (asLarge: number, n: number) => ({
  available: true as const,
  asLarge,
  n,
  p: (1 + asLarge) / (1 + n),
  canReach5: n >= 19,
});
