/**
 * Numbers typed as text (a CSV cell, a form field, a cell Excel stored as
 * text). One reading everywhere, and it never guesses: "1,5" is refused
 * rather than read as 15, because in much of Europe it means one and a half.
 */

/** Plain decimal or scientific notation, optionally signed. */
const PLAIN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** Thousands separated by commas in groups of three: 1,234 or 12,345,678.9 */
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * The number a text holds, or null when it is not a number written one
 * unambiguous way. Infinity and overflow (1E400) are not numbers here.
 */
export function parseNumberText(text: string): number | null {
  const t = text.trim();
  if (t === "") return null;
  let n: number;
  if (PLAIN.test(t)) n = Number(t);
  else if (GROUPED.test(t)) n = Number(t.replace(/,/g, ""));
  else return null;
  return Number.isFinite(n) ? n : null;
}
