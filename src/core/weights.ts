/**
 * Harm weights by offence type (e.g. Cambridge Crime Harm Index days or ONS
 * Crime Severity Score). One rule for the Operation sheet's table, the HARM
 * functions' weightTable argument and the CLI's operation.json.
 */
import { valueError } from "./errors";
import { parseNumberText } from "./numbers";
import { offenceTypeKey, typesByKey, typesPresentText } from "./incidents/offenceTypes";
import { POLICE_UK_CRIME_TYPES } from "./operation/model";

export interface WeightEntry {
  offenceType: unknown;
  weight: unknown;
}

const blank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * The largest weight taken. Published harm scales stay far below it (the
 * Cambridge Crime Harm Index gives homicide 5,475 days; the ONS Crime Severity
 * Score's largest weights are in the thousands), and a million times the rows
 * of a century of a force's data (under 10⁹) stays below 2⁵³, so weighted
 * totals remain exact and every sheet can show them. 1e308 would overflow to
 * Infinity in the first sum and leave blank cells.
 */
export const MAX_WEIGHT = 1_000_000;

/** A weight: a finite number from 0 to MAX_WEIGHT, or text that is one. */
export function readWeight(v: unknown, label: string): number {
  const n = typeof v === "number" ? v : typeof v === "string" ? parseNumberText(v) : null;
  if (n === null || !Number.isFinite(n))
    throw valueError(
      `${label} must be a number of 0 or more; got ${blank(v) ? "a blank" : `'${String(v)}'`}.`,
    );
  if (n < 0) throw valueError(`${label} must not be negative; got ${n}.`);
  if (n > MAX_WEIGHT)
    throw valueError(
      `${label} is ${n}; a harm weight may be at most 1,000,000 (days, points or pounds per crime).`,
    );
  return n;
}

/**
 * Offence type → weight. Entirely blank entries are skipped; `where(i)` names
 * entry i in messages ("weightTable row 3"). The same type twice (however
 * its case or spaces are written) must agree.
 */
export function weightTable(
  entries: readonly WeightEntry[],
  where: (i: number) => string,
): Map<string, number> {
  const out = new Map<string, number>();
  const byKey = new Map<string, string>();
  entries.forEach((e, i) => {
    if (blank(e.offenceType) && blank(e.weight)) return;
    if (blank(e.offenceType)) throw valueError(`${where(i)} has a weight but no offence type.`);
    const type = String(e.offenceType).trim();
    const w = readWeight(e.weight, `${where(i)}: the weight for '${type}'`);
    const same = byKey.get(offenceTypeKey(type));
    const prev = same === undefined ? undefined : out.get(same);
    if (prev !== undefined && prev !== w)
      throw valueError(`'${type}' is listed twice with different weights (${prev} and ${w}); keep one.`);
    if (same === undefined) byKey.set(offenceTypeKey(type), type);
    out.set(type, w);
  });
  return out;
}

const POLICE_UK_KEYS = new Set<string>(POLICE_UK_CRIME_TYPES.map(offenceTypeKey));

/**
 * The weights keyed by the data's own spelling of each type ("drugs" weighs
 * "Drugs"). A weight for a type that matches nothing in the data is an error
 * listing the types present, unless it is a police.uk type (the starter list
 * carries all fourteen, and a few months of one force may lack some).
 */
export function weightsForData(
  weights: ReadonlyMap<string, number>,
  present: readonly string[],
): Map<string, number> {
  const byKey = typesByKey(present);
  const out = new Map<string, number>();
  const unknown: string[] = [];
  for (const [type, w] of weights) {
    const found = byKey.get(offenceTypeKey(type));
    if (found) for (const t of found) out.set(t, w);
    else if (!POLICE_UK_KEYS.has(offenceTypeKey(type))) unknown.push(`'${type.trim()}'`);
  }
  if (unknown.length)
    throw valueError(
      `The harm weights name ${unknown.length === 1 ? "an offence type" : "offence types"} not in the data: ` +
        `${unknown.join(", ")}. The data hold: ${typesPresentText(present) || "no offence types"}. ` +
        "Spell each as the data do, or remove it.",
    );
  return out;
}

/**
 * Weight types that are not police.uk crime types, for a warning where no
 * data are at hand (a template): they will weigh only data that use that name.
 */
export function weightTypesNotPoliceUk(weights: Iterable<{ offenceType: unknown }>): string[] {
  const out: string[] = [];
  for (const w of weights) {
    const t = String(w.offenceType ?? "").trim();
    if (t !== "" && !POLICE_UK_KEYS.has(offenceTypeKey(t))) out.push(t);
  }
  return out;
}
