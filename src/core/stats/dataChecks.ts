/**
 * What the data say beyond a row's counts, in plain sentences for the
 * Results sheet's "Data checks" cell: stored with the row when it is counted,
 * and joined to the count checks in the Checks cell.
 */
import { MIN_SIMILAR_FOR_5 } from "./dispersion";
import type { RowContext } from "./verdict";
import { excelRound } from "./wdd";

const n = (x: number) => x.toLocaleString("en-GB", { maximumFractionDigits: 0 });
const pct = (x: number) => `${Math.round(x * 100)}%`;
const signed = (x: number) => `${x >= 0 ? "" : "−"}${n(Math.abs(x))}`;

/** "2.8" as ROUND(D, 1) shows it on the sheet. */
export const dispersionWords = (d: number): string => String(excelRound(d, 1));

export function dataCheckSentences(c: RowContext): string[] {
  const out: string[] = [];
  if (c.dispersion.source === "none")
    out.push(
      "Dispersion not estimated (too few months and comparison areas in the data): intervals assume counts vary only by chance",
    );
  const s = c.similar;
  if (s.available && s.n === 0)
    out.push(
      "No comparison area has a before count within 2 times the target's, so there are no similar areas to rank against",
    );
  else if (s.available && s.canReach5)
    out.push(`${s.asLarge} of ${s.n} similar areas changed as much (exact rank p = ${excelRound(s.p, 3)})`);
  else if (s.available)
    out.push(
      `${s.asLarge} of ${s.n} similar areas changed as much: with fewer than ${MIN_SIMILAR_FOR_5} similar areas this comparison cannot reach 5%`,
    );
  const y = c.lastYear;
  if (y.available) {
    const when = y.yearsBack === 1 ? "last year" : `${y.yearsBack} years ago`;
    out.push(
      `Same months ${when}, with no operation: net effect ${signed(y.estimate)} (${pct(y.share)} of expected; interval ${signed(y.lower)} to ${signed(y.upper)})`,
    );
  } else if (c.seasonsDiffer)
    out.push(
      "Before and after cover different calendar months and the data do not reach last year's: seasons may explain part of any change",
    );
  if (y.available && c.seasonsDiffer)
    out.push(
      "Before and after cover different calendar months: last year's same months show the seasons' part",
    );
  const h = c.highPoint;
  if (h.available && h.flagged)
    out.push(
      `Picked at a high point: ${n(h.observed)} in the before period against about ${n(h.expected)} expected from the ${h.months} months before it, so part of any fall is expected anyway`,
    );
  if (c.policeGenerated)
    out.push(
      "Recorded mostly when police find it: a rise may reflect more policing, not more harm (UKDPC 2009: outcomes, not outputs)",
    );
  if (c.holm)
    out.push(
      `${c.holm.tested} measures tested besides the headline: chance alone would give about ${excelRound(c.holm.tested * 0.05, 1)} “yes” answers, so each call is adjusted (Holm)`,
    );
  return out;
}

/** The stored "Data checks" text: sentences ending ". ", trimmed, or blank. */
export const dataChecksText = (c: RowContext | undefined): string =>
  c
    ? dataCheckSentences(c)
        .map((x) => `${x}.`)
        .join(" ")
    : "";
