import { Button, Field, Radio, RadioGroup, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { IncidentImport } from "../evaluate/useIncidentImport";
import { plural } from "../util";
import { CsvFilePicker } from "./CsvFilePicker";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
});

/** Where the incidents come from: CSV files, or a table in the workbook. */
export function IncidentSource({ data, busy }: { data: IncidentImport; busy: boolean }) {
  const styles = useStyles();
  return (
    <>
      <RadioGroup
        value={data.source}
        onChange={(_, d) => data.setSource(d.value as "csv" | "table")}
        aria-label="Incident data source"
        disabled={busy}
      >
        <Radio value="csv" label="Import CSV files (police.uk files and download zips work as they are)" />
        <Radio value="table" label="Use a table in this workbook" />
      </RadioGroup>
      {data.source === "csv" ? (
        <CsvFilePicker
          id="csv-files"
          label="Incident CSV files or police.uk zip"
          hint="Choose one or more CSV files, or the zip police.uk gives you as it is; monthly files with the same columns are combined. The data stays on this computer."
          accept=".csv,text/csv,.zip,application/zip"
          multiple
          disabled={busy}
          onFiles={(files) => void data.importFiles(files)}
        />
      ) : (
        <div className={styles.row}>
          <Field label="Incident table">
            <Select value={data.tableName} onChange={(_, d) => data.setTableName(d.value)} disabled={busy}>
              {data.tables.length === 0 && <option value="">No tables found</option>}
              {data.tables.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} on {t.sheet} ({plural(t.rows, "row")})
                </option>
              ))}
            </Select>
          </Field>
          <Button onClick={() => void data.refreshTables()} disabled={busy}>
            Refresh list
          </Button>
          <Button
            appearance="primary"
            onClick={() => void data.readWorkbookTable()}
            disabled={busy || !data.tableName}
          >
            Read table
          </Button>
        </div>
      )}
    </>
  );
}
