/**
 * The verdict on one measure (docs/methods.md, "The verdict"): Credited,
 * No clear change, Not credited or Not judged, with the reason in one phrase.
 * The net effect's interval (with the dispersion) must exclude zero, and then
 * nothing the data show may explain the change away: similar areas changing
 * as much, the same months last year, a target picked at a high point, a
 * police-generated measure rising, or chance among many measures.
 */
import type { DispersionEstimate, SimilarAreasRank } from "./dispersion";

export type VerdictLabel = "Credited" | "No clear change" | "Not credited" | "Not judged";

/** A net effect in one year's same months, in crimes and as a share of the expected count. */
export interface YearEffect {
  /** 1 = last year, 2 = two years ago. */
  yearsBack: number;
  estimate: number;
  lower: number;
  upper: number;
  /** Estimate and limits ÷ the expected after count: comparable across years. */
  share: number;
  shareLower: number;
  shareUpper: number;
}

export type Unavailable = { available: false; reason: string };

export interface RowContext {
  /** The dispersion the row's intervals use and where it came from. */
  dispersion: {
    /** What the intervals used when counted: the typed value, else the data's. */
    value: number;
    source: "typed" | "data" | "none";
    /** The larger of the two estimates from the data (1 when neither could be made). */
    data: number;
    monthly: DispersionEstimate | null;
    areas: DispersionEstimate | null;
  };
  /** The same months one year back (two where last year's are not in the data). */
  lastYear: ({ available: true } & YearEffect) | Unavailable;
  similar: ({ available: true } & SimilarAreasRank) | Unavailable;
  highPoint:
    { available: true; flagged: boolean; observed: number; expected: number; months: number } | Unavailable;
  /** Recorded mostly when police find it (police.uk Drugs, Possession of weapons). */
  policeGenerated: boolean;
  /** Holm-adjusted p among the measures tested besides the headline; absent for the headline. */
  holm?: { adjusted: number; tested: number };
  /** The calendar months of the two periods differ (seasons may differ). */
  seasonsDiffer?: boolean;
}

export interface Verdict {
  label: VerdictLabel;
  /** For a change beyond chance: "fewer" or "more" crimes than the comparison predicts. */
  direction: "fewer" | "more" | null;
  /** An interval end within a tenth of the interval's width of zero. */
  borderline: boolean;
  /** Why, in one phrase (no full stop). */
  reason: string;
  /** "Credited: fewer than expected", "Not credited: …" — the Verdict cell. */
  text: string;
}

export const ALPHA = 0.05;

/** True when an end of [lower, upper] lies within a tenth of its width of zero. */
export function isBorderline(lower: number, upper: number): boolean {
  const width = upper - lower;
  return width > 0 && Math.min(Math.abs(lower), Math.abs(upper)) < width / 10;
}

const verdict = (
  label: VerdictLabel,
  reason: string,
  direction: Verdict["direction"],
  borderline: boolean,
): Verdict => ({
  label,
  reason,
  direction,
  borderline,
  text: `${label}${borderline ? " (borderline)" : ""}: ${reason}`,
});

export const notJudged = (reason: string): Verdict => verdict("Not judged", reason, null, false);

/**
 * Last year's change is as large: this year's share inside its interval with
 * last year's estimate the same way (a change the other way, however wide its
 * interval, is no similar change), or beyond chance the same way.
 */
export function yearExplains(thisShare: number, y: YearEffect): boolean {
  const inside = y.shareLower <= thisShare && thisShare <= y.shareUpper && y.share * thisShare > 0;
  const sameWay = (y.lower > 0 && thisShare > 0) || (y.upper < 0 && thisShare < 0);
  return inside || sameWay;
}

const whenBack = (n: number) => (n === 1 ? "last year" : `${n} years ago`);

/**
 * The verdict from the headline interval (positive = fewer crimes than
 * expected), its share of the expected count and the row's context.
 */
export function judgeInterval(
  interval: { estimate: number; lower: number; upper: number },
  share: number,
  context: RowContext | undefined,
  alpha = ALPHA,
): Verdict {
  const { lower, upper } = interval;
  const borderline = isBorderline(lower, upper);
  if (lower <= 0 && upper >= 0)
    return verdict("No clear change", "the interval includes zero", null, borderline);
  const direction = lower > 0 ? "fewer" : "more";
  const expected = `${direction} than expected`;
  if (!context) return verdict("Credited", expected, direction, borderline);
  const { holm, similar, highPoint } = context;
  if (holm && holm.adjusted > alpha)
    return verdict(
      "No clear change",
      "not beyond chance once the other measures are allowed for (Holm)",
      null,
      borderline,
    );
  if (similar.available && similar.canReach5 && similar.p > alpha)
    return verdict(
      "Not credited",
      `${similar.asLarge} of ${similar.n} similar areas changed as much`,
      direction,
      borderline,
    );
  const y = context.lastYear;
  if (y.available && yearExplains(share, y))
    return verdict(
      "Not credited",
      `a similar change happened in the same months ${whenBack(y.yearsBack)}`,
      direction,
      borderline,
    );
  const rankBeats = similar.available && similar.canReach5 && similar.p <= alpha;
  if (direction === "fewer" && highPoint.available && highPoint.flagged && !rankBeats)
    return verdict(
      "Not credited",
      "the target was picked at a high point, so part of any fall was expected anyway",
      direction,
      borderline,
    );
  if (direction === "more" && context.policeGenerated)
    return verdict(
      "Not credited",
      "a rise in a measure recorded when police find it may reflect more policing, not more harm",
      direction,
      borderline,
    );
  return verdict("Credited", expected, direction, borderline);
}
