/**
 * The headline in words (docs/methods.md, "The headline"): the target's
 * monthly rate before and after, the comparison areas' change, the net effect
 * with its interval in the same sign convention as the words, and the verdict
 * with its reason. One sentence for the Summary, the pane and the CLI.
 */
import type { PeriodLengths } from "../stats/lengths";
import type { EvaluationFigures } from "../stats/evaluate";
import type { RowContext } from "../stats/verdict";
import type { ResultsRow } from "./types";

const DAYS_A_MONTH = 365.25 / 12;

/** Crimes a month over a period of `length` (months, or days scaled to an average month). */
export function monthlyRate(count: number, length: number | undefined, unit: PeriodLengths["unit"]): number {
  if (!length) return count;
  return unit === "days" ? (count / length) * DAYS_A_MONTH : count / length;
}

const oneDp = (x: number) => (Math.round(x * 10) / 10).toLocaleString("en-GB", { maximumFractionDigits: 1 });
const whole = (x: number) => Math.round(x).toLocaleString("en-GB");
const pct = (x: number) => `${Math.round(Math.abs(x) * 100)}%`;
const rateText = (x: number) => (Math.abs(x) >= 10 ? whole(x) : oneDp(x));

/** "up 6%", "down 12%", "unchanged". */
function moved(fraction: number): string {
  if (Math.round(Math.abs(fraction) * 100) === 0) return "unchanged";
  return `${fraction > 0 ? "up" : "down"} ${pct(fraction)}`;
}

/** An amount in the words' convention: positive = fewer than predicted. */
function amount(x: number): string {
  const a = Math.abs(x);
  return a >= 10 ? whole(a) : oneDp(a);
}

/** "(95% interval 1 to 89)" in the direction of the words, or "(95% interval: 20 more to 44 fewer)" across zero. */
function interval(lower: number, upper: number, fewer: boolean, confidence: number): string {
  const level = `${Math.round(confidence * 100)}% interval`;
  if (lower > 0 || upper < 0) {
    const [a, b] = fewer ? [lower, upper] : [-upper, -lower];
    return `(${level} ${amount(a)} to ${amount(b)})`;
  }
  return `(${level}: ${amount(lower)} more to ${amount(upper)} fewer)`;
}

/** What a year's same months showed, for the reason "a similar change happened …". */
function yearWords(c: RowContext | undefined): string {
  const y = c?.lastYear;
  if (!y || !y.available) return "";
  return ` (${amount(y.estimate)} ${y.estimate >= 0 ? "fewer" : "more"} than trend then, with no operation)`;
}

export interface HeadlineInput {
  row: Pick<ResultsRow, "measure" | "target" | "control" | "buffer" | "kind" | "context">;
  figures: EvaluationFigures;
  lengths?: PeriodLengths;
  confidence?: number;
}

/**
 * "All selected crime: target up 6% a month (30 → 32); comparison areas up 37%: about 45 fewer than their
 * trend predicts (95% interval 1 to 89). Not credited: a similar change happened in the same months last year."
 */
export function headlineSentence({ row, figures: f, lengths, confidence = 0.95 }: HeadlineInput): string {
  const unit = lengths?.unit ?? "months";
  const r0 = monthlyRate(row.target.before, lengths?.before, unit);
  const r1 = monthlyRate(row.target.after, lengths?.after, unit);
  const c0 = monthlyRate(row.control.before, lengths?.before, unit);
  const c1 = monthlyRate(row.control.after, lengths?.after, unit);
  const harm = row.kind === "harm";
  const what = harm ? "harm" : "";
  const a = lengths ? "a month" : "over the period";
  const target =
    r0 > 0
      ? `target ${moved(r1 / r0 - 1)} ${a} (${rateText(r0)} → ${rateText(r1)}${harm ? " harm" : ""})`
      : `target ${rateText(r0)} → ${rateText(r1)} ${a}`;
  const control = c0 > 0 ? `comparison areas ${moved(c1 / c0 - 1)}` : "comparison areas had none before";
  let effect: string;
  if (f.netEffect.defined) {
    const ne = f.netEffect.value;
    const fewer = ne.estimate >= 0;
    effect =
      `about ${amount(ne.estimate)}${what ? ` ${what}` : ""} ${fewer ? "fewer" : "more"} than their trend predicts ` +
      interval(ne.lower, ne.upper, fewer, confidence);
  } else effect = `no net effect (${f.netEffect.reason})`;
  const v = f.judgement;
  const why =
    v.label === "Not credited" && v.reason.startsWith("a similar change") ? yearWords(row.context) : "";
  const lead = `${row.measure}: ${target}; ${control}: ${effect}.`;
  return `${lead} ${v.text}${why}.`;
}
