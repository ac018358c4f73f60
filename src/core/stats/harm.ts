/** Shared handling of harm-weighted parts (one per offence type) for the WDD and the net effect. */
import { valueError } from "../errors";
import { normalInterval, type NormalInterval } from "./normal";
import { checkConfidence, checkCount, checkDispersion, finite, type PeriodPair } from "./validate";

export interface HarmWeighted {
  weight: number;
  offenceType?: string;
  target: PeriodPair;
  control: PeriodPair;
  buffer?: PeriodPair;
  bufferControl?: PeriodPair;
}

/** An offence type with no crimes in any area or period adds nothing, and its trend is undefined. */
export function noCrimes(part: HarmWeighted): boolean {
  return [part.target, part.control, part.buffer, part.bufferControl].every(
    (pair) => pair === undefined || (pair.before === 0 && pair.after === 0),
  );
}

/** Label naming an offence type (or its position) in messages about harm-weighted parts. */
export function partLabel(part: { offenceType?: string } | null | undefined, i: number): string {
  return `${part?.offenceType ? `"${part.offenceType}"` : `part ${i + 1}`}: `;
}

/**
 * Checks every part (weight ≥ 0 and its counts) before any is computed, so input
 * errors are reported before a statistic is refused; returns the parts with a
 * weight above 0 and at least one crime, each with its label. `what` names the statistic in messages.
 */
function weightedParts<P extends HarmWeighted>(
  parts: P[],
  what: string,
  check: (part: P, label: string) => void,
): Array<{ part: P; weight: number; label: string }> {
  if (!Array.isArray(parts) || parts.length === 0) {
    throw valueError(`Give at least one offence type (counts and harm weight) for the harm-weighted ${what}`);
  }
  const used: Array<{ part: P; weight: number; label: string }> = [];
  parts.forEach((part, i) => {
    const label = partLabel(part, i);
    const weight = checkCount(part?.weight, `${label}harm weight`);
    check(part, label);
    if (weight > 0 && !noCrimes(part)) used.push({ part, weight, label });
  });
  return used;
}

/**
 * Σ w_k·estimate_k with the interval from D·Σ w_k²·variance_k over the parts
 * that count (as ptools `wdd_harm`), plus each part's own result for sums of
 * other fields. `what` names the statistic in messages.
 */
export function harmWeighted<P extends HarmWeighted, R extends { estimate: number; variance: number }>(
  parts: P[],
  what: string,
  check: (part: P, label: string) => void,
  compute: (part: P, label: string) => R,
  confidence: number,
  dispersion: number,
): { interval: NormalInterval; results: Array<{ weight: number; result: R }> } {
  checkConfidence(confidence);
  checkDispersion(dispersion);
  let estimate = 0;
  let variance = 0;
  const results: Array<{ weight: number; result: R }> = [];
  for (const { part, weight, label } of weightedParts(parts, what, check)) {
    const result = compute(part, label);
    estimate += weight * result.estimate;
    variance += weight * weight * result.variance;
    results.push({ weight, result });
  }
  const interval = normalInterval(
    finite(estimate, `Harm-weighted ${what}`),
    finite(dispersion * variance, `Harm-weighted ${what} variance`),
    confidence,
    what,
  );
  return { interval, results };
}
