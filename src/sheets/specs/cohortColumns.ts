/**
 * The Cohort sheet's table of people: one row per person, keyed by a
 * pseudonymous reference. The Row check column's native formula and its
 * TypeScript twin (cohortRowCheck) say the same thing about every row, so
 * the cached value and a recalculation agree.
 */
import type { CohortGroup } from "../../core/stats/cohort";
import type { Scalar } from "../model";
import { DATE_FORMAT, type ColumnSpec, type RowRef } from "./layout";
import type { CohortRow } from "./netBenefitCohortInput";
import { choiceColumn, numberColumn } from "./columns";

export const COHORT_TABLE = "HP_Cohort";

/** The drop-down's labels, in the core's order (enforcement, treatment, both, comparison). */
export const COHORT_GROUP_LABELS: Record<CohortGroup, string> = {
  enforcement: "Enforcement",
  treatment: "Treatment",
  both: "Both",
  comparison: "Comparison",
};
const LABELS = Object.values(COHORT_GROUP_LABELS);

export type CohortKey = keyof CohortRow;

const number = (key: CohortKey, header: string, help: string, whole = false) =>
  numberColumn(key, header, help, 10, undefined, whole);

/** Input columns in sheet order; the reference comes first because rows are matched on it. */
export const COHORT_INPUT_COLUMNS: (ColumnSpec & { key: CohortKey })[] = [
  {
    key: "reference",
    header: "Reference",
    help: "A pseudonymous reference (e.g. a number your force's system can map back): never a name or date of birth.",
    width: 14,
  },
  choiceColumn(
    "group",
    "Group",
    "Enforcement, Treatment, Both, or Comparison (people like them who were not targeted).",
    13,
    LABELS,
  ),
  {
    key: "startDate",
    header: "Start date",
    help: "Arrest or programme start; the windows run either side of it.",
    width: 11,
    format: DATE_FORMAT,
    validation: { kind: "date" },
  },
  number("windowDays", "Window (days)", "Length of each window, before and after the start, in days."),
  number("offencesBefore", "Offences before", "Offences in the window before the start.", true),
  number("offencesAfter", "Offences after", "Offences in the window after the start.", true),
  number(
    "daysNotAtLibertyBefore",
    "Days not at liberty before",
    "Days in custody or hospital in the before window (blank = 0).",
  ),
  number(
    "daysNotAtLibertyAfter",
    "Days not at liberty after",
    "Days in custody or hospital in the after window (blank = 0).",
  ),
  number(
    "harmBefore",
    "Harm before (optional)",
    "Harm-weighted total of the offences before (e.g. Cambridge Crime Harm Index days); blank if not used.",
  ),
  number(
    "harmAfter",
    "Harm after (optional)",
    "Harm-weighted total of the offences after; blank if not used.",
  ),
];

export const CHECK_MESSAGES = {
  group: `Choose a group: ${LABELS.slice(0, 3).join(", ")} or ${LABELS[3]}`,
  window: "Window must be a number of days above 0",
  offences: (w: string) => `Offences ${w} must be a whole number (0 if none)`,
  away: (w: string) => `Days not at liberty ${w} must be from 0 to the window`,
  noLiberty: (w: string) => `Offences ${w} but no days at liberty then: check the days or the offences`,
  harm: (w: string) => `Harm ${w} must be a number, 0 or more, or blank`,
} as const;

const q = (s: string) => `"${s}"`;

/** The Row check formula for one row: blank for a blank or usable row, else the first thing to fix. */
export function rowCheckFormula(r: RowRef): string {
  const at = (k: CohortKey) => r.at(k);
  const g = at("group");
  const w = at("windowDays");
  const all = COHORT_INPUT_COLUMNS.map((c) => at(c.key)).join("&");
  const checks: [string, string][] = [
    [`NOT(OR(${LABELS.map((l) => `${g}=${q(l)}`).join(",")}))`, CHECK_MESSAGES.group],
    [`OR(NOT(ISNUMBER(${w})),${w}<=0)`, CHECK_MESSAGES.window],
  ];
  const chain: string[] = [];
  const windows = [
    ["before", "offencesBefore", "daysNotAtLibertyBefore", "harmBefore"],
    ["after", "offencesAfter", "daysNotAtLibertyAfter", "harmAfter"],
  ] as const;
  for (const [word, k] of windows)
    chain.push(
      `IF(NOT(ISNUMBER(${at(k)})),${q(CHECK_MESSAGES.offences(word))},IF(OR(${at(k)}<0,${at(k)}<>ROUND(${at(k)},0)),${q(CHECK_MESSAGES.offences(word))},`,
    );
  for (const [word, , a] of windows)
    chain.push(
      `IF(AND(${at(a)}<>"",NOT(ISNUMBER(${at(a)}))),${q(CHECK_MESSAGES.away(word))},IF(OR(${at(a)}<0,${at(a)}>${w}),${q(CHECK_MESSAGES.away(word))},`,
    );
  for (const [word, k, a] of windows)
    chain.push(`IF(AND(${at(k)}>0,${at(a)}=${w}),${q(CHECK_MESSAGES.noLiberty(word))},`);
  for (const [word, , , h] of windows)
    chain.push(
      `IF(AND(${at(h)}<>"",OR(NOT(ISNUMBER(${at(h)})),${at(h)}<0)),${q(CHECK_MESSAGES.harm(word))},`,
    );
  const opened = checks.map(([test, msg]) => `IF(${test},${q(msg)},`).join("") + chain.join("");
  const closes = (opened.match(/IF\(/g) ?? []).length;
  return `=IF(${all}="","",${opened}""${")".repeat(closes)})`;
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || v === "";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A row with nothing in it (rows the analyst left for later). */
export const blankCohortRow = (r: CohortRow): boolean => COHORT_INPUT_COLUMNS.every((c) => isBlank(r[c.key]));

/** The group a cell names, as the sheet's "=" compares text (case ignored), or null. */
export function groupOf(v: Scalar | undefined): CohortGroup | null {
  if (typeof v !== "string") return null;
  const found = (Object.keys(COHORT_GROUP_LABELS) as CohortGroup[]).find(
    (g) => COHORT_GROUP_LABELS[g].toLowerCase() === v.toLowerCase(),
  );
  return found ?? null;
}

/** What the Row check formula shows for `r`, worked out in TypeScript. */
export function cohortRowCheck(r: CohortRow): string {
  if (blankCohortRow(r)) return "";
  if (groupOf(r.group) === null) return CHECK_MESSAGES.group;
  const w = r.windowDays;
  if (!isNumber(w) || w <= 0) return CHECK_MESSAGES.window;
  const sides = [
    ["before", r.offencesBefore, r.daysNotAtLibertyBefore, r.harmBefore],
    ["after", r.offencesAfter, r.daysNotAtLibertyAfter, r.harmAfter],
  ] as const;
  for (const [word, k] of sides)
    if (!isNumber(k) || k < 0 || !Number.isInteger(k)) return CHECK_MESSAGES.offences(word);
  for (const [word, , a] of sides)
    if (!isBlank(a) && (!isNumber(a) || a < 0 || a > w)) return CHECK_MESSAGES.away(word);
  for (const [word, k, a] of sides)
    if ((k as number) > 0 && (isBlank(a) ? 0 : a) === w) return CHECK_MESSAGES.noLiberty(word);
  for (const [word, , , h] of sides)
    if (!isBlank(h) && (!isNumber(h) || h < 0)) return CHECK_MESSAGES.harm(word);
  return "";
}

export const COHORT_CHECK_COLUMN: ColumnSpec = {
  key: "check",
  header: "Row check",
  help: "Blank when the row is usable; otherwise the first thing to fix. Results wait until every row passes.",
  width: 26,
  computed: true,
  wrap: true,
  formula: (r) => rowCheckFormula(r),
};
