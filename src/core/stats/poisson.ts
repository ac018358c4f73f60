/**
 * Tests comparing two Poisson counts, optionally with different exposures
 * (e.g. period lengths in days): the E-test.
 */
import { numError } from "../errors";
import { logPoissonPmf } from "./special";
import { checkPositive, checkWholeCount, finite } from "./validate";

/** Larger totals would need grids of millions of cells; no crime count is this large. */
const MAX_TOTAL = 1e9;
/** Relative tolerance for ties in the test statistic, so floating-point noise never splits a tie. */
const TIE_TOLERANCE = 1e-9;
/** ln(1/ε) for the probability each grid may leave out in each tail: ε = 1e-12 … */
const LOG_TAIL_MIN = Math.log(1e12);
/** … down to 1e-16 for a clearly significant result, so small p-values keep their relative accuracy. */
const LOG_TAIL_MAX = Math.log(1e16);
/** Grids up to this many cells keep their buffers between calls; larger ones (near MAX_TOTAL) are freed. */
const KEEP_CELLS = 1 << 16;
// Module-level so hot loops never look Math up (Jest makes each lookup slow).
const { ceil, exp, floor, log, max, min, sqrt } = Math;

function checkPair(k1: number, k2: number, n1: number, n2: number): void {
  checkWholeCount(k1, "k1");
  checkWholeCount(k2, "k2");
  checkPositive(n1, "n1 (exposure for k1)");
  checkPositive(n2, "n2 (exposure for k2)");
  if (k1 + k2 === 0) {
    throw numError("Both counts are 0, so there is nothing to test; the test needs at least one crime");
  }
  if (k1 + k2 > MAX_TOTAL) {
    throw numError(`k1 + k2 must be at most ${MAX_TOTAL} for an exact test; use poissonZ instead`);
  }
}

/** True when k1/n1 and k2/n2 are equal up to rounding. */
function ratesEqual(k1: number, k2: number, n1: number, n2: number): boolean {
  const left = k1 * n2;
  const right = k2 * n1;
  return Math.abs(left - right) <= 1e-12 * Math.max(left, right);
}

/** First and last whole number of a Poisson(mean) grid, and the pmf at the last. */
interface Grid {
  first: number;
  last: number;
  top: number;
}

/**
 * The whole numbers outside which a Poisson(mean) count has at most e^(−L) probability on
 * each side, by Chernoff's bounds: P(X ≤ m − d) ≤ exp(−d²/2m), and P(X ≥ m + d) ≤
 * exp(−m·h(d/m)) with h(u) = (1 + u)ln(1 + u) − u ≥ u²/(2(1 + u/3)), so d = L/3 + √(L²/9 + 2Lm).
 * `top` is the pmf at `last`, found in log space as it may be too small for a double.
 */
function poissonGrid(mean: number, logTail: number): Grid {
  if (!(mean > 0)) return { first: 0, last: 0, top: 1 };
  // Whole numbers below 2^31 (mean ≤ MAX_TOTAL), kept as small integers so the loops stay in integer arithmetic.
  const first = max(0, ceil(mean - sqrt(2 * logTail * mean))) | 0;
  let last = (floor(mean + logTail / 3 + sqrt((logTail * logTail) / 9 + 2 * logTail * mean)) + 1) | 0;
  let lp = logPoissonPmf(last, mean);
  // Only for extreme exposures: step down until the pmf is a normal double.
  while (lp < -700 && last > first) lp += log(last-- / mean);
  return { first, last, top: exp(lp) };
}

// The second count's grid, reused between calls: index i holds x = last − i.
let pmfDown = new Float64Array(4096);
let atLeastDown = new Float64Array(4096);
let atMostDown = new Float64Array(4096);

/**
 * Fills the second count's grid from the top down (multiplying by x/mean, never dividing):
 * pmf and P(X ≥ x) over the grid, and P(X ≤ x) when `lowerTails`. Returns the grid's total.
 */
function fillSecondGrid(g: Grid, mean: number, lowerTails: boolean): number {
  const n = g.last - g.first + 1;
  if (pmfDown.length < n || (pmfDown.length > KEEP_CELLS && n <= KEEP_CELLS)) {
    const size = max(n, 4096);
    pmfDown = new Float64Array(size);
    atLeastDown = new Float64Array(size);
    atMostDown = new Float64Array(size);
  }
  const perMean = 1 / mean;
  let q = g.top;
  let acc = 0;
  for (let i = 0, x = g.last; i < n; i++, x--) {
    pmfDown[i] = q;
    atLeastDown[i] = acc += q;
    q *= x * perMean;
  }
  if (lowerTails) {
    acc = 0;
    for (let i = n - 1; i >= 0; i--) atMostDown[i] = acc += pmfDown[i];
  }
  return atLeastDown[n - 1];
}

/**
 * Equal exposures (no lengths, or equal ones; the usual case): T is symmetric in
 * x1 and x2 and zero on the diagonal, and for each x1 the run lies across it
 * (lower root ≤ x1 ≤ upper root), so the cells past the upper root carry exactly
 * half of p. One grid (both counts have the same mean), one pointer, upper tails only.
 * Returns that half, unnormalised: Σ pmf(x1)·P(X2 past the upper root).
 */
function upperHalfEqualExposures(g: Grid, threshold: number, n: number): number {
  const top = g.last;
  const bottom = g.first;
  const per = 1 / n;
  const total = 2 * n;
  // As in eTest with n1 = n2 = n: vertex x1 + threshold·n/4, roots (b ± √disc)·n/4.
  const vertexShift = (threshold * n) / 4;
  const b0 = 4 * per * top + threshold;
  const root0 = sqrt(threshold * threshold + 16 * threshold * per * top);
  let hi = max(bottom - 1, min(top, ceil((b0 + root0) * (n / 4)))) | 0;
  let p = 0;
  for (let i = 0, x1 = top; x1 >= bottom; i++, x1--) {
    const vertex = x1 + vertexShift;
    const a1 = x1 * per;
    if (i === 0) {
      for (let y = hi + 1; y <= top; y++) {
        const s = x1 + y;
        const d = a1 - y * per;
        if (y >= vertex && !(d * d * total < threshold * s)) break;
        hi = y;
      }
    } else if (hi < top) hi = max(bottom - 1, hi - 1);
    // The upper root falls by more than 1 per step, so only downward moves are needed.
    while (hi >= bottom && hi >= vertex) {
      const s = x1 + hi;
      const d = a1 - hi * per;
      if (d * d * total < threshold * s) break;
      hi--;
    }
    if (hi < top) p += pmfDown[i] * atLeastDown[top - hi - 1];
  }
  return p;
}

/**
 * Two-sided E-test p-value for two Poisson counts (Krishnamoorthy & Thomson
 * 2004, J. Stat. Plan. Inference 119; R package ptools `e_test`), with the
 * statistic as written in docs/methods.md ("E-test"). Under H0 both rates
 * equal λ̂ = (k1+k2)/(n1+n2), and
 *   T(x1,x2) = |x1/n1 − x2/n2| / √((x1+x2)/(n1+n2))   (T(0,0) taken as 0),
 *   p = Σ Pois(x1; n1λ̂)·Pois(x2; n2λ̂) over (x1,x2) with T(x1,x2) ≥ T(k1,k2).
 * Exposures default to 1. Example: eTest(0, 3) = 0.0884. Throws numError for (0, 0).
 * T values within a relative 1e-9 of the observed one count as ties (≥). Counts
 * must be whole, k1 + k2 ≤ 1e9.
 *
 * Accuracy: each grid leaves out at most ε of probability in each tail (ε from
 * 1e-12 for a p-value near 1 down to 1e-16 for a clearly significant one), and both
 * grids are normalised to total 1, so p is within about 4ε of the full sum
 * (test/functions/etest.test.ts checks it against a 40-digit reference).
 *
 * Speed (HARM.ETEST runs this once per row, on sheets of many rows): for fixed x1 the cells with T below the observed value are one
 * run of x2, strictly between the roots of a quadratic, so the sum over x2 comes from
 * tail sums: O(grid), not O(grid²). x1 goes down the grid; the run's upper end falls by
 * more than n2/n1 per step everywhere and its lower end by less than that once
 * x1 ≥ threshold·n1²/(4(n1 + n2)), so with whole n2/n1 each end is found in about one
 * comparison from the last. With equal exposures (the default) only the upper half
 * is summed (upperHalfEqualExposures). Nothing divides or allocates per cell.
 * 100,000 rows of counts up to 2,000 take about 0.5 s (bench/functions.bench.ts).
 */
export function eTest(k1: number, k2: number, n1 = 1, n2 = 1): number {
  checkPair(k1, k2, n1, n2);
  if (ratesEqual(k1, k2, n1, n2)) return 1;
  const total = n1 + n2;
  const lambda = (k1 + k2) / total;
  const d0 = k1 / n1 - k2 / n2;
  // Squared statistic (same ordering as T, no square root per cell), a hair below the observed one.
  const threshold = ((d0 * d0 * total) / (k1 + k2)) * (1 - TIE_TOLERANCE);
  if (!Number.isFinite(threshold) || !Number.isFinite(lambda * max(n1, n2))) {
    throw numError(
      "The exposures n1 and n2 are too extreme to compute the E-test; rescale them (e.g. to days)",
    );
  }
  // The usual z for the difference of rates sets how small a tail may matter.
  const z2 = (threshold * n1 * n2) / total;
  const logTail = min(LOG_TAIL_MAX, LOG_TAIL_MIN + z2 / 2);

  const mean2 = n2 * lambda;
  const g2 = poissonGrid(mean2, logTail);
  if (n1 === n2) {
    const all = fillSecondGrid(g2, mean2, false);
    return min(
      1,
      max(0, finite((2 * upperHalfEqualExposures(g2, threshold, n1)) / (all * all), "E-test p-value")),
    );
  }
  const all2 = fillSecondGrid(g2, mean2, true);
  const top2 = g2.last;
  const bottom2 = g2.first;
  const mean1 = n1 * lambda;
  const g1 = poissonGrid(mean1, logTail);
  const perMean1 = 1 / mean1;
  const per1 = 1 / n1;
  const per2 = 1 / n2;
  const slope = n2 / n1;
  // Steps of at most 2^30 keep the pointers small integers; a larger ratio takes the careful path.
  const step = min(floor(slope), 1 << 30) | 0;
  const wholeStep = step === slope;
  const monotoneFrom = (threshold * n1 * n1) / (4 * total) + 1;
  // For fixed x1, T² < threshold ⇔ a·y² − b·y + c < 0 in y = x2, with a = total/n2²,
  // b = 2·total·x1/(n1·n2) + threshold: its vertex is at x1·n2/n1 + threshold·n2²/(2·total).
  const vertexShift = (threshold * n2 * n2) / (2 * total);
  const halfOverA = (n2 * n2) / (2 * total);
  // Start the run's ends at the roots for the first x1, rounded outwards; the loops settle them.
  const x1Top = g1.last;
  const b0 = ((2 * total) / (n1 * n2)) * x1Top + threshold;
  const root0 = sqrt(threshold * threshold + ((4 * threshold * total * total) / (n1 * n2 * n2)) * x1Top);
  // lo: first x2 above the lower root; hi: last x2 below the upper root; both kept within the grid (±1).
  let lo = min(top2 + 1, max(bottom2, floor((b0 - root0) * halfOverA))) | 0;
  let hi = max(bottom2 - 1, min(top2, ceil((b0 + root0) * halfOverA))) | 0;
  let w = g1.top;
  let p = 0;
  let mass1 = 0;
  for (let x1 = x1Top; x1 >= g1.first; x1--) {
    const vertex = x1 * slope + vertexShift;
    const a1 = x1 * per1;
    const first = x1 === x1Top;
    const careful = first || !wholeStep || x1 < monotoneFrom;
    // In the common case the lower root only falls as x1 falls, so lo at the grid's bottom stays there.
    const moveLo = careful || lo > bottom2;
    if (first) {
      for (let y = hi + 1; y <= top2; y++) {
        if (y >= vertex) {
          const s = x1 + y;
          const d = a1 - y * per2;
          if (!(d * d * total < threshold * s)) break;
        }
        hi = y;
      }
    } else {
      // The upper root falls by more than n2/n1, so hi − step is never below the new hi.
      if (hi < top2) hi = max(bottom2 - 1, hi - step);
      if (moveLo) lo = max(bottom2, lo - step);
    }
    if (careful) {
      for (let y = lo - 1; y >= bottom2; y--) {
        if (y <= vertex) {
          const s = x1 + y;
          const d = a1 - y * per2;
          if (!(d * d * total < threshold * s)) break;
        }
        lo = y;
      }
    }
    // A point left of the vertex is below the upper root; right of it, above the lower root.
    while (hi >= bottom2 && hi >= vertex) {
      const s = x1 + hi;
      const d = a1 - hi * per2;
      if (d * d * total < threshold * s) break;
      hi--;
    }
    if (moveLo) {
      while (lo <= top2 && lo <= vertex) {
        const s = x1 + lo;
        const d = a1 - lo * per2;
        if (d * d * total < threshold * s) break;
        lo++;
      }
    }
    // T(0, 0) is taken as 0, so (0, 0) is always in the run.
    if (x1 === 0 && bottom2 === 0) lo = 0;
    const outside =
      lo > hi
        ? all2
        : (lo > bottom2 ? atMostDown[top2 - lo + 1] : 0) + (hi < top2 ? atLeastDown[top2 - hi - 1] : 0);
    p += w * outside;
    mass1 += w;
    w *= x1 * perMean1;
  }
  // Normalised by the grids' totals, which cancels any rounding in the pmf at the top of each grid.
  return min(1, max(0, finite(p / (mass1 * all2), "E-test p-value")));
}
