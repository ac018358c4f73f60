/** Seeded random numbers for Monte-Carlo checks in the stats tests (repeatable; no Math.random). */

/** Seeded uniform RNG on [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exact Poisson sampler by inversion against a precomputed CDF table (mean ± 12 SD). */
export function poissonSampler(mean: number, rng: () => number): () => number {
  const lo = Math.max(0, Math.floor(mean - 12 * Math.sqrt(mean)));
  const hi = Math.ceil(mean + 12 * Math.sqrt(mean));
  // log pmf by a running sum of logs, independent of the module's log-gamma.
  let logFact = 0;
  for (let i = 2; i <= lo; i++) logFact += Math.log(i);
  const cdf: number[] = [];
  let acc = 0;
  for (let x = lo; x <= hi; x++) {
    if (x > lo && x > 1) logFact += Math.log(x);
    acc += Math.exp(-mean + x * Math.log(mean) - logFact);
    cdf.push(acc);
  }
  return inverting(cdf, lo, rng);
}

/** Sample mean and variance. */
export function moments(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

/**
 * Counts with mean `mean` and variance D × mean: Poisson for D = 1, else the
 * negative binomial (a gamma-Poisson mixture), by inversion against a CDF table.
 */
export function countSampler(mean: number, dispersion: number, rng: () => number): () => number {
  if (dispersion === 1) return poissonSampler(mean, rng);
  const size = mean / (dispersion - 1);
  const logQ = Math.log(1 - 1 / dispersion);
  const hi = Math.ceil(mean + 15 * Math.sqrt(dispersion * mean) + 30);
  // Log pmf by its recurrence from t = 0, scaled by its largest term so nothing underflows.
  const logs: number[] = [];
  let logP = -size * Math.log(dispersion);
  for (let t = 0; t <= hi; t++) {
    logs.push(logP);
    logP += Math.log((t + size) / (t + 1)) + logQ;
  }
  const top = Math.max(...logs);
  const cdf: number[] = [];
  let acc = 0;
  for (const l of logs) {
    acc += Math.exp(l - top);
    cdf.push(acc);
  }
  return inverting(cdf, 0, rng);
}

/** Draws from an unnormalised CDF table starting at `lo`, by binary search for a uniform draw. */
function inverting(cdf: number[], lo: number, rng: () => number): () => number {
  const total = cdf[cdf.length - 1];
  return () => {
    const u = rng() * total;
    let a = 0;
    let b = cdf.length - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if (cdf[m] < u) a = m + 1;
      else b = m;
    }
    return lo + a;
  };
}
