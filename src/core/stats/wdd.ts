/**
 * Weighted displacement difference (Wheeler & Ratcliffe 2018, Crime Science 7:11;
 * R package ptools `wdd` and `wdd_harm`; docs/methods.md, "WDD").
 */
import { div0Error, naError, valueError } from "../errors";
import { checkLengths, lengthsToTimeWeights, type PeriodLengths } from "./lengths";
import { harmWeighted } from "./harm";
import { normalInterval, type NormalInterval } from "./normal";
import {
  checkConfidence,
  checkDispersion,
  checkPair,
  checkPositive,
  finite,
  type PeriodPair,
} from "./validate";

export interface WddInput {
  target: PeriodPair;
  control: PeriodPair;
  /** Possible displacement area; leave out for a target/control-only design. */
  buffer?: PeriodPair;
  /** Control area for the buffer (Cd); needs a buffer. Without it the control, scaled to the buffer's baseline, is used. */
  bufferControl?: PeriodPair;
  /** Each count is divided by its period's weight (e.g. months covered); variance terms by weight². */
  timeWeights?: { before: number; after: number };
  /** Period lengths, turned into time weights (before L0/L1, after 1); not together with timeWeights. */
  lengths?: PeriodLengths;
  /**
   * Each count is divided by its area's weight; variance terms by weight². Giving
   * area weights (even all 1) states the areas are on a comparable scale, so the
   * factor-of-2 comparability rule is not applied.
   */
  areaWeights?: { target?: number; control?: number; buffer?: number; bufferControl?: number };
  /** Two-sided confidence level; default 0.95. */
  confidence?: number;
  /** Overdispersion factor D ≥ 1 multiplying the variance; default 1. */
  dispersion?: number;
}

export type WddResult = NormalInterval;

/** Before counts of an area and its control may differ by at most this factor for an unweighted WDD. */
export const MAX_BASELINE_RATIO = 2;

/** Larger over smaller of two before counts; null when either is 0 (sizes cannot be compared). */
export function baselineRatio(a: number, b: number): number | null {
  if (a === 0 || b === 0) return null;
  return Math.max(a, b) / Math.min(a, b);
}

/** True when two before counts are within a factor of 2 of each other (both > 0). */
export function baselinesComparable(a: number, b: number): boolean {
  const ratio = baselineRatio(a, b);
  return ratio !== null && ratio <= MAX_BASELINE_RATIO;
}

/** A size ratio as a reader sees it: 3 significant figures, or "more than a million" (never Infinity). */
export function ratioWords(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio > 1e6) return "more than a million";
  return String(excelRound(ratio, ratio >= 10 ? 0 : 2));
}

/**
 * ROUND(x, digits) as Excel (and LibreOffice) work it out for x ≥ 0: on the
 * 15 significant digits Excel shows, halves away from zero. So 2397/680,
 * stored as 3.52499…, gives 3.53 here as on the sheet (toPrecision gives 3.52).
 */
export function excelRound(x: number, digits: number): number {
  // From 1E15 on there are no decimals left to round (and "1e+308e4" would read as NaN).
  if (Math.abs(x) >= 1e15) return Number(x.toPrecision(15));
  const shifted = Number(`${x.toPrecision(15)}e${digits}`);
  return Number(`${Math.round(shifted)}e-${digits}`);
}

/** naError for an area and its control too different in size for an unweighted WDD. */
function checkComparable(area: string, a: number, control: string, c: number, label: string): void {
  if (baselinesComparable(a, c)) return;
  const ratio = baselineRatio(a, c);
  const why =
    ratio === null
      ? `the ${a === 0 ? area : control} had no crimes in the before period, so the two sizes cannot be compared`
      : `the ${area}'s before count (${a}) and the ${control}'s (${c}) differ by a factor of ${ratioWords(ratio)}, more than 2`;
  throw naError(
    `${label}The unweighted WDD is not shown because ${why}. Use the net effect, which scales the ` +
      `${control}'s trend to the ${area}, or give area weights.`,
  );
}

interface Weighted {
  value: { before: number; after: number };
  /** Variance of each weighted count: count / weight². */
  variance: { before: number; after: number };
}

function weigh(pair: PeriodPair, time: { before: number; after: number }, area: number): Weighted {
  const wb = time.before * area;
  const wa = time.after * area;
  return {
    value: { before: pair.before / wb, after: pair.after / wa },
    variance: { before: pair.before / (wb * wb), after: pair.after / (wa * wa) },
  };
}

/** Change and variance of a WDD pair term (area after − before), treating the weights as fixed. */
const change = (x: Weighted): number => x.value.after - x.value.before;
const spread = (x: Weighted): number => x.variance.before + x.variance.after;

function timeWeightsOf(input: WddInput, label: string): { before: number; after: number } {
  if (input.lengths !== undefined) {
    if (input.timeWeights !== undefined) {
      throw valueError(`${label}give either timeWeights or lengths for the WDD, not both`);
    }
    return lengthsToTimeWeights(checkLengths(input.lengths, `${label}lengths`));
  }
  const time = input.timeWeights ?? { before: 1, after: 1 };
  return {
    before: checkPositive(time.before, `${label}timeWeights.before`),
    after: checkPositive(time.after, `${label}timeWeights.after`),
  };
}

/** Checks every input of one WDD; `label` prefixes messages for harmWdd parts. */
function checkWddInput(input: WddInput, label: string): { before: number; after: number } {
  if (input === null || typeof input !== "object") throw valueError(`${label}the WDD input is missing`);
  const time = timeWeightsOf(input, label);
  if (input.bufferControl && !input.buffer) {
    throw valueError(
      `${label}bufferControl was given without a buffer area; add the buffer counts or leave it out`,
    );
  }
  for (const key of ["target", "control"] as const) {
    if (input[key] === undefined) throw valueError(`${label}${key} counts are required for the WDD`);
  }
  for (const key of ["target", "control", "buffer", "bufferControl"] as const) {
    const pair = input[key];
    if (pair !== undefined) checkPair(pair, `${label}${key}`);
  }
  return time;
}

/**
 * Estimate and Poisson variance (D = 1) of one WDD. With a buffer but no buffer
 * control, the buffer's term is (B1 − B0) − k·(C1 − C0) with k = B0/C0: the
 * control scaled to the buffer's baseline. Because k is estimated and C is
 * shared with the target term, the variance is by the delta method.
 */
function wddCore(input: WddInput, label = ""): { estimate: number; variance: number } {
  const time = checkWddInput(input, label);
  const areas = input.areaWeights ?? {};
  const area = (key: keyof typeof areas) => checkPositive(areas[key] ?? 1, `${label}areaWeights.${key}`);
  const t = weigh(input.target, time, area("target"));
  const c = weigh(input.control, time, area("control"));
  const b = input.buffer && weigh(input.buffer, time, area("buffer"));
  const d = input.bufferControl && weigh(input.bufferControl, time, area("bufferControl"));
  // With no crimes at all there is nothing to test (#NUM! from the interval), whatever the sizes.
  const anyCrime = [t, c, b, d].some((x) => x && spread(x) > 0);
  // Before the buffer's term divides by C0: no crimes at all is "nothing to test", with or without a buffer.
  if (!anyCrime) return { estimate: 0, variance: 0 };
  if (input.areaWeights === undefined) {
    checkComparable("target", input.target.before, "control", input.control.before, label);
    if (input.buffer && input.bufferControl) {
      checkComparable("buffer", input.buffer.before, "buffer control", input.bufferControl.before, label);
    }
  }
  let estimate = change(t) - change(c);
  let variance = spread(t) + spread(c);
  if (b && d) {
    // One term at a time, in the order used before, so earlier results are unchanged to the last digit.
    estimate += change(b);
    estimate -= change(d);
    variance += spread(b);
    variance += spread(d);
  } else if (b) {
    const c0 = c.value.before;
    if (c0 === 0) {
      throw div0Error(
        `${label}The WDD's buffer term is undefined when the control has no crimes in the before period; give the buffer its own control`,
      );
    }
    const k = b.value.before / c0;
    const trend = c.value.after / c0;
    estimate += change(b) - k * change(c);
    // Gradient of (t1 − t0) − (c1 − c0) + (b1 − b0) − (b0/c0)(c1 − c0): replaces the control's unit weights.
    variance =
      spread(t) +
      b.variance.after +
      trend * trend * b.variance.before +
      (1 + k) * (1 + k) * c.variance.after +
      (1 + k * trend) * (1 + k * trend) * c.variance.before;
  }
  return { estimate: finite(estimate, `${label}WDD`), variance: finite(variance, `${label}WDD variance`) };
}

/**
 * WDD = (T1 − T0) − (C1 − C0) + (B1 − B0) − (Cd1 − Cd0), Var = D × sum of the
 * (weighted) counts, Z = WDD/SE, CI = WDD ± z·SE (Wheeler & Ratcliffe 2018).
 * Negative = crime fell. Refused (naError) when an area's before count and its
 * control's differ by more than a factor of 2, unless area weights are given.
 * A buffer without its own control uses the control scaled to the buffer's baseline.
 * Examples: W2 (−10, SE √70), W4 (−20, SE √115).
 */
export function wdd(input: WddInput): WddResult {
  const confidence = checkConfidence(input?.confidence ?? 0.95);
  const dispersion = checkDispersion(input?.dispersion);
  const { estimate, variance } = wddCore(input);
  return normalInterval(estimate, finite(dispersion * variance, "WDD variance"), confidence, "WDD");
}

/**
 * Harm-weighted WDD (Wheeler & Ratcliffe 2018; ptools `wdd_harm`): one WDD per
 * offence type k with harm weight w_k; estimate Σ w_k·WDD_k, Var D·Σ w_k²·Var_k.
 * The comparability rule applies per offence type. Feeding harm totals straight
 * into `wdd` would get the variance wrong. A weight of 0 leaves that offence type
 * out (its counts are still checked). Each part's own confidence and dispersion are ignored.
 */
export function harmWdd(
  parts: Array<WddInput & { weight: number; offenceType?: string }>,
  confidence = 0.95,
  dispersion = 1,
): WddResult {
  return harmWeighted(parts, "WDD", checkWddInput, wddCore, confidence, dispersion).interval;
}
