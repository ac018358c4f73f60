/**
 * What a count found, from its outcome, headline first: the net effect and
 * its checks, the counts behind it, then the sheets written. Notes about the
 * data follow it (EvaluateNotes).
 */
import { ALL_SELECTED } from "../../core/evaluation";
import { headlineSentence } from "../../core/evaluation/figures";
import type { EvaluateOutcome } from "../../app/evaluateIncidents";
import { monitoringSummary } from "../../app/monitoring";
import { Notice } from "./Notice";

const n = (x: number) => x.toLocaleString("en-GB");

export function EvaluateResult({ outcome }: { outcome: EvaluateOutcome }) {
  const { evaluation, report, headline, monitoring } = outcome;
  const a = evaluation.aggregate;
  return (
    <Notice
      testId="evaluate-notice"
      focus
      notice={{
        intent: "success",
        title: `${report.createdSheet ? "Created" : "Updated"} the ${report.sheet} sheet.`,
        lines: [
          headline ? headlineSentence(headline) : "",
          headline ? `Checks: ${headline.checksText}` : "",
          `${ALL_SELECTED}: target ${n(a.target.before)} before, ${n(a.target.after)} after; control ${n(a.control.before)} before, ${n(a.control.after)} after.`,
          evaluation.results.some((r) => r.kind === "harm")
            ? "Harm weights from the Operation sheet differ from 1, so a harm-weighted total row was written too."
            : "",
          report.updated.length ? `Updated rows: ${report.updated.join(", ")}.` : "",
          report.added.length ? `Added rows: ${report.added.join(", ")}.` : "",
          report.stale?.length
            ? `Not in this count, so marked in their Months missing cell as from an earlier count: ${report.stale.join(", ")}. Delete those rows if you no longer need them.`
            : "",
          monitoringSummary(monitoring),
        ].filter(Boolean),
      }}
    />
  );
}
