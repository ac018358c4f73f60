/**
 * The headline of an evaluation: the headline measure's figures under the
 * operation's lengths and dispersion, its sentence and its verdict, or why
 * there is none. The pane, the command line (src/app/evaluation.ts) and
 * HARM.VERDICT all read it from here, so they cannot disagree.
 */
import { isHarmError } from "../errors";
import { operationLengths, type Operation } from "../operation";
import type { EvaluationFigures } from "../stats/evaluate";
import type { VerdictLabel } from "../stats/verdict";
import { rowFigures } from "./figures";
import { headlineSentence } from "./headline";
import type { CubeEvaluation } from "./operation";
import type { ResultsRow } from "./types";

export interface Headline {
  row: ResultsRow;
  figures: EvaluationFigures;
  /** "All selected crime: target up 6% a month (30 → 32); …. Not credited: …." */
  sentence: string;
  label: VerdictLabel;
}

export function headlineOf(
  e: CubeEvaluation,
  op: Operation,
  confidence: number,
): Headline | { reason: string } {
  const row = e.results[e.headline];
  if (!row) return { reason: "nothing was counted" };
  try {
    const figures = rowFigures(row, op, confidence);
    const sentence = headlineSentence({ row, figures, lengths: operationLengths(op), confidence });
    return { row, figures, sentence, label: figures.judgement.label };
  } catch (e) {
    if (!isHarmError(e)) throw e;
    return { reason: e.message };
  }
}
