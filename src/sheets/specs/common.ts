/** Small helpers shared by several specs. */
import type { RowValues } from "./layout";
import type { BuildInput } from "./input";
import type { ValidationRule } from "../model";

export const starterOn = (input: BuildInput): boolean => input.starterRows !== false;

/** A workbook name: HP_, the sheet's prefix, then the field capitalised (e.g. HP_MonitoringLow). */
export const workbookName = (field: string, prefix = ""): string =>
  `HP_${prefix}${field[0].toUpperCase()}${field.slice(1)}`;

/** Field → workbook name, by workbookName, for each of `fields`. */
export const workbookNames = <K extends string>(fields: readonly K[], prefix = ""): Record<K, string> =>
  Object.fromEntries(fields.map((f) => [f, workbookName(f, prefix)])) as Record<K, string>;

/** `n` empty rows, so that a table always has a data body to type into. */
export const blankRows = (n: number): RowValues[] => Array.from({ length: n }, () => ({}));

/**
 * Drop-down of the Harm Matrix labels. HP_HarmLabels reaches over the rows
 * kept free for the analyst's own harms; OFFSET…COUNTA trims it to the rows
 * in use, so added harms are offered without a tail of blank entries (works
 * in Excel and LibreOffice validation lists).
 */
export const HARM_LABEL_LIST: ValidationRule = {
  kind: "listRef",
  source: "=OFFSET(HP_HarmLabels,0,0,MAX(1,COUNTA(HP_HarmLabels)),1)",
};
