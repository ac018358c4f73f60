/**
 * How an offence type the analyst names (on the command line, in harm
 * weights) is matched to the types in the data: trimmed, runs of spaces as
 * one, case ignored, so "drugs" is "Drugs". One rule for the CLI and the pane.
 * A name that matches nothing is an error listing the types present, never an
 * all-zero count.
 */
import { valueError } from "../errors";
import { isErrorValue, shapeOf, type ColumnLike } from "./rows";

/** The form offence types are compared in. */
export const offenceTypeKey = (t: unknown): string =>
  String(t ?? "")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();

/** The distinct offence types of a column, trimmed, blanks and error values left out, in alphabetical order. */
export function offenceTypesIn(col: ColumnLike): string[] {
  const twoD = shapeOf(col, "offence types");
  // A column repeats a dozen types: each distinct cell is looked at once.
  const seen = new Set<unknown>();
  const out = new Set<string>();
  for (let i = 0; i < col.length; i++) {
    const v = twoD ? (col[i] as ReadonlyArray<unknown>)[0] : col[i];
    if (seen.has(v)) continue;
    if (seen.size < 100_000) seen.add(v);
    if (v === null || v === undefined || isErrorValue(v)) continue;
    const t = String(v).trim();
    if (t !== "") out.add(t);
  }
  return [...out].sort();
}

/** "'a', 'b' or 'c'" */
const orList = (xs: readonly string[]): string =>
  xs.length === 1
    ? `'${xs[0]}'`
    : `${xs
        .slice(0, -1)
        .map((x) => `'${x}'`)
        .join(", ")} or '${xs[xs.length - 1]}'`;

/** The types present, for a message; a long list is cut short. */
export function typesPresentText(present: readonly string[]): string {
  const shown = present.slice(0, 40).join(", ");
  return present.length > 40 ? `${shown} and ${present.length - 40} more` : shown;
}

/** The types present by their key (offenceTypeKey): each key to every spelling of it in the data. */
export function typesByKey(present: readonly string[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const t of present) {
    const k = offenceTypeKey(t);
    const list = byKey.get(k);
    if (list) list.push(t);
    else byKey.set(k, [t]);
  }
  return byKey;
}

/**
 * The data's own spelling of each type named (every spelling, when the data
 * hold the same type spelt two ways), so a filter built from them matches
 * exactly what the analyst meant. Throws when a name matches no type present.
 */
export function matchOffenceTypes(wanted: readonly string[], present: readonly string[]): string[] {
  const byKey = typesByKey(present);
  const out: string[] = [];
  const unmatched: string[] = [];
  for (const w of wanted) {
    const found = byKey.get(offenceTypeKey(w));
    if (found) for (const t of found) if (!out.includes(t)) out.push(t);
    if (!found && offenceTypeKey(w) !== "") unmatched.push(w.trim());
  }
  if (unmatched.length)
    throw valueError(
      `No offence type in the data matches ${orList(unmatched)}. ` +
        (present.length ? `The data hold: ${typesPresentText(present)}.` : "The data hold no offence types."),
    );
  return out;
}
