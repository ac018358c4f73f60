/** Turns an aggregation into Results rows: one for all selected crime, then one per offence type. */
import {
  aggregateIncidents,
  isoToSerial,
  type AggregateResult,
  type AreaCounts,
  type AreaSets,
} from "../../core/incidents";
import type { Operation } from "../../core/operation";
import type { ResultsRow } from "../../sheets/build";
import { PortError } from "../port/types";

export const ALL_SELECTED = "All selected crime";

export interface ColumnMap {
  date: number;
  area: number;
  offenceType: number | null;
}

export interface EvaluationInput {
  rows: readonly (readonly unknown[])[];
  columns: ColumnMap;
  areas: AreaSets;
  operation: Operation;
  /** Offence types to count; empty or undefined means every type. */
  offenceTypes?: readonly string[];
  /** How the control areas were chosen, for the Results note (e.g. "every other area in the data"). */
  controlNote?: string;
}

export interface Evaluation {
  aggregate: AggregateResult;
  results: ResultsRow[];
}

const column = (rows: readonly (readonly unknown[])[], i: number): unknown[] => rows.map((r) => r[i] ?? null);

export function periodsOf(op: Operation) {
  const need = [op.before.start, op.before.end, op.after.start, op.after.end];
  if (need.some((d) => !d))
    throw new PortError("Enter the before and after periods on the Operation tab first.");
  return {
    beforeStart: isoToSerial(op.before.start),
    beforeEnd: isoToSerial(op.before.end),
    afterStart: isoToSerial(op.after.start),
    afterEnd: isoToSerial(op.after.end),
  };
}

function row(measure: string, c: AreaCounts, withBuffer: boolean, note: string): ResultsRow {
  return {
    measure,
    target: { ...c.target },
    ...(withBuffer ? { buffer: { ...c.buffer } } : {}),
    control: { ...c.control },
    note,
  };
}

export function evaluate(input: EvaluationInput): Evaluation {
  const { rows, columns, areas, operation } = input;
  const types = input.offenceTypes && input.offenceTypes.length ? input.offenceTypes : undefined;
  const aggregate = aggregateIncidents(
    {
      dates: column(rows, columns.date),
      areas: column(rows, columns.area),
      ...(columns.offenceType !== null ? { offenceTypes: column(rows, columns.offenceType) } : {}),
    },
    areas,
    periodsOf(operation),
    {
      ...(types && columns.offenceType !== null ? { offenceFilter: new Set(types) } : {}),
      byType: columns.offenceType !== null,
      maxRejectedListed: 20,
    },
  );
  const withBuffer = areas.buffer.length > 0;
  const note =
    `Counted from ${aggregate.rowsUsed.toLocaleString("en-GB")} incident rows` +
    (input.controlNote ? `; control: ${input.controlNote}.` : ".");
  const results: ResultsRow[] = [row(ALL_SELECTED, aggregate, withBuffer, note)];
  if (aggregate.byType) {
    const names = [...aggregate.byType.keys()].sort();
    for (const t of names)
      results.push(row(t, aggregate.byType.get(t)!, withBuffer, "Count of this offence type."));
  }
  return { aggregate, results };
}
