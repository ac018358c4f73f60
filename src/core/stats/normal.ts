/**
 * Standard normal distribution: CDF, inverse CDF and two-sided critical values.
 * Used for every confidence interval in the stats module.
 */
import { numError, valueError } from "../errors";
import { checkConfidence, finite } from "./validate";

const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal density. */
function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** Upper tail Q(z) for z ≥ 3 by the Laplace continued fraction, evaluated from the back. */
function upperTailContinuedFraction(z: number): number {
  let f = z;
  for (let k = 120; k >= 1; k--) f = z + k / f;
  return normalPdf(z) / f;
}

/**
 * Standard normal CDF Φ(z). Marsaglia (2004, J. Stat. Softw. 11(4)) Taylor
 * series Φ(z) = ½ + φ(z)·(z + z³/3 + z⁵/15 + …) for |z| < 3 (absolute error
 * about 1e-16), and Laplace's continued fraction for the tails so small tail
 * probabilities keep their relative accuracy.
 */
export function normalCdf(z: number): number {
  if (typeof z !== "number" || Number.isNaN(z)) {
    throw valueError(`z must be a number; got ${String(z)}`);
  }
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  if (z <= -38.5) return 0;
  if (z >= 8.3) return 1;
  if (z <= -3) return upperTailContinuedFraction(-z);
  if (z >= 3) return 1 - upperTailContinuedFraction(z);
  let term = z;
  let sum = z;
  const z2 = z * z;
  for (let k = 3; k < 200; k += 2) {
    term *= z2 / k;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return 0.5 + normalPdf(z) * sum;
}

// Wichura (1988), Algorithm AS 241 (PPND16), Applied Statistics 37(3):477-484.
// Published coefficients, written at double precision; accurate to about 1 part in 1e16.
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

function poly(coefficients: number[], x: number): number {
  let result = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) result = result * x + coefficients[i];
  return result;
}

/**
 * Inverse standard normal CDF (quantile) by Wichura's AS 241 (PPND16).
 * p must lie strictly between 0 and 1.
 */
export function normalQuantile(p: number): number {
  if (typeof p !== "number" || !Number.isFinite(p) || p <= 0 || p >= 1) {
    throw valueError(`p must be a probability strictly between 0 and 1; got ${String(p)}`);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    x = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -x : x;
}

/**
 * Two-sided critical value z with P(|Z| ≤ z) = confidence, e.g. 0.95 → 1.959964.
 * Uses the lower tail so confidences close to 1 keep full precision.
 */
export function zForConfidence(confidence: number): number {
  checkConfidence(confidence);
  return -normalQuantile((1 - confidence) / 2);
}

/** Estimate with its variance, Z and two-sided normal interval (WDD and net effect). */
export interface NormalInterval {
  estimate: number;
  variance: number;
  se: number;
  z: number;
  lower: number;
  upper: number;
}

/** Z = estimate/SE and estimate ± z·SE; `what` names the measure in messages, e.g. "WDD". */
export function normalInterval(
  estimate: number,
  variance: number,
  confidence: number,
  what: string,
): NormalInterval {
  if (variance === 0) {
    throw numError(`The ${what} variance is zero (no crimes to compare), so there is nothing to test`);
  }
  const se = Math.sqrt(variance);
  const z = zForConfidence(confidence);
  return {
    estimate,
    variance,
    se,
    z: finite(estimate / se, `${what} Z`),
    lower: finite(estimate - z * se, `${what} lower limit`),
    upper: finite(estimate + z * se, `${what} upper limit`),
  };
}
