/**
 * Where the Evaluate step's incidents come from: CSV files (read in a worker,
 * keeping only the columns guessed for the evaluation) or a table in the
 * workbook; and the columns the analyst maps, reading the files again when a
 * column not kept is chosen.
 */
import { useEffect, useState } from "react";
import { guessColumns } from "../../core/incidents";
import type { ChoiceColumns } from "../../app/incidentChoices";
import { ColumnTable } from "../../app/incidentData";
import { incidentTables, type TableInfo } from "../../app/tables";
import type { WorkbookPort } from "../../workbook/port";
import { friendlyError, plural } from "../util";
import { importCsvFiles } from "./importFiles";
import type { Task } from "./useTask";

export interface Loaded {
  source: string;
  data: ColumnTable;
  /** CSV files, read again when the analyst maps a column that was not kept. */
  files?: File[];
}

/** Columns by position in the data, -1 for none. */
export type EvaluateColumns = ChoiceColumns & { id: number };

const NO_COLUMNS: EvaluateColumns = { date: -1, area: -1, offenceType: -1, areaName: -1, id: -1 };
const READ_FAILED = "Could not read the incident data.";

export function useIncidentImport(port: WorkbookPort, task: Task, onLoaded: () => void) {
  const [source, setSource] = useState<"csv" | "table">("csv");
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [tableName, setTableName] = useState("");
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [columns, setColumns] = useState<EvaluateColumns>(NO_COLUMNS);

  const refreshTables = async () => {
    try {
      const list = await incidentTables(port);
      setTables(list);
      if (!list.some((t) => t.name === tableName)) setTableName(list[0]?.name ?? "");
    } catch (e) {
      task.setNotice({
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
    onLoaded();
    task.setNotice({
      intent: "success",
      title: `Read ${plural(data.rowCount, "incident row")} from ${label}.`,
      lines: [...data.notices, "Check the columns below, choose the areas, then count."],
    });
  };

  const readFiles = (files: File[], keep: "guessed" | number[], signal: AbortSignal) =>
    importCsvFiles(files, {
      signal,
      keep,
      onProgress: (done, total, rows) =>
        task.setProgress({
          label: `Read ${(done / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB (${rows.toLocaleString("en-GB")} rows)`,
          value: total ? done / total : undefined,
        }),
    });

  // Only the columns guessed for the evaluation are kept; choosing another reads the files again.
  const importFiles = (files: File[]) =>
    task.run(READ_FAILED, async (signal) => {
      const data = await readFiles(files, "guessed", signal);
      accept(data, files.length === 1 ? files[0].name : `${files.length} files`, files);
    });

  const chooseColumn = (key: keyof EvaluateColumns, i: number) => {
    const next = { ...columns, [key]: i };
    setColumns(next);
    const was = loaded;
    if (!was?.files || i < 0 || was.data.column(i)) return;
    void task.run(READ_FAILED, async (signal) => {
      const keep = Object.values(next).filter((k) => k >= 0);
      const data = await readFiles(was.files!, keep, signal);
      setLoaded({ ...was, data });
      task.setNotice({
        intent: "success",
        title: `Read the “${data.headers[i]}” column from ${was.source}.`,
      });
    });
  };

  const readWorkbookTable = () =>
    task.run(READ_FAILED, async (signal) => {
      if (!tableName) throw new Error("Choose a table first");
      const table = await port.readTable(tableName, {
        signal,
        onProgress: (done, total) =>
          task.setProgress({
            label: `Read ${done.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} rows`,
            value: total ? done / total : undefined,
          }),
      });
      accept(ColumnTable.ofRows(table), `table ${tableName}`);
    });

  return {
    source,
    setSource,
    tables,
    tableName,
    setTableName,
    refreshTables,
    loaded,
    columns,
    chooseColumn,
    importFiles,
    readWorkbookTable,
  };
}

export type IncidentImport = ReturnType<typeof useIncidentImport>;
