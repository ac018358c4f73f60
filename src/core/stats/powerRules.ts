/**
 * Planning with the verdict's own rules (docs/methods.md, Minimum detectable
 * effect): a fall is credited only when the headline's interval excludes zero
 * AND the after period has at least SMALL_COUNT target crimes (else "Not
 * judged") AND, with 19 or more comparison areas of the target's size, the
 * target's change ranks beyond theirs (else "Not credited"). The chance of a
 * credited fall is the headline's power less what each rule takes away.
 */
import { SMALL_COUNT } from "./checks";
import { MIN_SIMILAR_FOR_5 } from "./dispersion";
import { normalCdf } from "./normal";
import { decisionMoments, wMoments, type Plan } from "./powerMoments";
import { logGamma, logPoissonPmf } from "./special";
import { ALPHA } from "./verdict";

export interface Rules {
  /** The after period needs SMALL_COUNT target crimes. */
  floor: boolean;
  /** The target must rank beyond similar areas (when there are 19 or more). */
  rank: boolean;
}

export const ALL_RULES: Rules = { floor: true, rank: true };

/** P(W > 0): the headline's interval lies above zero. */
export function headlinePowerAt(plan: Plan, delta: number): number {
  const { mean, sd } = decisionMoments(plan, delta);
  const x = mean / sd;
  // A control with almost no crime makes the moments overflow: nothing could be detected.
  return Number.isFinite(x) ? normalCdf(x) : 0;
}

/**
 * The after count's distribution: Poisson, or with D > 1 the negative binomial
 * of the same mean and variance D × mean (a gamma-Poisson mixture).
 */
function afterPmf(mean: number, k: number): (t: number) => number {
  if (!(mean > 0)) return (t) => (t === 0 ? 1 : 0);
  if (k === 1) return (t) => Math.exp(logPoissonPmf(t, mean));
  const size = mean / (k - 1);
  const base = -size * Math.log(k) - logGamma(size);
  const logQ = Math.log1p(-1 / k);
  return (t) => Math.exp(base + logGamma(t + size) - logGamma(t + 1) + t * logQ);
}

/** P(W > 0 | T1 = t): T0, C0 and C1 still vary (with `t0` given, only C0 and C1). */
function passGiven(plan: Plan, t: number, t0?: number): number {
  const { mean, sd } =
    t0 === undefined ? wMoments(plan, t, true) : wMoments({ ...plan, t0: Math.max(t0, 1e-9) }, t, true, true);
  const x = mean / sd;
  return Number.isFinite(x) ? normalCdf(x) : mean > 0 ? 1 : 0;
}

/** Gauss–Hermite nodes and weights (7 points) for an average over a normal T0. */
const GH_X = [0, 0.8162878828589647, -0.8162878828589647, 1.6735516287674714, -1.6735516287674714];
GH_X.push(2.6519613568352334, -2.6519613568352334);
const GH_W = [0.8102646175568073, 0.4256072526101278, 0.4256072526101278, 0.05451558281912703];
GH_W.push(0.05451558281912703, 0.0009717812450995193, 0.0009717812450995193);
const SQRT_PI = Math.sqrt(Math.PI);

/** P(Binomial(n, q) ≤ k). */
function binomialAtMost(k: number, n: number, q: number): number {
  if (q <= 0) return 1;
  if (q >= 1) return k >= n ? 1 : 0;
  let logTerm = n * Math.log1p(-q);
  const logOdds = Math.log(q) - Math.log1p(-q);
  let sum = 0;
  for (let j = 0; j <= k && j <= n; j++) {
    sum += Math.exp(logTerm);
    logTerm += Math.log((n - j) / (j + 1)) + logOdds;
  }
  return Math.min(1, sum);
}

/** Similar areas that may change at least as much as the target, for its rank p = (1 + k)/(1 + n) to be ≤ α. */
export const rankAllowance = (n: number): number => Math.max(0, Math.floor(ALPHA * (n + 1) - 1 + 1e-9));

/**
 * P(the headline passes and the rank fails | T1 = t). The rank test compares
 * the target's gap ln((t + ½)/(T0 + ½)) − ln r with n similar areas whose gaps,
 * with no operation, are normal with variance D·(1/T0 + 1/(T0·r)) (areas of the
 * target's size); it passes when at most k = ⌊α(n + 1) − 1⌋ of them are at
 * least as large, so (1 + k)/(1 + n) ≤ α. A high T0 helps both the headline and
 * the rank, so the two are averaged together over T0 (Gauss–Hermite over its
 * normal approximation), not multiplied as if independent.
 */
function rankLossGiven(plan: Plan, t: number): number {
  const { t0: a, r, dispersion: D, similar: n } = plan;
  const k = rankAllowance(n);
  const s = Math.sqrt(D * (1 / (a + 0.5) + 1 / (a * r + 0.5)));
  const spread = Math.sqrt(2 * D * a);
  let p = 0;
  for (let i = 0; i < GH_X.length; i++) {
    const t0 = Math.max(0, a + spread * GH_X[i]);
    const gap = Math.abs(Math.log((t + 0.5) / (t0 + 0.5)) - Math.log(r));
    const q = 2 * (1 - normalCdf(gap / s));
    p += GH_W[i] * passGiven(plan, t, t0) * (1 - binomialAtMost(k, n, q));
  }
  return p / SQRT_PI;
}

/** Most terms a sum over the after count takes; wider ranges are stepped (the terms change smoothly). */
const MAX_TERMS = 300;

/**
 * The share of the headline's power the rules take away at a fall δ:
 * Σ_{t<10} P(T1 = t)·P(W > 0 | t) (credited by the interval, but not judged),
 * plus with the rank Σ_{t≥10} P(T1 = t)·P(W > 0 and the rank fails | t).
 */
export function lostToRules(plan: Plan, delta: number, rules: Rules = ALL_RULES): number {
  const mean = plan.t0 * plan.r * (1 - delta);
  const pmf = afterPmf(mean, plan.dispersion);
  let lost = 0;
  if (rules.floor) for (let t = 0; t < SMALL_COUNT; t++) lost += pmf(t) * passGiven(plan, t);
  if (rules.rank && plan.similar >= MIN_SIMILAR_FOR_5 && mean > 0) {
    const sd = Math.sqrt(plan.dispersion * mean);
    const from = Math.max(SMALL_COUNT, Math.floor(mean - 8 * sd));
    const to = Math.ceil(mean + 8 * sd + 20);
    const step = Math.max(1, Math.ceil((to - from) / MAX_TERMS));
    for (let t = from; t <= to; t += step) {
      const p = pmf(t);
      if (p < 1e-15) continue;
      lost += p * step * rankLossGiven(plan, t);
    }
  }
  return lost;
}

/** The chance that a fall δ is credited: the headline's power less what the rules take away. */
export function verdictPowerAt(plan: Plan, delta: number, rules: Rules = ALL_RULES): number {
  const headline = headlinePowerAt(plan, delta);
  if (headline === 0) return 0;
  return Math.max(0, headline - lostToRules(plan, delta, rules));
}

/** P(T1 < SMALL_COUNT) at a fall δ: how often the after period would be too small to judge. */
export function tooFewAfter(plan: Plan, delta: number): number {
  const pmf = afterPmf(plan.t0 * plan.r * (1 - delta), plan.dispersion);
  let p = 0;
  for (let t = 0; t < SMALL_COUNT; t++) p += pmf(t);
  return Math.min(1, p);
}
