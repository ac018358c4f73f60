/**
 * From incident rows to Results rows: the one evaluation the task pane, the
 * command line and HARM.VERDICT run. Rows are counted once into the cube
 * (src/core/incidents/cube.ts); every figure reads it (operation.ts).
 */
import { uniqueCodes } from "../areas";
import { buildCube, chosenAreasAreOns, type CubeColumns } from "../incidents/cube";
import type { IncidentColumns, Periods } from "../incidents";
import { evaluateCube, type CubeEvaluation, type CubeEvaluationInput } from "./operation";
import { operationFrame } from "./frame";

export type { BeforeAfter, ResultsRow } from "./types";
export { ALL_SELECTED, HARM_TOTAL, harmParts, harmTotalRow } from "./rows";
export { evaluateCube, isPoliceGenerated, type CubeEvaluation, type CubeEvaluationInput } from "./operation";
export { operationFrame, HISTORY_MONTHS } from "./frame";

export interface ColumnMap {
  date: number;
  area: number;
  offenceType: number | null;
  /** A crime reference (police.uk "Crime ID"): repeated references are counted once. */
  id?: number | null;
  /** Area names (police.uk "LSOA name"), for areas by local authority. */
  name?: number | null;
}

const column = (rows: readonly (readonly unknown[])[], i: number): unknown[] => rows.map((r) => r[i] ?? null);

/** The columns an evaluation needs, taken from row-shaped data (a table or parsed CSV). */
export function columnsOf(rows: readonly (readonly unknown[])[], map: ColumnMap): IncidentColumns {
  return {
    dates: column(rows, map.date),
    areas: column(rows, map.area),
    ...(map.offenceType !== null ? { offenceTypes: column(rows, map.offenceType) } : {}),
    ...(map.id !== undefined && map.id !== null ? { ids: column(rows, map.id) } : {}),
  };
}

export interface EvaluationInput extends Omit<CubeEvaluationInput, "cube" | "periods"> {
  incidents: CubeColumns;
  periods: Periods;
  /** Names row i (0-based) in messages, e.g. "2024-09-gwent-street.csv, line 6,065". */
  rowLabel?: (i: number) => string;
}

export type Evaluation = CubeEvaluation;

/** Counts the rows of the operation's areas into its cube, then evaluates. */
export function evaluateIncidents(input: EvaluationInput): Evaluation {
  const { incidents, rowLabel, ...rest } = input;
  const { target, buffer, control } = input.areas;
  const cube = buildCube(incidents, operationFrame(input.periods), {
    maxListed: 20,
    keepAreas: new Set(uniqueCodes([...target, ...buffer, ...control])),
    onsOnly: chosenAreasAreOns([...target, ...buffer, ...control]),
    ...(rowLabel ? { rowLabel } : {}),
  });
  return evaluateCube({ ...rest, cube });
}
