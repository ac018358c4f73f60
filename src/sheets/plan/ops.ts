/**
 * A plan is the list of changes one use case makes to a workbook, worked out
 * by pure code (src/sheets/plan) from a snapshot of what is there. Both
 * workbook adapters carry out the same plan, op by op: Office.js in one batch
 * (src/sheets/render/office.ts) and the in-memory workbook
 * (src/workbook/memory), so the preview and Excel cannot drift apart.
 *
 * Sheets are named by their final name, ranges are A1 addresses local to the
 * sheet, and text is always stored as typed: never read as a formula.
 */
import type { CellStyle, ChartModel, PrintModel, Scalar, ValidationRule, ValueFill } from "../model";

/** A value, or a formula with the value it is expected to show (written where nothing recalculates). */
export type PlanCell = Scalar | { formula: string; value: Scalar };

export type Op =
  | { op: "addSheet"; sheet: string; tabColour: string }
  /** Removes a sheet Harm Planner made and the analyst has not changed (a Summary rebuilt to a new size). */
  | { op: "deleteSheet"; sheet: string }
  /** A table over `range` (header row included); its header cells are written by a `write` op first. */
  | { op: "addTable"; sheet: string; range: string; name: string; style: string }
  | { op: "addName"; name: string; sheet: string; ref: string; comment?: string }
  | { op: "write"; sheet: string; range: string; cells: PlanCell[][] }
  /** A column appended at the table's right edge: header then one cell per body row. */
  | { op: "addTableColumn"; table: string; cells: PlanCell[] }
  /** Rows appended at the table's bottom, as wide as the table. */
  | { op: "addTableRows"; table: string; rows: PlanCell[][] }
  | { op: "numberFormat"; sheet: string; range: string; formats: string[][] }
  | { op: "style"; sheet: string; range: string; style: CellStyle }
  | { op: "fill"; sheet: string; range: string; colour: string }
  | { op: "wrap"; sheet: string; range: string }
  | { op: "merge"; sheet: string; range: string }
  | {
      op: "validation";
      sheet: string;
      range: string;
      rule: ValidationRule;
      title?: string;
      prompt?: string;
      /** Clear an inherited rule first (Excel rejects a rule set over cells with mixed rules). */
      clear?: boolean;
    }
  | { op: "rowHeight"; sheet: string; row: number; points: number }
  | { op: "columnWidth"; sheet: string; column: number; characters: number }
  | { op: "freeze"; sheet: string; rows: number; columns: number }
  | { op: "colourScale"; sheet: string; range: string; colours: [string, string, string] }
  /** Conditional fills by value: a status word in words and colour. */
  | { op: "valueFills"; sheet: string; range: string; fills: ValueFill[] }
  | { op: "chart"; sheet: string; chart: ChartModel }
  | { op: "print"; sheet: string; print: PrintModel }
  | { op: "calculate" }
  /** Show this sheet to the analyst (the preview grid switches to it too). */
  | { op: "activate"; sheet: string };

/** What a planner hands back: the ops to carry out and the report for the task pane. */
export interface Planned<R> {
  ops: Op[];
  result: R;
}

export const isPlanFormula = (c: PlanCell): c is { formula: string; value: Scalar } =>
  typeof c === "object" && c !== null;
