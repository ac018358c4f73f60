/**
 * `harm-planner evaluate`: the task pane's evaluation over CSV files on disk.
 * Same core rules (operation checks, rest-of-force control, harm weights,
 * counting and row accounting), same sheets, written to an .xlsx.
 */
import { uniqueCodes } from "../core/areas";
import { evaluateIncidents } from "../core/evaluation";
import { rowAccounting } from "../core/evaluation/accounting";
import { operationProblems, periodSerials, periodsBeyondData } from "../core/operation";
import { monthsInData } from "../core/incidents/coverage";
import { matchOffenceTypes, offenceTypesIn } from "../core/incidents/offenceTypes";
import { weightsForData } from "../core/weights";
import { buildWorkbook } from "../sheets/build";
import { writeWorkbookXlsx } from "../sheets/render/xlsx";
import { restOfForceControl } from "../app/evaluateIncidents";
import { ColumnTable } from "../app/incidentData";
import { monitoringMonths } from "../app/monitoring";
import { planningFromCounts } from "../app/planning";
import { headlineSentence, rowFigures } from "../core/evaluation/figures";
import { isHarmError } from "../core/errors";
import { codesNotFound, codesNotFoundMessage } from "../core/incidents";
import { listCsvFiles, readIncidentData } from "./incidentFiles";
import { InputFileError, parseOperation } from "./operationFile";
import { readJson, writeOut, type Args, type CliIo } from "./io";

export async function runEvaluate(args: Args, io: CliIo): Promise<number> {
  const operation = parseOperation(readJson(args.operation!, "operation"), "evaluate");
  const files = listCsvFiles(args.data);
  const data = await readIncidentData(files);
  const restOfForce = operation.controlAreas.length === 0;
  const controlAreas = restOfForce ? restOfForceControl(data.areas, operation) : operation.controlAreas;
  const problems = operationProblems({ ...operation, controlAreas }, "evaluate");
  if (!problems.length) problems.push(...periodsBeyondData(operation, monthsInData(data.dates)));
  if (controlAreas.length === 0) problems.push("There is no area in the data to act as the control.");
  if (problems.length) throw new InputFileError(problems.join(" "));
  if (args.offenceTypes.length && !data.types)
    throw new InputFileError("--offence-types needs an offence type column, and the files have none.");
  const present = data.types ? offenceTypesIn(data.types) : [];
  const offenceTypes = args.offenceTypes.length ? matchOffenceTypes(args.offenceTypes, present) : [];
  const named = new Map(operation.harmWeights.map((w) => [w.offenceType, w.weight]));
  const weights = data.types ? weightsForData(named, present) : named;
  const warnings = [
    ...data.table.notices,
    codesNotFoundMessage(
      codesNotFound(
        { target: operation.targetAreas, buffer: operation.bufferAreas, control: [] },
        data.areas,
      ),
    ),
  ].filter((x): x is string => !!x);
  const n = controlAreas.length.toLocaleString("en-GB");
  const { aggregate, results } = evaluateIncidents({
    incidents: {
      dates: data.dates,
      areas: data.areas,
      ...(data.types ? { offenceTypes: data.types } : {}),
      ...(data.ids ? { ids: data.ids } : {}),
    },
    rowLabel: data.table.rowLabel,
    areas: {
      target: operation.targetAreas,
      buffer: operation.bufferAreas,
      control: uniqueCodes(controlAreas),
    },
    periods: periodSerials(operation),
    offenceTypes,
    controlNote: restOfForce ? `every other area in the data (${n} areas)` : `${n} chosen areas`,
    weights,
  });
  // The pane's Monitoring months and planning figures, from the same columns.
  const kept = [data.dates, data.areas, data.types ?? [], data.ids ?? []];
  const months = monitoringMonths({
    data: ColumnTable.of(
      kept.map((_, i) => String(i)),
      new Map(kept.map((c, i) => [i, c])),
      data.dates.length,
    ),
    columns: { date: 0, area: 1, offenceType: data.types ? 2 : null, id: data.ids ? 3 : null },
    operation,
    controlAreas,
    offenceTypes,
  });
  const planning = planningFromCounts(aggregate.target.before, aggregate.control.before, operation);
  const sheets = buildWorkbook({
    operation: { ...operation, controlAreas },
    results,
    monitoring: months,
    ...(planning.ready ? { planning: planning.figures } : {}),
  });
  await writeOut(args, await writeWorkbookXlsx(sheets));
  const accounting = rowAccounting(aggregate);
  const lines = [
    `Read ${files.length.toLocaleString("en-GB")} file${files.length === 1 ? "" : "s"}.`,
    ...warnings,
    accounting.summary,
    ...(accounting.unusable
      ? [
          accounting.unusable.title,
          ...accounting.unusable.reasons,
          "First examples:",
          ...accounting.unusable.examples,
        ]
      : []),
    ...headline(results[0], operation),
    planning.ready ? planning.sentence : `Planning: ${planning.reason}`,
    `Wrote ${results.length.toLocaleString("en-GB")} Results row${results.length === 1 ? "" : "s"} and ${sheets.length} sheets to ${args.out}`,
  ];
  io.out(lines.join("\n") + "\n");
  return 0;
}

/** The pane's headline and its checks, or why the first row has no headline. */
function headline(
  row: Parameters<typeof rowFigures>[0] | undefined,
  operation: Parameters<typeof rowFigures>[1],
): string[] {
  if (!row) return [];
  try {
    const f = rowFigures(row, operation);
    return [headlineSentence(f), `Checks: ${f.checksText}`];
  } catch (e) {
    if (!isHarmError(e)) throw e;
    return [`No headline: ${e.message}.`];
  }
}
