import { useRef, useState } from "react";
import { Button, Field, Input, ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import {
  COHORT_FIELDS,
  guessCohortColumns,
  importCohort,
  looksPersonal,
  personalColumnsMessage,
  type CohortColumnMap,
  type CohortImportReport,
} from "../../app/importCohort";
import { CancelledError, type TableData } from "../../workbook/port";
import { readCsvFiles } from "../evaluate/csvImport";
import { friendlyError, plural } from "../util";
import { ColumnSelect } from "./ColumnPicker";
import { CsvFilePicker } from "./CsvFilePicker";
import { Notice, type NoticeState } from "./Notice";
import type { PanelProps } from "./panelProps";
import { groupBox } from "./styles";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  fieldset: { ...groupBox, gap: tokens.spacingVerticalXS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
});

interface Loaded {
  name: string;
  data: TableData;
}

function doneNotice(r: CohortImportReport): NoticeState {
  return {
    intent: r.rowsToFix ? "warning" : "success",
    title: `${r.createdSheet ? "Created" : "Updated"} the ${r.sheet} sheet: ${plural(r.people, "person", "people")} on it.`,
    lines: [
      `${plural(r.added, "row")} added, ${plural(r.updated, "row")} updated by reference.`,
      r.rowsToFix
        ? `${plural(r.rowsToFix, "row")} to fix (see Row check): the results wait until every row passes.`
        : "",
      r.resultsRefreshed
        ? ""
        : "The results block has moved on that sheet, so it was not rewritten: insert the Cohort sheet again with Update.",
      "Portable copies and the template leave these rows out unless you choose them.",
    ].filter(Boolean),
  };
}

/** Import the people targeted (a CSV from a force system) into the Cohort sheet. */
export default function CohortPanel({ port }: PanelProps) {
  const styles = useStyles();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [columns, setColumns] = useState<CohortColumnMap | null>(null);
  const [windowDays, setWindowDays] = useState("");
  const [busy, setBusy] = useState<number | undefined | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const abort = useRef<AbortController | null>(null);

  const read = async (files: File[]) => {
    const ctl = new AbortController();
    abort.current = ctl;
    setNotice(null);
    setBusy(undefined);
    try {
      const data = await readCsvFiles(files, {
        signal: ctl.signal,
        onProgress: (done, total) => setBusy(total ? done / total : undefined),
      });
      const name = files.length === 1 ? files[0].name : `${files.length} files`;
      setLoaded({ name, data });
      setColumns(guessCohortColumns(data.headers));
      const notices = (data as { notices?: string[] }).notices ?? [];
      setNotice({
        intent: "info",
        title: `Read ${plural(data.rows.length, "row")} from ${name}.`,
        lines: [...notices, "Check the columns below, then import. Only the columns you choose are written."],
      });
    } catch (e) {
      setNotice(
        e instanceof CancelledError
          ? { intent: "info", title: "Import cancelled. Nothing was changed." }
          : { intent: "error", title: "Could not read the cohort file.", lines: [friendlyError(e)] },
      );
    } finally {
      abort.current = null;
      setBusy(null);
    }
  };

  const headers = loaded?.data.headers ?? [];
  const personal = loaded && columns ? personalColumnsMessage(headers, columns) : null;
  const needsWindow = columns !== null && columns.windowDays < 0;
  const window = windowDays.trim() === "" ? null : Number(windowDays);

  const run = async () => {
    if (!loaded || !columns) return;
    setNotice(null);
    setBusy(undefined);
    try {
      const report = await importCohort(port, {
        data: loaded.data,
        columns,
        windowDays: needsWindow ? window : null,
      });
      setNotice(doneNotice(report));
      // The file's rows are personal data: the pane keeps them no longer than the import needs.
      setLoaded(null);
      setColumns(null);
    } catch (e) {
      setNotice({ intent: "error", title: "The cohort was not imported.", lines: [friendlyError(e)] });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={styles.root}>
      <Text>
        Import the people targeted by enforcement or treatment, and a comparison group, from a CSV exported
        from your force system. Each row needs a pseudonymous reference, never a name or date of birth.
      </Text>
      <CsvFilePicker
        id="cohort-file"
        label="Cohort CSV file"
        hint="The file stays on this computer; only the columns you choose reach the Cohort sheet."
        disabled={busy !== null}
        onFiles={(files) => void read(files)}
      />
      {busy !== null && (
        <div className={styles.row} data-testid="cohort-progress">
          <Field label="Progress" style={{ flex: 1 }}>
            <ProgressBar value={busy} />
          </Field>
          {abort.current && <Button onClick={() => abort.current?.abort()}>Cancel</Button>}
        </div>
      )}
      <Notice notice={notice} testId="cohort-notice" focus />
      {loaded && columns && (
        <>
          <fieldset className={styles.fieldset}>
            <legend>Columns in {loaded.name}</legend>
            {COHORT_FIELDS.map((f) => (
              <ColumnSelect
                key={f.field}
                label={f.label}
                headers={headers}
                value={columns[f.field]}
                optional={!f.required || f.field === "windowDays"}
                onChange={(i) => {
                  setColumns({ ...columns, [f.field]: i });
                }}
                testId={`cohort-col-${f.field}`}
                disabled={busy !== null}
                warning
                hint={
                  columns[f.field] >= 0 && looksPersonal(headers[columns[f.field]] ?? "")
                    ? "This heading looks like personal data: it is never imported."
                    : undefined
                }
              />
            ))}
          </fieldset>
          {needsWindow && (
            <Field
              label="Window for everyone (days)"
              hint="The file has no window column: one length for all."
            >
              <Input
                type="number"
                min={1}
                value={windowDays}
                onChange={(_, d) => setWindowDays(d.value)}
                data-testid="cohort-window"
              />
            </Field>
          )}
          {personal && <Notice notice={{ intent: "warning", title: personal }} testId="cohort-personal" />}
          <div className={styles.row}>
            <Button
              appearance="primary"
              onClick={() => void run()}
              disabled={busy !== null || personal !== null}
            >
              Import into the Cohort sheet
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
