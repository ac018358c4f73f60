/**
 * Use case: count incident rows into before/after totals by area, and write
 * one Results row per measure (existing rows for the same measure are
 * rewritten; every other row is kept). The command line runs the same
 * evaluation (src/core/evaluation) without a workbook.
 */
import { uniqueCodes, usableAreaCodes } from "../core/areas";
import { evaluateIncidents, HARM_TOTAL, type ColumnMap, type Evaluation } from "../core/evaluation";
import { operationProblems, periodSerials, periodsBeyondData, type Operation } from "../core/operation";
import { monthsInData } from "../core/incidents/coverage";
import { weightTable, weightsForData } from "../core/weights";
import { matchOffenceTypes, offenceTypesIn } from "../core/incidents/offenceTypes";
import { isHarmError } from "../core/errors";
import { rowFigures } from "../core/evaluation/figures";
import type { EvaluationFigures } from "../core/stats/evaluate";
import { buildSheet } from "../sheets/build";
import { PortError } from "../sheets/plan/errors";
import { findTable, type Snapshot, type TableData } from "../sheets/plan/snapshot";
import { planUpsert, upsertRequest, type StaleRows, type UpsertReport } from "../sheets/plan/upsert";
import type { WorkbookPort } from "../workbook/port";
import { thenActivate } from "./activate";
import { tableColumn, tableColumns } from "./incidentData";
import { monitoringMonths, writeMonitoring, type MonitoringReport } from "./monitoring";
import { planningFromCounts, writePlanning, type PlanningOutcome } from "./planning";

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
  /** The figures of the first row (all selected crime), as the Results sheet shows them. */
  headline: EvaluationFigures | null;
  /** The Monitoring sheet written from the same rows, month by month. */
  monitoring: MonitoringReport;
  /** The smallest fall the evaluation could detect, also written on the Operation sheet. */
  planning: PlanningOutcome;
}

/** Every other area in the data (codes that can be areas: usableAreaCodes): the control when the analyst has not chosen one. */
export function restOfForceControl(dataAreas: Iterable<unknown>, operation: Operation): string[] {
  const taken = new Set([...operation.targetAreas, ...operation.bufferAreas].map((a) => uniqueCodes([a])[0]));
  return usableAreaCodes(uniqueCodes(dataAreas)).filter((a) => !taken.has(a));
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
  const controlAreas = req.restOfForce
    ? restOfForceControl(tableColumn(data, columns.area), operation)
    : operation.controlAreas;
  const problems = operationProblems({ ...operation, controlAreas }, "evaluate");
  if (!problems.length)
    problems.push(...periodsBeyondData(operation, monthsInData(tableColumn(data, columns.date))));
  if (controlAreas.length === 0)
    problems.push("Choose the control areas, or use every other area in the data.");
  if (problems.length) throw new PortError(problems.join(" "));
  const named = harmWeightsFrom(await port.read({ tables: [HARM_WEIGHTS_TABLE] }), operation);
  const present =
    columns.offenceType !== null ? offenceTypesIn(tableColumn(data, columns.offenceType)) : null;
  const weights = present ? weightsForData(named, present) : named;
  const offenceTypes =
    present && req.offenceTypes.length ? matchOffenceTypes(req.offenceTypes, present) : req.offenceTypes;
  const n = controlAreas.length.toLocaleString("en-GB");
  const evaluation = evaluateIncidents({
    incidents: tableColumns(data, columns),
    ...(data.rowLabel ? { rowLabel: data.rowLabel } : {}),
    areas: { target: operation.targetAreas, buffer: operation.bufferAreas, control: controlAreas },
    periods: periodSerials(operation),
    offenceTypes,
    controlNote: req.restOfForce ? `every other area in the data (${n} areas)` : `${n} chosen areas`,
    weights,
  });
  // Counted before anything is written, so a bad month range changes nothing.
  const months = monitoringMonths({ data, columns, operation, controlAreas, offenceTypes });
  const model = buildSheet("results", { operation, results: evaluation.results });
  const table = model.tables[0].name;
  const markStale = staleResults(req, evaluation);
  const report = await port.change(upsertRequest(table), (snap) => {
    const planned = planUpsert(snap, model, table, { markStale });
    return thenActivate(planned, planned.result.sheet);
  });
  let headline: EvaluationFigures | null = null;
  try {
    headline = evaluation.results[0] ? rowFigures(evaluation.results[0], operation) : null;
  } catch (e) {
    if (!isHarmError(e)) throw e;
  }
  const monitoring = await writeMonitoring(port, operation, months);
  const { target, control } = evaluation.aggregate;
  const planning = planningFromCounts(target.before, control.before, operation);
  if (planning.ready) await writePlanning(port, operation, planning.figures);
  return { evaluation, report, controlAreas, headline, monitoring, planning };
}
