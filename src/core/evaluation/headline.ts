/**
 * The headline in words (docs/methods.md, "The headline"): the target's
 * monthly rate before and after, the comparison areas' change, the net effect
 * with its interval in the same sign convention as the words, and the verdict
 * with its reason. One sentence for the Summary, the pane and the CLI.
 *
 * The sentence is put together from HeadlineFacts, which are exactly the
 * figures a Results row shows (rates, changes, net effect and limits, the
 * verdict cell, last year's net effect), so the Summary sheet's native
 * formula over those cells and a read-back of a Results row give the same
 * words as the core. Numbers are rounded as Excel's ROUND rounds them.
 */
import type { PeriodLengths } from "../stats/lengths";
import type { EvaluationFigures } from "../stats/evaluate";
import type { RowContext } from "../stats/verdict";
import { excelRound } from "../stats/wdd";
import type { ResultsRow } from "./types";

const DAYS_A_MONTH = 365.25 / 12;

/** Crimes a month over a period of `length` (months, or days scaled to an average month). */
export function monthlyRate(count: number, length: number | undefined, unit: PeriodLengths["unit"]): number {
  if (!length) return count;
  return unit === "days" ? (count / length) * DAYS_A_MONTH : count / length;
}

/** Digits grouped in threes with commas, as en-GB writes them. */
const grouped = (n: number): string => n.toLocaleString("en-GB", { maximumFractionDigits: 0 });

/** At most one decimal place, none when it is 0: "2.5", "3", "1,234.5". */
export function oneDp(x: number): string {
  const r = excelRound(Math.abs(x), 1);
  const i = Math.floor(r);
  const tenths = excelRound((r - i) * 10, 0);
  return `${x < 0 && r > 0 ? "-" : ""}${grouped(i)}${tenths > 0 ? `.${tenths}` : ""}`;
}

/** A count or rate in words: whole from 10 up, else one decimal place. */
export const amount = (x: number): string => {
  const a = Math.abs(x);
  return a >= 10 ? grouped(excelRound(a, 0)) : oneDp(a);
};

/** "up 6%", "down 12%", "unchanged". */
export function moved(fraction: number): string {
  const p = excelRound(Math.abs(fraction) * 100, 0);
  if (p === 0) return "unchanged";
  return `${fraction > 0 ? "up" : "down"} ${p}%`;
}

/** "(95% interval 1 to 89)" in the direction of the words, or "(95% interval: 20 more to 44 fewer)" across zero. */
function interval(lower: number, upper: number, fewer: boolean, confidence: number): string {
  const level = `${excelRound(confidence * 100, 0)}% interval`;
  if (lower > 0 || upper < 0) {
    const [a, b] = fewer ? [lower, upper] : [-upper, -lower];
    return `(${level} ${amount(a)} to ${amount(b)})`;
  }
  return `(${level}: ${amount(lower)} more to ${amount(upper)} fewer)`;
}

/** What a Results row shows that the sentence needs: its cells, read or worked out. */
export interface HeadlineFacts {
  measure: string;
  /** A harm total (Σ weight × count) rather than counts. */
  harm: boolean;
  /** The period lengths are known, so the rates are a month (else counts over each period). */
  monthly: boolean;
  /** The target's rate before and after (crimes a month, or counts without lengths). */
  before: number;
  after: number;
  /** The target's change as a fraction; null when it had none before. */
  change: number | null;
  /** The comparison areas' change as a fraction; null when they had none before. */
  controlChange: number | null;
  /** The net effect and its limits (positive = fewer than predicted); null when undefined. */
  net: { estimate: number; lower: number; upper: number } | null;
  /** The Verdict cell: "Label: reason" or "Label (borderline): reason". */
  verdict: string;
  /** The net effect in the same months a year (or two) back, when the verdict rests on it. */
  lastYear: number | null;
  confidence: number;
}

/** The reason that rests on last year's same months (src/core/stats/verdict.ts). */
export const YEAR_REASON = "a similar change happened in the same months";

/** The sentence's pieces, each a cell of the Summary's figures behind it. */
export interface HeadlineParts {
  target: string;
  control: string;
  effect: string;
  /** " (35 fewer than trend then, with no operation)" when the verdict rests on last year, else "". */
  why: string;
}

export function headlineParts(f: HeadlineFacts): HeadlineParts {
  const unit = f.harm ? " harm" : "";
  const a = f.monthly ? "a month" : "over the period";
  const target =
    f.change !== null
      ? `target ${moved(f.change)} ${a} (${amount(f.before)} → ${amount(f.after)}${unit})`
      : `target ${amount(f.before)} → ${amount(f.after)} ${a}`;
  const control =
    f.controlChange !== null
      ? `comparison areas ${moved(f.controlChange)}`
      : "comparison areas had none before";
  let effect = "no net effect can be worked out";
  if (f.net) {
    const fewer = f.net.estimate >= 0;
    effect =
      `about ${amount(f.net.estimate)}${unit} ${fewer ? "fewer" : "more"} than their trend predicts ` +
      interval(f.net.lower, f.net.upper, fewer, f.confidence);
  }
  const why =
    f.lastYear !== null && f.verdict.startsWith("Not credited") && f.verdict.includes(YEAR_REASON)
      ? // Last year's check counts crimes, also for a harm total (its share is what is compared).
        ` (${amount(f.lastYear)}${f.harm ? " crimes" : ""} ${f.lastYear >= 0 ? "fewer" : "more"} than trend then, with no operation)`
      : "";
  return { target, control, effect, why };
}

/**
 * "All selected crime: target up 6% a month (30 → 32); comparison areas up 37%: about 45 fewer than their
 * trend predicts (95% interval 1 to 89). Not credited: a similar change happened in the same months last year
 * (35 fewer than trend then, with no operation)."
 */
export function composeHeadline(f: HeadlineFacts): string {
  const p = headlineParts(f);
  return `${f.measure}: ${p.target}; ${p.control}: ${p.effect}. ${f.verdict}${p.why}.`;
}

/** The status a manager reads first: the verdict's label without "(borderline)". */
export const verdictLabel = (verdict: string): string => {
  const i = verdict.indexOf(":");
  return (i < 0 ? verdict : verdict.slice(0, i)).replace(" (borderline)", "").trim();
};

export interface HeadlineInput {
  row: Pick<ResultsRow, "measure" | "target" | "control" | "buffer" | "kind" | "context">;
  figures: EvaluationFigures;
  lengths?: PeriodLengths;
  confidence?: number;
}

const lastYearOf = (c: RowContext | undefined): number | null =>
  c?.lastYear.available ? c.lastYear.estimate : null;

/** The facts of a row the core has evaluated. */
export function headlineFacts({ row, figures: f, lengths, confidence = 0.95 }: HeadlineInput): HeadlineFacts {
  const unit = lengths?.unit ?? "months";
  return {
    measure: row.measure,
    harm: row.kind === "harm",
    monthly: lengths !== undefined,
    before: monthlyRate(row.target.before, lengths?.before, unit),
    after: monthlyRate(row.target.after, lengths?.after, unit),
    change: f.change.defined ? f.change.value : null,
    controlChange: f.controlChange.defined ? f.controlChange.value : null,
    net: f.netEffect.defined
      ? {
          estimate: f.netEffect.value.estimate,
          lower: f.netEffect.value.lower,
          upper: f.netEffect.value.upper,
        }
      : null,
    verdict: f.verdict,
    lastYear: lastYearOf(row.context),
    confidence,
  };
}

export const headlineSentence = (input: HeadlineInput): string => composeHeadline(headlineFacts(input));
