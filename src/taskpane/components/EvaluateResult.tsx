/** What a count did, from its outcome: the Results rows written, the headline and what became of every row. */
import { ALL_SELECTED } from "../../core/evaluation";
import { rowAccounting } from "../../core/evaluation/accounting";
import { headlineSentence } from "../../core/evaluation/figures";
import type { EvaluateOutcome } from "../../app/evaluateIncidents";
import { monitoringSummary } from "../../app/monitoring";
import { Notice } from "./Notice";

const n = (x: number) => x.toLocaleString("en-GB");

export function EvaluateResult({ outcome }: { outcome: EvaluateOutcome }) {
  const { evaluation, report, headline, monitoring } = outcome;
  const a = evaluation.aggregate;
  const accounting = rowAccounting(a);
  const u = accounting.unusable;
  return (
    <>
      <Notice
        testId="evaluate-notice"
        focus
        notice={{
          intent: "success",
          title: `${report.createdSheet ? "Created" : "Updated"} the ${report.sheet} sheet.`,
          lines: [
            report.updated.length ? `Updated rows: ${report.updated.join(", ")}.` : "",
            report.added.length ? `Added rows: ${report.added.join(", ")}.` : "",
            report.stale?.length
              ? `Not in this count, so marked in their Months missing cell as from an earlier count: ${report.stale.join(", ")}. Delete those rows if you no longer need them.`
              : "",
            `${ALL_SELECTED}: target ${n(a.target.before)} before, ${n(a.target.after)} after; control ${n(a.control.before)} before, ${n(a.control.after)} after.`,
            headline ? headlineSentence(headline) : "",
            headline ? `Checks: ${headline.checksText}` : "",
            evaluation.results.some((r) => r.kind === "harm")
              ? "Harm weights from the Operation sheet differ from 1, so a harm-weighted total row was written too."
              : "",
            accounting.summary,
            monitoringSummary(monitoring),
          ].filter(Boolean),
        }}
      />
      {u && (
        <Notice
          testId="evaluate-rejected"
          notice={{
            intent: "warning",
            title: u.title,
            lines: [...u.reasons, "First examples:", ...u.examples],
          }}
        />
      )}
    </>
  );
}
