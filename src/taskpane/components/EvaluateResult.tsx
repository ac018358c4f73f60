/**
 * What a count found, from its outcome, verdict first: the label in words
 * (and the notice's colour, never colour alone), the headline sentence and
 * its checks, the counts behind it, then the sheets written. Notes about the
 * data follow it (EvaluateNotes).
 */
import { ALL_SELECTED } from "../../core/evaluation";
import type { VerdictLabel } from "../../core/stats/verdict";
import type { EvaluateOutcome } from "../../app/evaluateIncidents";
import { monitoringSummary } from "../../app/monitoring";
import { Notice } from "./Notice";
import type { NoticeState } from "./noticeState";

const n = (x: number) => x.toLocaleString("en-GB");

/** The notice's colour for each verdict; the words always say it too. */
export const VERDICT_INTENT: Record<VerdictLabel, NoticeState["intent"]> = {
  Credited: "success",
  "No clear change": "info",
  "Not credited": "warning",
  "Not judged": "warning",
};

export function EvaluateResult({ outcome }: { outcome: EvaluateOutcome }) {
  const { evaluation, report, verdict, monitoring } = outcome;
  const a = evaluation.aggregate;
  const judged = "reason" in verdict ? null : verdict;
  const j = judged?.figures.judgement;
  const title = j
    ? `Verdict: ${j.label}${j.borderline ? " (borderline)" : ""} — ${j.reason}.`
    : `Verdict: Not judged — ${"reason" in verdict ? verdict.reason : ""}.`;
  return (
    <Notice
      testId="evaluate-notice"
      focus
      notice={{
        intent: j ? VERDICT_INTENT[j.label] : "warning",
        title,
        lines: [
          judged ? judged.sentence : "",
          judged ? `Checks: ${judged.figures.checksText}` : "",
          `${ALL_SELECTED}: target ${n(a.target.before)} before, ${n(a.target.after)} after; control ${n(a.control.before)} before, ${n(a.control.after)} after.`,
          evaluation.results.some((r) => r.kind === "harm")
            ? "Harm weights from the Operation sheet differ from 1, so a harm-weighted total row was written too."
            : "",
          `${report.createdSheet ? "Created" : "Updated"} the ${report.sheet} sheet.`,
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
