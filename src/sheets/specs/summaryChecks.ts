/**
 * The checks behind the Summary's table as numbered footnotes: each Results
 * row's Checks sentences (and the reason it is not credited or not judged),
 * each distinct sentence printed once. Sentences that differ only in their
 * numbers ("Control is 38 times the target's size", "… 42 times …") become
 * one footnote that gives each measure's number, so the page states every
 * check once. Each table row lists the footnotes that apply to it.
 */

/** What one row contributes: its measure, its Checks cell and its Verdict cell. */
export interface RowChecks {
  measure: string;
  checks: string;
  verdict: string;
}

export interface Footnotes {
  /** "1. …" lines, in order of first appearance down the table. */
  notes: string[];
  /** For each row, the footnotes that apply: "1–3, 5", or "" for none. */
  marks: string[];
}

/** Sentences that say nothing is wrong are not footnotes. */
const NOTHING_TO_SAY = new Set(["All checks passed"]);

/** Sentences of a cell written as "A. B. C." (a full stop, a space, then a capital, digit or quote). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=\.)\s+(?=[A-Z0-9“"(])/)
    .map((s) => s.trim().replace(/\.$/, ""))
    .filter((s) => s !== "" && !NOTHING_TO_SAY.has(s));
}

const NUMBER = /[−-]?\d[\d,]*(?:\.\d+)?%?/g;

/** A sentence with its numbers taken out: sentences alike but for their numbers share it. */
const templateOf = (s: string): string => s.replace(NUMBER, "#");

/** The reason a row is not credited or not judged, as a sentence, when its Checks do not already say it. */
function verdictSentence(verdict: string, own: string[]): string[] {
  const m = /^(Not credited|Not judged)( \(borderline\))?: (.+)$/.exec(verdict.trim());
  if (!m) return [];
  const reason = m[3].replace(/\.$/, "");
  if (own.some((s) => s.toLowerCase().startsWith(reason.toLowerCase()))) return [];
  return [`${m[1]}: ${reason}`];
}

/** "a, b and c". */
const listed = (xs: string[]): string =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;

/** Where the variants of one template differ: from the first differing number to the last. */
function differingSpan(variants: string[]): { start: number; end: number } | null {
  const runs = variants.map((v) => [...v.matchAll(NUMBER)]);
  const n = runs[0].length;
  if (runs.some((r) => r.length !== n)) return null;
  let first = -1;
  let last = -1;
  for (let k = 0; k < n; k++)
    if (runs.some((r) => r[k][0] !== runs[0][k][0])) {
      if (first < 0) first = k;
      last = k;
    }
  if (first < 0) return null;
  return { start: runs[0][first].index!, end: runs[0][last].index! + runs[0][last][0].length };
}

/** Longest stretch of a sentence that may be repeated for each measure before whole sentences are listed. */
const MAX_SPAN = 60;

/** One footnote for sentences alike but for their numbers, each number with its measures. */
function mergeVariants(variants: { text: string; measures: string[] }[]): string {
  if (variants.length === 1) return variants[0].text;
  const texts = variants.map((v) => v.text);
  const span = differingSpan(texts);
  const who = (m: string[]) => `(${listed(m)})`;
  const whole = () => variants.map((v) => `${v.text} ${who(v.measures)}`).join("; ");
  if (!span || span.end - span.start > MAX_SPAN) return whole();
  const head = texts[0].slice(0, span.start);
  const tail = texts[0].slice(span.end);
  // A measure's name inside the sentence's own brackets would read as part of them.
  const open = (t: string) => (t.match(/\(/g) ?? []).length - (t.match(/\)/g) ?? []).length;
  if (open(head) !== 0 || open(texts[0].slice(span.start, span.end)) !== 0) return whole();
  // The same text before and after the numbers in every variant (their numbers line up one to one).
  const parts = variants.map((v) => {
    const end = v.text.length - tail.length;
    return `${v.text.slice(head.length, end)} ${who(v.measures)}`;
  });
  return `${head}${listed(parts)}${tail}`;
}

/** "1–3, 5" from [1, 2, 3, 5]. */
export function markList(ns: number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(
      j > i + 1 ? `${sorted[i]}–${sorted[j]}` : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : `${sorted[i]}`,
    );
    i = j;
  }
  return out.join(", ");
}

export function footnotes(rows: RowChecks[]): Footnotes {
  const groups: { template: string; variants: { text: string; measures: string[] }[] }[] = [];
  const rowTemplates = rows.map((r) => {
    const own = sentences(r.checks);
    const all = [...verdictSentence(r.verdict, own), ...own];
    const templates: string[] = [];
    for (const text of all) {
      const template = templateOf(text);
      let g = groups.find((x) => x.template === template);
      if (!g) groups.push((g = { template, variants: [] }));
      const v = g.variants.find((x) => x.text === text);
      if (v) {
        if (!v.measures.includes(r.measure)) v.measures.push(r.measure);
      } else g.variants.push({ text, measures: [r.measure] });
      if (!templates.includes(template)) templates.push(template);
    }
    return templates;
  });
  const number = new Map(groups.map((g, i) => [g.template, i + 1]));
  return {
    notes: groups.map((g, i) => `${i + 1}. ${mergeVariants(g.variants)}.`),
    marks: rowTemplates.map((ts) => markList(ts.map((t) => number.get(t)!))),
  };
}
