/**
 * Helpers for the task pane's column-mapping step: guess which columns of an
 * incident table hold the date, area code, offence type and area name, and
 * list the distinct values of a column (for picking areas and offence types).
 */
import { isErrorValue, type ColumnLike } from "./aggregate";

export interface ColumnGuess {
  date: number | null;
  area: number | null;
  offenceType: number | null;
  areaName: number | null;
  /** A crime or incident reference (police.uk "Crime ID"): repeated ones are counted once. */
  id: number | null;
}

/** Lower case, letters and digits only: "LSOA code" → "lsoacode". */
const norm = (h: string): string =>
  String(h ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

interface Rule {
  /** Header names that match exactly (after normalising), best first. */
  exact: string[];
  /** Fragments a header may contain, best first. */
  contains: string[];
  /** Fragments that rule a header out for the `contains` pass. */
  not: string[];
}

// police.uk names come first in each list, then common force-system names.
const RULES: Record<keyof ColumnGuess, Rule> = {
  date: {
    exact: ["month", "date", "incidentdate", "offencedate", "committeddate", "occurreddate", "reporteddate"],
    contains: ["date", "month", "occurred", "committed", "when"],
    not: ["updated", "modified", "birth", "dob"],
  },
  area: {
    exact: [
      "lsoacode",
      "lsoa21cd",
      "lsoa11cd",
      "lsoa",
      "areacode",
      "area",
      "beatcode",
      "beat",
      "wardcode",
      "ward",
    ],
    contains: ["lsoacode", "areacode", "lsoa", "area", "beat", "ward", "neighbourhood", "sector"],
    not: ["name"],
  },
  offenceType: {
    exact: ["crimetype", "offencetype", "offensetype", "offence", "offense", "crimecategory", "category"],
    contains: ["crimetype", "offencetype", "offence", "offense", "category", "type", "crime"],
    not: ["outcome", "id", "ref", "number"],
  },
  areaName: {
    exact: ["lsoaname", "lsoa21nm", "lsoa11nm", "areaname", "beatname", "wardname", "neighbourhood"],
    contains: ["lsoaname", "areaname", "name"],
    not: [],
  },
  // Only exact names: a guessed reference column would drop real crimes as "repeats".
  id: {
    exact: ["crimeid", "crimereference", "crimeref", "incidentid", "occurrenceid", "urn"],
    contains: [],
    not: [],
  },
};

const ORDER: (keyof ColumnGuess)[] = ["date", "area", "offenceType", "areaName", "id"];

/**
 * Guess column positions (0-based) from header names; null where nothing fits.
 * Each column is used at most once, exact names win over partial matches.
 */
export function guessColumns(headers: readonly string[]): ColumnGuess {
  const keys = headers.map(norm);
  const taken = new Set<number>();
  const guess: ColumnGuess = { date: null, area: null, offenceType: null, areaName: null, id: null };
  const pick = (field: keyof ColumnGuess, test: (k: string, rule: Rule) => boolean): void => {
    if (guess[field] !== null) return;
    const idx = keys.findIndex((k, i) => !taken.has(i) && k !== "" && test(k, RULES[field]));
    if (idx >= 0) {
      guess[field] = idx;
      taken.add(idx);
    }
  };
  // Exact names for every field first, so "LSOA name" cannot steal the area slot from "LSOA code".
  for (const field of ORDER) {
    for (const name of RULES[field].exact) pick(field, (k) => k === name);
  }
  for (const field of ORDER) {
    for (const frag of RULES[field].contains) {
      pick(field, (k, rule) => k.includes(frag) && !rule.not.some((x) => k.includes(x)));
    }
  }
  return guess;
}

/**
 * Distinct non-blank values of a column (trimmed; error values left out),
 * most frequent first, ties in alphabetical order. `limit` keeps the top few.
 */
export function distinctValues(col: ColumnLike, limit?: number): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  const twoD = col.length > 0 && Array.isArray(col[0]);
  for (let i = 0; i < col.length; i++) {
    const v = twoD ? (col[i] as ReadonlyArray<unknown>)[0] : col[i];
    if (v === null || v === undefined || isErrorValue(v)) continue;
    const s = (v instanceof Date ? v.toISOString() : String(v)).trim();
    if (s === "") continue;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const out = Array.from(counts, ([value, count]) => ({ value, count }));
  out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return limit !== undefined && limit >= 0 ? out.slice(0, limit) : out;
}
