/**
 * Regularised incomplete gamma and beta functions, their inverses, and the
 * chi-square and beta quantiles built on them (exact Poisson and binomial
 * intervals need these). Evaluation follows Numerical Recipes (Press et al.
 * 2007, §6.2 and §6.4): a power series or a continued fraction evaluated by
 * the modified Lentz method, whichever converges fast at the point. The
 * leading factor x^a·e^(−x)/Γ(a) (or x^a·(1−x)^b/B(a,b)) uses Loader's (2000)
 * saddle-point form, as R's dpois/dbinom do, so large counts keep about 14
 * significant digits instead of losing them to cancelling log-gammas.
 */
import { numError, valueError } from "../errors";
import { normalQuantile } from "./normal";
import { logGamma } from "./special";

// Local bindings for the hot loops: a global lookup of Math per call is slow in sandboxes such as Jest's.
const { abs, ceil, exp, log, max, min, pow, sqrt } = Math;

const LN_SQRT_2PI = 0.9189385332046728;
const LN_2PI = 1.8378770664093453;
const EPS = 1e-16;
/** Continued fractions stop when a factor is within a few ulps of 1 (exactly 1 may never come). */
const CF_EPS = 4 * Number.EPSILON;
const FPMIN = 1e-300;
/** Brackets for ln x in the inverses: x from 1e-300 upwards, far beyond any probability a caller can ask for. */
const LN_X_MIN = -690;
const LN_X_MAX = 700;

/** Loader's stirlerr(n) = ln Γ(n+1) − ln(√(2πn)·(n/e)^n), by its asymptotic series for n > 15. */
function stirlingError(n: number): number {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * log(n) + n - LN_SQRT_2PI;
  const nn = n * n;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/** Loader's bd0(x, m) = x·ln(x/m) + m − x, by a series when x is near m (where the direct form cancels). */
function deviance(x: number, m: number): number {
  if (x === 0) return m;
  if (abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    const v2 = v * v;
    let s = (x - m) * v;
    let ej = 2 * x * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * log(x / m) + m - x;
}

/** ln(x^a·e^(−x)/Γ(a)) = ln(a·Poisson density of a at mean x), x > 0. */
function logGammaFactor(a: number, x: number): number {
  return log(a) - stirlingError(a) - deviance(a, x) - 0.5 * (LN_2PI + log(a));
}

/** ln(x^a·y^b/B(a,b)) with y = 1 − x given separately so it keeps its precision near 0. */
function logBetaFactor(a: number, b: number, x: number, y: number): number {
  const n = a + b;
  return (
    stirlingError(n) -
    stirlingError(a) -
    stirlingError(b) -
    deviance(a, n * x) -
    deviance(b, n * y) +
    0.5 * (log(a) + log(b) - log(n) - LN_2PI)
  );
}

function maxIterations(size: number): number {
  return 10000 + ceil(20 * sqrt(size));
}

const notConverged = (what: string) =>
  numError(`The ${what} did not converge; the counts are too large to compute an exact result`);

interface Tails {
  lower: number;
  upper: number;
  /** ln of the leading factor, used for the derivative in the inverses. */
  logFactor: number;
}

/** P(a, x) and Q(a, x) together; the smaller is summed directly, the other is 1 minus it. */
function gammaTails(a: number, x: number): Tails {
  if (x === 0) return { lower: 0, upper: 1, logFactor: -Infinity };
  const logFactor = logGammaFactor(a, x);
  const factor = exp(logFactor);
  const limit = maxIterations(a);
  if (x < a + 1) {
    let ap = a;
    let term = 1 / a;
    let sum = term;
    for (let i = 0; ; i++) {
      if (i > limit) throw notConverged("incomplete gamma series");
      ap += 1;
      term *= x / ap;
      sum += term;
      if (abs(term) < abs(sum) * EPS) break;
    }
    const lower = min(1, factor * sum);
    return { lower, upper: 1 - lower, logFactor };
  }
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; ; i++) {
    if (i > limit) throw notConverged("incomplete gamma continued fraction");
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (abs(del - 1) < CF_EPS) break;
  }
  const upper = min(1, factor * h);
  return { lower: 1 - upper, upper, logFactor };
}

/** Continued fraction for I_x(a, b) (Numerical Recipes betacf), modified Lentz. */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  const limit = maxIterations(max(a, b));
  for (let m = 1; ; m++) {
    if (m > limit) throw notConverged("incomplete beta continued fraction");
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (abs(del - 1) < CF_EPS) return h;
  }
}

/** I_x(a, b) and 1 − I_x(a, b), with y = 1 − x passed in so both ends keep their precision. */
function betaTails(a: number, b: number, x: number, y: number): Tails {
  if (x === 0) return { lower: 0, upper: 1, logFactor: -Infinity };
  if (y === 0) return { lower: 1, upper: 0, logFactor: -Infinity };
  const logFactor = logBetaFactor(a, b, x, y);
  const factor = exp(logFactor);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = min(1, (factor * betaFraction(a, b, x)) / a);
    return { lower, upper: 1 - lower, logFactor };
  }
  const upper = min(1, (factor * betaFraction(b, a, y)) / b);
  return { lower: 1 - upper, upper, logFactor };
}

function checkShape(value: number, name: string): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw valueError(`${name} must be a finite number greater than 0; got ${String(value)}`);
  }
}

function checkProbability(value: number, name: string): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value >= 1) {
    throw valueError(`${name} must be a probability strictly between 0 and 1; got ${String(value)}`);
  }
}

function checkGammaArgs(a: number, x: number): void {
  checkShape(a, "a (shape)");
  if (typeof x !== "number" || Number.isNaN(x) || x < 0 || x === Infinity) {
    throw valueError(`x must be a finite number, 0 or more; got ${String(x)}`);
  }
}

function checkBetaArgs(x: number, a: number, b: number): void {
  checkShape(a, "a (shape)");
  checkShape(b, "b (shape)");
  if (typeof x !== "number" || Number.isNaN(x) || x < 0 || x > 1) {
    throw valueError(`x must lie between 0 and 1; got ${String(x)}`);
  }
}

/** Regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a). */
export function gammaP(a: number, x: number): number {
  checkGammaArgs(a, x);
  return gammaTails(a, x).lower;
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), computed directly in the upper tail. */
export function gammaQ(a: number, x: number): number {
  checkGammaArgs(a, x);
  return gammaTails(a, x).upper;
}

/** Regularised incomplete beta I_x(a, b), the Beta(a, b) distribution function. */
export function incompleteBeta(x: number, a: number, b: number): number {
  checkBetaArgs(x, a, b);
  return betaTails(a, b, x, 1 - x).lower;
}

/** 1 − I_x(a, b), computed directly in the upper tail. */
export function incompleteBetaUpper(x: number, a: number, b: number): number {
  checkBetaArgs(x, a, b);
  return betaTails(a, b, x, 1 - x).upper;
}

/**
 * Root of an increasing f in [lo, hi] by Newton's method safeguarded with
 * bisection (Numerical Recipes rtsafe). f gives its value and slope; a value
 * of ±Infinity (a tail that underflowed) just moves the bracket.
 */
function safeguardedNewton(
  f: (u: number) => { value: number; slope: number },
  lo: number,
  hi: number,
  start: number,
): number {
  let low = lo;
  let high = hi;
  let u = Number.isFinite(start) && start > lo && start < hi ? start : 0.5 * (lo + hi);
  let stepBefore = hi - lo;
  let step = stepBefore;
  for (let i = 0; i < 400; i++) {
    const { value, slope } = f(u);
    if (value === 0) return u;
    if (value < 0) low = u;
    else high = u;
    const tolerance = 1e-15 * max(1, abs(u));
    let next = Number.NaN;
    if (Number.isFinite(value) && Number.isFinite(slope) && slope > 0) {
      next = u - value / slope;
      // A Newton step this small means u is the root to rounding error.
      if (abs(next - u) <= tolerance) return next;
    }
    const slow = abs(2 * value) > abs(stepBefore * slope);
    if (!(next > low && next < high) || slow) next = 0.5 * (low + high);
    stepBefore = step;
    step = next - u;
    u = next;
    if (abs(step) <= tolerance || high - low <= tolerance) return u;
  }
  return u;
}

/**
 * Solves ln(tail(e^u)) = ln(target) for u, where the tail is the lower one
 * (increasing in u) or the upper one (decreasing, so the sign is flipped).
 * slopeOf gives d ln(tail)/du up to sign from the tails at the point.
 */
function solveLogTail(
  tails: (x: number) => Tails,
  slopeOf: (t: Tails, x: number) => number,
  target: number,
  upperTail: boolean,
  lo: number,
  hi: number,
  start: number,
): number {
  const logTarget = log(target);
  const f = (u: number) => {
    const x = exp(u);
    const t = tails(x);
    const tail = upperTail ? t.upper : t.lower;
    const value = upperTail ? logTarget - log(tail) : log(tail) - logTarget;
    return { value, slope: slopeOf(t, x) / tail };
  };
  return exp(safeguardedNewton(f, lo, hi, start));
}

/** Wilson–Hilferty starting point for the gamma inverse, or the small-x power law where that fails. */
function gammaStart(a: number, p: number, q: number): number {
  const z = p <= q ? normalQuantile(p) : -normalQuantile(q);
  const c = 1 / (9 * a);
  const cube = 1 - c + z * sqrt(c);
  if (cube > 0) return log(a) + 3 * log(cube);
  return (log(p) + logGamma(a + 1)) / a;
}

function gammaInverse(a: number, p: number, q: number): number {
  const upperTail = q < p;
  return solveLogTail(
    (x) => gammaTails(a, x),
    (t) => exp(t.logFactor),
    upperTail ? q : p,
    upperTail,
    LN_X_MIN,
    LN_X_MAX,
    gammaStart(a, p, q),
  );
}

/** x with P(a, x) = p (0 < p < 1), to about 1e-14 relative. */
export function gammaPInverse(a: number, p: number): number {
  checkShape(a, "a (shape)");
  checkProbability(p, "p");
  return gammaInverse(a, p, 1 - p);
}

/** x with Q(a, x) = q (0 < q < 1); use this for upper quantiles so a tiny q keeps its precision. */
export function gammaQInverse(a: number, q: number): number {
  checkShape(a, "a (shape)");
  checkProbability(q, "q");
  return gammaInverse(a, 1 - q, q);
}

/** Starting point for the beta inverse (Numerical Recipes invbetai); a guess only, refined by Newton. */
function betaStart(a: number, b: number, p: number): number {
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = sqrt(-2 * log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    return a / (a + b * exp(2 * w));
  }
  const lna = log(a / (a + b));
  const lnb = log(b / (a + b));
  const t = exp(a * lna) / a;
  const u = exp(b * lnb) / b;
  const w = t + u;
  return p < t / w ? pow(a * w * p, 1 / a) : 1 - pow(b * w * (1 - p), 1 / b);
}

/**
 * Finds x ≤ ½ with I_x(a, b) = p, 1 − I_x(a, b) = q (p + q = 1, both given
 * so whichever is small keeps its precision). Solves through the smaller tail.
 */
function betaInverseLowerHalf(a: number, b: number, p: number, q: number): number {
  const upperTail = q < p;
  const guess = min(0.5, betaStart(a, b, upperTail ? 1 - q : p));
  return solveLogTail(
    (x) => betaTails(a, b, x, 1 - x),
    (t, x) => exp(t.logFactor) / (1 - x),
    upperTail ? q : p,
    upperTail,
    LN_X_MIN,
    -Math.LN2,
    log(guess),
  );
}

/**
 * x with I_x(a, b) = p, and its complement 1 − x computed without
 * cancellation (so odds x/(1 − x) stay accurate at both ends). With
 * upperTail = true, p is instead the upper tail 1 − I_x(a, b).
 */
export function incompleteBetaInverse(
  p: number,
  a: number,
  b: number,
  upperTail = false,
): { x: number; complement: number } {
  checkShape(a, "a (shape)");
  checkShape(b, "b (shape)");
  checkProbability(p, "p");
  const lower = upperTail ? 1 - p : p;
  const upper = upperTail ? p : 1 - p;
  const half = betaTails(a, b, 0.5, 0.5);
  const inLowerHalf = lower <= 0.5 ? lower <= half.lower : upper >= half.upper;
  if (inLowerHalf) {
    const x = betaInverseLowerHalf(a, b, lower, upper);
    return { x, complement: 1 - x };
  }
  // I_x(a, b) = 1 − I_(1−x)(b, a): solve for the complement directly.
  const y = betaInverseLowerHalf(b, a, upper, lower);
  return { x: 1 - y, complement: y };
}

/** Beta(a, b) quantile: x with I_x(a, b) = p. */
export function betaQuantile(p: number, a: number, b: number): number {
  return incompleteBetaInverse(p, a, b).x;
}

/** Chi-square quantile with df degrees of freedom: 2·P⁻¹(df/2, p). */
export function chiSquareQuantile(p: number, df: number): number {
  checkShape(df, "df (degrees of freedom)");
  return 2 * gammaPInverse(df / 2, p);
}

/** Upper chi-square quantile: x with P(χ²_df > x) = q, for small q without cancellation. */
export function chiSquareUpperQuantile(q: number, df: number): number {
  checkShape(df, "df (degrees of freedom)");
  return 2 * gammaQInverse(df / 2, q);
}
