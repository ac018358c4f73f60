/**
 * People targeted: reoffending before and after, per 365 days at
 * liberty, for each group of a cohort (enforcement, treatment, both) and a
 * comparison group. Time in custody is taken out of the exposure, because a
 * person cannot offend in the community while not at liberty.
 */
import { valueError } from "../errors";
import { zForConfidence } from "./normal";
import { eTest } from "./poisson";
import { rateRatioExact, type RateRatioResult } from "./rateRatio";
import { checkConfidence, checkCount, checkPositive, checkWholeCount, finite } from "./validate";

export type CohortGroup = "enforcement" | "treatment" | "both" | "comparison";

export const COHORT_GROUPS: readonly CohortGroup[] = ["enforcement", "treatment", "both", "comparison"];

export interface CohortPerson {
  /** Optional identifier, used in messages. */
  id?: string;
  group: CohortGroup;
  offencesBefore: number;
  offencesAfter: number;
  daysNotAtLibertyBefore: number;
  daysNotAtLibertyAfter: number;
  /** Length of each window (before and after are the same length), in days. */
  windowDays: number;
  /** Harm score of the offences before (e.g. Cambridge Crime Harm Index days), optional. */
  harmBefore?: number | null;
  harmAfter?: number | null;
}

/** Ratio of a group's rate ratio to the comparison group's, with a normal interval on the log scale. */
export interface ComparisonResult {
  /** ln RR_group − ln RR_comparison. */
  logDifference: number;
  /** √(1/k0 + 1/k1 + 1/k0c + 1/k1c). */
  se: number;
  /** exp(logDifference): below 1 means the group's offending fell more than the comparison's. */
  ratio: number;
  lower: number;
  upper: number;
}

export interface CohortGroupSummary {
  /** "overall" = every targeted person (enforcement, treatment and both), not the comparison group. */
  group: CohortGroup | "overall";
  people: number;
  offencesBefore: number;
  offencesAfter: number;
  daysAtLibertyBefore: number;
  daysAtLibertyAfter: number;
  /** Offences per 365 days at liberty, or null with no days at liberty. */
  rateBefore: number | null;
  rateAfter: number | null;
  /** Rate ratio after/before with its exact conditional interval (rateRatioExact). */
  rateRatio: RateRatioResult | null;
  /** Two-sided E-test p with the days at liberty as exposures. */
  eTestP: number | null;
  /** Share of the people with at least one offence after. */
  shareReoffending: number;
  /** Harm per 365 days at liberty, when every person in the group has harm scores. */
  harmRateBefore: number | null;
  harmRateAfter: number | null;
  /** harmRateAfter/harmRateBefore − 1. */
  harmChange: number | null;
  vsComparison: ComparisonResult | null;
  /** Why a figure is missing, in plain words. */
  notes: string[];
}

export interface CohortSummary {
  groups: CohortGroupSummary[];
  overall: CohortGroupSummary;
}

const YEAR = 365;

interface Checked {
  group: CohortGroup;
  offencesBefore: number;
  offencesAfter: number;
  libertyBefore: number;
  libertyAfter: number;
  harmBefore: number | null;
  harmAfter: number | null;
}

function checkPerson(p: CohortPerson, i: number): Checked {
  const where = `Row ${i + 1}${p && typeof p.id === "string" && p.id !== "" ? ` (${p.id})` : ""}`;
  if (p === null || typeof p !== "object") throw valueError(`${where} is empty; give the person's figures`);
  if (!COHORT_GROUPS.includes(p.group)) {
    throw valueError(
      `${where}: group must be one of ${COHORT_GROUPS.join(", ")}; got ${JSON.stringify(p.group)}`,
    );
  }
  const window = checkPositive(p.windowDays, `${where}: windowDays`);
  const liberty = (period: "Before" | "After"): number => {
    const name = `daysNotAtLiberty${period}`;
    const away = checkCount(p[name as "daysNotAtLibertyBefore"], `${where}: ${name}`);
    if (away > window) {
      throw valueError(
        `${where}: ${name} (${away}) is longer than the window of ${window} days; check the dates`,
      );
    }
    const offences = checkWholeCount(
      p[`offences${period}` as "offencesBefore"],
      `${where}: offences${period}`,
    );
    if (away === window && offences > 0) {
      throw valueError(
        `${where}: ${offences} offences ${period.toLowerCase()} but no days at liberty then; ` +
          `check ${name} or the offence dates`,
      );
    }
    return window - away;
  };
  const harm = (value: number | null | undefined, name: string): number | null =>
    value === null || value === undefined ? null : checkCount(value, `${where}: ${name}`);
  return {
    group: p.group,
    libertyBefore: liberty("Before"),
    libertyAfter: liberty("After"),
    offencesBefore: p.offencesBefore,
    offencesAfter: p.offencesAfter,
    harmBefore: harm(p.harmBefore, "harmBefore"),
    harmAfter: harm(p.harmAfter, "harmAfter"),
  };
}

function perYear(amount: number, days: number): number | null {
  return days > 0 ? finite((amount * YEAR) / days, "Rate per 365 days") : null;
}

function summarise(
  group: CohortGroup | "overall",
  people: Checked[],
  confidence: number,
): CohortGroupSummary {
  const total = (key: keyof Omit<Checked, "group">) => people.reduce((s, p) => s + (p[key] ?? 0), 0);
  const k0 = total("offencesBefore");
  const k1 = total("offencesAfter");
  const d0 = total("libertyBefore");
  const d1 = total("libertyAfter");
  const notes: string[] = [];
  let rateRatio: RateRatioResult | null = null;
  if (d0 === 0 || d1 === 0) notes.push(`No days at liberty ${d0 === 0 ? "before" : "after"}, so no rates`);
  else if (k0 === 0) notes.push("No offences before, so the rate ratio is undefined");
  else rateRatio = rateRatioExact(k0, k1, d0, d1, confidence);
  const eTestP = d0 > 0 && d1 > 0 && k0 + k1 > 0 ? eTest(k1, k0, d1, d0) : null;
  const withHarm = people.every((p) => p.harmBefore !== null && p.harmAfter !== null);
  let harmRateBefore: number | null = null;
  let harmRateAfter: number | null = null;
  let harmChange: number | null = null;
  if (!withHarm) notes.push("Harm scores not given for every person, so no harm-weighted change");
  else {
    harmRateBefore = perYear(total("harmBefore"), d0);
    harmRateAfter = perYear(total("harmAfter"), d1);
    if (harmRateBefore !== null && harmRateAfter !== null && harmRateBefore > 0) {
      harmChange = finite(harmRateAfter / harmRateBefore - 1, "Harm-weighted change");
    } else if (harmRateBefore === 0) notes.push("No harm before, so no harm-weighted change");
  }
  return {
    group,
    people: people.length,
    offencesBefore: k0,
    offencesAfter: k1,
    daysAtLibertyBefore: d0,
    daysAtLibertyAfter: d1,
    rateBefore: perYear(k0, d0),
    rateAfter: perYear(k1, d1),
    rateRatio,
    eTestP,
    shareReoffending: people.filter((p) => p.offencesAfter > 0).length / people.length,
    harmRateBefore,
    harmRateAfter,
    harmChange,
    vsComparison: null,
    notes,
  };
}

/**
 * Difference of log rate ratios, group minus comparison, with a normal
 * interval. Var(ln RR) ≈ 1/k0 + 1/k1 for Poisson counts (delta method), the
 * two groups independent, so the variances add. Needs every count above 0.
 */
function compare(
  g: CohortGroupSummary,
  c: CohortGroupSummary,
  confidence: number,
): ComparisonResult | string {
  const counts = [g.offencesBefore, g.offencesAfter, c.offencesBefore, c.offencesAfter];
  if (g.rateRatio === null || c.rateRatio === null || counts.some((k) => k === 0)) {
    return "The comparison needs offences before and after in both this group and the comparison group";
  }
  const logDifference = Math.log(g.rateRatio.ratio) - Math.log(c.rateRatio.ratio);
  const se = Math.sqrt(counts.reduce((s, k) => s + 1 / k, 0));
  const half = zForConfidence(confidence) * se;
  return {
    logDifference,
    se,
    ratio: Math.exp(logDifference),
    lower: Math.exp(logDifference - half),
    upper: Math.exp(logDifference + half),
  };
}

/**
 * Summary per group (in the order enforcement, treatment, both, comparison;
 * groups without people are left out) and overall (every targeted person,
 * without the comparison group). When a comparison group exists, each
 * group's rate ratio is set against the comparison's (ComparisonResult).
 */
export function cohortSummary(people: CohortPerson[], confidence = 0.95): CohortSummary {
  checkConfidence(confidence);
  if (!Array.isArray(people) || people.length === 0) {
    throw valueError("Give at least one person (a row per person) for the cohort summary");
  }
  const checked = people.map(checkPerson);
  const groups = COHORT_GROUPS.map((g) => ({ g, members: checked.filter((p) => p.group === g) }))
    .filter((x) => x.members.length > 0)
    .map((x) => summarise(x.g, x.members, confidence));
  const targeted = checked.filter((p) => p.group !== "comparison");
  if (targeted.length === 0) {
    throw valueError("Every person is in the comparison group; give the people targeted too");
  }
  const overall = summarise("overall", targeted, confidence);
  const comparison = groups.find((g) => g.group === "comparison");
  if (comparison) {
    for (const g of [...groups.filter((x) => x !== comparison), overall]) {
      const result = compare(g, comparison, confidence);
      if (typeof result === "string") g.notes.push(result);
      else g.vsComparison = result;
    }
  }
  return { groups, overall };
}
