/**
 * `harm-planner evaluate`: the task pane's evaluation over CSV files on disk.
 * It runs the same use case (src/app/evaluation.ts), prints its lines and
 * writes its workbook.
 */
import { operationLengths, type Operation } from "../core/operation";
import { monthlyRate } from "../core/evaluation/headline";
import { plural } from "../core/evaluation/accounting";
import type { AggregateResult } from "../core/incidents";
import { buildWorkbook } from "../sheets/build";
import { writeWorkbookXlsx } from "../sheets/render/xlsx";
import { headlineLines, runEvaluation, type EvaluationReport } from "../app/evaluation";
import { listCsvFiles, readIncidentData } from "./incidentFiles";
import { InputFileError, parseOperation, withAuthorities } from "./operationFile";
import { readJson, writeOut, type Args, type CliIo } from "./io";

const n = (x: number) => x.toLocaleString("en-GB", { maximumFractionDigits: 0 });
const oneDp = (x: number) =>
  x.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "Target   839 before (139.8 a month), 792 after (132.0 a month)" for each area set. */
export function periodLines(a: AggregateResult, op: Operation): string[] {
  const l = operationLengths(op);
  type Set = [string, "target" | "buffer" | "control"];
  const sets: Set[] = [["Target", "target"]];
  if (op.bufferAreas.length) sets.push(["Buffer", "buffer"]);
  sets.push(["Control", "control"]);
  const rate = (count: number, length: number | undefined) =>
    l ? ` (${oneDp(monthlyRate(count, length, l.unit))} a month)` : "";
  return [
    l ? `Periods: before ${l.before} ${l.unit}, after ${l.after} ${l.unit}.` : "",
    ...sets.map(
      ([label, k]) =>
        `${label.padEnd(8)} ${n(a[k].before)} before${rate(a[k].before, l?.before)}, ${n(a[k].after)} after${rate(a[k].after, l?.after)}`,
    ),
  ].filter(Boolean);
}

export async function runEvaluate(args: Args, io: CliIo): Promise<number> {
  const json = readJson(args.operation!, "operation");
  const parsed = parseOperation(json, "evaluate");
  const files = listCsvFiles(args.data);
  const data = await readIncidentData(files);
  // "controlAuthority" and "bufferAuthority" name areas only the data can list.
  let operation = withAuthorities(parsed, json, data.byAuthority);
  if (args.dispersion !== undefined) operation = { ...operation, dispersion: args.dispersion };
  if (args.offenceTypes.length && !data.types)
    throw new InputFileError("--offence-types needs an offence type column, and the files have none.");
  const report = runEvaluation({
    operation,
    source: {
      columns: {
        dates: data.dates,
        areas: data.areas,
        ...(data.types ? { offenceTypes: data.types } : {}),
        ...(data.ids ? { ids: data.ids } : {}),
      },
      rowLabel: data.table.rowLabel,
    },
    dataAreas: data.areas,
    restOfForce: operation.controlAreas.length === 0,
    offenceTypes: args.offenceTypes,
    weights: new Map(operation.harmWeights.map((w) => [w.offenceType, w.weight])),
    ...(args.confidence !== undefined ? { confidence: args.confidence } : {}),
  });
  const sheets = buildWorkbook(workbookInput(report));
  await writeOut(args, await writeWorkbookXlsx(sheets));
  io.out(
    reportLines(report, data.table.files.length, data.table.notices, args.out, sheets.length).join("\n") +
      "\n",
  );
  return 0;
}

/** What the workbook is built from: the same Results rows, Monitoring months and planning figure as the pane writes. */
export function workbookInput(report: EvaluationReport) {
  const { evaluation, planning } = report;
  const dispersion = evaluation.results[evaluation.headline]?.context?.dispersion.value;
  return {
    operation: report.operation,
    results: evaluation.results,
    monitoring: evaluation.monitoring,
    ...(dispersion ? { dataDispersion: dispersion } : {}),
    ...(planning.ready ? { planning: planning.figures } : {}),
  };
}

function reportLines(
  report: EvaluationReport,
  fileCount: number,
  notices: readonly string[],
  out: string,
  sheetCount: number,
): string[] {
  const { accounting, evaluation, planning } = report;
  const rows = evaluation.results.length;
  return [
    ...headlineLines(report.headline),
    "",
    ...periodLines(evaluation.aggregate, report.operation),
    "",
    `Read ${plural(fileCount, "file")}.`,
    accounting.summary,
    ...report.warnings,
    ...notices,
    ...(accounting.unusable
      ? [
          accounting.unusable.title,
          ...accounting.unusable.reasons,
          "First examples:",
          ...accounting.unusable.examples,
        ]
      : []),
    planning.ready ? planning.sentence : `Planning: ${planning.reason}`,
    `Wrote ${plural(rows, "Results row")} and ${sheetCount} sheets to ${out}`,
  ];
}
