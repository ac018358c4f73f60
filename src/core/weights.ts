/**
 * Harm weights by offence type (e.g. Cambridge Crime Harm Index days or ONS
 * Crime Severity Score). One rule for the Operation sheet's table, the HARM
 * functions' weightTable argument and the CLI's operation.json.
 */
import { valueError } from "./errors";
import { parseNumberText } from "./numbers";

export interface WeightEntry {
  offenceType: unknown;
  weight: unknown;
}

const blank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** A weight: a finite number of 0 or more, or text that is one. */
export function readWeight(v: unknown, label: string): number {
  const n = typeof v === "number" ? v : typeof v === "string" ? parseNumberText(v) : null;
  if (n === null || !Number.isFinite(n))
    throw valueError(
      `${label} must be a number of 0 or more; got ${blank(v) ? "a blank" : `'${String(v)}'`}.`,
    );
  if (n < 0) throw valueError(`${label} must not be negative; got ${n}.`);
  return n;
}

/**
 * Offence type → weight. Entirely blank entries are skipped; `where(i)` names
 * entry i in messages ("weightTable row 3"). The same type twice must agree.
 */
export function weightTable(
  entries: readonly WeightEntry[],
  where: (i: number) => string,
): Map<string, number> {
  const out = new Map<string, number>();
  entries.forEach((e, i) => {
    if (blank(e.offenceType) && blank(e.weight)) return;
    if (blank(e.offenceType)) throw valueError(`${where(i)} has a weight but no offence type.`);
    const type = String(e.offenceType).trim();
    const w = readWeight(e.weight, `${where(i)}: the weight for '${type}'`);
    const prev = out.get(type);
    if (prev !== undefined && prev !== w)
      throw valueError(`'${type}' is listed twice with different weights (${prev} and ${w}); keep one.`);
    out.set(type, w);
  });
  return out;
}
