/**
 * The cohort import's column step, pure: guess which columns of a force
 * system's export hold each Cohort field (never one headed like personal
 * data: cohortPrivacy.ts), and turn the mapped columns, and only those, into
 * Cohort rows. Problems name the line, never the value found there.
 */
import { parseDateCell } from "../core/incidents/dates";
import { parseNumberText } from "../core/numbers";
import type { Scalar } from "../sheets/model";
import { COHORT_GROUP_LABELS } from "../sheets/specs/cohortColumns";
import type { CohortRow } from "../sheets/specs/netBenefitCohortInput";
import type { TableData } from "../sheets/plan/snapshot";
import { looksPersonal, sensitiveColumnsMessage, sensitiveContentProblems } from "./cohortPrivacy";

export { looksPersonal, sensitiveHeading } from "./cohortPrivacy";

export type CohortField = keyof CohortRow;

export interface CohortFieldInfo {
  field: CohortField;
  label: string;
  required: boolean;
  /** Normalised headers that match exactly, then fragments a header may contain. */
  exact: string[];
  contains: string[];
}

/** A figure counted in each window: the field, its label and its header names end in "before" or "after". */
function perWindow(
  key: "offences" | "daysNotAtLiberty" | "harm",
  label: (window: string) => string,
  required: boolean,
  exact: string[],
  contains: string[],
): CohortFieldInfo[] {
  return (["Before", "After"] as const).map((side) => {
    const w = side.toLowerCase();
    return {
      field: `${key}${side}`,
      label: label(w),
      required,
      exact: exact.map((e) => e + w),
      contains: contains.map((c) => c + w),
    };
  });
}

export const COHORT_FIELDS: CohortFieldInfo[] = [
  {
    field: "reference",
    label: "Pseudonymous reference",
    required: true,
    exact: ["reference", "ref", "pseudonym", "pseudonymousid", "personref", "nominalref", "id", "personid"],
    contains: ["pseudonym", "reference"],
  },
  { field: "group", label: "Group", required: true, exact: ["group", "cohort", "arm"], contains: ["group"] },
  {
    field: "startDate",
    label: "Start date",
    required: false,
    exact: ["startdate", "start", "arrestdate", "referraldate"],
    contains: ["start", "arrest", "referral"],
  },
  {
    field: "windowDays",
    label: "Window (days)",
    required: true,
    exact: ["windowdays", "window", "days"],
    contains: ["window"],
  },
  ...perWindow("offences", (w) => `Offences ${w}`, true, ["offences", ""], ["offences", "offence", "crimes"]),
  ...perWindow(
    "daysNotAtLiberty",
    (w) => `Days not at liberty ${w}`,
    false,
    ["daysnotatliberty", "custodydays"],
    ["liberty", "custody", "custodydays"],
  ),
  ...perWindow("harm", (w) => `Harm ${w} (optional)`, false, ["harm"], ["harm"]),
];

/** Field → column index (0-based), or −1 for none. */
export type CohortColumnMap = Record<CohortField, number>;

const norm = (h: string): string =>
  String(h ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

/** Best guess for each field; a column headed like personal data is never guessed. */
export function guessCohortColumns(headers: readonly string[]): CohortColumnMap {
  const keys = headers.map((h) => (looksPersonal(h) ? "" : norm(h)));
  const map = Object.fromEntries(COHORT_FIELDS.map((f) => [f.field, -1])) as CohortColumnMap;
  const taken = new Set<number>();
  const take = (f: CohortFieldInfo, test: (k: string) => boolean) => {
    if (map[f.field] >= 0) return;
    const i = keys.findIndex((k, j) => k !== "" && !taken.has(j) && test(k));
    if (i >= 0) {
      map[f.field] = i;
      taken.add(i);
    }
  };
  for (const f of COHORT_FIELDS) for (const name of f.exact) take(f, (k) => k === name);
  for (const f of COHORT_FIELDS) for (const part of f.contains) take(f, (k) => k.includes(part));
  return map;
}

/** Why the mapped columns cannot be read (headings like personal data), or null. */
export const personalColumnsMessage = (headers: readonly string[], map: CohortColumnMap): string | null =>
  sensitiveColumnsMessage(headers, Object.values(map));

const GROUP_WORDS: Record<string, string> = {
  ...Object.fromEntries(Object.values(COHORT_GROUP_LABELS).map((l) => [l.toLowerCase(), l])),
  control: COHORT_GROUP_LABELS.comparison,
};

export interface CohortRowsRead {
  rows: CohortRow[];
  /** What stops the import, one line per problem, with where it is ("line 12"). */
  problems: string[];
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * Cohort rows from the mapped columns only (the rest of the file is never
 * copied). A window given for everyone fills a missing window column.
 */
export function cohortRowsFrom(
  data: TableData,
  map: CohortColumnMap,
  options: { windowDays?: number | null } = {},
): CohortRowsRead {
  const problems: string[] = [];
  const where = (i: number) => (data.rowLabel ? data.rowLabel(i) : `line ${(i + 2).toLocaleString("en-GB")}`);
  for (const f of COHORT_FIELDS)
    if (f.required && map[f.field] < 0 && !(f.field === "windowDays" && options.windowDays))
      problems.push(`Choose the column for ${f.label}.`);
  const personal = personalColumnsMessage(data.headers, map);
  if (personal) problems.push(personal);
  if (problems.length) return { rows: [], problems };
  // Names or dates of birth under another heading stop the import before any row is read.
  problems.push(...sensitiveContentProblems(data, map, where));
  if (problems.length) return { rows: [], problems };
  const seen = new Map<string, number>();
  const rows = data.rows.flatMap((r, i): CohortRow[] => {
    const cell = (field: CohortField): unknown => (map[field] >= 0 ? r[map[field]] : undefined);
    const fields = COHORT_FIELDS.map((f) => cell(f.field));
    if (fields.every(blank)) return [];
    const fail = (text: string) => {
      problems.push(`${where(i)}: ${text}`);
      return null;
    };
    const number = (field: CohortField, label: string, required: boolean): Scalar => {
      const v = cell(field);
      if (blank(v)) return required ? fail(`${label} is blank; enter 0 if there were none`) : null;
      const n = typeof v === "number" ? v : parseNumberText(String(v));
      return n === null || !Number.isFinite(n) ? fail(`${label} is not a number`) : n;
    };
    const reference = String(cell("reference") ?? "").trim();
    if (reference === "") fail("no reference");
    else if (seen.has(reference.toLowerCase()))
      fail(`the reference is also on ${where(seen.get(reference.toLowerCase())!)}`);
    else seen.set(reference.toLowerCase(), i);
    const groupText = String(cell("group") ?? "").trim();
    const group =
      GROUP_WORDS[groupText.toLowerCase()] ??
      fail(`the group is not one of ${Object.values(COHORT_GROUP_LABELS).join(", ")}`);
    let startDate: Scalar = null;
    const sd = cell("startDate");
    if (!blank(sd)) startDate = parseDateCell(sd)?.start ?? fail("the start date is not a date");
    const window =
      map.windowDays >= 0 ? number("windowDays", "Window (days)", true) : (options.windowDays ?? null);
    return [
      {
        reference,
        group,
        startDate,
        windowDays: window,
        offencesBefore: number("offencesBefore", "Offences before", true),
        offencesAfter: number("offencesAfter", "Offences after", true),
        daysNotAtLibertyBefore: number("daysNotAtLibertyBefore", "Days not at liberty before", false),
        daysNotAtLibertyAfter: number("daysNotAtLibertyAfter", "Days not at liberty after", false),
        harmBefore: number("harmBefore", "Harm before", false),
        harmAfter: number("harmAfter", "Harm after", false),
      },
    ];
  });
  return { rows, problems };
}
