/**
 * Use case: evaluate an operation from incident data, without a workbook.
 * Everything the Results rows, the Monitoring sheet, the planning figure and
 * the headline need, in one report: the pane writes it through the workbook
 * port (evaluateIncidents.ts), the command line prints its lines and writes
 * its workbook (src/cli/evaluate.ts).
 */
import { otherAreas, uniqueCodes } from "../core/areas";
import { evaluateCube, operationFrame, type CubeEvaluation } from "../core/evaluation";
import { rowAccounting, type RowAccounting } from "../core/evaluation/accounting";
import { headlineOf, type Headline } from "../core/evaluation/headlineOf";
import { buildCube, chosenAreasAreOns, type CubeColumns, type IncidentCube } from "../core/incidents/cube";
import { codesNotFound, codesNotFoundMessage } from "../core/incidents";
import { monthsInData } from "../core/incidents/coverage";
import { matchOffenceTypes, offenceTypesIn } from "../core/incidents/offenceTypes";
import { operationProblems, periodSerials, periodsBeyondData, type Operation } from "../core/operation";
import { weightsForData } from "../core/weights";
import { PortError } from "../sheets/plan/errors";
import { planningFromCounts, type PlanningOutcome } from "./planning";

/**
 * Incident rows as columns (the pane's loaded data), or rows already counted
 * (the command line's stream), with what every row held (`seen`: months and
 * offence types, taken while the rows streamed past; the cube holds only the
 * areas and months it counts).
 */
export type IncidentSource =
  | { columns: CubeColumns; rowLabel?: (i: number) => string }
  | { cube: IncidentCube; seen?: { months: Iterable<string>; types: string[] | null } };

export interface EvaluationRequest {
  operation: Operation;
  source: IncidentSource;
  /** Every area code in the data, for a control of every other area (the cube has them; columns may not). */
  dataAreas?: Iterable<unknown>;
  /** Control = every area in the data that is neither target nor buffer. */
  restOfForce: boolean;
  /** Offence types to count, as the data spell them; empty means every type. */
  offenceTypes: readonly string[];
  /** Harm weights by offence type. */
  weights: ReadonlyMap<string, number>;
  confidence?: number;
}

export type { Headline };

export interface EvaluationReport {
  operation: Operation;
  controlAreas: string[];
  evaluation: CubeEvaluation;
  /** The headline measure's figures, or why there are none. */
  headline: Headline | { reason: string };
  planning: PlanningOutcome;
  accounting: RowAccounting;
  /** Listed areas the data never mention. */
  warnings: string[];
}

/** Every other area in the data: the control when the analyst has not chosen one. */
export const restOfForceControl = (dataAreas: Iterable<unknown>, operation: Operation): string[] =>
  otherAreas(dataAreas, [...operation.targetAreas, ...operation.bufferAreas]);

export const NO_CONTROL =
  "There is no control area: choose the control areas, or use every other area in the data.";

/** The checks before anything is counted: the operation's own, and a control to compare with. */
export function evaluationProblems(operation: Operation, controlAreas: readonly string[]): string[] {
  const problems = operationProblems({ ...operation, controlAreas: [...controlAreas] }, "evaluate");
  if (controlAreas.length === 0) problems.push(NO_CONTROL);
  return problems;
}

/** The months with any row in the data. */
function monthsOf(source: IncidentSource): Iterable<string> {
  if ("columns" in source) return monthsInData(source.columns.dates);
  if (source.seen) return source.seen.months;
  const { months } = source.cube.frame;
  return months.filter((_, s) => source.cube.slotRows[s] > 0);
}

/** The offence types in the data, or null when it has none. */
function typesOf(source: IncidentSource): string[] | null {
  if ("columns" in source)
    return source.columns.offenceTypes ? offenceTypesIn(source.columns.offenceTypes) : null;
  if (source.seen) return source.seen.types;
  const t = source.cube.types;
  return t.length === 1 && t[0] === "" ? null : t;
}

/**
 * The control areas, once the checks made before anything is counted pass
 * (so a period far beyond the data costs nothing); a PortError naming every
 * problem otherwise.
 */
export function checkedControl(
  req: Pick<EvaluationRequest, "operation" | "source" | "dataAreas" | "restOfForce">,
) {
  const { operation, source } = req;
  const dataAreas = req.dataAreas ?? ("cube" in source ? source.cube.areas : []);
  const controlAreas = req.restOfForce
    ? restOfForceControl(dataAreas, operation)
    : uniqueCodes(operation.controlAreas);
  const problems = evaluationProblems(operation, controlAreas);
  if (!problems.length) problems.push(...periodsBeyondData(operation, monthsOf(source)));
  if (problems.length) throw new PortError(problems.join(" "));
  return controlAreas;
}

export function runEvaluation(req: EvaluationRequest): EvaluationReport {
  const { operation } = req;
  const source = req.source;
  const controlAreas = checkedControl(req);
  // Offence types and harm weights as the data spell them (any case, trimmed); one that matches nothing is an error.
  const present = typesOf(source);
  const offenceTypes =
    present && req.offenceTypes.length ? matchOffenceTypes(req.offenceTypes, present) : req.offenceTypes;
  const weights = present ? weightsForData(req.weights, present) : req.weights;
  const periods = periodSerials(operation);
  const confidence = req.confidence ?? 0.95;
  const areas = { target: operation.targetAreas, buffer: operation.bufferAreas, control: controlAreas };
  const cube =
    "cube" in source
      ? source.cube
      : buildCube(source.columns, operationFrame(periods), {
          maxListed: 20,
          keepAreas: new Set(uniqueCodes([...areas.target, ...areas.buffer, ...areas.control])),
          onsOnly: chosenAreasAreOns([...areas.target, ...areas.buffer, ...areas.control]),
          ...(source.rowLabel ? { rowLabel: source.rowLabel } : {}),
        });
  const n = controlAreas.length.toLocaleString("en-GB");
  const typed = operation.dispersion;
  const evaluation = evaluateCube({
    cube,
    areas,
    periods,
    offenceTypes,
    weights,
    controlNote: req.restOfForce ? `every other area in the data (${n} areas)` : `${n} chosen areas`,
    confidence,
    ...(typeof typed === "number" && typed >= 1 ? { typedDispersion: typed } : {}),
    ...(operation.headlineMeasure ? { headlineMeasure: operation.headlineMeasure } : {}),
  });
  const headline = headlineOf(evaluation, operation, confidence);
  // The detectable fall for the headline measure, in its own counts and dispersion (a harm total is not a
  // count of crimes: then all selected crime, the first row).
  const head = evaluation.results[evaluation.headline];
  const plan = head && head.kind !== "harm" ? head : evaluation.results[0];
  const { target, control } = plan ?? evaluation.aggregate;
  const planning = planningFromCounts(
    target.before,
    control.before,
    operation,
    plan?.context?.dispersion.value,
  );
  const notFound = codesNotFoundMessage(
    codesNotFound({ target: operation.targetAreas, buffer: operation.bufferAreas, control: [] }, cube.areas),
  );
  return {
    operation: { ...operation, controlAreas },
    controlAreas,
    evaluation,
    headline,
    planning,
    accounting: rowAccounting(evaluation.aggregate),
    warnings: notFound ? [notFound] : [],
  };
}

/** The lines a person reads first: the verdict, the headline sentence and its checks. */
export function headlineLines(h: Headline | { reason: string }): string[] {
  if ("reason" in h) return [`Verdict: Not judged — ${h.reason}.`];
  const j = h.figures.judgement;
  return [
    `Verdict: ${j.label}${j.borderline ? " (borderline)" : ""} — ${j.reason}.`,
    h.sentence,
    `Checks: ${h.figures.checksText}`,
  ];
}
