/**
 * The planning figures (planning.ts) counted from loaded incident rows, as the
 * Evaluate step will count them: the task pane shows them once the data are
 * loaded and the areas chosen, in the Evaluate and Operation steps.
 */
import { uniqueCodes } from "../core/areas";
import { evaluateCube, operationFrame, type ColumnMap } from "../core/evaluation";
import { buildCube, chosenAreasAreOns } from "../core/incidents/cube";
import { isHarmError } from "../core/errors";
import { PortError } from "../sheets/plan/errors";
import { operationLengths, periodSerials, type Operation } from "../core/operation";
import type { TableData } from "../sheets/plan/snapshot";
import { restOfForceControl } from "./evaluateIncidents";
import { tableColumn, tableColumns } from "./incidentData";
import { planningFromCounts, type PlanningOutcome } from "./planning";

/** The loaded incident data and choices the figure is counted from (as the Evaluate step has them). */
export interface PlanningSource {
  data: TableData;
  columns: ColumnMap;
  /** Control = every area in the data that is neither target nor buffer. */
  restOfForce: boolean;
  offenceTypes: readonly string[];
  /** Every area code in the area column, when the caller has them already (the pane's pick-list). */
  areas?: readonly string[];
}

/** Why the figure cannot be worked out yet, or null when it can. */
function notReady(op: Operation, controlAreas: readonly string[]): string | null {
  if (!operationLengths(op))
    return "Enter the before and after periods to see what the evaluation could detect.";
  if (op.targetAreas.length === 0) return "Choose the target areas to see what the evaluation could detect.";
  if (controlAreas.length === 0) return "Choose the control areas to see what the evaluation could detect.";
  return null;
}

/** Counts the before period from the loaded incident rows, as the evaluation will, then works out the figures. */
export function planningFromIncidents(source: PlanningSource, op: Operation): PlanningOutcome {
  const { data, columns } = source;
  if (columns.date < 0 || columns.area < 0)
    return {
      ready: false,
      reason: "Choose the date and area columns to see what the evaluation could detect.",
    };
  const controlAreas = source.restOfForce
    ? restOfForceControl(source.areas ?? tableColumn(data, columns.area), op)
    : op.controlAreas;
  const why = notReady(op, controlAreas);
  if (why) return { ready: false, reason: why };
  const hasTypes = columns.offenceType !== null && columns.offenceType >= 0;
  try {
    // Counted as the evaluation counts, so the plan uses the verdict's own dispersion.
    const areas = { target: op.targetAreas, buffer: op.bufferAreas, control: controlAreas };
    const periods = periodSerials(op);
    const cube = buildCube(
      tableColumns(data, hasTypes ? columns : { ...columns, offenceType: null }),
      operationFrame(periods),
      {
        keepAreas: new Set(uniqueCodes([...areas.target, ...areas.buffer, ...areas.control])),
        onsOnly: chosenAreasAreOns([...areas.target, ...areas.buffer, ...areas.control]),
      },
    );
    const e = evaluateCube({ cube, areas, periods, offenceTypes: hasTypes ? source.offenceTypes : [] });
    const d = e.results[e.headline]?.context?.dispersion.value;
    return planningFromCounts(e.aggregate.target.before, e.aggregate.control.before, op, d);
  } catch (e) {
    // A column not kept when the files were read (PortError), or counts the core refuses (HarmError).
    if (!isHarmError(e) && !(e instanceof PortError)) throw e;
    const m = e.message;
    return {
      ready: false,
      reason: `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? "" : "."}`,
    };
  }
}
