/**
 * HARM.ETEST's sum as it was before issue 13 (src/core/stats/poisson.ts at
 * commit 4d329af), kept unchanged as the oracle the faster version is tested
 * against: grids where the pmf is at least 1e-20, built outward from the mode,
 * and the run of x2 found afresh for every x1 from the roots of the quadratic.
 * Inputs are assumed valid (whole counts, positive exposures, not both 0).
 */
import { logPoissonPmf } from "../../src/core/stats/special";

const PMF_CUTOFF = 1e-20;
const TIE_TOLERANCE = 1e-9;

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

export function eTestBeforeIssue13(k1: number, k2: number, n1 = 1, n2 = 1): number {
  if (Math.abs(k1 * n2 - k2 * n1) <= 1e-12 * Math.max(k1 * n2, k2 * n1)) return 1;
  const total = n1 + n2;
  const lambda = (k1 + k2) / total;
  // Squared statistic; same ordering as T and avoids a square root per cell.
  const stat2 = (x1: number, x2: number): number => {
    if (x1 + x2 === 0) return 0;
    const diff = x1 / n1 - x2 / n2;
    return (diff * diff * total) / (x1 + x2);
  };
  const threshold = stat2(k1, k2) * (1 - TIE_TOLERANCE);
  if (!Number.isFinite(threshold)) throw new Error("exposures too extreme");
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
  return Math.min(1, Math.max(0, p));
}
