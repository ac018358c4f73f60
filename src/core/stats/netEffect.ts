/**
 * Total net effect with a delta-method interval (Bowers & Johnson 2003;
 * docs/methods.md, "Net effect"). Each area's expected after count is its before
 * count times the control's trend C1/C0; the control shares the periods, so
 * period lengths cancel. Positive = crimes prevented.
 */
import { div0Error, valueError } from "../errors";
import { harmWeighted, type HarmWeighted } from "./harm";
import { normalInterval, type NormalInterval } from "./normal";
import { checkConfidence, checkDispersion, checkPair, finite, type PeriodPair } from "./validate";

export interface NetEffectInput {
  target: PeriodPair;
  control: PeriodPair;
  /** Possible displacement area; its expected count follows the control's trend (or its own control's). */
  buffer?: PeriodPair;
  /** The buffer's own control (Cd); needs a buffer. */
  bufferControl?: PeriodPair;
  /** Two-sided confidence level; default 0.95. */
  confidence?: number;
  /** Overdispersion factor D ≥ 1 multiplying the variance; default 1. */
  dispersion?: number;
}

export interface NetEffectResult extends NormalInterval {
  /** NE_T = T0·C1/C0 − T1. */
  target: number;
  /** NE_B = B0·C1/C0 − B1 (or with the buffer's own control), or null without a buffer. */
  buffer: number | null;
}

/** Point estimates and the Poisson (D = 1) delta-method variance. */
export interface NetEffectParts {
  estimate: number;
  target: number;
  buffer: number | null;
  variance: number;
}

/**
 * Delta-method variance of S0·C1/C0 − S1 for independent Poisson counts:
 * gradient (C1/C0, −1, S0/C0, −S0·C1/C0²) for (S0, S1, C1, C0), so
 * Var = S1 + (C1/C0)²·S0 + (S0/C0)²·C1 + (S0·C1/C0²)²·C0
 *     = S1 + (C1/C0)²·S0 + S0²·C1/C0² + S0²·C1²/C0³, written to avoid overflow.
 */
function deltaVariance(s0: number, s1: number, c: PeriodPair): number {
  const trend = c.after / c.before;
  const g = s0 / c.before;
  return s1 + trend * trend * s0 + g * g * c.after + g * trend * (g * trend) * c.before;
}

function requireBaseline(c: PeriodPair, name: string, measure: string, label: string): void {
  if (c.before === 0) {
    throw div0Error(
      `${label}${measure} is undefined when the ${name} area has no crimes in the before period (${name}Before = 0)`,
    );
  }
}

/** Checks the areas' counts in the order target, buffer, control, buffer control. */
export function checkNetEffectAreas(input: NetEffectInput, label = ""): void {
  if (input === null || typeof input !== "object")
    throw valueError(`${label}the net effect input is missing`);
  checkPair(input.target, `${label}target`);
  if (input.buffer !== undefined) checkPair(input.buffer, `${label}buffer`);
  checkPair(input.control, `${label}control`);
  if (input.bufferControl !== undefined) {
    if (input.buffer === undefined) {
      throw valueError(
        `${label}bufferControl was given without a buffer area; add the buffer counts or leave it out`,
      );
    }
    checkPair(input.bufferControl, `${label}bufferControl`);
  }
}

/** Point estimates NE_T, NE_B and their total, validating the inputs; `measure` and `label` word the messages. */
export function netEffectEstimates(
  input: NetEffectInput,
  measure = "The net effect",
  label = "",
): Omit<NetEffectParts, "variance"> {
  checkNetEffectAreas(input, label);
  const { target: t, buffer: b, control: c, bufferControl: cd } = input;
  requireBaseline(c, "control", measure, label);
  const trend = c.after / c.before;
  const neT = t.before * trend - t.after;
  if (b === undefined) {
    const only = finite(neT, `${label}Net effect`);
    return { estimate: only, target: only, buffer: null };
  }
  let neB: number;
  if (cd === undefined) {
    neB = b.before * trend - b.after;
  } else {
    requireBaseline(cd, "bufferControl", measure, label);
    neB = b.before * (cd.after / cd.before) - b.after;
  }
  return {
    estimate: finite(neT + neB, `${label}Total net effect`),
    target: finite(neT, `${label}Net effect in the target`),
    buffer: finite(neB, `${label}Net effect in the buffer`),
  };
}

/** Estimates plus the Poisson (D = 1) delta-method variance. */
export function netEffectParts(input: NetEffectInput, label = ""): NetEffectParts {
  const estimates = netEffectEstimates(input, "The net effect", label);
  const { target: t, buffer: b, control: c, bufferControl: cd } = input;
  let variance: number;
  if (b === undefined) variance = deltaVariance(t.before, t.after, c);
  // Shared control: the two parts are correlated through C, so the variance uses S = T + B.
  else if (cd === undefined) variance = deltaVariance(t.before + b.before, t.after + b.after, c);
  else variance = deltaVariance(t.before, t.after, c) + deltaVariance(b.before, b.after, cd);
  return { ...estimates, variance: finite(variance, `${label}Net effect variance`) };
}

/**
 * Total net effect TNE = NE_T + NE_B with its delta-method interval
 * TNE ± z·√(D·Var) (docs/methods.md, "Net effect"). Undefined (div0Error) when
 * C0 = 0 (or Cd0 = 0 with a buffer control).
 * Example: T 161→156, C 6181→6412 gives 11.02, 95% interval −25.0 to 47.1.
 */
export function netEffectCi(input: NetEffectInput): NetEffectResult {
  const confidence = checkConfidence(input?.confidence ?? 0.95);
  const dispersion = checkDispersion(input?.dispersion);
  const parts = netEffectParts(input);
  const interval = normalInterval(
    parts.estimate,
    finite(dispersion * parts.variance, "Net effect variance"),
    confidence,
    "net effect",
  );
  return { ...interval, target: parts.target, buffer: parts.buffer };
}

export type HarmNetEffectPart = NetEffectInput & HarmWeighted;

/**
 * Harm-weighted net effect over offence types k with harm weights w_k:
 * estimate Σ w_k·TNE_k, variance D·Σ w_k²·Var_k (as ptools `wdd_harm` does for
 * the WDD). Each part's own confidence and dispersion are ignored; a weight of 0
 * leaves that offence type out (its counts are still checked).
 */
export function harmNetEffect(
  parts: HarmNetEffectPart[],
  confidence = 0.95,
  dispersion = 1,
): NetEffectResult {
  const { interval, results } = harmWeighted(
    parts,
    "net effect",
    checkNetEffectAreas,
    netEffectParts,
    confidence,
    dispersion,
  );
  let target = 0;
  let buffer: number | null = null;
  for (const { weight, result } of results) {
    target += weight * result.target;
    if (result.buffer !== null) buffer = (buffer ?? 0) + weight * result.buffer;
  }
  return {
    ...interval,
    target: finite(target, "Harm-weighted net effect in the target"),
    buffer: buffer === null ? null : finite(buffer, "Harm-weighted net effect in the buffer"),
  };
}
