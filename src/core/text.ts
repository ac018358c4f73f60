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
