/**
 * The Cohort sheet in a shared copy: its people (the HP_Cohort table's body)
 * are left out unless the analyst chooses them, and the sheet's formulas
 * become their values, so the copy still shows the results by group but
 * holds no one's row. Text those rows used is blanked in the shared strings
 * too, so a reference cannot be read back from the file.
 *
 * Pure: works on the unzipped parts of an .xlsx (no Node or DOM APIs).
 */
import { strFromU8, strToU8 } from "fflate";
import { parseCell, parseRange } from "./a1";

type Parts = Record<string, Uint8Array>;

const COHORT_TABLE = /^HP_Cohort(?:_\d+)?$/i;
const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** Worksheet part → the body ranges of its Cohort tables. */
function cohortBodies(
  files: Parts,
): Map<string, { top: number; bottom: number; left: number; right: number }[]> {
  const tables = new Map<string, { top: number; bottom: number; left: number; right: number }>();
  for (const name of Object.keys(files)) {
    if (!/^xl\/tables\/[^/]+\.xml$/.test(name)) continue;
    const tag = /<table\b[^>]*>/.exec(strFromU8(files[name]))?.[0] ?? "";
    const id = attr(tag, "displayName") ?? attr(tag, "name") ?? "";
    const ref = attr(tag, "ref");
    if (!COHORT_TABLE.test(id) || !ref) continue;
    const r = parseRange(ref);
    const totals = Number(attr(tag, "totalsRowCount") ?? 0);
    tables.set(name.slice("xl/".length), { ...r, top: r.top + 1, bottom: r.bottom - totals });
  }
  const out = new Map<string, { top: number; bottom: number; left: number; right: number }[]>();
  if (tables.size === 0) return out;
  for (const name of Object.keys(files)) {
    const m = /^xl\/worksheets\/_rels\/([^/]+\.xml)\.rels$/.exec(name);
    if (!m) continue;
    for (const rel of strFromU8(files[name]).matchAll(/<Relationship\b[^>]*>/g)) {
      const target = (attr(rel[0], "Target") ?? "").replace(/^\/xl\//, "").replace(/^\.\.\//, "");
      const body = tables.get(target);
      if (body) out.set(`xl/worksheets/${m[1]}`, [...(out.get(`xl/worksheets/${m[1]}`) ?? []), body]);
    }
  }
  return out;
}

/** A cell element: its attributes, and its content unless it is empty (<c …/>). */
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

interface SheetResult {
  xml: string;
  /** Body rows that held something. */
  rows: Set<number>;
  /** Shared-string indices the blanked cells used. */
  strings: Set<number>;
  changed: boolean;
}

/** Blanks the table bodies' cells and turns every other formula on the sheet into its value. */
function leaveOut(
  xml: string,
  bodies: { top: number; bottom: number; left: number; right: number }[],
): SheetResult {
  const rows = new Set<number>();
  const strings = new Set<number>();
  let changed = false;
  const out = xml.replace(CELL, (whole, attrs: string, inner?: string) => {
    if (inner === undefined) return whole;
    const { row, col } = parseCell(attr(attrs, "r") ?? "A1");
    const inBody = bodies.some((b) => row >= b.top && row <= b.bottom && col >= b.left && col <= b.right);
    const bare = attrs.replace(/\s+t="[^"]*"/, "");
    if (inBody) {
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const typed = /<is>/.test(inner) || (v !== undefined && v !== "");
      if (typed) rows.add(row);
      if (attr(attrs, "t") === "s" && v !== undefined) strings.add(Number(v));
      changed = true;
      return `<c${bare}/>`;
    }
    if (!/<f\b/.test(inner)) return whole;
    changed = true;
    const rest = inner.replace(/<f\b[^>]*?(?:\/>|>[\s\S]*?<\/f>)/, "");
    return /<v>/.test(rest) ? `<c${attrs}>${rest}</c>` : `<c${bare}/>`;
  });
  return { xml: out, rows, strings, changed };
}

/** Replaces the text of shared strings no cell uses any more (indices stay as they are). */
function blankStrings(files: Parts, unused: Set<number>): void {
  const part = "xl/sharedStrings.xml";
  if (!files[part] || unused.size === 0) return;
  let i = -1;
  files[part] = strToU8(
    strFromU8(files[part]).replace(/<si\b[^>]*?(?:\/>|>[\s\S]*?<\/si>)/g, (si) => {
      i++;
      return unused.has(i) ? "<si><t></t></si>" : si;
    }),
  );
}

/**
 * Leaves the Cohort sheet's people out of `files` (changed in place).
 * Returns how many people's rows were left out, and whether anything changed.
 */
export function leaveOutCohort(files: Parts): { people: number; changed: boolean } {
  const bodies = cohortBodies(files);
  let people = 0;
  let changed = false;
  const used = new Set<number>();
  const blanked = new Set<number>();
  for (const name of Object.keys(files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    const xml = strFromU8(files[name]);
    const mine = bodies.get(name);
    if (mine) {
      const r = leaveOut(xml, mine);
      files[name] = strToU8(r.xml);
      people += r.rows.size;
      changed ||= r.changed;
      r.strings.forEach((s) => blanked.add(s));
      scanStrings(r.xml, used);
    } else scanStrings(xml, used);
  }
  blankStrings(files, new Set([...blanked].filter((s) => !used.has(s))));
  return { people, changed };
}

/** Shared-string indices the cells of a sheet refer to. */
function scanStrings(xml: string, into: Set<number>): void {
  for (const m of xml.matchAll(CELL)) {
    const v = m[2] === undefined ? undefined : /<v>(\d+)<\/v>/.exec(m[2])?.[1];
    if (v !== undefined && attr(m[1], "t") === "s") into.add(Number(v));
  }
}
