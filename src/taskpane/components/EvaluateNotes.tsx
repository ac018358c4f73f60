/**
 * Notes about the data, below the result: what became of every row, the rows
 * that could not be used (by reason, with the first few named by file and
 * line) and what reading the files found. Each group opens on demand, so a
 * few thousand rows with no area code never push the result out of sight.
 */
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { rowAccounting } from "../../core/evaluation/accounting";
import type { EvaluateOutcome } from "../../app/evaluateIncidents";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  group: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  summary: { cursor: "pointer", fontWeight: tokens.fontWeightSemibold },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: "1.2em" },
});

const n = (x: number) => x.toLocaleString("en-GB");

function Group(props: { title: string; lines: string[]; testId?: string }) {
  const styles = useStyles();
  return (
    <details className={styles.group} data-testid={props.testId}>
      <summary className={styles.summary}>{props.title}</summary>
      <ul className={styles.list}>
        {props.lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </details>
  );
}

export function EvaluateNotes(props: { outcome: EvaluateOutcome; fileNotes: readonly string[] }) {
  const styles = useStyles();
  const a = props.outcome.evaluation.aggregate;
  const accounting = rowAccounting(a);
  const u = accounting.unusable;
  return (
    <section className={styles.root} aria-label="Notes about the data" data-testid="evaluate-notes">
      <Text weight="semibold">Notes about the data</Text>
      <Group
        title={`Rows: ${n(a.rowsRead)} read, ${n(a.rowsUsed)} counted`}
        lines={[accounting.summary, ...accounting.copies]}
      />
      {u && (
        <Group
          testId="evaluate-rejected"
          title={u.title}
          lines={[...u.reasons, "First examples:", ...u.examples]}
        />
      )}
      {props.fileNotes.length > 0 && (
        <Group
          title={`Reading the files: ${props.fileNotes.length === 1 ? "1 note" : `${props.fileNotes.length} notes`}`}
          lines={[...props.fileNotes]}
        />
      )}
    </section>
  );
}
