/**
 * Exact (Garwood 1936) confidence interval for the mean of a Poisson count,
 * from the chi-square link between the Poisson and gamma distributions.
 */
import { chiSquareQuantile, chiSquareUpperQuantile } from "./betaGamma";
import { checkConfidence, checkWholeCount } from "./validate";

/**
 * Garwood interval for a count k at a confidence level:
 *   lower = χ²(α/2; 2k)/2 (0 when k = 0), upper = χ²(1 − α/2; 2k + 2)/2,
 * α = 1 − confidence. The upper limit is taken from the upper tail, so a
 * confidence close to 1 keeps its precision. Example: k = 0 at 95% gives
 * (0, 3.689); k = 10 gives (4.795, 18.39).
 */
export function poissonCi(count: number, confidence = 0.95): { lower: number; upper: number } {
  checkWholeCount(count, "count");
  checkConfidence(confidence);
  const tail = (1 - confidence) / 2;
  const lower = count === 0 ? 0 : chiSquareQuantile(tail, 2 * count) / 2;
  const upper = chiSquareUpperQuantile(tail, 2 * count + 2) / 2;
  return { lower, upper };
}
