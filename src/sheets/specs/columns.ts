/**
 * Column builders the specs share: one rule each for a column the sheet
 * works out, a number the analyst types and a drop-down of fixed choices.
 */
import type { ColumnSpec } from "./layout";

/** Worked out by the sheet (shaded; the table's formulas fill it), never typed in. */
export const computedColumn = (
  key: string,
  header: string,
  help: string,
  format?: string,
  width = 11,
): ColumnSpec => ({ key, header, help, width, computed: true, format });

/** Columns worked out by the sheet that share a number format and a width: [key, header, help] each. */
export const computedColumns = (
  format: string | undefined,
  width: number,
  columns: [key: string, header: string, help: string][],
): ColumnSpec[] => columns.map(([key, header, help]) => computedColumn(key, header, help, format, width));

/** A number the analyst types: never below 0, and whole where it is a count. */
export const numberColumn = <K extends string>(
  key: K,
  header: string,
  help: string,
  width = 10,
  format?: string,
  whole = false,
): ColumnSpec & { key: K } => ({
  key,
  header,
  help,
  width,
  format,
  validation: { kind: whole ? "whole" : "decimal", min: 0 },
});

/** A column the analyst fills from a drop-down of fixed choices. */
export const choiceColumn = <K extends string>(
  key: K,
  header: string,
  help: string,
  width: number,
  choices: readonly string[],
): ColumnSpec & { key: K } => ({
  key,
  header,
  help,
  width,
  validation: { kind: "list", values: [...choices] },
});
