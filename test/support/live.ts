/** The insert use case over a bare request context (the fake Excel), for tests of the live writer. */
import type { SheetModel } from "../../src/sheets/model";
import { insertRequest, planInsert, type InsertReport, type OnClash } from "../../src/sheets/plan/insert";
import { changeWithContext, readSnapshot } from "../../src/workbook/office";

export function insertSheets(
  context: Excel.RequestContext,
  models: SheetModel[],
  onClash: OnClash,
): Promise<InsertReport> {
  return changeWithContext(context, insertRequest(models, onClash), (s) => planInsert(s, models, onClash));
}

export async function existingSheetNames(context: Excel.RequestContext): Promise<string[]> {
  return (await readSnapshot(context)).sheets;
}
