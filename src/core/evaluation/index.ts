/**
 * From incident rows to Results rows: the one evaluation the task pane and
 * the command line both run. One row for all selected crime, a harm-weighted
 * total when harm weights are set, then one row per offence type.
 */
import { aggregateIncidents } from "../incidents";
import type { AggregateResult, AreaCounts, AreaSets, IncidentColumns, Periods } from "../incidents";
import { missingMonths, monthsInData } from "../incidents/coverage";
import type { ResultsRow } from "./types";

export type { BeforeAfter, ResultsRow } from "./types";

export const ALL_SELECTED = "All selected crime";
export const HARM_TOTAL = "Harm-weighted total (all selected crime)";

export interface ColumnMap {
  date: number;
  area: number;
  offenceType: number | null;
  /** A crime reference (police.uk "Crime ID"): repeated references are counted once. */
  id?: number | null;
}

export interface EvaluationInput {
  incidents: IncidentColumns;
  areas: AreaSets;
  periods: Periods;
  /** Offence types to count; empty or undefined means every type. */
  offenceTypes?: readonly string[];
  /** How the control areas were chosen, for the Results note (e.g. "every other area in the data"). */
  controlNote?: string;
  /** Harm weights by offence type; a harm-total row is added when any differs from 1. */
  weights?: ReadonlyMap<string, number>;
  /** Names row i (0-based) in messages, e.g. "2024-09-gwent-street.csv, line 6,065". */
  rowLabel?: (i: number) => string;
}

export interface Evaluation {
  aggregate: AggregateResult;
  results: ResultsRow[];
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

type Coverage = NonNullable<ResultsRow["coverage"]>;

function row(
  measure: string,
  c: AreaCounts,
  withBuffer: boolean,
  note: string,
  coverage?: Coverage,
): ResultsRow {
  return {
    measure,
    target: { ...c.target },
    ...(withBuffer ? { buffer: { ...c.buffer } } : {}),
    control: { ...c.control },
    note,
    ...(coverage ? { coverage } : {}),
  };
}

export function evaluateIncidents(input: EvaluationInput): Evaluation {
  const { incidents, areas } = input;
  const hasTypes = incidents.offenceTypes !== undefined;
  const types = input.offenceTypes && input.offenceTypes.length ? input.offenceTypes : undefined;
  const aggregate = aggregateIncidents(incidents, areas, input.periods, {
    ...(types && hasTypes ? { offenceFilter: new Set(types) } : {}),
    byType: hasTypes,
    maxRejectedListed: 20,
    ...(input.rowLabel ? { rowLabel: input.rowLabel } : {}),
  });
  const withBuffer = areas.buffer.length > 0;
  const note =
    `Counted from ${aggregate.rowsUsed.toLocaleString("en-GB")} incident rows` +
    (input.controlNote ? `; control: ${input.controlNote}.` : ".");
  // A month with no row at all, in any area, was not loaded: it is missing for every measure.
  const present = monthsInData(incidents.dates);
  const p = input.periods;
  const coverage: Coverage = {
    before: { missing: missingMonths(p.beforeStart, p.beforeEnd, present) },
    after: { missing: missingMonths(p.afterStart, p.afterEnd, present) },
  };
  const results: ResultsRow[] = [row(ALL_SELECTED, aggregate, withBuffer, note, coverage)];
  if (aggregate.byType) {
    const names = [...aggregate.byType.keys()].sort();
    const harm = input.weights ? harmTotalRow(aggregate.byType, input.weights, withBuffer) : null;
    if (harm) results.push({ ...harm, coverage });
    for (const t of names)
      results.push(row(t, aggregate.byType.get(t)!, withBuffer, "Count of this offence type.", coverage));
  }
  return { aggregate, results };
}

/** Offence types with a weight, as parts for the harm-weighted statistics (Wheeler & Ratcliffe 2018). */
export function harmParts(
  byType: ReadonlyMap<string, AreaCounts>,
  weights: ReadonlyMap<string, number>,
  withBuffer: boolean,
) {
  return [...byType.keys()]
    .sort()
    .filter((t) => weights.has(t))
    .map((t) => {
      const c = byType.get(t)!;
      return {
        offenceType: t,
        weight: weights.get(t)!,
        target: c.target,
        control: c.control,
        ...(withBuffer ? { buffer: c.buffer } : {}),
      };
    });
}

/**
 * Σ weight × count for each area and period, kept with the counts per offence
 * type behind it, so its WDD and net-effect interval are the harm-weighted ones
 * (Σ w·X_k, variance Σ w²·Var_k) rather than those of the totals, whose variance
 * would be wrong. Only when some weight differs from 1: otherwise the total
 * equals the plain count.
 */
export function harmTotalRow(
  byType: ReadonlyMap<string, AreaCounts>,
  weights: ReadonlyMap<string, number>,
  withBuffer: boolean,
): ResultsRow | null {
  const parts = harmParts(byType, weights, withBuffer);
  if (!parts.some((p) => p.weight !== 1)) return null;
  const missing = [...byType.keys()].sort().filter((t) => !weights.has(t));
  const total = {
    target: { before: 0, after: 0 },
    buffer: { before: 0, after: 0 },
    control: { before: 0, after: 0 },
  };
  for (const p of parts) {
    const c = byType.get(p.offenceType)!;
    for (const area of ["target", "buffer", "control"] as const) {
      total[area].before += p.weight * c[area].before;
      total[area].after += p.weight * c[area].after;
    }
  }
  const note =
    `Σ weight × count over ${parts.length} offence type${parts.length === 1 ? "" : "s"}, weights from the Operation sheet. ` +
    "Count-only tests are n/a; the WDD and the net effect's interval are harm-weighted from the counts per offence " +
    "type (Wheeler & Ratcliffe 2018), stored when counted." +
    (missing.length ? ` Left out for want of a weight: ${missing.join(", ")}.` : "");
  return { ...row(HARM_TOTAL, total, withBuffer, note), kind: "harm", harmParts: parts };
}
