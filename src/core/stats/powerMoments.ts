/**
 * The headline's decision statistic for planning (docs/methods.md, Minimum
 * detectable effect): the moments of W = NE − z·SE over the four counts, from
 * which power.ts and powerRules.ts work out the chance of a credited fall.
 */

export interface Plan {
  t0: number;
  c0: number;
  r: number;
  /** z_{1−α/2}. */
  z: number;
  dispersion: number;
  /** Comparison areas of the target's size; 0 when not given. The rank applies from 19 on. */
  similar: number;
}

/**
 * The headline rejects (in the direction of a fall) when W = NE − z·SE > 0,
 * with NE = T0·C1/C0 − T1 and SE² = D·[T1 + (C1/C0)²·T0 + T0²·C1/C0² +
 * T0²·C1²/C0³], the variance of netEffect.ts, both from the observed counts.
 * Power = P(W > 0) ≈ Φ(E[W]/SD[W]), with E[W] to second order and SD[W] to
 * first order in the four independent counts (variance D × mean each). The
 * plainer Φ(μ/σ − z), which ignores that SE is estimated, overstates the fall
 * needed: simulated power then came out up to 0.03 above the plan.
 * TODO(lead): this must stay the headline's variance; power.test.ts checks the
 * power against one worked from numerical derivatives of netEffectCi itself.
 */
export function decisionMoments(plan: Plan, delta: number): { mean: number; sd: number } {
  return wMoments(plan, plan.t0 * plan.r * (1 - delta), false);
}

/**
 * E[W] and SD[W] as above at an after count of `b`: its mean, or (with
 * `fixedAfter`) the count itself, when only T0, C0 and C1 vary (and with
 * `fixedBefore` T0 = plan.t0 too). The verdict's rules about the after count
 * and the target's rank are read through these.
 */
export function wMoments(
  plan: Plan,
  b: number,
  fixedAfter: boolean,
  fixedBefore = false,
): { mean: number; sd: number } {
  const { t0: a, c0: c, z, dispersion: k } = plan;
  const d = c * plan.r;
  const c2 = c * c;
  const c3 = c2 * c;
  const c4 = c3 * c;
  const v = b + (a * d * d) / c2 + (a * a * d) / c2 + (a * a * d * d) / c3;
  const se = Math.sqrt(k * v);
  // Gradient and diagonal second derivatives of v and of NE in (T0, T1, C0, C1).
  const vGrad = [
    (d * d) / c2 + (2 * a * d) / c2 + (2 * a * d * d) / c3,
    1,
    (-2 * a * d * d) / c3 - (2 * a * a * d) / c3 - (3 * a * a * d * d) / c4,
    (2 * a * d) / c2 + (a * a) / c2 + (2 * a * a * d) / c3,
  ];
  const vCurve = [
    (2 * d) / c2 + (2 * d * d) / c3,
    0,
    (6 * a * d * d) / c4 + (6 * a * a * d) / c4 + (12 * a * a * d * d) / (c4 * c),
    (2 * a) / c2 + (2 * a * a) / c3,
  ];
  const neGrad = [d / c, -1, (-a * d) / c2, a / c];
  const neCurve = [0, 0, (2 * a * d) / c3, 0];
  const means = [a, b, c, d];
  let mean = (a * d) / c - b - z * se;
  let variance = 0;
  for (let i = 0; i < 4; i++) {
    if ((fixedAfter && i === 1) || (fixedBefore && i === 0)) continue;
    const seGrad = (k * vGrad[i]) / (2 * se);
    const seCurve = (k * vCurve[i]) / (2 * se) - (k * k * vGrad[i] * vGrad[i]) / (4 * se * se * se);
    const countVariance = k * means[i];
    mean += 0.5 * (neCurve[i] - z * seCurve) * countVariance;
    variance += (neGrad[i] - z * seGrad) ** 2 * countVariance;
  }
  return { mean, sd: Math.sqrt(variance) };
}
