/** Use case: insert the planning and evaluation sheets, never overwriting the analyst's own. */
import type { Operation } from "../core/operation";
import { buildWorkbook, SHEET_ORDER, type SheetKey } from "../sheets/build";
import { insertRequest, planInsert, type ClashChoice, type InsertReport } from "../sheets/plan/insert";
import type { WorkbookPort } from "../workbook/port";

export type { ClashChoice, InsertReport };

const lower = (s: string) => s.toLowerCase();

/** Names of the chosen sheets that already exist in the workbook (the pane asks what to do). */
export async function sheetClashes(port: WorkbookPort, include: readonly SheetKey[]): Promise<string[]> {
  const existing = new Set((await port.read()).sheets.map(lower));
  return SHEET_ORDER.filter((s) => include.includes(s.key) && existing.has(lower(s.name))).map((s) => s.name);
}

export async function insertSheets(
  port: WorkbookPort,
  operation: Operation,
  include: readonly SheetKey[],
  onClash: ClashChoice,
): Promise<InsertReport> {
  const models = buildWorkbook({ operation, include: [...include] });
  return port.change(insertRequest(models, onClash), (snap) => planInsert(snap, models, onClash));
}
