/**
 * Tests comparing two Poisson counts, optionally with different exposures
 * (e.g. period lengths in days): E-test, rate ratio and conditional C-test.
 */
import { div0Error, numError } from "../errors";
import { logBinomialPmf, logPoissonPmf } from "./special";
import { checkConfidence, checkPositive, checkWholeCount, finite } from "./validate";
import { zForConfidence } from "./normal";

/** Grid cells with a pmf below this are dropped (formulas.md: truncate where pmf < 1e-20). */
const PMF_CUTOFF = 1e-20;
/** Larger totals would need grids of millions of cells; no crime count is this large. */
const MAX_TOTAL = 1e9;
/** Relative tolerance for ties in the test statistic, so floating-point noise never splits a tie. */
const TIE_TOLERANCE = 1e-9;

function checkPair(k1: number, k2: number, n1: number, n2: number): void {
  checkWholeCount(k1, "k1");
  checkWholeCount(k2, "k2");
  checkPositive(n1, "n1 (exposure for k1)");
  checkPositive(n2, "n2 (exposure for k2)");
  if (k1 + k2 === 0) {
    throw numError("Both counts are 0, so there is nothing to test; the test needs at least one crime");
  }
  if (k1 + k2 > MAX_TOTAL) {
    throw numError(
      `k1 + k2 must be at most ${MAX_TOTAL} for an exact test; use poissonZ or rateRatio instead`,
    );
  }
}

/** True when k1/n1 and k2/n2 are equal up to rounding. */
function ratesEqual(k1: number, k2: number, n1: number, n2: number): boolean {
  const left = k1 * n2;
  const right = k2 * n1;
  return Math.abs(left - right) <= 1e-12 * Math.max(left, right);
}

/** Poisson pmf on the whole numbers where it is at least PMF_CUTOFF, built outward from the mode. */
function poissonGrid(mean: number): { start: number; pmf: Float64Array } {
  const mode = Math.floor(mean);
  const atMode = Math.exp(logPoissonPmf(mode, mean));
  const below: number[] = [];
  let p = atMode;
  for (let x = mode; x > 0; x--) {
    p *= x / mean;
    if (p < PMF_CUTOFF) break;
    below.push(p);
  }
  const above: number[] = [];
  p = atMode;
  for (let x = mode; ; x++) {
    p *= mean / (x + 1);
    if (p < PMF_CUTOFF) break;
    above.push(p);
  }
  const pmf = new Float64Array(below.length + 1 + above.length);
  for (let i = 0; i < below.length; i++) pmf[below.length - 1 - i] = below[i];
  pmf[below.length] = atMode;
  pmf.set(above, below.length + 1);
  return { start: mode - below.length, pmf };
}

/**
 * Two-sided E-test p-value for two Poisson counts (Krishnamoorthy & Thomson
 * 2004, J. Stat. Plan. Inference 119; R package ptools `e_test`), with the
 * statistic as written in formulas.md. Under H0 both rates
 * equal λ̂ = (k1+k2)/(n1+n2), and
 *   T(x1,x2) = |x1/n1 − x2/n2| / √((x1+x2)/(n1+n2))   (T(0,0) taken as 0),
 *   p = Σ Pois(x1; n1λ̂)·Pois(x2; n2λ̂) over (x1,x2) with T(x1,x2) ≥ T(k1,k2).
 * Exposures default to 1. Example: eTest(0, 3) = 0.0884. Throws numError for (0, 0).
 * Cells with pmf < 1e-20 are left out; T values within a relative 1e-9 of the
 * observed one count as ties (≥). Counts must be whole, k1 + k2 ≤ 1e9.
 *
 * For speed, for each x1 the cells with T below the observed value form one run
 * of x2 (T² < t² is a convex quadratic in x2), so the sum over x2 comes from
 * prefix/suffix sums: O(grid) rather than O(grid²).
 */
export function eTest(k1: number, k2: number, n1 = 1, n2 = 1): number {
  checkPair(k1, k2, n1, n2);
  if (ratesEqual(k1, k2, n1, n2)) return 1;
  const total = n1 + n2;
  const lambda = (k1 + k2) / total;
  // Squared statistic; same ordering as T and avoids a square root per cell.
  const stat2 = (x1: number, x2: number): number => {
    if (x1 + x2 === 0) return 0;
    const diff = x1 / n1 - x2 / n2;
    return (diff * diff * total) / (x1 + x2);
  };
  const threshold = stat2(k1, k2) * (1 - TIE_TOLERANCE);
  const tooExtreme = () =>
    numError("The exposures n1 and n2 are too extreme to compute the E-test; rescale them (e.g. to days)");
  if (!Number.isFinite(threshold)) throw tooExtreme();
  const below = (x1: number, x2: number): boolean => x2 >= 0 && stat2(x1, x2) < threshold;

  const g1 = poissonGrid(n1 * lambda);
  const g2 = poissonGrid(n2 * lambda);
  const m2 = g2.pmf.length;
  const prefix = new Float64Array(m2);
  const suffix = new Float64Array(m2);
  let acc = 0;
  for (let i = 0; i < m2; i++) prefix[i] = acc += g2.pmf[i];
  acc = 0;
  for (let i = m2 - 1; i >= 0; i--) suffix[i] = acc += g2.pmf[i];
  const end2 = g2.start + m2 - 1;
  const massAtMost = (x: number): number =>
    x < g2.start ? 0 : x >= end2 ? prefix[m2 - 1] : prefix[x - g2.start];
  const massAtLeast = (x: number): number =>
    x > end2 ? 0 : x <= g2.start ? suffix[0] : suffix[x - g2.start];

  // For fixed x1, T² < threshold ⇔ a·y² + b·y + c < 0 in y = x2
  // (from total·(x1/n1 − y/n2)² − threshold·(x1 + y) < 0). Only the part of that
  // run inside the x2 grid matters, so every search below stays within the grid.
  const a = total / (n2 * n2);
  const first2 = g2.start;
  const clamp2 = (y: number): number => Math.min(end2, Math.max(first2, y));
  let p = 0;
  for (let i = 0; i < g1.pmf.length; i++) {
    const x1 = g1.start + i;
    const b = (-2 * total * x1) / (n1 * n2) - threshold;
    const c = (total * x1 * x1) / (n1 * n1) - threshold * x1;
    // The run contains the vertex; if it holds any grid point, it holds the grid point(s) nearest the vertex.
    const vertex = clamp2(Math.floor(-b / (2 * a)));
    let seed = -1;
    if (below(x1, vertex)) seed = vertex;
    else if (vertex < end2 && below(x1, vertex + 1)) seed = vertex + 1;
    let inner: number;
    if (seed < 0) {
      inner = suffix[0];
    } else {
      // Rounded roots give a near-exact start; the exact predicate then fixes rounding error.
      const q = 0.5 * (-b + Math.sqrt(Math.max(0, b * b - 4 * a * c)));
      const r1 = c / q;
      const r2 = q / a;
      const rootLow = Math.min(r1, r2);
      const rootHigh = Math.max(r1, r2);
      let lo = Number.isFinite(rootLow) ? clamp2(Math.min(seed, Math.ceil(rootLow))) : first2;
      while (lo < seed && !below(x1, lo)) lo++;
      while (lo > first2 && below(x1, lo - 1)) lo--;
      let hi = Number.isFinite(rootHigh) ? clamp2(Math.max(seed, Math.floor(rootHigh))) : end2;
      while (hi > seed && !below(x1, hi)) hi--;
      while (hi < end2 && below(x1, hi + 1)) hi++;
      inner = massAtMost(lo - 1) + massAtLeast(hi + 1);
    }
    p += g1.pmf[i] * inner;
  }
  return Math.min(1, Math.max(0, finite(p, "E-test p-value")));
}

/**
 * Rate ratio RR = (k1/n1)/(k2/n2) with CI RR·exp(±z·√(1/k1 + 1/k2))
 * (formulas.md, "Pre/post change"; the usual log-normal interval for a ratio of
 * Poisson rates). Needs at least one crime in each count.
 */
export function rateRatio(
  k1: number,
  k2: number,
  n1 = 1,
  n2 = 1,
  confidence = 0.95,
): { ratio: number; lower: number; upper: number } {
  checkWholeCount(k1, "k1");
  checkWholeCount(k2, "k2");
  checkPositive(n1, "n1 (exposure for k1)");
  checkPositive(n2, "n2 (exposure for k2)");
  checkConfidence(confidence);
  if (k1 === 0 || k2 === 0) {
    throw div0Error(
      `The rate ratio and its interval need at least one crime in each count; got k1 = ${k1}, k2 = ${k2}`,
    );
  }
  const ratio = finite(k1 / n1 / (k2 / n2), "Rate ratio");
  const halfWidth = zForConfidence(confidence) * Math.sqrt(1 / k1 + 1 / k2);
  return {
    ratio,
    lower: finite(ratio * Math.exp(-halfWidth), "Rate ratio lower limit"),
    upper: finite(ratio * Math.exp(halfWidth), "Rate ratio upper limit"),
  };
}

/** Sum of the binomial pmf from `from` outward (step ±1) to the end, starting where terms already shrink. */
function binomialTail(from: number, step: 1 | -1, n: number, prob: number): number {
  if (from < 0 || from > n) return 0;
  const odds = prob / (1 - prob);
  let term = Math.exp(logBinomialPmf(from, n, prob));
  let sum = 0;
  for (let x = from; x >= 0 && x <= n; x += step) {
    if (term === 0 || (sum > 0 && term < sum * 1e-20)) break;
    sum += term;
    term *= step === 1 ? ((n - x) / (x + 1)) * odds : x / (n - x + 1) / odds;
  }
  return sum;
}

/**
 * Two-sided conditional (C-) test: given k = k1 + k2, k1 ~ Bin(k, n1/(n1+n2))
 * under equal rates (Przyborowski & Wilenski 1940; formulas.md). The p-value
 * sums every outcome no more likely than the observed one (the method of R's
 * binom.test, with its relative tolerance 1e-7), so it is 1 when k1/n1 = k2/n2
 * and always in [0, 1]. Throws numError for (0, 0).
 */
export function cTest(k1: number, k2: number, n1 = 1, n2 = 1): number {
  checkPair(k1, k2, n1, n2);
  if (ratesEqual(k1, k2, n1, n2)) return 1;
  const n = k1 + k2;
  const prob = n1 / (n1 + n2);
  if (!(prob > 0 && prob < 1)) {
    throw numError(
      "The exposures n1 and n2 are too different to compute the C-test; rescale them (e.g. to days)",
    );
  }
  const mean = n * prob;
  const limit = Math.exp(logBinomialPmf(k1, n, prob)) * (1 + 1e-7);
  const odds = prob / (1 - prob);
  let p: number;
  if (k1 < mean) {
    // Walk up from the mean to the first outcome no more likely than k1.
    let x = Math.ceil(mean);
    let term = Math.exp(logBinomialPmf(x, n, prob));
    while (x <= n && term > limit) {
      term *= ((n - x) / (x + 1)) * odds;
      x++;
    }
    p = binomialTail(k1, -1, n, prob) + binomialTail(x, 1, n, prob);
  } else {
    let x = Math.floor(mean);
    let term = Math.exp(logBinomialPmf(x, n, prob));
    while (x >= 0 && term > limit) {
      term *= x / (n - x + 1) / odds;
      x--;
    }
    p = binomialTail(k1, 1, n, prob) + binomialTail(x, -1, n, prob);
  }
  return Math.min(1, Math.max(0, finite(p, "C-test p-value")));
}
