/**
 * Planning figures for an evaluation: the smallest fall the verdict would
 * credit with the wanted power, and how many months of data that takes. The
 * headline is the total net effect against the control with its
 * delta-method variance (netEffect.ts), so the power calculation asks that
 * very test what it would see at the expected counts (powerMoments.ts); then
 * the verdict's own rules take their share (powerRules.ts): a period with
 * fewer than 10 target crimes is not judged, and with 19 or more similar areas
 * the target must rank beyond them. So a plan never promises power the
 * verdict cannot deliver.
 */
import { naError, valueError } from "../errors";
import { SMALL_COUNT } from "./checks";
import { zForConfidence } from "./normal";
import type { Plan } from "./powerMoments";
import { headlinePowerAt, rankAllowance, tooFewAfter, verdictPowerAt, type Rules } from "./powerRules";
import { checkConfidence, checkDispersion, checkPositive } from "./validate";

export interface DetectableEffectInput {
  /** Target's crimes in the before period (expected or observed). */
  targetBefore: number;
  /** Control's crimes in the before period. */
  controlBefore: number;
  /** Length of the before period (days or months); default 1. */
  beforeLength?: number;
  /** Length of the after period, in the same units; default 1. */
  afterLength?: number;
  confidence?: number;
  /** Chance of detecting the fall; default 0.8. */
  power?: number;
  /** Overdispersion factor D ≥ 1; default 1. */
  dispersion?: number;
  /**
   * Comparison areas of the target's size (before counts within a factor of 2 of
   * its own); with 19 or more the verdict also ranks the target among them.
   * Default 0: the rank is left out of the plan.
   */
  similarAreas?: number;
}

export interface DetectableEffect {
  /** Crimes prevented in the after period: δ·T0·r. */
  crimes: number;
  /** δ, the fall as a fraction of the target's expected after count T0·r. */
  fraction: number;
  /** What the plan allowed for (the after period too small to judge), else "". */
  note: string;
}

export interface MonthsNeededInput {
  targetMonthly: number;
  controlMonthly: number;
  /** The fall to be detected, as a fraction (0.2 = 20%). */
  reduction: number;
  confidence?: number;
  power?: number;
  dispersion?: number;
  /** As in DetectableEffectInput. */
  similarAreas?: number;
}

/** The longest plan monthsNeeded considers: five years before and five after. */
const MAX_MONTHS = 60;

const percent = (x: number): string => `${Math.round(x * 100)}%`;

function checkFraction(value: number, name: string, example: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value >= 1) {
    const hint =
      typeof value === "number" && value > 1 && value < 100 ? ` (for ${value}% enter ${value / 100})` : "";
    throw valueError(`${name} must be between 0 and 1, e.g. ${example}; got ${String(value)}${hint}`);
  }
  return value;
}

/** Far above any area's crime count; keeps the powers of the counts below well inside double range. */
const MAX_COUNT = 1e9;

function checkCrimes(value: number, name: string): number {
  checkPositive(value, name);
  if (value > MAX_COUNT) {
    throw valueError(`${name} must be a number of crimes, at most ${MAX_COUNT}; got ${value}`);
  }
  return value;
}

/** Steps of the search for the smallest δ: power can fall again near δ = 1, where too few crimes are left to judge. */
const GRID = 50;

/**
 * Smallest δ in [0, 1] whose chance of being credited reaches `power`, or null.
 * The chance rises with δ until the after period gets too small to judge, so
 * the first grid step that reaches it is refined by bisection. Below
 * SMALL_COUNT target crimes before, the headline is never judged.
 */
function solveFraction(plan: Plan, power: number, rules?: Rules): number | null {
  if (plan.t0 < SMALL_COUNT) return null;
  const at = (delta: number) => verdictPowerAt(plan, delta, rules);
  if (at(0) >= power) return 0;
  for (let i = 1; i <= GRID; i++) {
    if (at(i / GRID) < power) continue;
    let lo = (i - 1) / GRID;
    let hi = i / GRID;
    for (let k = 0; k < 60 && hi - lo > 1e-10; k++) {
      const mid = 0.5 * (lo + hi);
      if (at(mid) >= power) hi = mid;
      else lo = mid;
    }
    return hi;
  }
  return null;
}

function checkSimilar(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 1e6)
    throw valueError(
      `similarAreas must be a whole number of areas, 0 or more (leave it out if not known); got ${String(value)}`,
    );
  return value;
}

function readPlan(input: DetectableEffectInput): Plan & { confidence: number } {
  if (input === null || typeof input !== "object") {
    throw valueError("Give the target's and the control's crimes in the before period");
  }
  const t0 = checkCrimes(input.targetBefore, "targetBefore");
  const c0 = checkCrimes(input.controlBefore, "controlBefore");
  const l0 = checkPositive(input.beforeLength ?? 1, "beforeLength");
  const l1 = checkPositive(input.afterLength ?? 1, "afterLength");
  const confidence = checkConfidence(input.confidence ?? 0.95);
  const dispersion = checkDispersion(input.dispersion);
  const similar = checkSimilar(input.similarAreas);
  return { t0, c0, r: l1 / l0, z: zForConfidence(confidence), dispersion, similar, confidence };
}

function checkPlannedFall(fraction: unknown): number {
  if (typeof fraction !== "number" || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw valueError(`fraction must be between 0 and 1, e.g. 0.2 for a 20% fall; got ${String(fraction)}`);
  }
  return fraction;
}

/**
 * The chance that the verdict credits a fall of `fraction` of the target's
 * expected after count, the control keeping its rate: the headline's interval
 * above zero, at least 10 target crimes after, and (with 19 or more similar
 * areas) a rank beyond theirs. The `power` field of the input is ignored.
 */
export function detectionPower(input: DetectableEffectInput & { fraction: number }): number {
  return verdictPowerAt(readPlan(input), checkPlannedFall(input.fraction));
}

/** The headline test's power alone (its interval above zero), before the verdict's other rules. */
export function headlinePower(input: DetectableEffectInput & { fraction: number }): number {
  return headlinePowerAt(readPlan(input), checkPlannedFall(input.fraction));
}

const HELPS = "Longer periods, more target areas or broader crime types would help.";
const round3 = (x: number) => Number(x.toPrecision(3));

/** Why no fall reaches the power: which rule stands in the way, in words. */
function whyNone(plan: Plan & { confidence: number }, power: number): string {
  const wanted = `${percent(power)} wanted at ${percent(plan.confidence)} confidence`;
  const headline = solveFraction(plan, power, { floor: false, rank: false });
  if (headline === null)
    return (
      `Even a fall to no crimes at all would be detected only ${percent(headlinePowerAt(plan, 1))} of the time ` +
      `(${wanted}): there are too few crimes. ${HELPS.replace("target areas", "areas")}`
    );
  const counted = solveFraction(plan, power, { floor: true, rank: false });
  if (counted === null) {
    const left = round3(plan.t0 * plan.r * (1 - headline));
    return (
      `The headline would detect a ${percent(headline)} fall with ${percent(power)} power, but that would leave about ` +
      `${left} target crimes in the after period, and the verdict does not judge a period with fewer than ` +
      `${SMALL_COUNT} (it is "Not judged"), so no fall here would be credited with ${percent(power)} power. ${HELPS}`
    );
  }
  return (
    `With ${plan.similar} similar areas the verdict also needs the target's change to rank beyond all but ` +
    `${rankAllowance(plan.similar)} of theirs, and at these counts no fall is credited with ${percent(power)} ` +
    `power (${wanted}): areas of this size change as much by chance. ${HELPS}`
  );
}

/**
 * Minimum detectable effect under the verdict's rules. With T1 ~ D·Poisson
 * (T0·r·(1 − δ)) and C1 ~ D·Poisson(C0·r) (r = afterLength/beforeLength), the
 * net effect has mean μ = T0·r·δ; the chance of a credited fall rises with δ
 * (powerRules.ts) until too few crimes are left after to judge, and the
 * smallest δ with the wanted power is found on a grid and by bisection.
 * crimes = δ·T0·r.
 */
export function minimumDetectableEffect(input: DetectableEffectInput): DetectableEffect {
  const plan = readPlan(input);
  const power = checkFraction(input.power ?? 0.8, "power", "0.8");
  if (plan.t0 < SMALL_COUNT)
    throw naError(
      `With fewer than ${SMALL_COUNT} target crimes in the before period (${round3(plan.t0)}) the ` +
        `evaluation's headline is not judged, so no fall could be shown. ${HELPS}`,
    );
  const fraction = solveFraction(plan, power);
  if (fraction === null) throw naError(whyNone(plan, power));
  const few = tooFewAfter(plan, fraction);
  const note =
    few >= 0.01
      ? `The power allows for the ${percent(few)} chance that fewer than ${SMALL_COUNT} target crimes fall in the ` +
        'after period, when the verdict is "Not judged".'
      : "";
  return { crimes: fraction * plan.t0 * plan.r, fraction, note };
}

/**
 * Smallest whole number of months m (1 to 60), with m months before and m
 * after, at which a fall of `reduction` would be credited with the given power:
 * T0 = targetMonthly·m, C0 = controlMonthly·m.
 */
export function monthsNeeded(input: MonthsNeededInput): number {
  if (input === null || typeof input !== "object") {
    throw valueError("Give the target's and the control's crimes per month and the fall to detect");
  }
  const target = checkCrimes(input.targetMonthly, "targetMonthly");
  const control = checkCrimes(input.controlMonthly, "controlMonthly");
  const reduction = checkFraction(input.reduction, "reduction", "0.2 for a 20% fall");
  const confidence = checkConfidence(input.confidence ?? 0.95);
  const power = checkFraction(input.power ?? 0.8, "power", "0.8");
  const dispersion = checkDispersion(input.dispersion);
  const similar = checkSimilar(input.similarAreas);
  const z = zForConfidence(confidence);
  // More months mean more crimes in both periods, so the chance of a credit grows with m.
  for (let m = 1; m <= MAX_MONTHS; m++) {
    const plan = { t0: target * m, c0: control * m, r: 1, z, dispersion, similar };
    if (plan.t0 >= SMALL_COUNT && verdictPowerAt(plan, reduction) >= power) return m;
  }
  throw naError(
    `Even ${MAX_MONTHS} months before and ${MAX_MONTHS} after would not detect a ${percent(reduction)} fall ` +
      `with ${percent(power)} power: there are too few crimes. Plan for a larger fall, more areas or broader crime types.`,
  );
}
