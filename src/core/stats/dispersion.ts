/**
 * How much more crime counts vary than chance alone (a Poisson count) would
 * make them: the dispersion D ≥ 1 that widens every interval (docs/methods.md,
 * "Dispersion from the data").
 *
 * - monthlyDispersion: the quasi-Poisson Pearson estimate X²/(n − 1) of the
 *   target's monthly counts against the control's month-to-month pattern
 *   (McCullagh & Nelder 1989, Generalized Linear Models, 2nd ed., §4.5.2;
 *   Wedderburn 1974), floored at 1.
 * - areasDispersion: the same Pearson residuals at the evaluation's own
 *   periods, across the comparison areas, each treated as if it were the
 *   target against the rest of the pool (the placebo-area idea of microsynth:
 *   Robbins, Saunders & Kilmer 2017, JASA 112(517), §3.3), with the excess
 *   fitted against size and read at the target's. It also catches drift
 *   between periods, which month-to-month variation misses.
 */
import { valueError } from "../errors";
import { checkCount, type PeriodPair } from "./validate";

export interface DispersionEstimate {
  /** The estimate floored at 1: what the intervals use. */
  value: number;
  /** The Pearson estimate before flooring (below 1 when counts vary less than chance). */
  raw: number;
  /** Months (or areas) it rests on. */
  n: number;
}

/** Fewer than this many months or areas give no estimate (D = 1, said in the checks). */
export const MIN_MONTHS = 6;
export const MIN_AREAS = 5;

const floor1 = (raw: number, n: number): DispersionEstimate => ({ value: Math.max(1, raw), raw, n });

/**
 * Pearson X²/(n − 1) of monthly counts t_m against expected T·c_m/C, the
 * control's pattern c_m scaled to the target's total (or a flat mean without
 * a control). Months with a blank (null) count on either side are left out.
 * Example: target 10, 20, 10, 20 against a flat control: X² = 4·25/15 = 6.67,
 * D = 6.67/3 = 2.22.
 */
export function monthlyDispersion(
  target: readonly (number | null)[],
  control?: readonly (number | null)[],
): DispersionEstimate {
  if (!Array.isArray(target)) throw valueError("targetMonthly must be a list of monthly counts");
  if (control !== undefined && (!Array.isArray(control) || control.length !== target.length))
    throw valueError(
      `controlMonthly must have one count for each target month (${target.length}); got ${Array.isArray(control) ? control.length : "none"}`,
    );
  const t: number[] = [];
  const c: number[] = [];
  target.forEach((x, i) => {
    const y = control ? control[i] : 1;
    if (x === null || y === null || x === undefined || y === undefined) return;
    t.push(checkCount(x, `targetMonthly month ${i + 1}`));
    c.push(checkCount(y, `controlMonthly month ${i + 1}`));
  });
  const n = t.length;
  if (n < 2) throw valueError(`give at least 2 months of counts to estimate the dispersion; got ${n}`);
  const T = t.reduce((s, x) => s + x, 0);
  const C = c.reduce((s, x) => s + x, 0);
  if (T === 0) return floor1(0, n);
  if (C === 0)
    throw valueError(
      "controlMonthly is all zero, so it gives no month-to-month pattern; select the control areas' monthly counts, or leave it out to compare with a flat pattern",
    );
  let x2 = 0;
  let df = n - 1;
  for (let i = 0; i < n; i++) {
    const e = (T * c[i]) / C;
    if (e > 0) x2 += ((t[i] - e) * (t[i] - e)) / e;
    else if (t[i] > 0)
      x2 += t[i]; // a crime where the control had none: counted as a unit of surprise
    else df--;
  }
  if (df < 1) return floor1(1, n);
  return floor1(x2 / df, n);
}

/** Delta-method Poisson variance of a0·C1/C0 − a1 (as in netEffect.ts). */
function placeboVariance(a: PeriodPair, c: PeriodPair): number {
  const trend = c.after / c.before;
  const g = a.before / c.before;
  return a.after + trend * trend * a.before + g * g * c.after + g * trend * (g * trend) * c.before;
}

/**
 * Dispersion across comparison areas, at the evaluation's own periods, sized
 * to the target. Each unit j of the pool (the pool less that unit as its
 * control) gives a Pearson residual r_j of its after count against its
 * expected count μ_j = a0·C1′/C0′. Counts drift between periods more, in
 * proportion, the larger they are, so the excess r_j² − 1 is fitted by least
 * squares as α + φ·μ_j (the variance μ(1 + α + φμ) of the NB1 and NB2 count
 * models; the auxiliary regression of Cameron & Trivedi 1990, J. Econometrics
 * 46, 347–364; Cameron & Trivedi 2013, Regression Analysis of Count Data, 2nd ed.,
 * §3.2), with φ ≥ 0, and D = 1 + α + φ·μ at the target's own expected count
 * (no larger than the largest unit's: the line is not extrapolated), floored
 * at 1. A hotspot is larger than most comparison units: a plain mean of r²
 * would understate its dispersion.
 */
export function areasDispersion(
  units: readonly PeriodPair[],
  pool: PeriodPair,
  targetExpected: number,
): DispersionEstimate {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const u of units) {
    const rest = { before: pool.before - u.before, after: pool.after - u.after };
    if (u.before <= 0 || rest.before <= 0 || rest.after < 0) continue;
    const v = placeboVariance(u, rest);
    if (!(v > 0)) continue;
    const mu = u.before * (rest.after / rest.before);
    const r = mu - u.after;
    xs.push(mu);
    ys.push((r * r) / v - 1);
  }
  const n = xs.length;
  if (n < MIN_AREAS)
    throw valueError(`at least ${MIN_AREAS} comparison areas with crimes before are needed; got ${n}`);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
  }
  const phi = sxx > 0 ? Math.max(0, sxy / sxx) : 0;
  const alpha = my - phi * mx;
  // Not extrapolated beyond the largest comparison unit: the line is known only over the pool's sizes.
  let largest = 0;
  for (const x of xs) if (x > largest) largest = x;
  return floor1(1 + alpha + phi * Math.min(targetExpected, largest), n);
}

/**
 * How far a unit's after count is from its trend, on a log scale: the
 * statistic the similar-areas rank compares (0.5 added so a zero count is finite).
 */
export function trendGap(unit: PeriodPair, rest: PeriodPair): number {
  return Math.log((unit.after + 0.5) / (unit.before + 0.5)) - Math.log(rest.after / rest.before);
}

export interface SimilarAreasRank {
  /** Similar areas whose change was at least as large (either direction) as the target's. */
  asLarge: number;
  /** Similar areas compared. */
  n: number;
  /** (1 + asLarge) / (1 + n): the exact permutation p-value. */
  p: number;
  /** n ≥ 19: only then can p reach 0.05. */
  canReach5: boolean;
}

/** Areas needed before the rank can reach 5%: 1/(1 + 19) = 0.05. */
export const MIN_SIMILAR_FOR_5 = 19;

/**
 * The target's change against its trend, ranked among similar areas each
 * treated as if it were the target against the rest of the pool (an exact
 * permutation test: no Poisson assumption, no random draws).
 */
export function similarAreasRank(
  target: PeriodPair,
  similar: readonly PeriodPair[],
  pool: PeriodPair,
): SimilarAreasRank {
  if (pool.before <= 0 || pool.after <= 0)
    throw valueError("the comparison areas had no crimes in one period, so no trend to rank against");
  const own = Math.abs(trendGap(target, pool));
  let asLarge = 0;
  let n = 0;
  for (const u of similar) {
    const rest = { before: pool.before - u.before, after: pool.after - u.after };
    if (rest.before <= 0 || rest.after <= 0) continue;
    n++;
    // A hair's tolerance, so a tie computed in another order still counts as a tie.
    if (Math.abs(trendGap(u, rest)) >= own - 1e-12) asLarge++;
  }
  return { asLarge, n, p: (1 + asLarge) / (1 + n), canReach5: n >= MIN_SIMILAR_FOR_5 };
}

/**
 * Holm's (1979) step-down adjustment: each p-value multiplied by the number of
 * hypotheses not yet rejected, kept monotone, capped at 1. Order is kept.
 */
export function holmAdjust(ps: readonly number[]): number[] {
  const order = ps.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(ps.length);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (ps.length - rank) * p));
    out[i] = running;
  });
  return out;
}
