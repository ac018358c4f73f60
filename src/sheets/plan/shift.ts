/**
 * Moves a same-row formula to another row: relative A1 references ("F12")
 * shift by `rows`; absolute rows ("$F$12", "F$12"), text in quotes, names and
 * function calls stay as they are. Needed when a model row lands on a
 * different sheet row (rows appended to an analyst's existing table).
 */
const REF = /(^|[^A-Za-z0-9_.$!'\]])(\$?[A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(!])/g;

export function shiftFormulaRows(formula: string, rows: number): string {
  if (rows === 0) return formula;
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REF, (m, pre: string, col: string, abs: string, row: string) =>
            abs === "$" ? m : `${pre}${col}${Math.max(1, Number(row) + rows)}`,
          ),
    )
    .join("");
}
