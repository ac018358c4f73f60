/**
 * The figures of one Results row under the operation's period lengths and
 * dispersion: what the Results sheet caches, the pane reports and the CLI
 * prints, all from src/core/stats/evaluate.ts.
 */
import { operationLengths, type Operation } from "../operation";
import { evaluateCounts, type EvaluationFigures } from "../stats/evaluate";
import type { ResultsRow } from "./types";

/** The dispersion factor in use: the operation's when it is a valid one (≥ 1), else 1. */
export const dispersionOf = (op: Pick<Operation, "dispersion">): number =>
  typeof op.dispersion === "number" && Number.isFinite(op.dispersion) && op.dispersion >= 1
    ? op.dispersion
    : 1;

/** Throws a HarmError for counts no statistic can use (negative, not numbers). */
export function rowFigures(row: ResultsRow, operation: Operation): EvaluationFigures {
  return evaluateCounts({
    target: row.target,
    control: row.control,
    ...(row.buffer ? { buffer: row.buffer } : {}),
    lengths: operationLengths(operation),
    dispersion: dispersionOf(operation),
    kind: row.kind ?? "counts",
    ...(row.harmParts ? { harmParts: row.harmParts } : {}),
    ...(row.coverage ? { coverage: row.coverage } : {}),
  });
}

const one = (x: number) =>
  (Math.round(x * 10) / 10).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "Net effect: 11.0 crimes prevented (95% interval −25.0 to 47.1). Significant? No: interval includes zero." */
export function headlineSentence(f: EvaluationFigures): string {
  const ne = f.netEffect;
  const effect = ne.defined
    ? `Net effect: ${one(Math.abs(ne.value.estimate))} ${ne.value.estimate >= 0 ? "crimes prevented" : "more crimes than expected"} ` +
      `(95% interval ${one(ne.value.lower)} to ${one(ne.value.upper)}).`
    : `Net effect: not worked out (${ne.reason}).`;
  return `${effect} Significant? ${f.verdict}.`;
}
