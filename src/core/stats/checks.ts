/**
 * The checks behind a headline (docs/methods.md, "Checks and the verdict"): each
 * says whether it passed, whether a failure stops the verdict, and a short en-GB sentence.
 */
import { describeLengths, type PeriodLengths } from "./lengths";
import type { PeriodPair } from "./validate";
import { baselineRatio, baselinesComparable, excelRound, ratioWords } from "./wdd";

export type CheckKey =
  "periods" | "coverage" | "controlSize" | "smallCounts" | "harmTotals" | "dispersion" | "wddDisagrees";

export interface Check {
  key: CheckKey;
  /** False when the check found something the reader should know. */
  ok: boolean;
  /** True when a failure stops the verdict ("Not judged: …"). */
  blocking: boolean;
  text: string;
  /** Short reason for the verdict when this check blocks it. */
  verdictText?: string;
}

/** Below this many crimes in T0 or T1 the normal approximations are not judged. */
export const SMALL_COUNT = 10;

const pass = (key: CheckKey, text: string): Check => ({ key, ok: true, blocking: false, text });
const note = (key: CheckKey, text: string): Check => ({ key, ok: false, blocking: false, text });
const block = (key: CheckKey, text: string, verdictText = text): Check => ({
  key,
  ok: false,
  blocking: true,
  text,
  verdictText,
});

export function periodsCheck(lengths: PeriodLengths | undefined): Check {
  if (lengths === undefined) return pass("periods", "Periods taken as equal (lengths not given)");
  if (lengths.before === lengths.after) {
    return pass("periods", `Periods equal (${describeLengths(lengths)})`);
  }
  return note("periods", `Periods differ (${describeLengths(lengths)}): rates compared over equal time`);
}

function listMonths(months: string[]): string {
  if (months.length <= 6) return months.join(", ");
  return `${months.slice(0, 5).join(", ")} and ${months.length - 5} more`;
}

export interface Coverage {
  before: { missing: string[] };
  after: { missing: string[] };
}

export function coverageCheck(coverage: Coverage): Check {
  const gaps = (["before", "after"] as const)
    .filter((p) => coverage[p].missing.length > 0)
    .map((p) => {
      const m = coverage[p].missing;
      return `${m.length} month${m.length === 1 ? "" : "s"} missing in the ${p} period (${listMonths(m)})`;
    });
  if (gaps.length === 0) return pass("coverage", "No months missing");
  return block("coverage", gaps.join(" and "));
}

function sizeWords(area: string, a: number, control: string, c: number): string {
  const ratio = baselineRatio(a, c);
  if (ratio === null) return `${a === 0 ? area : control} had no crimes before`;
  const shown = ratioWords(ratio);
  return c > a
    ? `${control} is ${shown} times the ${area}'s size`
    : `${area} is ${shown} times the ${control}'s size`;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** One area against its control: the factor-of-2 rule that decides whether the WDD is shown. */
export interface SizePair {
  area: "target" | "buffer";
  before: number;
  controlBefore: number;
  /** Offence type, for harm-weighted rows. */
  offenceType?: string;
}

export function controlSizeCheck(pairs: SizePair[]): Check {
  const bad = pairs.filter((p) => !baselinesComparable(p.before, p.controlBefore));
  if (bad.length === 0)
    return pass("controlSize", "Areas and their controls of similar size (within 2 times)");
  const words = bad.map((p) => {
    const control = p.area === "target" ? "control" : "buffer control";
    const type = p.offenceType ? ` for ${p.offenceType}` : "";
    return sizeWords(p.area, p.before, control, p.controlBefore) + type;
  });
  const scales = bad.some((p) => p.area === "buffer")
    ? "each control's trend to its own area"
    : "the control's trend to the target";
  return note(
    "controlSize",
    `${capitalise(words.join("; "))}: the WDD is not shown and the net effect scales ${scales}`,
  );
}

export function smallCountsCheck(target: PeriodPair): Check {
  if (target.before >= SMALL_COUNT && target.after >= SMALL_COUNT) {
    return pass("smallCounts", `Target counts of at least ${SMALL_COUNT}`);
  }
  return block(
    "smallCounts",
    `Target counts below ${SMALL_COUNT} (${target.before} before, ${target.after} after): intervals not judged; see the E-test`,
    `target counts below ${SMALL_COUNT}; see the E-test`,
  );
}

/**
 * The dispersion behind the intervals: typed by the analyst, or from the data
 * ("counts vary 2.8 times more than chance alone"). Its words use ROUND(D, 1), as the sheet does.
 */
export type DispersionSource = "argument" | "typed" | "data";

export function dispersionCheck(dispersion: number, source: DispersionSource = "argument"): Check {
  if (dispersion === 1) return pass("dispersion", "Counts vary no more than chance alone (dispersion 1)");
  if (source === "argument")
    return note("dispersion", `Intervals widened for overdispersion (dispersion ${dispersion})`);
  if (source === "typed")
    return note(
      "dispersion",
      `Intervals widened for the dispersion typed on the Operation sheet (${excelRound(dispersion, 4)})`,
    );
  return note(
    "dispersion",
    `Counts vary ${excelRound(dispersion, 1)} times more than chance alone: intervals widened`,
  );
}

/** Beyond chance: an interval that excludes zero. */
const beyond = (x: { lower: number; upper: number }) => x.lower > 0 || x.upper < 0;

/**
 * The WDD (negative = fell) and the net effect (positive = fewer than
 * expected) disagree: one beyond chance and not the other, or pointing
 * opposite ways. The WDD compares raw changes; the net effect scales the
 * control's trend to the target, so the words say which to read.
 */
export function wddDisagreement(
  wdd: { estimate: number; lower: number; upper: number },
  ne: { estimate: number; lower: number; upper: number },
): Check | null {
  const ws = beyond(wdd);
  const ns = beyond(ne);
  const opposite = ws && ns && Math.sign(wdd.estimate) === Math.sign(ne.estimate);
  if (ws === ns && !opposite) return null;
  return note(
    "wddDisagrees",
    `The WDD (${excelRound(wdd.estimate, 1)}) and the net effect (${excelRound(ne.estimate, 1)}) disagree: ` +
      "the WDD compares raw changes without scaling the control to the target's size; read the net effect",
  );
}

export type HarmTotalsState = "matched" | "missing" | "mismatched";

export function harmTotalsCheck(state: HarmTotalsState): Check {
  if (state === "missing") {
    return block(
      "harmTotals",
      "Harm totals without counts per offence type: no interval for the headline",
      "harm totals without counts per offence type",
    );
  }
  if (state === "mismatched") {
    return block(
      "harmTotals",
      "Harm totals do not match the counts per offence type times their weights",
      "harm totals do not match the counts per offence type",
    );
  }
  return note(
    "harmTotals",
    "Harm totals, not counts: Poisson Z, E-test and RES interval not shown; the headline uses the counts per offence type",
  );
}

/** The sentences for a "Checks" cell: every check that found something and the data checks, else "All checks passed." */
export function checksSentence(checks: Check[], dataChecks = ""): string {
  const found = checks.filter((c) => !c.ok).map((c) => `${c.text}.`);
  if (dataChecks) found.push(dataChecks);
  return found.length === 0 ? "All checks passed." : found.join(" ");
}
