/**
 * The figures of one Results row under the operation's period lengths and
 * dispersion: what the Results sheet caches, the pane reports and the CLI
 * prints, all from src/core/stats/evaluate.ts.
 */
import { operationLengths, type Operation } from "../operation";
import { evaluateCounts, type EvaluationFigures } from "../stats/evaluate";
import type { ResultsRow } from "./types";

/** The dispersion the analyst typed on the Operation sheet (≥ 1), which overrides the data's; else undefined. */
export const typedDispersion = (op: Pick<Operation, "dispersion">): number | undefined =>
  typeof op.dispersion === "number" && Number.isFinite(op.dispersion) && op.dispersion >= 1
    ? op.dispersion
    : undefined;

/** The dispersion a row's intervals use: typed, else the row's estimate from the data, else 1. */
export function rowDispersion(row: Pick<ResultsRow, "context">, op: Pick<Operation, "dispersion">): number {
  const typed = typedDispersion(op);
  if (typed !== undefined) return typed;
  const d = row.context?.dispersion.data;
  return typeof d === "number" && Number.isFinite(d) && d >= 1 ? d : 1;
}

/** Throws a HarmError for counts no statistic can use (negative, not numbers). */
export function rowFigures(row: ResultsRow, operation: Operation, confidence = 0.95): EvaluationFigures {
  return evaluateCounts({
    target: row.target,
    control: row.control,
    ...(row.buffer ? { buffer: row.buffer } : {}),
    lengths: operationLengths(operation),
    confidence,
    dispersion: rowDispersion(row, operation),
    dispersionSource: typedDispersion(operation) !== undefined ? "typed" : "data",
    kind: row.kind ?? "counts",
    ...(row.harmParts ? { harmParts: row.harmParts } : {}),
    ...(row.coverage ? { coverage: row.coverage } : {}),
    ...(row.context ? { context: row.context } : {}),
  });
}

/** The typed dispersion, else the data's estimate (when there is one), else 1. */
export const dispersionOf = (op: Pick<Operation, "dispersion">, fromData?: number): number =>
  typedDispersion(op) ??
  (typeof fromData === "number" && Number.isFinite(fromData) && fromData >= 1 ? fromData : 1);
