import { Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { EvaluateColumns } from "../evaluate/useIncidentImport";
import { groupBox } from "./styles";

const useStyles = makeStyles({ fieldset: { ...groupBox, gap: tokens.spacingVerticalXS } });

const NONE = "-1";

const FIELDS: { label: string; key: keyof EvaluateColumns; optional: boolean }[] = [
  { label: "Date or month", key: "date", optional: false },
  { label: "Area code", key: "area", optional: false },
  { label: "Offence type", key: "offenceType", optional: true },
  { label: "Area name", key: "areaName", optional: true },
  { label: "Crime reference (repeats counted once)", key: "id", optional: true },
];

/** Which column of the data holds what the evaluation needs. */
export function ColumnChoices(props: {
  source: string;
  headers: readonly string[];
  columns: EvaluateColumns;
  choose: (key: keyof EvaluateColumns, i: number) => void;
  /** While a task runs: a new choice would start a second read that Cancel could not stop. */
  disabled?: boolean;
}) {
  const styles = useStyles();
  const options = props.headers.map((h, i) => (
    <option key={i} value={String(i)}>
      {h || `Column ${i + 1}`}
    </option>
  ));
  return (
    <fieldset className={styles.fieldset}>
      <legend>Columns in {props.source}</legend>
      {FIELDS.map(({ label, key, optional }) => (
        <Field label={label} key={key}>
          <Select
            value={String(props.columns[key])}
            onChange={(_, d) => props.choose(key, Number(d.value))}
            disabled={props.disabled}
            data-testid={`col-${key}`}
          >
            <option value={NONE}>{optional ? "(none)" : "Choose a column"}</option>
            {options}
          </Select>
        </Field>
      ))}
    </fieldset>
  );
}
