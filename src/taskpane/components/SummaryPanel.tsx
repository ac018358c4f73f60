import { useMemo, useState } from "react";
import { Button, Checkbox, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { refreshSummary } from "../../app/refreshSummary";
import { makePortableCopy } from "../../app/portable";
import { friendlyError, plural } from "../util";
import { Notice, type NoticeState } from "./Notice";
import type { PanelProps } from "./panelProps";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  verdict: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** The status word, coloured as the sheet colours it (src/sheets/specs/summary.ts STATUS_FILLS). */
const useStatusStyles = makeStyles({
  status: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "#D9D9D9",
    color: "#262626",
  },
  Credited: { backgroundColor: "#C6EFCE", color: "#006100" },
  "No clear change": { backgroundColor: "#FFEB9C", color: "#7F6000" },
  "Not credited": { backgroundColor: "#FFC7CE", color: "#9C0006" },
});

/** The Summary sheet's first line, as the workbook shows it: the status in words and colour, then the sentence. */
function Verdict({ headline }: { headline: { sentence: string; status: string } }) {
  const styles = useStyles();
  const s = useStatusStyles();
  const colour = (s as Record<string, string>)[headline.status] ?? "";
  return (
    <section
      className={styles.verdict}
      aria-label="Verdict on the headline measure"
      data-testid="summary-verdict"
    >
      {headline.status ? (
        <span className={mergeClasses(s.status, colour)} data-testid="summary-status">
          {headline.status}
        </span>
      ) : null}
      <Text data-testid="summary-sentence">{headline.sentence}</Text>
    </section>
  );
}

export default function SummaryPanel({ port, operation }: PanelProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [headline, setHeadline] = useState<{ sentence: string; status: string } | null>(null);
  const [copyNotice, setCopyNotice] = useState<NoticeState | null>(null);
  // The Cohort sheet's people are personal data: a shared copy leaves them out unless ticked.
  const [includeCohort, setIncludeCohort] = useState(false);
  // Said before the analyst tries: some Excel versions cannot hand the file over at all.
  const copySupport = useMemo(() => port.portableCopySupport(), [port]);

  const refresh = async () => {
    setBusy(true);
    setNotice(null);
    setHeadline(null);
    try {
      const outcome = await refreshSummary(port, operation);
      if (!outcome.built) {
        setNotice({
          intent: "warning",
          title: "There is no Results sheet yet.",
          lines: [
            "Count incidents on the Evaluate tab (or insert the Results sheet and fill it in), then try again.",
          ],
        });
        return;
      }
      const { report: r, skipped } = outcome;
      setHeadline(outcome.headline);
      // A measure left off the Summary must be said out loud, or a manager reads a partial picture.
      setNotice({
        intent: skipped.length || r.note ? "warning" : "success",
        title: `${r.created ? "Built" : "Refreshed"} the ${r.finalName} sheet from ${plural(outcome.results, "result")}.`,
        lines: [
          ...skipped
            .slice(0, 5)
            .map(
              (s) =>
                `Left out Results row ${s.row} (${s.measure}): ${s.reason}. Enter a number there and refresh.`,
            ),
          skipped.length > 5 ? `…and ${plural(skipped.length - 5, "more row")}.` : "",
          r.note ?? "",
          r.addedRows ? `${plural(r.addedRows, "row")} added to its results table.` : "",
          r.keptValues ? `${plural(r.keptValues, "value")} you typed on it kept unchanged.` : "",
          "Read it alongside the Results sheet, which has the confidence intervals behind each figure.",
        ].filter(Boolean),
      });
    } catch (e) {
      setNotice({ intent: "error", title: "The summary was not built.", lines: [friendlyError(e)] });
    } finally {
      setBusy(false);
    }
  };

  const portable = async () => {
    setBusy(true);
    setCopyNotice(null);
    try {
      const { replaced, peopleLeftOut, numbersBlanked } = await makePortableCopy(port, { includeCohort });
      setCopyNotice({
        intent: "success",
        title: "Opened a portable copy in a new window.",
        lines: [
          `${plural(replaced, "HARM formula")} replaced by ${replaced === 1 ? "its value" : "their values"}, so the copy opens without the add-in.`,
          peopleLeftOut
            ? `${plural(peopleLeftOut, "person's row", "people's rows")} left out of the Cohort sheet (personal data); its results are kept as values.`
            : "",
          numbersBlanked
            ? `${plural(numbersBlanked.count, "number cell")} blanked in the copy for holding a person's reference ` +
              `(${numbersBlanked.cells.join(", ")}${numbersBlanked.count > numbersBlanked.cells.length ? ", …" : ""}); ` +
              "if one is a count that reads the same by chance, type it into the copy again."
            : "",
          "Your workbook is unchanged.",
        ].filter(Boolean),
      });
    } catch (e) {
      setCopyNotice({ intent: "error", title: "No portable copy was made.", lines: [friendlyError(e)] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.root}>
      <Text>
        The Summary sheet is the one page a manager reads: the verdict on the headline measure in one
        sentence, the change by area and by month, each measure against the comparison areas' trend, and the
        checks behind them (UKDPC 2009, chapter 4). It prints on one A4 page.
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void refresh()} disabled={busy}>
          Build or refresh Summary
        </Button>
      </div>
      <Notice notice={notice} testId="summary-notice" focus />
      {headline ? <Verdict headline={headline} /> : null}
      <Text>
        A portable copy replaces HARM formulas with their values so colleagues without Harm Planner can open
        it.
      </Text>
      <Checkbox
        label="Include the people on the Cohort sheet (personal data)"
        checked={includeCohort}
        onChange={(_, d) => setIncludeCohort(d.checked === true)}
        disabled={busy || !copySupport.supported}
      />
      <div className={styles.actions}>
        <Button
          onClick={() => void portable()}
          disabled={busy || !copySupport.supported}
          aria-describedby={copySupport.supported ? undefined : "portable-unsupported"}
        >
          Make portable copy
        </Button>
      </div>
      {copySupport.supported ? null : (
        <Text id="portable-unsupported" data-testid="portable-unsupported">
          Not available here: {copySupport.reason}
        </Text>
      )}
      <Notice notice={copyNotice} testId="portable-notice" focus />
    </div>
  );
}
