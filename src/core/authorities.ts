/**
 * Local authorities from area names, so an analyst can take "every area in
 * Torfaen" as a control or buffer in one choice. police.uk names each LSOA
 * after its authority and a number: "Torfaen 001A", "Blaenau Gwent 012C".
 */
import { valueError } from "./errors";
import { normaliseAreaCode } from "./areas";

/** An LSOA name: the authority, a space, three digits and a letter. */
const LSOA_NAME = /^(\S.*?)\s+\d{3}[A-Z]$/;

/** "Torfaen 001A" → "Torfaen"; null for a name not of that shape (a force's own beat names, say). */
export function authorityOf(areaName: unknown): string | null {
  if (typeof areaName !== "string") return null;
  const m = LSOA_NAME.exec(areaName.trim());
  return m ? m[1] : null;
}

/** An authority's name as compared: case and spacing as typed do not matter. */
export const authorityKey = (s: string): string => s.trim().replace(/\s+/g, " ").toLowerCase();

/** Each authority with its areas (normalised codes, in the order given), authorities in alphabetical order. */
export function areasByAuthority(
  areas: Iterable<{ code: string; name?: string | null }>,
): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { code, name } of areas) {
    const authority = authorityOf(name);
    const c = normaliseAreaCode(code);
    if (authority === null || c === "") continue;
    const list = found.get(authority);
    if (!list) found.set(authority, [c]);
    else if (!list.includes(c)) list.push(c);
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b, "en-GB")));
}

/**
 * Every area of `authority` (case and spacing as typed do not matter), less
 * those `taken` (the target and buffer). An authority with no area in the
 * data is an error naming the authorities that are there.
 */
export function authorityAreas(
  byAuthority: ReadonlyMap<string, readonly string[]>,
  authority: string,
  taken: Iterable<string> = [],
): string[] {
  const match = [...byAuthority.keys()].find((a) => authorityKey(a) === authorityKey(authority));
  if (match === undefined) {
    const present = [...byAuthority.keys()];
    throw valueError(
      present.length
        ? `No area in the data is in "${authority}". The authorities in the data are: ${present.join(", ")}.`
        : `No area in the data is in "${authority}": the data have no area names of the form "Torfaen 001A" to tell an area's authority by.`,
    );
  }
  const out = new Set([...taken].map(normaliseAreaCode));
  return byAuthority.get(match)!.filter((c) => !out.has(c));
}
