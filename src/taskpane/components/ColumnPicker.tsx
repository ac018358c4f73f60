/** One drop-down of a column-mapping step: the file's headings, with "(none)" for an optional field. */
import { Field, Select } from "@fluentui/react-components";

export const NO_COLUMN = -1;

export interface ColumnSelectProps {
  label: string;
  headers: readonly string[];
  /** Column index, or NO_COLUMN. */
  value: number;
  onChange: (column: number) => void;
  optional: boolean;
  testId?: string;
  disabled?: boolean;
  /** Shown under the drop-down, e.g. why a choice is a problem. */
  hint?: string;
  warning?: boolean;
}

export function ColumnSelect(p: ColumnSelectProps) {
  return (
    <Field
      label={p.label}
      validationMessage={p.hint}
      validationState={p.hint ? (p.warning ? "warning" : "none") : undefined}
    >
      <Select
        value={String(p.value)}
        onChange={(_, d) => p.onChange(Number(d.value))}
        data-testid={p.testId}
        disabled={p.disabled}
      >
        <option value={String(NO_COLUMN)}>{p.optional ? "(none)" : "Choose a column"}</option>
        {p.headers.map((h, i) => (
          <option key={i} value={String(i)}>
            {h || `Column ${i + 1}`}
          </option>
        ))}
      </Select>
    </Field>
  );
}
