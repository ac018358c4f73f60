/**
 * Area codes (LSOA codes, beat numbers…), one rule for the whole add-in:
 * the Operation form, the Operation sheet, the HARM functions, the CLI and
 * the incident data all read area lists the same way.
 */

/**
 * What is taken out of a code before matching: white space of every kind (the
 * non-breaking spaces of copied web pages and Excel cells, thin and
 * zero-width spaces, a byte-order mark) and hyphens and dashes of every kind,
 * so "W01 001687", "W01\u00a0001687" and "W01-001687" all match "W01001687".
 */
const STRIP = /[\s\u00ad\u180e\u200b-\u200d\u2060\ufeff\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+/g;

/**
 * The form used for matching: trimmed, upper case, with no spaces or hyphens
 * inside (see STRIP), so "w01001687" and "W01 001687" both match "W01001687"
 * (both forms turn up in force exports).
 */
export function normaliseAreaCode(raw: unknown): string {
  if (raw === null || raw === undefined) return "";
  const s = typeof raw === "string" ? raw : String(raw);
  // Fast path: codes in police.uk files are already clean (this runs once per row of a million).
  if (/^[A-Z0-9]*$/.test(s)) return s;
  return s.replace(STRIP, "").toUpperCase();
}

/**
 * The ONS (GSS) form of an area code: a letter and eight digits, such as
 * E01000001 (an LSOA in England), W01001685 (Wales), E02… (MSOA), S01… (Scotland).
 */
const ONS_CODE = /^[A-Z]\d{8}$/;

/** Whether a normalised code has the ONS form. */
export const isOnsCode = (code: string): boolean => ONS_CODE.test(code);

/**
 * Whether codes are plainly ONS codes: at least 90% of the distinct normalised
 * codes have the ONS form, so the rest are mistakes to report rather than
 * areas. Beat numbers and other schemes fall far short, and are left alone.
 */
export function looksOnsCoded(codes: Iterable<string>): boolean {
  let all = 0;
  let ons = 0;
  for (const c of codes) {
    if (c === "") continue;
    all++;
    if (ONS_CODE.test(c)) ons++;
  }
  return all > 0 && ons >= 0.9 * all;
}

/**
 * The codes that can be areas: all of them, or, when they are plainly ONS
 * codes (looksOnsCoded), only those of the ONS form. A code such as
 * "W0100168" (a digit lost) then never becomes an area of its own, so it
 * cannot join a control made of every other area in the data.
 */
export function usableAreaCodes(codes: readonly string[]): string[] {
  return looksOnsCoded(codes) ? codes.filter(isOnsCode) : [...codes];
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
  return usableAreaCodes(uniqueCodes(dataAreas)).filter((a) => !skip.has(a));
}
