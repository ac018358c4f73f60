/**
 * Use case: build or refresh the Summary sheet. It reads, in one batch, the
 * Results table as the workbook shows it (kind, months missing, figures,
 * what the data said, the verdict), the Operation sheet, the Monitoring
 * months, the Harm Matrix scores and the Net Benefit totals, so the Summary
 * repeats the Results sheet's reading and never judges again. The pane shows
 * the same sentence and status as the sheet's first line.
 */
import { operationLengths, type Operation } from "../core/operation";
import type { MonitoringMonth } from "../core/stats/monitoring";
import { buildSheet } from "../sheets/build";
import type { Scalar } from "../sheets/model";
import { findTable, type Snapshot } from "../sheets/plan/snapshot";
import { planRefresh, refreshRequest, type RefreshReport } from "../sheets/plan/refresh";
import { columnMap } from "../sheets/plan/update";
import { operationFromSnapshot, operationNamesRequest } from "../sheets/specs/operationRead";
import { readResultsTable, type SkippedResult } from "../sheets/specs/resultsRead";
import { MONITORING_TABLE } from "../sheets/specs/monitoring";
import { NET_BENEFIT_NAMES } from "../sheets/specs/netBenefitFormulas";
import { shownHeadline } from "../sheets/specs/summaryHeadline";
import { shownHeadlineRow } from "../sheets/specs/summaryShown";
import type { ResultsShown } from "../sheets/specs/input";
import type { WorkbookPort } from "../workbook/port";
import { thenActivate } from "./activate";
import { monthsOnSheet } from "./monitoring";

export type SummaryOutcome =
  | { built: false; reason: "no-results" }
  | {
      built: true;
      report: RefreshReport;
      results: number;
      skipped: SkippedResult[];
      /** The Summary's first line: the verdict on the headline measure and its status word. */
      headline: { sentence: string; status: string };
    };

const SUMMARY_TABLE = "HP_SummaryResults";

/** Harm labels and their priority scores as the Harm Matrix shows them. */
function prioritySnapshot(snap: Snapshot, operation: Operation): { label: string; score: number }[] {
  const model = buildSheet("harm-matrix", { operation });
  const t = findTable(snap, model.tables[0].name);
  if (!t) return [];
  const [harm, score] = columnMap(
    t.headers,
    ["harm", "score"].map((k) => model.tables[0].columns.find((c) => c.key === k)!),
  );
  if (harm < 0 || score < 0) return [];
  return t.values
    .filter((r) => typeof r[score] === "number" && String(r[harm] ?? "").trim() !== "")
    .map((r) => ({ label: String(r[harm]), score: r[score] as number }));
}

const namedValues = (snap: Snapshot): Record<string, Scalar> =>
  Object.fromEntries(snap.nameData.map((d) => [d.name, d.values[0]?.[0] ?? ""]));

export async function refreshSummary(port: WorkbookPort, fallback: Operation): Promise<SummaryOutcome> {
  const resultsModel = buildSheet("results", { operation: fallback, results: [] });
  const tableName = resultsModel.tables[0].name;
  const harmTable = buildSheet("harm-matrix", { operation: fallback }).tables[0].name;
  const snap = await port.read({
    names: [...(operationNamesRequest.names ?? []), ...Object.values(NET_BENEFIT_NAMES)],
    tables: [...operationNamesRequest.tables, tableName, MONITORING_TABLE, harmTable, SUMMARY_TABLE],
  });
  const table = findTable(snap, tableName);
  if (!table) return { built: false, reason: "no-results" };
  const { shown, skipped } = readResultsTable(
    { headers: table.headers.map((h) => String(h ?? "")), rows: table.values },
    resultsModel,
    { sheet: table.sheet, top: table.top, left: table.left },
  );
  const operation = operationFromSnapshot(snap) ?? fallback;
  const monitoringTable = findTable(snap, MONITORING_TABLE);
  const monitoring: MonitoringMonth[] | undefined = monitoringTable
    ? [...monthsOnSheet(monitoringTable).values()].sort((a, b) => (a.month < b.month ? -1 : 1))
    : undefined;
  const input = (results: ResultsShown) => {
    const d = shownHeadlineRow(results)?.values.dispersion;
    return {
      operation,
      shown: { results, names: namedValues(snap) },
      prioritySnapshot: prioritySnapshot(snap, operation),
      ...(monitoring?.length ? { monitoring } : {}),
      ...(typeof d === "number" && d >= 1 ? { dataDispersion: d } : {}),
    };
  };
  const model = buildSheet("summary", input(shown));
  // The Summary as it would be at the size the workbook's copy has: to tell whether the analyst typed on it.
  const existing = findTable(snap, SUMMARY_TABLE);
  const previous = existing
    ? buildSheet(
        "summary",
        input({
          ...shown,
          rows: Array.from({ length: existing.values.length }, (_, i) => ({ index: i, values: {} })),
        }),
      )
    : undefined;
  const report = await port.change(refreshRequest(model, previous), (s) => {
    const planned = planRefresh(s, model, previous);
    return thenActivate(planned, planned.result.finalName);
  });
  return {
    built: true,
    report,
    results: shown.rows.length,
    skipped,
    headline: shownHeadline(shownHeadlineRow(shown)?.values, operationLengths(operation) !== undefined),
  };
}
