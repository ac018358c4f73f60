/**
 * The last step of leaving the people out of a shared copy: every text the
 * Cohort table's rows held is taken out of every part of the file, wherever
 * Excel or the analyst copied it: shared strings, cached formula results on
 * other sheets, filter values, notes and comments, defined names, drop-down
 * lists, chart and pivot caches, the file's properties.
 *
 * A reference is removed wherever it appears, even inside a longer text
 * ("ask about P-0042" → "ask about …"); other values, and references made
 * only of digits (a count could read the same), only where a text is
 * exactly that value. Formulas keep their shape: only their quoted text is
 * touched.
 *
 * Pure: strings in, strings out (no Node or DOM APIs).
 */

export interface CohortTokens {
  /** Texts of the Reference column: removed wherever they appear. */
  references: ReadonlySet<string>;
  /** Other texts typed in the rows: removed where a text is exactly one of them. */
  values: ReadonlySet<string>;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export const decodeXml = (s: string): string =>
  s.indexOf("&") < 0
    ? s
    : s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, e: string) =>
        e[0] === "#"
          ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
          : (ENTITIES[e.toLowerCase()] ?? whole),
      );

export const encodeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const numeric = (s: string) => /^[\d\s.,+-]+$/.test(s);

/** What removes the cohort's texts from one string. */
export class Scrubber {
  private readonly exact: Set<string>;
  private readonly exactText: Set<string>;
  private readonly anywhere: RegExp | null;

  constructor(tokens: CohortTokens) {
    const all = [...tokens.references, ...tokens.values].map((t) => t.trim()).filter(Boolean);
    this.exact = new Set(all);
    this.exactText = new Set(all.filter((t) => !numeric(t)));
    // Longest first, so a reference that contains another is removed whole.
    const refs = [...tokens.references]
      .map((t) => t.trim())
      .filter((t) => t.length >= 2 && !numeric(t))
      .sort((a, b) => b.length - a.length);
    // A short reference ("P7") only as a word of its own, so other text that contains it is kept
    // (a page header's section codes &L, &C and &R count as a gap).
    const pattern = (t: string) =>
      t.length >= 5 ? escapeRe(t) : `(?<=^|[^\\p{L}\\p{N}]|&[LCR])${escapeRe(t)}(?![\\p{L}\\p{N}])`;
    this.anywhere = refs.length ? new RegExp(refs.map(pattern).join("|"), "gu") : null;
  }

  get empty(): boolean {
    return this.exact.size === 0;
  }

  /**
   * Whether a part needs reading closely: it holds the longest piece of a
   * value that XML stores as it is (no & < > " '), however the rest was
   * escaped. Rich text may split a value over runs, so the parts that hold
   * rich text are always read.
   */
  worthReading(name: string, xml: string): boolean {
    if (/(^|\/)(sharedStrings|comments\d*|threadedComment\d*)\.xml$/i.test(name)) return true;
    if (this.stored === undefined) {
      const pieces = [...this.exact].map((t) =>
        t.split(/[&<>"']/).reduce((a, b) => (b.length > a.length ? b : a), ""),
      );
      this.stored = pieces.includes("") ? null : new RegExp([...new Set(pieces)].map(escapeRe).join("|"));
    }
    return this.stored === null || this.stored.test(xml);
  }

  private stored: RegExp | null | undefined;

  /** Whether `s` holds any reference (a quick test before a part is read closely). */
  mayHold(s: string): boolean {
    if (!this.anywhere) return false;
    this.anywhere.lastIndex = 0;
    return this.anywhere.test(s);
  }

  /**
   * `text` without the cohort's values: "" when it is one, references
   * replaced by "…" inside longer text. `numbers`: also a text that is
   * exactly a number-like value (only where the text cannot be a count).
   */
  text(text: string, numbers: boolean): string {
    const t = text.trim();
    if (t === "") return text;
    if ((numbers ? this.exact : this.exactText).has(t)) return "";
    if (!this.anywhere) return text;
    this.anywhere.lastIndex = 0;
    return this.anywhere.test(text) ? text.replace(this.anywhere, "…") : text;
  }

  /** A formula with the cohort's values taken out of its quoted text only. */
  formula(f: string): string {
    return f.replace(/"((?:[^"]|"")*)"/g, (whole, body: string) => {
      const inner = body.replace(/""/g, '"');
      const out = this.text(inner, true);
      return out === inner ? whole : `"${out.replace(/"/g, '""')}"`;
    });
  }
}

/** Elements whose text is a formula: only quoted text in them is changed. */
const FORMULA = new Set([
  "f",
  "formula",
  "formula1",
  "formula2",
  "definedName",
  "calculatedColumnFormula",
  "totalsRowFormula",
]);
/** Elements whose text is an address or an identifier, never the people's. */
const STRUCTURAL = new Set(["sqref", "ref", "numFmt", "formatCode"]);
/** Elements of rich text whose runs are read as one text (a value may be split over runs). */
const RICH = new Set(["si", "is", "text"]);
/**
 * Attributes that hold shown text, by element: filter values, pivot items,
 * hyperlink text, a total's label, drop-down messages, pictures' alt text.
 * Others (a chart's val="r", say) are enumerations and left alone.
 */
const TEXT_ATTRIBUTES: Record<string, RegExp> = {
  filter: /\b(val)="([^"]*)"/g,
  customFilter: /\b(val)="([^"]*)"/g,
  s: /\b(v)="([^"]*)"/g,
  hyperlink: /\b(display|tooltip)="([^"]*)"/g,
  tableColumn: /\b(totalsRowLabel)="([^"]*)"/g,
  dataValidation: /\b(prompt|error|promptTitle|errorTitle)="([^"]*)"/g,
  cNvPr: /\b(title|descr)="([^"]*)"/g,
  docPr: /\b(title|descr)="([^"]*)"/g,
};
/** Where a value that is only digits is still text: a filter on the references, a pivot's text item. */
const NUMBER_AS_TEXT = new Set(["filter", "customFilter", "s"]);

const local = (name: string) => name.slice(name.indexOf(":") + 1);

interface Frame {
  name: string;
  attrs: string;
}

/**
 * One XML part without the cohort's values. Returns null when nothing
 * changed. A cell's cached value (<v>) is text only when the cell says
 * t="str"; numbers stay as they are.
 */
export function scrubXml(xml: string, s: Scrubber): string | null {
  // A worksheet's cells, often most of the file, are read cell by cell: only text cells and quoted text can change.
  const a = xml.indexOf("<sheetData");
  const b = xml.lastIndexOf("</sheetData>");
  if (a < 0 || b < a) return scrubTags(xml, s);
  const parts = [xml.slice(0, a), xml.slice(a, b), xml.slice(b)];
  const done = [scrubTags(parts[0], s), scrubCells(parts[1], s), scrubTags(parts[2], s)];
  return done.every((d) => d === null) ? null : done.map((d, i) => d ?? parts[i]).join("");
}

/** What in a sheet's cells can hold text: a cell with a text result or inline text, a formula with quoted text. */
const TEXT_CELL =
  /<c\b[^>]*\bt="(?:str|inlineStr)"[^>]*>[\s\S]*?<\/c>|<f\b[^>]*>[^<]*(?:&quot;|")[^<]*<\/f>/g;

/** The cells of a sheet without the cohort's values: inline text, cached text results, quoted text in formulas. */
function scrubCells(xml: string, s: Scrubber): string | null {
  let changed = false;
  const out = xml.replace(TEXT_CELL, (whole) => {
    const next = scrubTags(whole, s);
    if (next === null) return whole;
    changed = true;
    return next;
  });
  return changed ? out : null;
}

function scrubTags(xml: string, s: Scrubber): string | null {
  // Only the changes are kept, as [start, end, text]: a large sheet is read once and never copied piece by piece.
  const edits: [number, number, string][] = [];
  const stack: Frame[] = [];
  const TOKEN = /<(\/?)([A-Za-z_][\w:.-]*)([^>]*?)(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|<[!?][^>]*>|[^<]+/g;
  let rich: { start: number; frame: Frame } | null = null;
  for (const m of xml.matchAll(TOKEN)) {
    const whole = m[0];
    const at = m.index;
    if (m[2] !== undefined) {
      const [, close, name, attrs, selfClose] = m;
      const ln = local(name);
      if (close) {
        stack.pop();
        if (rich && rich.frame.name === name && !stack.includes(rich.frame)) {
          const end = at + whole.length;
          const r = scrubRich(xml.slice(rich.start, end), s);
          if (r.changed) edits.push([rich.start, end, r.xml]);
          rich = null;
        }
        continue;
      }
      const which = TEXT_ATTRIBUTES[ln];
      if (which && !rich) {
        const newAttrs = attrs.replace(which, (a, key: string, value: string) => {
          const v = decodeXml(value);
          const w = s.text(v, NUMBER_AS_TEXT.has(ln));
          return w === v ? a : `${key}="${encodeXml(w)}"`;
        });
        if (newAttrs !== attrs) edits.push([at, at + whole.length, `<${name}${newAttrs}${selfClose}>`]);
      }
      if (!selfClose) {
        const frame = { name, attrs };
        stack.push(frame);
        if (!rich && RICH.has(ln)) rich = { start: at, frame };
      }
      continue;
    }
    if (whole[0] === "<" || rich) continue;
    const top = stack[stack.length - 1];
    const ln = top ? local(top.name) : "";
    let next = whole;
    if (FORMULA.has(ln)) {
      const f = decodeXml(whole);
      const g = s.formula(f);
      if (g !== f) next = encodeXml(g);
    } else if (STRUCTURAL.has(ln)) next = whole;
    else if (ln === "v" && stack.length >= 2 && local(stack[stack.length - 2].name) === "c") {
      const t = /\bt="([^"]*)"/.exec(stack[stack.length - 2].attrs)?.[1];
      const text = decodeXml(whole);
      if (t === "str" && s.text(text, true) !== text) next = encodeXml(s.text(text, true));
    } else {
      const text = decodeXml(whole);
      const scrubbed = s.text(text, false);
      if (scrubbed !== text) next = encodeXml(scrubbed);
    }
    if (next !== whole) edits.push([at, at + whole.length, next]);
  }
  if (edits.length === 0) return null;
  const out: string[] = [];
  let from = 0;
  for (const [start, end, text] of edits) {
    out.push(xml.slice(from, start), text);
    from = end;
  }
  out.push(xml.slice(from));
  return out.join("");
}

/** A rich-text element (shared string, inline string, note) read as one text; rewritten plain if it held a value. */
function scrubRich(xml: string, s: Scrubber): { xml: string; changed: boolean } {
  const open = /^<([^\s>/]+)[^>]*>/.exec(xml);
  if (!open) return { xml, changed: false };
  // Phonetic guides (<rPh>) repeat the text in another script; they are not part of it.
  const body = xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, "");
  const runs = [...body.matchAll(/<((?:\w+:)?t)\b[^>]*?(?:\/>|>([\s\S]*?)<\/\1>)/g)];
  const name = open[1];
  // A threaded comment's <text> holds its text directly; notes and strings hold runs (<t>).
  const plain = runs.length === 0;
  const text = plain
    ? decodeXml(body.slice(open[0].length, body.lastIndexOf("</")))
    : runs.map((m) => decodeXml(m[2] ?? "")).join("");
  const scrubbed = s.text(text, true);
  if (scrubbed === text) return { xml, changed: false };
  const prefix = name.includes(":") ? name.slice(0, name.indexOf(":") + 1) : "";
  const inner = plain
    ? encodeXml(scrubbed)
    : `<${prefix}t xml:space="preserve">${encodeXml(scrubbed)}</${prefix}t>`;
  return { xml: `${open[0]}${inner}</${name}>`, changed: true };
}
