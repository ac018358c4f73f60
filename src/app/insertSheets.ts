/** Use case: insert the planning and evaluation sheets, never overwriting the analyst's own. */
import type { Operation } from "../core/operation";
import { buildWorkbook, type SheetKey } from "../sheets/build";
import {
  insertRequest,
  ownSheetsRequest,
  planInsert,
  unchangedOwnSheet,
  type ClashChoice,
  type InsertReport,
  type OnClash,
} from "../sheets/plan/insert";
import { hasSheet } from "../sheets/plan/snapshot";
import type { WorkbookPort } from "../workbook/port";
import { thenActivate } from "./activate";

export type { ClashChoice, InsertReport, OnClash };

/**
 * Names of the chosen sheets that already exist and that the analyst made or
 * changed (the pane asks what to do with those). A sheet Harm Planner made
 * and the analyst has not touched is not a clash: it is simply updated.
 */
export async function sheetClashes(
  port: WorkbookPort,
  include: readonly SheetKey[],
  operation: Operation,
): Promise<string[]> {
  const models = buildWorkbook({ operation, include: [...include] });
  const snap = await port.read(ownSheetsRequest(models));
  return models.filter((m) => hasSheet(snap, m.name) && !unchangedOwnSheet(snap, m)).map((m) => m.name);
}

/** Ends by showing the first sheet inserted or updated. */
export async function insertSheets(
  port: WorkbookPort,
  operation: Operation,
  include: readonly SheetKey[],
  onClash: OnClash,
): Promise<InsertReport> {
  const models = buildWorkbook({ operation, include: [...include] });
  return port.change(insertRequest(models, onClash), (snap) => {
    const planned = planInsert(snap, models, onClash);
    return thenActivate(planned, planned.result.plans[0]?.finalName);
  });
}
