/**
 * Planning: with these areas and periods, could the evaluation
 * tell whether the operation worked? The smallest fall the headline net
 * effect would detect (minimumDetectableEffect, 95% confidence, 80% power)
 * from the before period's target and control counts, the operation's period
 * lengths and dispersion; and what would help when that fall is implausible.
 * The pane shows it (planningSource.ts counts it from loaded data), and the
 * Evaluate step writes it on the Operation sheet.
 */
import { dispersionOf } from "../core/evaluation/figures";
import { isHarmError } from "../core/errors";
import { operationLengths, type Operation } from "../core/operation";
import { minimumDetectableEffect, monthsNeeded } from "../core/stats/power";
import { buildSheet } from "../sheets/build";
import type { PlanningFigures } from "../sheets/specs/input";
import { PLANNING_NAMES } from "../sheets/specs/planning";
import { planWriteNames } from "../sheets/plan/named";
import type { WorkbookPort } from "../workbook/port";

/** A detectable fall above this is larger than any plausible effect of an operation. */
export const PLAUSIBLE_FALL = 0.5;
/** The fall the months-needed hint plans for. */
const HINT_FALL = 0.25;

export type PlanningOutcome =
  | { ready: false; reason: string }
  | {
      ready: true;
      figures: PlanningFigures;
      /** The headline sentence ("With these areas and periods, …"). */
      sentence: string;
      /** Larger than any plausible effect, or no fall at all would be detected. */
      tooLarge: boolean;
      /** What would help, and cautions. */
      advice: string[];
      /** Which counts and settings it used. */
      basis: string;
    };

const n = (x: number) => Math.round(x).toLocaleString("en-GB");
const pct = (x: number) => `${Math.round(x * 100)}%`;

function monthsHint(t0: number, c0: number, op: Operation): string {
  const l = operationLengths(op);
  if (!l || l.unit !== "months") return "";
  try {
    const m = monthsNeeded({
      targetMonthly: t0 / l.before,
      controlMonthly: c0 / l.before,
      reduction: HINT_FALL,
      dispersion: dispersionOf(op),
    });
    return `At these monthly counts, detecting a ${pct(HINT_FALL)} fall needs about ${m} months before and ${m} after.`;
  } catch (e) {
    if (!isHarmError(e)) throw e;
    return `At these monthly counts, even 60 months before and after would not detect a ${pct(HINT_FALL)} fall.`;
  }
}

const HELP_IN_SHORT = "What would help: longer periods, more target areas or a broader crime type.";
const HELP = [
  "Longer before and after periods.",
  "More target areas (the whole hot spot, not one street).",
  "A broader crime type (all selected crime rather than one offence).",
];

/** The figures from before-period counts, under the operation's lengths and dispersion. */
export function planningFromCounts(
  targetBefore: number,
  controlBefore: number,
  op: Operation,
): PlanningOutcome {
  const l = operationLengths(op);
  if (!l)
    return {
      ready: false,
      reason: "Enter the before and after periods to see what the evaluation could detect.",
    };
  const dispersion = dispersionOf(op);
  const basis =
    `Counted ${n(targetBefore)} target and ${n(controlBefore)} control crimes in the before period ` +
    `(${l.before} ${l.unit}); after period ${l.after} ${l.unit}; dispersion ${dispersion}; 95% confidence, 80% power.`;
  if (targetBefore <= 0 || controlBefore <= 0) {
    const which = targetBefore <= 0 ? "target" : "control";
    const sentence = `The ${which} areas had no crimes in the before period, so no fall could be detected.`;
    const reading = `${sentence} ${HELP_IN_SHORT}`;
    return {
      ready: true,
      figures: { targetBefore, controlBefore, fraction: null, reading },
      sentence,
      tooLarge: true,
      advice: HELP,
      basis,
    };
  }
  let fraction: number | null = null;
  let sentence: string;
  const advice: string[] = [];
  try {
    const mde = minimumDetectableEffect({
      targetBefore,
      controlBefore,
      beforeLength: l.before,
      afterLength: l.after,
      dispersion,
    });
    fraction = mde.fraction;
    sentence =
      `With these areas and periods, the evaluation can detect a fall of ${pct(mde.fraction)} ` +
      `(about ${n(mde.crimes)} crimes) or more.`;
    if (mde.note) advice.push(mde.note);
  } catch (e) {
    if (!isHarmError(e)) throw e;
    // The core says why no fall could be detected; its advice is repeated below, so only its first sentence.
    sentence = `With these areas and periods, no fall could be detected. ${e.message.split(/(?<=\.) /)[0]}`;
  }
  const tooLarge = fraction === null || fraction > PLAUSIBLE_FALL;
  if (tooLarge) {
    if (fraction !== null)
      sentence += ` That is larger than any plausible effect (over ${pct(PLAUSIBLE_FALL)}), so the evaluation is unlikely to show one.`;
    advice.unshift(...HELP, monthsHint(targetBefore, controlBefore, op));
  }
  const kept = advice.filter(Boolean);
  const reading = tooLarge ? `${sentence} ${HELP_IN_SHORT}` : sentence;
  return {
    ready: true,
    figures: { targetBefore, controlBefore, fraction, reading },
    sentence,
    tooLarge,
    advice: kept,
    basis,
  };
}

/**
 * Writes the figures into the Operation sheet's Planning block, wherever its
 * named cells are; a workbook without them (no Operation sheet, or one from
 * before the block existed) is left alone. Returns how many cells were written.
 */
export async function writePlanning(
  port: WorkbookPort,
  op: Operation,
  figures: PlanningFigures,
): Promise<number> {
  const model = buildSheet("operation", { operation: op, planning: figures });
  const names = Object.values(PLANNING_NAMES);
  return port.change({ names }, (snap) => planWriteNames(snap, model, names));
}
