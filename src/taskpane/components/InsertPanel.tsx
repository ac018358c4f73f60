import { Suspense, lazy, useState } from "react";
import { Button, Checkbox, ProgressBar, Field, makeStyles, tokens } from "@fluentui/react-components";
import { SHEET_ORDER, type SheetKey } from "../../sheets/build";
import { insertSheets, sheetClashes, type ClashChoice, type InsertReport } from "../../app/insertSheets";
import { friendlyError, plural } from "../util";
import { Notice, type NoticeState } from "./Notice";
import type { PanelProps } from "./panelProps";

// The dialog (and its animation code) is only needed when a sheet name clashes, so it loads on demand.
const ClashDialog = lazy(() => import(/* webpackChunkName: "clash-dialog" */ "./ClashDialog"));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  fieldset: { border: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** The MessageBar lines for an insert: what was created, updated or added as a copy. */
export function describeInsert(report: InsertReport): string[] {
  const lines: string[] = [];
  const by = (a: string) => report.plans.filter((p) => p.action === a);
  const created = by("create").map((p) => p.finalName);
  const updated = by("update").map((p) => p.finalName);
  const renamed = by("rename").map((p) => `${p.finalName} (copy of ${p.sheet})`);
  if (created.length) lines.push(`Created: ${created.join(", ")}.`);
  if (updated.length) lines.push(`Updated: ${updated.join(", ")}.`);
  if (renamed.length) lines.push(`Added as copies: ${renamed.join(", ")}.`);
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const cols = Object.values(report.addedColumns).flat();
  const extras = [
    cols.length ? `columns added: ${cols.join(", ")}` : "",
    sum(report.addedRows) ? plural(sum(report.addedRows), "row") + " added" : "",
    sum(report.keptValues)
      ? `${sum(report.keptValues).toLocaleString("en-GB")} of your values kept unchanged`
      : "",
  ].filter(Boolean);
  if (extras.length) lines.push(extras.join("; ") + ".");
  lines.push(...report.notes);
  return lines;
}

export default function InsertPanel({ port, operation }: PanelProps) {
  const styles = useStyles();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(SHEET_ORDER.map((s) => s.key)));
  const [clashes, setClashes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(null);

  const allChosen = chosen.size === SHEET_ORDER.length;
  const include = (): SheetKey[] => SHEET_ORDER.filter((s) => chosen.has(s.key)).map((s) => s.key);
  const toggle = (key: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    setChosen(next);
  };

  const start = async () => {
    if (chosen.size === 0) {
      setNotice({ intent: "warning", title: "Choose at least one sheet to insert." });
      return;
    }
    setNotice(null);
    try {
      // Sheets Harm Planner made and nobody has changed are updated without asking.
      const clash = await sheetClashes(port, include(), operation);
      if (clash.length) setClashes(clash);
      else await run("update", []);
    } catch (e) {
      setNotice({
        intent: "error",
        title: "Could not read the workbook's sheets.",
        lines: [friendlyError(e)],
      });
    }
  };

  /** `choice` is for the sheets the analyst was asked about; the others are Harm Planner's own and are updated. */
  const run = async (choice: ClashChoice, asked: readonly string[]) => {
    setClashes(null);
    setBusy(true);
    try {
      const onClash = (sheet: string): ClashChoice => (asked.includes(sheet) ? choice : "update");
      const report = await insertSheets(port, operation, include(), onClash);
      setNotice({
        intent: "success",
        title: `Inserted ${plural(report.plans.length, "sheet")}.`,
        lines: describeInsert(report),
      });
    } catch (e) {
      setNotice({ intent: "error", title: "The sheets were not inserted.", lines: [friendlyError(e)] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.root}>
      <fieldset className={styles.fieldset}>
        <legend>Sheets to insert</legend>
        <Checkbox
          label="All sheets"
          checked={allChosen ? true : chosen.size === 0 ? false : "mixed"}
          onChange={(_, d) => setChosen(d.checked ? new Set(SHEET_ORDER.map((s) => s.key)) : new Set())}
        />
        {SHEET_ORDER.map((s) => (
          <Checkbox
            key={s.key}
            label={s.name}
            checked={chosen.has(s.key)}
            onChange={(_, d) => toggle(s.key, d.checked === true)}
          />
        ))}
      </fieldset>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void start()} disabled={busy}>
          Insert sheets
        </Button>
      </div>
      {busy && (
        <Field validationMessage="Writing sheets…" validationState="none">
          <ProgressBar aria-label="Inserting sheets" />
        </Field>
      )}
      <Notice notice={notice} testId="insert-notice" focus />
      {clashes !== null && (
        <Suspense fallback={null}>
          <ClashDialog
            clashes={clashes}
            onChoose={(choice) => (choice ? void run(choice, clashes) : setClashes(null))}
          />
        </Suspense>
      )}
    </div>
  );
}
