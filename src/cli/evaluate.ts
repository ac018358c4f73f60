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
import { uniqueCodes } from "../core/areas";
import { operationFrame } from "../core/evaluation/frame";
import { authorityKey } from "../core/authorities";
import { chosenAreasAreOns, cubeFrame, type CubeFrame } from "../core/incidents/cube";
import { periodSerials } from "../core/operation";
import {
  checkedControl,
  headlineLines,
  restOfForceControl,
  runEvaluation,
  type EvaluationReport,
} from "../app/evaluation";
import { countIncidentFiles, defaultWorkers, type CountedData } from "./countFiles";
import type { CountPlan } from "./countFile";
import { listCsvFiles } from "./incidentFiles";
import { InputFileError, namedAuthorities, parseOperation, withAuthorities } from "./operationFile";
import { progressLine } from "./progress";
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

/**
 * What every file is read for, known before any is read: the operation's
 * counting window, and its areas: those listed, and those of the local
 * authorities named (each row's area name tells), or every area when the
 * control is every other area in the data. A window too long to count is
 * refused once the data are read, after the checks that name the data's
 * months (a period far beyond the data says so first).
 */
function readPlan(op: Operation, json: unknown): { plan: CountPlan; frameError: unknown } {
  const named = namedAuthorities(json);
  const everyArea = op.controlAreas.length === 0 && named.control === "";
  const chosen = [...op.targetAreas, ...op.bufferAreas, ...op.controlAreas];
  const authorities = [named.buffer, named.control].filter(Boolean).map(authorityKey);
  const periods = periodSerials(op);
  let frame: CubeFrame;
  let frameError: unknown = null;
  try {
    frame = operationFrame(periods);
  } catch (e) {
    frameError = e;
    frame = cubeFrame(periods.beforeStart, periods.beforeStart);
  }
  const plan: CountPlan = {
    frame,
    keepAreas: everyArea ? null : uniqueCodes(chosen),
    keepAuthorities: authorities.length ? authorities : null,
    onsOnly: chosenAreasAreOns(chosen),
    names: authorities.length > 0,
    maxListed: 20,
  };
  return { plan, frameError };
}

/** The operation's areas once the data are read: authorities filled in, and the control when it is every other area. */
function settle(parsed: Operation, json: unknown, data: CountedData) {
  // "controlAuthority" and "bufferAuthority" name areas only the data can list.
  const operation = withAuthorities(parsed, json, data.byAuthority);
  const restOfForce = operation.controlAreas.length === 0;
  const control = restOfForce ? restOfForceControl(data.census.codes, operation) : operation.controlAreas;
  const onsOnly = chosenAreasAreOns([...operation.targetAreas, ...operation.bufferAreas, ...control]);
  return { operation, restOfForce, onsOnly };
}

export async function runEvaluate(args: Args, io: CliIo): Promise<number> {
  const json = readJson(args.operation!, "operation");
  const parsed = parseOperation(json, "evaluate");
  const files = listCsvFiles(args.data);
  const { plan, frameError } = readPlan(parsed, json);
  const progress = args.quiet ? null : progressLine(process.stderr);
  const read = async (p: CountPlan) => {
    try {
      return await countIncidentFiles(files, p, {
        workers: args.workers ?? defaultWorkers(),
        ...(progress ? { onProgress: progress.update } : {}),
      });
    } finally {
      progress?.clear();
    }
  };
  let data = await read(plan);
  let settled = settle(parsed, json, data);
  // Whether a code without the ONS form is a mistake depends on every area chosen, and the areas of a control
  // of every other area, or of an authority, are known only now: on the rare data where the guess was wrong,
  // read them again.
  if (settled.onsOnly !== plan.onsOnly) {
    data = await read({ ...plan, onsOnly: settled.onsOnly });
    settled = settle(parsed, json, data);
  }
  let { operation } = settled;
  if (args.dispersion !== undefined) operation = { ...operation, dispersion: args.dispersion };
  if (args.offenceTypes.length && data.census.types === null)
    throw new InputFileError("--offence-types needs an offence type column, and the files have none.");
  const request = {
    operation,
    source: { cube: data.cube, seen: { months: data.census.months, types: data.census.types } },
    dataAreas: data.census.codes,
    restOfForce: settled.restOfForce,
  };
  if (frameError !== null) {
    checkedControl(request);
    throw frameError;
  }
  const report = runEvaluation({
    ...request,
    offenceTypes: args.offenceTypes,
    weights: new Map(operation.harmWeights.map((w) => [w.offenceType, w.weight])),
    ...(args.confidence !== undefined ? { confidence: args.confidence } : {}),
  });
  const sheets = buildWorkbook(workbookInput(report));
  await writeOut(args, await writeWorkbookXlsx(sheets));
  io.out(reportLines(report, data.files, data.notices, args.out, sheets.length).join("\n") + "\n");
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

/** The note on repeated crime references: why the counts do not depend on the rows not counted. */
export const REPEATS_NOTE =
  "Repeated crime references are looked for only among the rows counted (the chosen areas, in the months counted): " +
  "a repeat anywhere else cannot change a figure.";

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
    ...accounting.copies,
    ...(evaluation.aggregate.rowsDuplicate > 0 ? [REPEATS_NOTE] : []),
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
