/**
 * The Cohort sheet in a shared copy: its people (the HP_Cohort table's body)
 * are left out unless the analyst chooses them, and the sheet's formulas
 * become their values, so the copy still shows the results by group but
 * holds no one's row. The texts those rows held are then taken out of every
 * other part of the file (portableScrub.ts), so a reference cannot be read
 * back from a filter, a cached result on another sheet, a note or a cache;
 * notes and filters on the people's rows go with them.
 *
 * Pure: works on the unzipped parts of an .xlsx (no Node or DOM APIs).
 */
import { strFromU8, strToU8 } from "fflate";
import { parseCell, parseRange } from "./a1";
import { COHORT_GROUP_LABELS } from "./specs/cohortColumns";
import { decodeXml, encodeXml, scrubXml, Scrubber } from "./portableScrub";

type Parts = Record<string, Uint8Array>;

const COHORT_TABLE = /^HP_Cohort(?:_\d+)?$/i;
const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

type Box = { top: number; bottom: number; left: number; right: number };

/** The Cohort tables' parts, e.g. "xl/tables/table12.xml". */
const cohortTableParts = (files: Parts): string[] =>
  Object.keys(files).filter((name) => {
    if (!/^xl\/tables\/[^/]+\.xml$/.test(name)) return false;
    const tag = /<table\b[^>]*>/.exec(strFromU8(files[name]))?.[0] ?? "";
    return COHORT_TABLE.test(attr(tag, "displayName") ?? attr(tag, "name") ?? "");
  });

/** Worksheet part → the body ranges of its Cohort tables. */
function cohortBodies(files: Parts): Map<string, Box[]> {
  const tables = new Map<string, Box>();
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
  const out = new Map<string, Box[]>();
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
}

/** Texts found in the people's rows: their references, and other typed text. */
interface Found {
  references: Set<string>;
  values: Set<string>;
}

const GROUPS = new Set(Object.values(COHORT_GROUP_LABELS).map((g) => g.toLowerCase()));

/** What a body cell holds, as text: its shared or inline string, or its number; null for a formula or blank. */
function typedText(attrs: string, inner: string, strings: readonly string[]): string | null {
  if (/<f\b/.test(inner)) return null;
  const t = attr(attrs, "t");
  if (t === "inlineStr") return runsText(inner);
  const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  if (v === undefined || v === "") return null;
  if (t === "s") return strings[Number(v)] ?? null;
  return decodeXml(v);
}

/** The text of a rich-text element's runs (phonetic guides left out). */
const runsText = (xml: string): string =>
  [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)]
    .map((m) => decodeXml(m[1] ?? ""))
    .join("");

/** Blanks the table bodies' cells and turns every other formula on the sheet into its value. */
function leaveOut(xml: string, bodies: Box[], strings: readonly string[], found: Found): SheetResult {
  const rows = new Set<number>();
  const used = new Set<number>();
  const out = xml.replace(CELL, (whole, attrs: string, inner?: string) => {
    if (inner === undefined) return whole;
    const { row, col } = parseCell(attr(attrs, "r") ?? "A1");
    const body = bodies.find((b) => row >= b.top && row <= b.bottom && col >= b.left && col <= b.right);
    const bare = attrs.replace(/\s+t="[^"]*"/, "");
    if (body) {
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const typed = /<is>/.test(inner) || (v !== undefined && v !== "");
      if (typed) rows.add(row);
      if (attr(attrs, "t") === "s" && v !== undefined) used.add(Number(v));
      const text = typedText(attrs, inner, strings)?.trim();
      // The first column is the reference; a group is one of the sheet's own labels, not a person's.
      if (text && col === body.left) found.references.add(text);
      else if (text && !GROUPS.has(text.toLowerCase()) && /^(s|inlineStr)$/.test(attr(attrs, "t") ?? ""))
        found.values.add(text);
      return `<c${bare}/>`;
    }
    if (!/<f\b/.test(inner)) return whole;
    const rest = inner.replace(/<f\b[^>]*?(?:\/>|>[\s\S]*?<\/f>)/, "");
    return /<v>/.test(rest) ? `<c${attrs}>${rest}</c>` : `<c${bare}/>`;
  });
  return { xml: out, rows, strings: used };
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

/** Number cells blanked because they hold a person's reference (blankReferenceNumbers): how many, and the first few. */
export interface NumbersBlanked {
  count: number;
  /** "Sheet!A1", at most MAX_NAMED. */
  cells: string[];
}

/**
 * Leaves the Cohort sheet's people out of `files` (changed in place).
 * Returns how many people's rows were left out, whether anything changed,
 * and the number cells blanked for holding a reference.
 */
export function leaveOutCohort(files: Parts): {
  people: number;
  changed: boolean;
  numbersBlanked?: NumbersBlanked;
} {
  const bodies = cohortBodies(files);
  if (bodies.size === 0) return { people: 0, changed: false };
  const before = { ...files };
  const strings = sharedStrings(files);
  const found: Found = { references: new Set(), values: new Set() };
  let people = 0;
  const used = new Set<number>();
  const blanked = new Set<number>();
  for (const name of Object.keys(files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    const xml = strFromU8(files[name]);
    const mine = bodies.get(name);
    if (mine) {
      const r = leaveOut(withoutFilters(xml), mine, strings, found);
      if (r.xml !== xml) files[name] = strToU8(r.xml);
      people += r.rows.size;
      r.strings.forEach((s) => blanked.add(s));
      scanStrings(r.xml, used);
      blankNotes(files, name, mine);
    } else scanStrings(xml, used);
  }
  blankStrings(files, new Set([...blanked].filter((s) => !used.has(s))));
  for (const part of cohortTableParts(files)) {
    const xml = strFromU8(files[part]);
    const out = withoutFilters(xml);
    if (out !== xml) files[part] = strToU8(out);
  }
  const scrubber = new Scrubber(found);
  let numbersBlanked: NumbersBlanked | undefined;
  if (!scrubber.empty) {
    dropCachedValues(files, [...bodies.keys()], found);
    numbersBlanked = blankReferenceNumbers(files, found.references);
    for (const name of Object.keys(files)) {
      if (!/\.(xml|rels|vml)$/i.test(name)) continue;
      const xml = strFromU8(files[name]);
      const out = scrubber.worthReading(name, xml) ? scrubXml(xml, scrubber) : null;
      if (out !== null) files[name] = strToU8(out);
    }
  }
  // A filter, note or copied value changed elsewhere is a change too, even with no one's row left.
  const changed = Object.keys(files).some((k) => files[k] !== before[k]);
  return { people, changed, ...(numbersBlanked ? { numbersBlanked } : {}) };
}

/** The shared strings' texts, by index. */
function sharedStrings(files: Parts): string[] {
  const part = files["xl/sharedStrings.xml"];
  if (!part) return [];
  return [...strFromU8(part).matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) =>
    runsText(m[1] ?? ""),
  );
}

/** An autoFilter without its criteria: a filter on the people's rows names what they hold. */
const withoutFilters = (xml: string): string =>
  xml.replace(/<autoFilter\b[^>]*?(?:\/>|>[\s\S]*?<\/autoFilter>)/g, (af) =>
    af.replace(/<filterColumn\b([^>]*?)(?<!\/)>[\s\S]*?<\/filterColumn>/g, "<filterColumn$1/>"),
  );

/** The parts a worksheet's relationships point at, of a given type ("comments", "threadedComment"). */
function related(files: Parts, sheet: string, type: RegExp): string[] {
  const rels = files[sheet.replace(/^(xl\/worksheets\/)([^/]+)$/, "$1_rels/$2.rels")];
  if (!rels) return [];
  return [...strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)]
    .filter((r) => type.test(attr(r[0], "Type") ?? ""))
    .map((r) => {
      const target = attr(r[0], "Target") ?? "";
      return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\.\//, "")}`;
    });
}

/** Notes and comments on the people's rows are about them: their text goes with the rows. */
function blankNotes(files: Parts, sheet: string, bodies: Box[]): void {
  const inBody = (ref: string | undefined) => {
    if (!ref) return false;
    const { row, col } = parseCell(ref);
    return bodies.some((b) => row >= b.top && row <= b.bottom && col >= b.left && col <= b.right);
  };
  for (const part of related(files, sheet, /\/(comments|threadedComment)$/)) {
    if (!files[part]) continue;
    const xml = strFromU8(files[part]).replace(
      /<(comment|threadedComment)\b([^>]*)>([\s\S]*?)<\/\1>/g,
      (whole, tag: string, attrs: string, inner: string) =>
        inBody(attr(attrs, "ref"))
          ? `<${tag}${attrs}>${inner.replace(/<text\b[^>]*>[\s\S]*?<\/text>/, tag === "comment" ? "<text><t></t></text>" : "<text></text>")}</${tag}>`
          : whole,
    );
    if (xml !== strFromU8(files[part])) files[part] = strToU8(xml);
  }
}

/** Sheet part → sheet name, from the workbook and its relationships. */
function sheetNames(files: Parts): Map<string, string> {
  const out = new Map<string, string>();
  const wb = files["xl/workbook.xml"];
  const rels = files["xl/_rels/workbook.xml.rels"];
  if (!wb || !rels) return out;
  const target = new Map(
    [...strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)].map((r) => [
      attr(r[0], "Id") ?? "",
      (attr(r[0], "Target") ?? "").replace(/^\/?(xl\/)?/, "xl/"),
    ]),
  );
  for (const m of strFromU8(wb).matchAll(/<sheet\b[^>]*>/g)) {
    const part = target.get(attr(m[0], "r:id") ?? "");
    if (part) out.set(part, decodeXml(attr(m[0], "name") ?? ""));
  }
  return out;
}

/**
 * A formula elsewhere that reads the Cohort sheet (by its name, its table or
 * a workbook name that points there) keeps its formula but loses a cached
 * result that is one of the people's values, numbers included.
 */
function dropCachedValues(files: Parts, cohortSheets: string[], found: Found): void {
  const names = sheetNames(files);
  const targets = cohortSheets.map((p) => names.get(p)).filter((n): n is string => !!n);
  const mentions = (f: string) =>
    targets.some((t) => f.includes(`${t}!`) || f.includes(`'${t.replace(/'/g, "''")}'!`)) ||
    /\bHP_Cohort\b/i.test(f);
  const viaNames = [
    ...strFromU8(files["xl/workbook.xml"] ?? new Uint8Array()).matchAll(
      /<definedName\b[^>]*\bname="([^"]+)"[^>]*>([\s\S]*?)<\/definedName>/g,
    ),
  ]
    .filter((m) => mentions(decodeXml(m[2])))
    .map((m) => m[1]);
  const reads = (f: string) => mentions(f) || viaNames.some((n) => new RegExp(`\\b${n}\\b`, "i").test(f));
  const values = new Set([...found.references, ...found.values]);
  const clues = [...targets, "HP_Cohort", ...viaNames].flatMap((t) => {
    const l = t.toLowerCase();
    return [l, encodeXml(l)];
  });
  for (const part of names.keys()) {
    if (cohortSheets.includes(part) || !files[part]) continue;
    const xml = strFromU8(files[part]);
    // A sheet that names neither the Cohort sheet, its table nor such a name has no formula that reads them.
    const lower = xml.toLowerCase();
    if (!clues.some((t) => lower.includes(t))) continue;
    let changed = false;
    const shared = sharedFormulas(xml);
    const out = xml.replace(CELL, (whole, attrs: string, inner?: string) => {
      if (inner === undefined) return whole;
      const f = formulaText(inner, shared);
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      if (f === undefined || v === undefined || !values.has(decodeXml(v).trim()) || !reads(decodeXml(f)))
        return whole;
      changed = true;
      return `<c${attrs}>${inner.replace(/<v>[\s\S]*?<\/v>/, "")}</c>`;
    });
    if (changed) files[part] = strToU8(out);
  }
}

/** Shared-string indices the cells of a sheet refer to. */
function scanStrings(xml: string, into: Set<number>): void {
  for (const m of xml.matchAll(CELL)) {
    const v = m[2] === undefined ? undefined : /<v>(\d+)<\/v>/.exec(m[2])?.[1];
    if (v !== undefined && attr(m[1], "t") === "s") into.add(Number(v));
  }
}

/** A shared formula's text by its si, from the cell that carries it (the others refer to it). */
function sharedFormulas(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<f\b([^>]*)>([\s\S]*?)<\/f>/g))
    if (attr(m[1], "t") === "shared" && attr(m[1], "si") !== undefined) out.set(attr(m[1], "si")!, m[2]);
  return out;
}

/** A cell's formula text; a copy of a shared formula reads as the one it copies (its references shifted, not its sheets). */
function formulaText(inner: string, shared: ReadonlyMap<string, string>): string | undefined {
  const f = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);
  if (!f) return undefined;
  if (f[2]) return f[2];
  const si = attr(f[1], "si");
  return attr(f[1], "t") === "shared" && si !== undefined ? shared.get(si) : f[2];
}

/** References of five digits or more identify someone even as a bare number; shorter ones read as counts. */
const NUMBER_REFERENCE = /^\d{5,15}$/;
const MAX_NAMED = 5;

/**
 * A number typed anywhere (not a formula's result) that is a person's
 * reference made of digits, long enough to identify them, is blanked too:
 * a number cell holds no text for the scrub to find. Each is named, as a
 * count may read the same by chance.
 */
function blankReferenceNumbers(files: Parts, references: ReadonlySet<string>): NumbersBlanked | undefined {
  const wanted = new Set(
    [...references]
      .map((r) => r.trim())
      .filter((r) => NUMBER_REFERENCE.test(r))
      .map(Number),
  );
  if (wanted.size === 0) return undefined;
  const result: NumbersBlanked = { count: 0, cells: [] };
  for (const [part, sheet] of sheetNames(files)) {
    if (!files[part]) continue;
    const xml = strFromU8(files[part]);
    const out = xml.replace(CELL, (whole, attrs: string, inner?: string) => {
      if (inner === undefined || /<f\b/.test(inner) || !/^(n)?$/.test(attr(attrs, "t") ?? "")) return whole;
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      if (v === undefined || !wanted.has(Number(v))) return whole;
      result.count++;
      if (result.cells.length < MAX_NAMED) result.cells.push(`${sheet}!${attr(attrs, "r") ?? ""}`);
      return `<c${attrs.replace(/\s+t="[^"]*"/, "")}/>`;
    });
    if (out !== xml) files[part] = strToU8(out);
  }
  return result.count > 0 ? result : undefined;
}
