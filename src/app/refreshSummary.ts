/**
 * Use case: build or refresh the Summary sheet from the Results table and
 * the Operation sheet, read together in one batch.
 */
import type { Operation } from "../core/operation";
import { buildSheet } from "../sheets/build";
import { findTable } from "../sheets/plan/snapshot";
import { planRefresh, refreshRequest, type RefreshReport } from "../sheets/plan/refresh";
import { operationFromSnapshot, operationNamesRequest } from "../sheets/specs/operationRead";
import { readResultsTable, type SkippedResult } from "../sheets/specs/resultsRead";
import type { WorkbookPort } from "../workbook/port";
import { thenActivate } from "./activate";

export type SummaryOutcome =
  | { built: false; reason: "no-results" }
  | { built: true; report: RefreshReport; results: number; skipped: SkippedResult[] };

export async function refreshSummary(port: WorkbookPort, fallback: Operation): Promise<SummaryOutcome> {
  const resultsModel = buildSheet("results", { operation: fallback, results: [] });
  const tableName = resultsModel.tables[0].name;
  const snap = await port.read({
    ...operationNamesRequest,
    tables: [...operationNamesRequest.tables, tableName],
  });
  const table = findTable(snap, tableName);
  if (!table) return { built: false, reason: "no-results" };
  const { rows, skipped } = readResultsTable(
    { headers: table.headers.map((h) => String(h ?? "")), rows: table.values },
    resultsModel,
  );
  const operation = operationFromSnapshot(snap) ?? fallback;
  const model = buildSheet("summary", { operation, results: rows });
  const report = await port.change(refreshRequest(model), (s) => {
    const planned = planRefresh(s, model);
    return thenActivate(planned, planned.result.finalName);
  });
  return { built: true, report, results: rows.length, skipped };
}
