/**
 * Weighted displacement difference (Wheeler & Ratcliffe 2018, Crime Science 7:11;
 * R package ptools `wdd` and `wdd_harm`).
 */
import { numError, valueError } from "../errors";
import { zForConfidence } from "./normal";
import { checkConfidence, checkCount, checkPositive, finite, type PeriodPair } from "./validate";

export interface WddInput {
  target: PeriodPair;
  control: PeriodPair;
  /** Possible displacement area; leave out for a target/control-only design. */
  buffer?: PeriodPair;
  /** Control area for the buffer (Cd); needs a buffer. */
  bufferControl?: PeriodPair;
  /** Each count is divided by its period's weight (e.g. months covered); variance terms by weight². */
  timeWeights?: { before: number; after: number };
  /** Each count is divided by its area's weight; variance terms by weight². */
  areaWeights?: { target?: number; control?: number; buffer?: number; bufferControl?: number };
  /** Two-sided confidence level; default 0.95. */
  confidence?: number;
}

export interface WddResult {
  estimate: number;
  variance: number;
  se: number;
  z: number;
  lower: number;
  upper: number;
}

type AreaKey = "target" | "control" | "buffer" | "bufferControl";
const SIGN: Record<AreaKey, number> = { target: 1, control: -1, buffer: 1, bufferControl: -1 };

/** Estimate and variance of one WDD, validating every input; `label` prefixes messages for harmWdd parts. */
function wddCore(input: WddInput, label = ""): { estimate: number; variance: number } {
  if (input === null || typeof input !== "object") throw valueError(`${label}the WDD input is missing`);
  const time = input.timeWeights ?? { before: 1, after: 1 };
  const tb = checkPositive(time.before, `${label}timeWeights.before`);
  const ta = checkPositive(time.after, `${label}timeWeights.after`);
  const areas = input.areaWeights ?? {};
  if (input.bufferControl && !input.buffer) {
    throw valueError(
      `${label}bufferControl was given without a buffer area; add the buffer counts or leave it out`,
    );
  }
  let estimate = 0;
  let variance = 0;
  for (const key of ["target", "control", "buffer", "bufferControl"] as AreaKey[]) {
    const pair = input[key];
    if (pair === undefined) {
      if (key === "target" || key === "control")
        throw valueError(`${label}${key} counts are required for the WDD`);
      continue;
    }
    if (pair === null || typeof pair !== "object")
      throw valueError(`${label}${key} must give before and after counts`);
    const before = checkCount(pair.before, `${label}${key}Before`);
    const after = checkCount(pair.after, `${label}${key}After`);
    const area = checkPositive(areas[key] ?? 1, `${label}areaWeights.${key}`);
    const wb = tb * area;
    const wa = ta * area;
    estimate += SIGN[key] * (after / wa - before / wb);
    variance += before / (wb * wb) + after / (wa * wa);
  }
  return { estimate: finite(estimate, `${label}WDD`), variance: finite(variance, `${label}WDD variance`) };
}

function summarise(estimate: number, variance: number, confidence: number): WddResult {
  if (variance === 0) {
    throw numError("The WDD variance is zero (every count is zero), so there is nothing to test");
  }
  const se = Math.sqrt(variance);
  const z = zForConfidence(confidence);
  return {
    estimate,
    variance,
    se,
    z: finite(estimate / se, "WDD Z"),
    lower: finite(estimate - z * se, "WDD lower limit"),
    upper: finite(estimate + z * se, "WDD upper limit"),
  };
}

/**
 * WDD = (T1 − T0) − (C1 − C0) + (B1 − B0) − (Cd1 − Cd0), Var = sum of the
 * (weighted) counts, SE = √Var, Z = WDD/SE, CI = WDD ± z·SE (Wheeler & Ratcliffe
 * 2018). Buffer terms are left out when there is no buffer. Negative = crime fell.
 * Examples: W2 (−10, SE √70), W4 (−20, SE √115).
 */
export function wdd(input: WddInput): WddResult {
  const confidence = checkConfidence(input?.confidence ?? 0.95);
  const { estimate, variance } = wddCore(input);
  return summarise(estimate, variance, confidence);
}

/**
 * Harm-weighted WDD (Wheeler & Ratcliffe 2018; ptools `wdd_harm`): one WDD per
 * offence type k with harm weight w_k; estimate Σ w_k·WDD_k, Var Σ w_k²·Var_k.
 * Feeding harm totals straight into `wdd` would get the variance wrong.
 * A weight of 0 leaves that offence type out. Each part's own `confidence` is ignored.
 */
export function harmWdd(
  parts: Array<WddInput & { weight: number; offenceType?: string }>,
  confidence = 0.95,
): WddResult {
  checkConfidence(confidence);
  if (!Array.isArray(parts) || parts.length === 0) {
    throw valueError("Give at least one offence type (counts and harm weight) for the harm-weighted WDD");
  }
  let estimate = 0;
  let variance = 0;
  parts.forEach((part, i) => {
    const label = `${part?.offenceType ? `"${part.offenceType}"` : `part ${i + 1}`}: `;
    const weight = checkCount(part?.weight, `${label}harm weight`);
    const one = wddCore(part, label);
    estimate += weight * one.estimate;
    variance += weight * weight * one.variance;
  });
  return summarise(
    finite(estimate, "Harm-weighted WDD"),
    finite(variance, "Harm-weighted WDD variance"),
    confidence,
  );
}
