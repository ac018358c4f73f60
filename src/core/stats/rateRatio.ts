/**
 * Exact conditional confidence interval for the ratio of two Poisson rates
 * (after over before). Given the total n = before + after, the after count is
 * Binomial(n, p) with p = λ₁E₁/(λ₀E₀ + λ₁E₁); Clopper–Pearson limits for p
 * become limits for RR = λ₁/λ₀ = p/(1 − p)·E₀/E₁ (Clopper & Pearson 1934;
 * conditioning as Przyborowski & Wilenski 1940; the method of R's
 * poisson.test for two samples; docs/methods.md, Exact rate ratio).
 */
import { div0Error } from "../errors";
import { incompleteBetaInverse } from "./betaGamma";
import { checkConfidence, checkPositive, checkWholeCount, finite } from "./validate";

export interface RateRatioResult {
  /** (after/exposureAfter)/(before/exposureBefore). */
  ratio: number;
  lower: number;
  upper: number;
}

/**
 * Rate ratio after/before with its exact conditional interval. Exposures
 * (e.g. days at liberty, period lengths) default to 1. An after count of 0
 * gives ratio 0 and lower limit 0; a before count of 0 leaves the ratio
 * undefined (div0Error).
 */
export function rateRatioExact(
  countBefore: number,
  countAfter: number,
  exposureBefore = 1,
  exposureAfter = 1,
  confidence = 0.95,
): RateRatioResult {
  checkWholeCount(countBefore, "countBefore");
  checkWholeCount(countAfter, "countAfter");
  checkPositive(exposureBefore, "exposureBefore");
  checkPositive(exposureAfter, "exposureAfter");
  checkConfidence(confidence);
  if (countBefore === 0) {
    throw div0Error(
      "The rate ratio is undefined because there were no crimes before; it needs at least one crime in the before period",
    );
  }
  const tail = (1 - confidence) / 2;
  const scale = exposureBefore / exposureAfter;
  // Clopper–Pearson: p_L is the α/2 quantile of Beta(x, n − x + 1), p_U the 1 − α/2 quantile of Beta(x + 1, n − x).
  let lower = 0;
  if (countAfter > 0) {
    const p = incompleteBetaInverse(tail, countAfter, countBefore + 1);
    lower = (p.x / p.complement) * scale;
  }
  const q = incompleteBetaInverse(tail, countAfter + 1, countBefore, true);
  const upper = (q.x / q.complement) * scale;
  const ratio = (countAfter / countBefore) * scale;
  return {
    ratio: finite(ratio, "Rate ratio"),
    lower: finite(lower, "Rate ratio lower limit"),
    upper: finite(upper, "Rate ratio upper limit"),
  };
}
