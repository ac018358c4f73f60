/**
 * Formula-injection guard. Text that came from a CSV file, a shared template
 * or a task-pane form and begins with one of these characters would be read
 * by Excel (or any spreadsheet that opens an exported file) as a formula, so
 * every writer must store it as literal text. See SECURITY.md.
 */
export const INJECTION_PREFIXES: readonly string[] = ["=", "+", "-", "@", "\t", "\r"];

/** True when a spreadsheet could interpret `s` as a formula rather than text. */
export function isFormulaLike(s: string): boolean {
  return typeof s === "string" && s.length > 0 && INJECTION_PREFIXES.includes(s[0]);
}

/**
 * Text from a file, cut short for a message: a value read from a hostile file
 * may be a megabyte long, and a message must stay a line or two.
 */
export function clipText(s: string, max = 80): string {
  if (s.length <= max) return s;
  return `${s.slice(0, max)}… (${s.length.toLocaleString("en-GB")} characters)`;
}

/** Column headings for a message: each clipped, and at most `max` of them. */
export function headingsText(headings: readonly string[], max = 30): string {
  const shown = headings.slice(0, max).map((h) => clipText(h, 40));
  const more = (headings.length - max).toLocaleString("en-GB");
  return headings.length > max ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}
