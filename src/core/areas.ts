/**
 * Area codes (LSOA codes, beat numbers…), one rule for the whole add-in:
 * the Operation form, the Operation sheet, the HARM functions, the CLI and
 * the incident data all read area lists the same way.
 */

/**
 * The form used for matching: trimmed, upper case, with no spaces inside, so
 * "w01001687" and "W01 001687" both match "W01001687" (issue seen in force exports).
 */
export function normaliseAreaCode(raw: unknown): string {
  if (raw === null || raw === undefined) return "";
  const s = typeof raw === "string" ? raw : String(raw);
  // Fast path: codes in police.uk files are already clean.
  if (/^[A-Z0-9]*$/.test(s)) return s;
  return s.replace(/\s+/g, "").toUpperCase();
}

/** Separators an analyst may type between codes: commas, semicolons, line breaks. */
const SEPARATORS = /[,;\r\n]+/;

/**
 * Area codes from typed text or one cell: split on commas, semicolons and
 * line breaks, normalised, blanks dropped, each code once, in the order given.
 */
export function parseAreaList(text: string): string[] {
  return uniqueCodes(String(text ?? "").split(SEPARATORS));
}

/** Normalised, non-blank, first occurrence kept. */
export function uniqueCodes(parts: Iterable<unknown>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  // A column of a million rows holds a few thousand areas: each value is tidied once.
  const met = new Set<unknown>();
  for (const p of parts) {
    if (met.has(p)) continue;
    if (met.size < 100_000) met.add(p);
    const code = normaliseAreaCode(p);
    if (code !== "" && !seen.has(code)) {
      seen.add(code);
      out.push(code);
    }
  }
  return out;
}

/** Area sets of an evaluation. */
export interface AreaLists {
  target: readonly string[];
  buffer: readonly string[];
  control: readonly string[];
}

const SET_LABELS = { target: "target", buffer: "buffer", control: "control" } as const;

/** Codes listed in more than one set, as "'W01' is in both the target and control areas". */
export function areaOverlaps(areas: AreaLists): string[] {
  const owner = new Map<string, keyof AreaLists>();
  const out: string[] = [];
  for (const set of ["target", "buffer", "control"] as const) {
    for (const raw of areas[set]) {
      const code = normaliseAreaCode(raw);
      if (code === "") continue;
      const prev = owner.get(code);
      if (prev !== undefined && prev !== set)
        out.push(`'${code}' is in both the ${SET_LABELS[prev]} and ${SET_LABELS[set]} areas`);
      else owner.set(code, set);
    }
  }
  return out;
}

/** Every area in the data that is in none of `taken`: the control "every other area in the data". */
export function otherAreas(dataAreas: Iterable<unknown>, taken: Iterable<unknown>): string[] {
  const skip = new Set(uniqueCodes(taken));
  return uniqueCodes(dataAreas).filter((a) => !skip.has(a));
}
