/**
 * Use case: evaluate loaded incident rows (runEvaluation, the one evaluation
 * the command line also runs) and write one Results row per measure (existing
 * rows for the same measure are rewritten; every other row is kept), the
 * Monitoring sheet and the planning figure.
 */
import { HARM_TOTAL, type ColumnMap, type Evaluation } from "../core/evaluation";
import type { RowAccounting } from "../core/evaluation/accounting";
import type { Operation } from "../core/operation";
import { weightTable } from "../core/weights";
import type { EvaluationFigures } from "../core/stats/evaluate";
import { buildSheet } from "../sheets/build";
import { PortError } from "../sheets/plan/errors";
import { findTable, type Snapshot, type TableData } from "../sheets/plan/snapshot";
import { planUpsert, upsertRequest, type StaleRows, type UpsertReport } from "../sheets/plan/upsert";
import type { WorkbookPort } from "../workbook/port";
import { thenActivate } from "./activate";
import { tableColumn, tableColumns } from "./incidentData";
import { writeMonitoring, type MonitoringReport } from "./monitoring";
import { writePlanning, type PlanningOutcome } from "./planning";
import { runEvaluation, type EvaluationReport, type Headline } from "./evaluation";

export { restOfForceControl } from "./evaluation";

/** The Operation sheet's table of harm weights (src/sheets/specs/operation.ts). */
export const HARM_WEIGHTS_TABLE = "HP_HarmWeights";

export interface EvaluateRequest {
  data: TableData;
  columns: ColumnMap;
  operation: Operation;
  /** Control = every area in the data that is neither target nor buffer. */
  restOfForce: boolean;
  /** Offence types to count; empty means every type. */
  offenceTypes: readonly string[];
  /** yyyy-mm-dd: dates the mark on Results rows this count left out ("not in the count of …"). */
  today?: string;
}

export interface EvaluateOutcome {
  evaluation: Evaluation;
  report: UpsertReport;
  controlAreas: string[];
  /** The figures of the headline row, as the Results sheet shows them. */
  headline: EvaluationFigures | null;
  /** The headline row with its sentence and verdict, or why there is none. */
  verdict: Headline | { reason: string };
  /** Where every row read went. */
  accounting: RowAccounting;
  /** Listed areas the data never mention. */
  warnings: string[];
  /** The Monitoring sheet written from the same rows, month by month. */
  monitoring: MonitoringReport;
  /** The smallest fall the evaluation could detect, also written on the Operation sheet. */
  planning: PlanningOutcome;
}

/** Harm weights as the analyst left them on the Operation sheet; the operation's own list when there is no table. */
export function harmWeightsFrom(snap: Snapshot, operation: Operation): Map<string, number> {
  const t = findTable(snap, HARM_WEIGHTS_TABLE);
  if (!t) return new Map(operation.harmWeights.map((w) => [w.offenceType, w.weight]));
  const find = (re: RegExp) => t.headers.findIndex((h) => re.test(String(h ?? "")));
  const typeCol = find(/offence|crime type/i);
  const weightCol = find(/weight/i);
  if (typeCol < 0 || weightCol < 0)
    throw new PortError(
      "The harm weights table on the Operation sheet has lost its Offence type or Weight column; insert the Operation sheet again with Update.",
    );
  return weightTable(
    t.values.map((r) => ({ offenceType: r[typeCol], weight: r[weightCol] })),
    (i) => `Harm weights table, row ${i + 1}`,
  );
}

/** How a Results row left out of the latest count starts its "Months missing" cell. */
export const STALE_MARK = "From an earlier count";

/**
 * Results rows from an earlier count that this one left out (an offence type
 * no longer chosen, a harm total no longer weighted) are marked in their
 * "Months missing" cell, which also withholds their verdict; never deleted.
 * A row counts as from a count when its measure is an offence type in the
 * data or the harm total, or its note is one a count writes.
 */
function staleResults(req: EvaluateRequest, evaluation: Evaluation): StaleRows {
  const ours = new Set<string>([HARM_TOTAL]);
  if (req.columns.offenceType !== null)
    for (const t of new Set(tableColumn(req.data, req.columns.offenceType)))
      if (t !== null && t !== undefined && t !== "") ours.add(String(t).trim());
  const notes = new Set(evaluation.results.map((r) => r.note ?? "").filter(Boolean));
  const when = req.today ? req.today.split("-").reverse().join("/") : "";
  const text = `${STALE_MARK}, not in ${when ? `the count of ${when}` : "the latest count"}`;
  return {
    column: "missing",
    which: (key, cell) => ours.has(key.trim()) || notes.has(String(cell("note") ?? "")),
    mark: (current) => {
      const was = String(current ?? "").trim();
      if (was.startsWith(STALE_MARK)) return undefined; // marked by an earlier recount
      return was ? `${text}; ${was}` : text;
    },
  };
}

export async function evaluateAndWrite(port: WorkbookPort, req: EvaluateRequest): Promise<EvaluateOutcome> {
  const { operation, data, columns } = req;
  const weights = harmWeightsFrom(await port.read({ tables: [HARM_WEIGHTS_TABLE] }), operation);
  const report = runEvaluation({
    operation,
    source: {
      columns: tableColumns(data, columns),
      ...(data.rowLabel ? { rowLabel: data.rowLabel } : {}),
    },
    ...(req.restOfForce ? { dataAreas: tableColumn(data, columns.area) } : {}),
    restOfForce: req.restOfForce,
    offenceTypes: req.offenceTypes,
    weights,
  });
  const { evaluation } = report;
  const model = buildSheet("results", { operation, results: evaluation.results });
  const table = model.tables[0].name;
  const markStale = staleResults(req, evaluation);
  const written = await port.change(upsertRequest(table), (snap) => {
    const planned = planUpsert(snap, model, table, { markStale });
    return thenActivate(planned, planned.result.sheet);
  });
  const monitoring = await writeMonitoring(
    port,
    report.operation,
    evaluation.monitoring,
    dispersionOfHeadline(report),
  );
  if (report.planning.ready) await writePlanning(port, operation, report.planning.figures);
  return {
    evaluation,
    report: written,
    controlAreas: report.controlAreas,
    headline: "reason" in report.headline ? null : report.headline.figures,
    verdict: report.headline,
    monitoring,
    planning: report.planning,
    accounting: report.accounting,
    warnings: report.warnings,
  };
}

/** The dispersion the headline row's intervals use, for the Monitoring sheet's expected range. */
const dispersionOfHeadline = (r: EvaluationReport): number | undefined =>
  r.evaluation.results[r.evaluation.headline]?.context?.dispersion.value;
