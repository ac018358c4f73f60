import { useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  Checkbox,
  Field,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { codesNotFound, codesNotFoundMessage, guessColumns } from "../../core/incidents";
import { headlineLines } from "../../app/evaluation";
import { areaChoices, offenceTypeChoices, type ChoiceColumns } from "../../app/incidentChoices";
import { ALL_SELECTED, type ColumnMap } from "../../core/evaluation";
import { rowAccounting } from "../../core/evaluation/accounting";
import { evaluateAndWrite, restOfForceControl } from "../../app/evaluateIncidents";
import { monitoringSummary } from "../../app/monitoring";
import { incidentTables, type TableInfo } from "../../app/tables";
import { ColumnTable } from "../../app/incidentData";
import { CancelledError } from "../../workbook/port";
import { importCsvFiles } from "../evaluate/importFiles";
import { friendlyError, plural, todayIso, yieldToEventLoop } from "../util";
import { AreaPicker, type AreaOption } from "./AreaPicker";
import { CsvFilePicker } from "./CsvFilePicker";
import { Notice, type NoticeState } from "./Notice";
import { PlanningNotice, planningSourceOf } from "./PlanningNotice";
import type { PanelProps } from "./panelProps";
import { groupBox } from "./styles";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
  fieldset: { ...groupBox, gap: tokens.spacingVerticalXS },
  types: { display: "flex", flexDirection: "column", maxHeight: "220px", overflowY: "auto" },
});

interface Loaded {
  source: string;
  data: ColumnTable;
  /** CSV files, read again when the analyst maps a column that was not kept. */
  files?: File[];
}

interface Progress {
  label: string;
  value: number | undefined; // 0..1, undefined = indeterminate
}

const NONE = "-1";
const n = (x: number) => x.toLocaleString("en-GB");

export default function EvaluatePanel({ port, operation, setOperation, setPlanning }: PanelProps) {
  const styles = useStyles();
  const [source, setSource] = useState<"csv" | "table">("csv");
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [tableName, setTableName] = useState("");
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [columns, setColumns] = useState<ChoiceColumns & { id: number }>({
    date: -1,
    area: -1,
    offenceType: -1,
    areaName: -1,
    id: -1,
  });
  const [restOfForce, setRestOfForce] = useState(true);
  const [types, setTypes] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [rejectNotice, setRejectNotice] = useState<NoticeState | null>(null);
  const abort = useRef<AbortController | null>(null);

  const refreshTables = async () => {
    try {
      const list = await incidentTables(port);
      setTables(list);
      if (!list.some((t) => t.name === tableName)) setTableName(list[0]?.name ?? "");
    } catch (e) {
      setNotice({
        intent: "error",
        title: "Could not list the workbook's tables.",
        lines: [friendlyError(e)],
      });
    }
  };
  useEffect(() => {
    if (source === "table") void refreshTables();
  }, [source]);

  const accept = (data: ColumnTable, label: string, files?: File[]) => {
    const g = guessColumns(data.headers);
    setColumns({
      date: g.date ?? -1,
      area: g.area ?? -1,
      offenceType: g.offenceType ?? -1,
      areaName: g.areaName ?? -1,
      id: g.id ?? -1,
    });
    setLoaded({ source: label, data, files });
    setTypes(new Set());
    // Control areas typed on the Operation step win; otherwise the rest of the data is the control.
    setRestOfForce(operation.controlAreas.length === 0);
    setNotice({
      intent: "success",
      title: `Read ${plural(data.rowCount, "incident row")} from ${label}.`,
      lines: [...data.notices, "Check the columns below, choose the areas, then count."],
    });
  };

  const withProgress = async (work: (signal: AbortSignal) => Promise<void>) => {
    const ctl = new AbortController();
    abort.current = ctl;
    setNotice(null);
    setRejectNotice(null);
    setProgress({ label: "Starting…", value: undefined });
    try {
      await work(ctl.signal);
    } catch (e) {
      if (e instanceof CancelledError)
        setNotice({ intent: "info", title: "Import cancelled. Nothing was changed." });
      else
        setNotice({ intent: "error", title: "Could not read the incident data.", lines: [friendlyError(e)] });
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const readFiles = (files: File[], keep: "guessed" | number[], signal: AbortSignal) =>
    importCsvFiles(files, {
      signal,
      keep,
      onProgress: (done, total, rows) =>
        setProgress({
          label: `Read ${(done / 1048576).toFixed(1)} of ${(total / 1048576).toFixed(1)} MB (${rows.toLocaleString("en-GB")} rows)`,
          value: total ? done / total : undefined,
        }),
    });
  // Only the columns guessed for the evaluation are kept; choosing another reads the files again.
  const importFiles = (files: File[]) =>
    withProgress(async (signal) => {
      const data = await readFiles(files, "guessed", signal);
      accept(data, files.length === 1 ? files[0].name : `${files.length} files`, files);
    });
  const chooseColumn = (key: keyof typeof columns, i: number) => {
    const next = { ...columns, [key]: i };
    setColumns(next);
    const was = loaded;
    if (!was?.files || i < 0 || was.data.column(i)) return;
    void withProgress(async (signal) => {
      const keep = Object.values(next).filter((k) => k >= 0);
      const data = await readFiles(was.files!, keep, signal);
      setLoaded({ ...was, data });
      setNotice({ intent: "success", title: `Read the “${data.headers[i]}” column from ${was.source}.` });
    });
  };

  const readWorkbookTable = () =>
    withProgress(async (signal) => {
      if (!tableName) throw new Error("Choose a table first");
      const table = await port.readTable(tableName, {
        signal,
        onProgress: (done, total) =>
          setProgress({
            label: `Read ${done.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} rows`,
            value: total ? done / total : undefined,
          }),
      });
      accept(ColumnTable.ofRows(table), `table ${tableName}`);
    });

  // A column chosen but still being read from the files counts as unmapped until it arrives.
  const readable = useMemo(() => {
    const ok = (i: number) => (i >= 0 && loaded?.data.column(i) ? i : -1);
    return {
      date: ok(columns.date),
      area: ok(columns.area),
      offenceType: ok(columns.offenceType),
      areaName: ok(columns.areaName),
    };
  }, [loaded, columns]);
  // Areas and offence types with their counts in the chosen periods (and types), busiest first.
  const areaOptions: AreaOption[] = useMemo(
    () => (loaded ? areaChoices(loaded.data, readable, operation, types) : []),
    [loaded, readable, operation.before, operation.after, types],
  );
  const typeOptions = useMemo(
    () => (loaded ? offenceTypeChoices(loaded.data, readable, operation) : []),
    [loaded, readable, operation.before, operation.after],
  );
  const missingCodes = useMemo((): NoticeState | null => {
    const text =
      loaded && columns.area >= 0
        ? codesNotFoundMessage(
            codesNotFound(
              { target: operation.targetAreas, buffer: operation.bufferAreas, control: [] },
              areaOptions.map((o) => o.value),
            ),
          )
        : null;
    return text ? { intent: "warning", title: text } : null;
  }, [loaded, columns.area, areaOptions, operation.targetAreas, operation.bufferAreas]);

  const target = operation.targetAreas;
  const buffer = operation.bufferAreas;
  const controlAreas = useMemo(
    () =>
      restOfForce
        ? restOfForceControl(
            areaOptions.map((o) => o.value),
            operation,
          )
        : operation.controlAreas,
    [restOfForce, areaOptions, operation],
  );

  const count = async () => {
    if (!loaded) return;
    setNotice(null);
    setRejectNotice(null);
    if (columns.date < 0 || columns.area < 0) {
      setNotice({ intent: "warning", title: "Choose the date and area columns first." });
      return;
    }
    setProgress({ label: "Counting…", value: undefined });
    await yieldToEventLoop(); // let the progress bar paint
    try {
      const map: ColumnMap = {
        date: columns.date,
        area: columns.area,
        offenceType: columns.offenceType >= 0 ? columns.offenceType : null,
        id: columns.id >= 0 ? columns.id : null,
      };
      const { evaluation, report, verdict, monitoring } = await evaluateAndWrite(port, {
        data: loaded.data,
        columns: map,
        operation,
        restOfForce,
        offenceTypes: [...types],
        today: todayIso(),
      });
      const { aggregate, results } = evaluation;
      const a = aggregate;
      const accounting = rowAccounting(a);
      setNotice({
        intent: "success",
        title: `${report.createdSheet ? "Created" : "Updated"} the ${report.sheet} sheet.`,
        lines: [
          report.updated.length ? `Updated rows: ${report.updated.join(", ")}.` : "",
          report.added.length ? `Added rows: ${report.added.join(", ")}.` : "",
          report.stale?.length
            ? `Not in this count, so marked in their Months missing cell as from an earlier count: ${report.stale.join(", ")}. Delete those rows if you no longer need them.`
            : "",
          `${ALL_SELECTED}: target ${n(a.target.before)} before, ${n(a.target.after)} after; control ${n(a.control.before)} before, ${n(a.control.after)} after.`,
          ...headlineLines(verdict),
          results.some((r) => r.kind === "harm")
            ? "Harm weights from the Operation sheet differ from 1, so a harm-weighted total row was written too."
            : "",
          accounting.summary,
          monitoringSummary(monitoring),
        ].filter(Boolean),
      });
      if (accounting.unusable) {
        const u = accounting.unusable;
        setRejectNotice({
          intent: "warning",
          title: u.title,
          lines: [...u.reasons, "First examples:", ...u.examples],
        });
      }
    } catch (e) {
      setNotice({ intent: "error", title: "The results were not written.", lines: [friendlyError(e)] });
    } finally {
      setProgress(null);
    }
  };

  const headerOptions = (loaded?.data.headers ?? []).map((h, i) => (
    <option key={i} value={String(i)}>
      {h || `Column ${i + 1}`}
    </option>
  ));
  const colSelect = (label: string, key: keyof typeof columns, optional: boolean) => (
    <Field label={label} key={key}>
      <Select
        value={String(columns[key])}
        onChange={(_, d) => chooseColumn(key, Number(d.value))}
        data-testid={`col-${key}`}
      >
        {optional ? <option value={NONE}>(none)</option> : <option value={NONE}>Choose a column</option>}
        {headerOptions}
      </Select>
    </Field>
  );
  const busy = progress !== null;
  const takenForTarget = new Set(buffer);
  const takenForBuffer = new Set(target);

  return (
    <div className={styles.root}>
      <RadioGroup
        value={source}
        onChange={(_, d) => setSource(d.value as "csv" | "table")}
        aria-label="Incident data source"
        disabled={busy}
      >
        <Radio value="csv" label="Import CSV files (police.uk street files work as they are)" />
        <Radio value="table" label="Use a table in this workbook" />
      </RadioGroup>
      {source === "csv" ? (
        <CsvFilePicker
          id="csv-files"
          label="Incident CSV files"
          hint="Choose one or more files; monthly files with the same columns are combined. The data stays on this computer."
          multiple
          disabled={busy}
          onFiles={(files) => void importFiles(files)}
        />
      ) : (
        <div className={styles.row}>
          <Field label="Incident table">
            <Select value={tableName} onChange={(_, d) => setTableName(d.value)} disabled={busy}>
              {tables.length === 0 && <option value="">No tables found</option>}
              {tables.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} on {t.sheet} ({plural(t.rows, "row")})
                </option>
              ))}
            </Select>
          </Field>
          <Button onClick={() => void refreshTables()} disabled={busy}>
            Refresh list
          </Button>
          <Button appearance="primary" onClick={() => void readWorkbookTable()} disabled={busy || !tableName}>
            Read table
          </Button>
        </div>
      )}
      {progress && (
        <div className={styles.row} data-testid="evaluate-progress">
          <Field
            label="Progress"
            validationMessage={progress.label}
            validationState="none"
            style={{ flex: 1 }}
          >
            {/* No eased width: updates come several times a second, and each would start a new animation. */}
            <ProgressBar value={progress.value} bar={{ style: { transition: "none" } }} />
          </Field>
          {abort.current && <Button onClick={() => abort.current?.abort()}>Cancel</Button>}
        </div>
      )}
      <Notice notice={notice} testId="evaluate-notice" focus />
      <Notice notice={rejectNotice} testId="evaluate-rejected" />
      {loaded && (
        <>
          <fieldset className={styles.fieldset}>
            <legend>Columns in {loaded.source}</legend>
            {colSelect("Date or month", "date", false)}
            {colSelect("Area code", "area", false)}
            {colSelect("Offence type", "offenceType", true)}
            {colSelect("Area name", "areaName", true)}
            {colSelect("Crime reference (repeats counted once)", "id", true)}
          </fieldset>
          <AreaPicker
            legend="Target areas"
            idBase="target"
            options={areaOptions}
            selected={target}
            taken={takenForTarget}
            onChange={(targetAreas) => setOperation({ ...operation, targetAreas })}
            disabled={busy}
          />
          <AreaPicker
            legend="Buffer areas"
            idBase="buffer"
            options={areaOptions}
            selected={buffer}
            taken={takenForBuffer}
            onChange={(bufferAreas) => setOperation({ ...operation, bufferAreas })}
            disabled={busy}
          />
          <Text size={200}>
            Target and buffer areas chosen here also fill in the Operation step; save it there to record them
            on the Operation sheet.
          </Text>
          <Checkbox
            label={`Control: every other area in the data (${controlAreas.length.toLocaleString("en-GB")} areas)`}
            checked={restOfForce}
            onChange={(_, d) => setRestOfForce(d.checked === true)}
            disabled={busy}
          />
          {!restOfForce && (
            <AreaPicker
              legend="Control areas"
              idBase="control"
              options={areaOptions}
              selected={operation.controlAreas}
              taken={new Set([...target, ...buffer])}
              onChange={(controlAreas) => setOperation({ ...operation, controlAreas })}
              disabled={busy}
            />
          )}
          {typeOptions.length > 0 && (
            <fieldset className={styles.fieldset}>
              <legend>Offence types ({types.size === 0 ? "all" : `${types.size} chosen`})</legend>
              <div className={styles.types}>
                {typeOptions.map((t) => (
                  <Checkbox
                    key={t.value}
                    label={`${t.value} (${t.count.toLocaleString("en-GB")})`}
                    checked={types.has(t.value)}
                    onChange={(_, d) => {
                      const next = new Set(types);
                      if (d.checked) next.add(t.value);
                      else next.delete(t.value);
                      setTypes(next);
                    }}
                    disabled={busy}
                  />
                ))}
              </div>
              <Text size={200}>Tick none to count every type.</Text>
            </fieldset>
          )}
          <Notice notice={missingCodes} testId="evaluate-missing-codes" />
          <PlanningNotice
            operation={operation}
            source={planningSourceOf(
              loaded.data,
              columns,
              restOfForce,
              types,
              // The pick-list already has every area: the planning figure need not read the column again.
              readable.area === columns.area ? areaOptions.map((o) => o.value) : undefined,
            )}
            publish={setPlanning}
          />
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void count()} disabled={busy}>
              Count and write Results
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
