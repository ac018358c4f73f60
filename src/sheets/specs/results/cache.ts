/**
 * Cached values of the Results sheet's computed columns, from the one
 * evaluation in src/core/stats/evaluate.ts (through the figure list in
 * columns.ts): shown before any recalculation, stored in shared files, and
 * the only values for harm-total rows, whose figures need the counts per offence type.
 */
import { isHarmError } from "../../../core/errors";
import { operationLengths, type Operation } from "../../../core/operation";
import { rowFigures } from "../../../core/evaluation/figures";
import { coverageCheck } from "../../../core/stats/checks";
import type { Scalar } from "../../model";
import type { ResultsRow } from "../input";
import { RESULTS_FIGURES } from "./columns";
import { UNDEFINED_TEXT } from "./formulas";

export { shortReading, HARM_STORED_KEYS } from "./columns";

/** The text of the "Months missing" cell: the coverage check's words, blank when complete. */
export function missingText(row: ResultsRow): string {
  if (!row.coverage) return "";
  const c = coverageCheck(row.coverage);
  return c.ok ? "" : c.text;
}

/** Every computed column of one row, and the values the count stores, keyed by column. */
export function resultsCache(row: ResultsRow, operation: Operation): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const f of RESULTS_FIGURES) if (f.stored) out[f.column.key] = f.stored(row);
  let e;
  try {
    e = rowFigures(row, operation);
  } catch (err) {
    // Counts the formulas would refuse (negative, not numbers): every figure is n/a, as there.
    if (!isHarmError(err)) throw err;
    for (const f of RESULTS_FIGURES) if (f.cache) out[f.column.key] = UNDEFINED_TEXT;
    return out;
  }
  const source = { row, e, lengths: operationLengths(operation) };
  for (const f of RESULTS_FIGURES) if (f.cache) out[f.column.key] = f.cache(source);
  return out;
}
