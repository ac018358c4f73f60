/**
 * What the Cohort sheet must never hold, spotted before anything is read
 * into it: columns headed like personal data (a name, a date of birth,
 * ethnicity, an address, a phone number…) and values that look like names
 * or dates of birth under any heading. Messages name the heading and the
 * lines, never a value, so a refusal cannot itself print someone's details.
 */
import { parseDateCell } from "../core/incidents/dates";
import type { TableData } from "../sheets/plan/snapshot";

/** Words of a heading: camelCase and punctuation split, lower case ("DateOfBirth" → date, of, birth). */
const words = (h: string): string[] =>
  String(h ?? "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** [what the column holds, test on the heading's words and on its letters and digits run together]. */
const KINDS: readonly [string, (w: string[], joined: string) => boolean][] = [
  ["a name", (_, j) => /name|alias/.test(j)],
  [
    "a date of birth",
    (w, j) => /birth/.test(j) || w.includes("born") || w.includes("dob") || /^dob|dob$|^dateofb/.test(j),
  ],
  [
    "ethnicity",
    (w, j) => /ethnic/.test(j) || w.includes("race") || w.includes("sde") || /^ic(code)?$/.test(j),
  ],
  ["religion", (w) => w.some((x) => /^(religion|religious|faith)$/.test(x))],
  ["nationality", (_, j) => /nationality|countryoforigin/.test(j)],
  ["an address", (w, j) => /address|postcode|postalcode|zipcode|street/.test(j) || w.includes("addr")],
  ["a phone number", (w, j) => /phone|mobile/.test(j) || w.includes("tel")],
  ["an email address", (_, j) => /e?mail/.test(j)],
  [
    "a National Insurance number",
    (w, j) => /nationalinsurance|^nino$|^ni(no|num|number)$/.test(j) || (w[0] === "ni" && w.length <= 2),
  ],
  [
    "a personal identifier (PNC, CRO, NHS or passport number)",
    (w) => w.some((x) => /^(pnc|cro|nhs|passport)/.test(x)),
  ],
];

/** What a heading says its column holds when that is personal data ("a name", "ethnicity"…), else null. */
export function sensitiveHeading(header: string): string | null {
  const w = words(header);
  const joined = w.join("");
  return KINDS.find(([, test]) => test(w, joined))?.[0] ?? null;
}

/** A heading that reads like personal data: such a column is never guessed, read or imported. */
export const looksPersonal = (header: string): boolean => sensitiveHeading(header) !== null;

/** The refusal for mapped columns headed like personal data, or null when there are none. */
export function sensitiveColumnsMessage(
  headers: readonly string[],
  mapped: readonly number[],
): string | null {
  const found = [...new Set(mapped.filter((i) => i >= 0))]
    .map((i) => ({ h: headers[i] ?? "", kind: sensitiveHeading(headers[i] ?? "") }))
    .filter((x) => x.kind !== null);
  if (found.length === 0) return null;
  const list = found.map((x) => `"${x.h}" looks like ${x.kind}`).join("; ");
  return (
    `${list}, which the Cohort sheet must never hold, so ${found.length === 1 ? "that column is" : "those columns are"} not read. ` +
    "Choose a pseudonymous reference and the counts instead."
  );
}

/** Letters only (a name, "SMITH, John", "O'Neil"): no digit, as a pseudonymous reference would have. */
const NAME_LIKE = /^[\p{L}][\p{L}'’.\- ,]*$/u;
/** A full date written out: 01/02/1990, 1.2.90, 1990-02-01, 1 February 1990. */
const DATE_LIKE =
  /^(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{2}|\d{4})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}\s+\p{L}{3,9}\.?\s+\d{2,4})$/u;

const looksLikeName = (v: unknown): boolean => typeof v === "string" && NAME_LIKE.test(v.trim());
const looksLikeDate = (v: unknown): boolean =>
  v instanceof Date || (typeof v === "string" && DATE_LIKE.test(v.trim()));

/** Start dates this far before the latest in the file are not arrests or referrals in one evaluation. */
const BIRTH_GAP_DAYS = 10 * 365;
/** 1 January 2000 as a serial day: police.uk data begin in 2010. */
const BEFORE_ANY_EVALUATION = 36526;

/** Lines of a refusal, a few by name and the rest counted. */
function lines(rows: number[], where: (i: number) => string): string {
  const named = rows.slice(0, 3).map(where).join(", ");
  return rows.length > 3 ? `${named} and ${(rows.length - 3).toLocaleString("en-GB")} more` : named;
}

/**
 * Values that look like people's names or dates of birth where the Cohort
 * sheet would keep them as they are: the reference column (any text is
 * taken), and start dates years before the rest (dates of birth).
 */
export function sensitiveContentProblems(
  data: TableData,
  columns: { reference: number; startDate: number },
  where: (i: number) => string,
): string[] {
  const problems: string[] = [];
  const heading = (k: number) => `"${data.headers[k] ?? ""}"`;
  const scan = (k: number, test: (v: unknown, i: number) => boolean): number[] => {
    const out: number[] = [];
    if (k >= 0) data.rows.forEach((r, i) => test(r[k], i) && out.push(i));
    return out;
  };
  const ref = columns.reference;
  const names = scan(ref, (v) => looksLikeName(v));
  if (names.length)
    problems.push(
      `The column ${heading(ref)} holds what look like names, with no digits (${lines(names, where)}): ` +
        "the Cohort sheet takes only pseudonymous references, never names.",
    );
  const dated = scan(ref, (v) => looksLikeDate(v));
  if (dated.length)
    problems.push(
      `The column ${heading(ref)} holds dates (${lines(dated, where)}), which may be dates of birth: ` +
        "the Cohort sheet takes only pseudonymous references.",
    );
  const start = columns.startDate;
  if (start >= 0) {
    const serials = data.rows.map((r) => parseDateCell(r[start])?.start ?? null);
    const latest = serials.reduce<number>((m, s) => (s !== null && s > m ? s : m), -Infinity);
    const old = scan(start, (_, i) => {
      const s = serials[i];
      return s !== null && (s < BEFORE_ANY_EVALUATION || latest - s > BIRTH_GAP_DAYS);
    });
    if (old.length)
      problems.push(
        `The column ${heading(start)} holds dates long before the others or before 2000 (${lines(old, where)}), ` +
          "which look like dates of birth: the Cohort sheet must never hold them. Choose the arrest or programme start date.",
      );
  }
  return problems;
}
