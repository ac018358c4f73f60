/**
 * One home for a results row: every figure, the net effect with its interval as
 * the headline, the checks and the verdict a manager reads
 * (docs/methods.md, "Checks and the verdict").
 */
import { isHarmError, valueError } from "../errors";
import { percentChange, periodETest, poissonZ } from "./change";
import {
  checksSentence,
  controlSizeCheck,
  coverageCheck,
  dispersionCheck,
  harmTotalsCheck,
  periodsCheck,
  smallCountsCheck,
  wddDisagreement,
  type Check,
  type Coverage,
  type DispersionSource,
  type HarmTotalsState,
  type SizePair,
} from "./checks";
import { wdq } from "./displacement";
import { BUFFER_NO_CHANGE_TEXT, interpretDisplacement, type DisplacementReading } from "./interpret";
import { checkLengths, timeRatio, type PeriodLengths } from "./lengths";
import {
  checkNetEffectAreas,
  harmNetEffect,
  netEffectCi,
  type HarmNetEffectPart,
  type NetEffectResult,
} from "./netEffect";
import { noCrimes, partLabel } from "./harm";
import { relativeEffectSize } from "./res";
import { checkConfidence, checkCount, checkDispersion, checkPair, type PeriodPair } from "./validate";
import { dataChecksText } from "./dataChecks";
import { judgeInterval, notJudged, type RowContext, type Verdict } from "./verdict";
import { harmWdd, wdd, type WddResult } from "./wdd";

/** A figure, or the reason it is not given. */
export type Figure<T> = { defined: true; value: T } | { defined: false; reason: string };

/** Counts (and harm weight) of one offence type, for harm-weighted rows. */
export type HarmPart = Omit<HarmNetEffectPart, "confidence" | "dispersion">;

export interface EvaluationInput {
  target: PeriodPair;
  control: PeriodPair;
  buffer?: PeriodPair;
  bufferControl?: PeriodPair;
  lengths?: PeriodLengths;
  /** Two-sided confidence level; default 0.95. */
  confidence?: number;
  /** Overdispersion factor D ≥ 1 for every Poisson variance; default 1. */
  dispersion?: number;
  /** Where D came from, for the checks' words: a function argument (default), the Operation sheet, or the data. */
  dispersionSource?: DispersionSource;
  /** "harm": the pairs are harm totals Σ w·count, not counts. Default "counts". */
  kind?: "counts" | "harm";
  /** Counts per offence type with their harm weights; gives harm rows their WDD and headline. */
  harmParts?: HarmPart[];
  /** Months with no data in each period. */
  coverage?: Coverage;
  /** What the data say beyond the counts: similar areas, last year, a high point, many measures. */
  context?: RowContext;
}

/** "fell"/"rose": credited fewer/more than expected; positive net effect = fewer crimes than expected. */
export type Significance = "fell" | "rose" | "none" | "not-judged";

export interface EvaluationFigures {
  kind: "counts" | "harm";
  /** r = L1/L0; 1 without lengths. */
  timeRatio: number;
  /** Rate change in the target as a fraction (e.g. 0.25 for +25%). */
  change: Figure<number>;
  /** The same for the control: the trend the target is judged against. */
  controlChange: Figure<number>;
  poissonZ: Figure<number>;
  eTestP: Figure<number>;
  /** Relative effect size (RES > 1: target fell relative to control). */
  res: Figure<number>;
  resInterval: Figure<{ lower: number; upper: number }>;
  wdd: Figure<WddResult>;
  wdq: Figure<number>;
  displacement: Figure<DisplacementReading>;
  /** The headline: total net effect with its interval (positive = crimes prevented). */
  netEffect: Figure<NetEffectResult>;
  checks: Check[];
  /** Plain-English sentences for a "Checks" cell. */
  checksText: string;
  significance: Significance;
  /** The verdict cell, e.g. "Credited: fewer than expected", "No clear change: the interval includes zero". */
  verdict: string;
  /** The verdict with its label, direction and reason. */
  judgement: Verdict;
  /** The net effect as a share of the count expected after (positive = fewer than expected); 0 when undefined. */
  share: number;
}

export const HARM_NOT_COUNTS = "harm totals, not counts";

const undefinedFigure = (reason: string): { defined: false; reason: string } => ({ defined: false, reason });

/** Runs a statistic; an undefined case (HarmError) becomes its reason. */
function figure<T>(run: () => T): Figure<T> {
  try {
    return { defined: true, value: run() };
  } catch (e) {
    if (isHarmError(e)) return undefinedFigure(e.message);
    throw e;
  }
}

function checkInput(input: EvaluationInput): void {
  if (input === null || typeof input !== "object") throw valueError("The evaluation input is missing");
  checkPair(input.target, "target");
  if (input.buffer !== undefined) checkPair(input.buffer, "buffer");
  checkPair(input.control, "control");
  if (input.bufferControl !== undefined) {
    if (input.buffer === undefined) {
      throw valueError(
        "bufferControl was given without a buffer area; add the buffer counts or leave it out",
      );
    }
    checkPair(input.bufferControl, "bufferControl");
  }
  if (input.lengths !== undefined) checkLengths(input.lengths);
  if (input.kind !== undefined && input.kind !== "counts" && input.kind !== "harm") {
    throw valueError(`kind must be "counts" or "harm"; got ${String(input.kind)}`);
  }
  const cov = input.coverage;
  if (cov !== undefined) {
    for (const p of ["before", "after"] as const) {
      if (!Array.isArray(cov?.[p]?.missing) || cov[p].missing.some((m) => typeof m !== "string")) {
        throw valueError(`coverage.${p}.missing must be a list of months, e.g. ["2024-09"]`);
      }
    }
  }
  if (input.harmParts !== undefined) {
    if (!Array.isArray(input.harmParts) || input.harmParts.length === 0) {
      throw valueError("harmParts must list at least one offence type with its counts and harm weight");
    }
    input.harmParts.forEach((part, i) => {
      const label = partLabel(part, i);
      checkCount(part?.weight, `${label}harm weight`);
      checkNetEffectAreas(part, label);
    });
  }
}

const AREAS = ["target", "buffer", "control", "bufferControl"] as const;

/** Whether the harm totals equal Σ weight × count over the parts, area by area. */
function harmTotalsState(input: EvaluationInput, parts: HarmPart[] | undefined): HarmTotalsState {
  if (parts === undefined) return "missing";
  for (const area of AREAS) {
    const total = input[area];
    for (const period of ["before", "after"] as const) {
      let sum = 0;
      let present = false;
      for (const part of parts) {
        const pair = part[area];
        if (pair === undefined) continue;
        present = true;
        sum += part.weight * pair[period];
      }
      if (total === undefined && !present) continue;
      const given = total?.[period] ?? 0;
      if (Math.abs(given - sum) > 1e-6 * Math.max(1, Math.abs(sum))) return "mismatched";
    }
  }
  return "matched";
}

/** Before counts of each area against its control, for the factor-of-2 rule. */
function sizePairs(x: Pick<EvaluationInput, "target" | "control" | "buffer" | "bufferControl">): SizePair[] {
  const pairs: SizePair[] = [{ area: "target", before: x.target.before, controlBefore: x.control.before }];
  if (x.buffer && x.bufferControl) {
    pairs.push({ area: "buffer", before: x.buffer.before, controlBefore: x.bufferControl.before });
  }
  return pairs;
}

/** Sum of the target's raw counts over offence types with a weight. */
function rawTarget(parts: HarmPart[]): PeriodPair {
  const used = parts.filter((p) => p.weight > 0);
  return {
    before: used.reduce((s, p) => s + p.target.before, 0),
    after: used.reduce((s, p) => s + p.target.after, 0),
  };
}

function headlineReason(input: EvaluationInput, harm: boolean): string {
  if (harm) return "the harm-weighted net effect cannot be worked out for these counts";
  if (input.control.before === 0) return "the control had no crimes in the before period";
  if (input.bufferControl?.before === 0) return "the buffer's control had no crimes in the before period";
  return "the net effect cannot be worked out for these counts";
}

/** The net effect ÷ the expected after count (net effect + observed after). */
function shareOf(ne: NetEffectResult, observedAfter: number): number {
  const expected = ne.estimate + observedAfter;
  return expected > 0 ? ne.estimate / expected : 0;
}

function judge(
  checks: Check[],
  headline: Figure<NetEffectResult>,
  reason: string,
  share: number,
  context: RowContext | undefined,
): { significance: Significance; verdict: string; judgement: Verdict } {
  const blocker = checks.find((c) => c.blocking && !c.ok);
  let judgement: Verdict;
  if (blocker) judgement = notJudged(blocker.verdictText ?? blocker.text);
  else if (!headline.defined) judgement = notJudged(reason);
  else judgement = judgeInterval(headline.value, share, context);
  const significance: Significance =
    judgement.label === "Not judged"
      ? "not-judged"
      : judgement.label === "Credited"
        ? judgement.direction === "fewer"
          ? "fell"
          : "rose"
        : "none";
  return { significance, verdict: judgement.text, judgement };
}

/**
 * Every figure for one row, the net effect as the headline, the checks and the
 * verdict. Bad input throws valueError; figures that are undefined for these
 * counts carry their reason instead.
 */
export function evaluateCounts(input: EvaluationInput): EvaluationFigures {
  checkInput(input);
  const confidence = checkConfidence(input.confidence ?? 0.95);
  const dispersion = checkDispersion(input.dispersion);
  const { target: t, control: c, buffer: b, bufferControl: cd, lengths } = input;
  const harm = input.kind === "harm";
  const parts = input.harmParts;
  const areas = { target: t, control: c, ...(b ? { buffer: b } : {}), ...(cd ? { bufferControl: cd } : {}) };
  const notCounts = undefinedFigure(HARM_NOT_COUNTS);

  const checks: Check[] = [periodsCheck(lengths)];
  if (input.coverage) checks.push(coverageCheck(input.coverage));
  if (harm) {
    checks.push(harmTotalsCheck(harmTotalsState(input, parts)));
    if (parts) {
      const counted = parts.filter((p) => p.weight > 0 && !noCrimes(p));
      checks.push(controlSizeCheck(counted.flatMap((p) => withType(p))));
      checks.push(smallCountsCheck(rawTarget(parts)));
    }
  } else {
    checks.push(controlSizeCheck(sizePairs(input)), smallCountsCheck(t));
  }
  checks.push(dispersionCheck(dispersion, input.dispersionSource));

  const res = figure(() =>
    relativeEffectSize(t.before, t.after, c.before, c.after, { confidence, dispersion }),
  );
  const harmParts = parts?.map((p) => ({ ...p, ...(lengths ? { lengths } : {}) }));
  let wddFigure: Figure<WddResult>;
  if (!harm) wddFigure = figure(() => wdd({ ...areas, lengths, confidence, dispersion }));
  else if (harmParts) wddFigure = figure(() => harmWdd(harmParts, confidence, dispersion));
  else wddFigure = undefinedFigure(`${HARM_NOT_COUNTS}; the WDD needs counts per offence type`);
  if (!harm && wddFigure.defined) {
    const ne = figure(() => netEffectCi({ ...areas, confidence, dispersion }));
    if (ne.defined) {
      const disagree = wddDisagreement(wddFigure.value, ne.value);
      if (disagree) checks.splice(checks.length - 1, 0, disagree);
    }
  }
  let headline: Figure<NetEffectResult>;
  if (!harm) headline = figure(() => netEffectCi({ ...areas, confidence, dispersion }));
  else if (parts) headline = figure(() => harmNetEffect(parts, confidence, dispersion));
  else
    headline = undefinedFigure(`${HARM_NOT_COUNTS}; the net effect's interval needs counts per offence type`);
  const noBuffer = undefinedFigure("no buffer area");
  const observedAfter = harm && parts ? harmAfter(parts, b !== undefined) : t.after + (b ? b.after : 0);
  const share = headline.defined ? shareOf(headline.value, observedAfter) : 0;

  return {
    kind: harm ? "harm" : "counts",
    timeRatio: timeRatio(lengths),
    change: figure(() => percentChange(t.before, t.after, lengths)),
    controlChange: figure(() => percentChange(c.before, c.after, lengths)),
    poissonZ: harm ? notCounts : figure(() => poissonZ(t.before, t.after, lengths)),
    eTestP: harm ? notCounts : figure(() => periodETest(t.before, t.after, lengths)),
    res: res.defined ? { defined: true, value: res.value.res } : res,
    resInterval: harm
      ? notCounts
      : res.defined
        ? { defined: true, value: { lower: res.value.lower, upper: res.value.upper } }
        : res,
    wdd: wddFigure,
    wdq: b ? figure(() => wdq(t, b, c)) : noBuffer,
    displacement: b ? figure(() => bufferReading(t, b, c, confidence, dispersion)) : noBuffer,
    netEffect: headline,
    checks,
    checksText: checksSentence(checks, dataChecksText(input.context)),
    share,
    ...judge(checks, headline, headlineReason(input, harm), share, input.context),
  };
}

/** Σ weight × after count over the target (and buffer) of the weighted parts. */
function harmAfter(parts: HarmPart[], withBuffer: boolean): number {
  return parts.reduce(
    (s, p) => s + p.weight * (p.target.after + (withBuffer && p.buffer ? p.buffer.after : 0)),
    0,
  );
}

/**
 * Displacement is read only when the target improved and the buffer's own
 * change is beyond chance: its net effect against the control (B0·C1/C0 − B1)
 * has an interval excluding zero.
 */
function bufferReading(
  t: PeriodPair,
  b: PeriodPair,
  c: PeriodPair,
  confidence: number,
  dispersion: number,
): DisplacementReading {
  const reading = interpretDisplacement(t, b, c);
  if (reading.verdict === "undefined" || reading.verdict === "target-not-improved") return reading;
  const own = figure(() => netEffectCi({ target: b, control: c, confidence, dispersion }));
  if (own.defined && own.value.lower <= 0 && own.value.upper >= 0)
    return { ...reading, verdict: "buffer-no-change", text: BUFFER_NO_CHANGE_TEXT };
  return reading;
}

function withType(p: HarmPart): SizePair[] {
  return sizePairs(p).map((s) => ({ ...s, ...(p.offenceType ? { offenceType: p.offenceType } : {}) }));
}
