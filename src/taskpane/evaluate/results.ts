/** Turns an aggregation into Results rows: one for all selected crime, then one per offence type. */
import {
  aggregateIncidents,
  isoToSerial,
  type AggregateResult,
  type AreaCounts,
  type AreaSets,
} from "../../core/incidents";
import type { Operation } from "../../core/operation";
import { harmWdd } from "../../core/stats";
import { isHarmError } from "../../core/errors";
import type { ResultsRow } from "../../sheets/build";
import { PortError, type WorkbookPort } from "../port/types";

export const ALL_SELECTED = "All selected crime";
export const HARM_TOTAL = "Harm-weighted total (all selected crime)";

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
  /** Harm weights by offence type (the Operation sheet's table); a harm-total row is added when any differs from 1. */
  weights?: ReadonlyMap<string, number>;
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
    const harm = input.weights ? harmTotalRow(aggregate.byType, input.weights, withBuffer) : null;
    if (harm) results.push(harm);
    for (const t of names)
      results.push(row(t, aggregate.byType.get(t)!, withBuffer, "Count of this offence type."));
  }
  return { aggregate, results };
}

/**
 * Σ weight × count for each area and period, with the harm-weighted WDD
 * (Σ w·WDD_k, variance Σ w²·Var_k; Wheeler & Ratcliffe 2018) rather than a WDD
 * of the totals, whose variance would be wrong (formulas.md). Only when some
 * weight differs from 1: otherwise the total equals the plain count.
 */
export function harmTotalRow(
  byType: ReadonlyMap<string, AreaCounts>,
  weights: ReadonlyMap<string, number>,
  withBuffer: boolean,
): ResultsRow | null {
  const types = [...byType.keys()].sort();
  const weighted = types.filter((t) => weights.has(t));
  if (!weighted.some((t) => weights.get(t) !== 1)) return null;
  const missing = types.filter((t) => !weights.has(t));
  const total = {
    target: { before: 0, after: 0 },
    buffer: { before: 0, after: 0 },
    control: { before: 0, after: 0 },
  };
  for (const t of weighted) {
    const w = weights.get(t)!;
    const c = byType.get(t)!;
    for (const area of ["target", "buffer", "control"] as const) {
      total[area].before += w * c[area].before;
      total[area].after += w * c[area].after;
    }
  }
  let wdd: { estimate: number; lower: number; upper: number } | null = null;
  try {
    const r = harmWdd(
      weighted.map((t) => {
        const c = byType.get(t)!;
        return {
          offenceType: t,
          weight: weights.get(t)!,
          target: c.target,
          control: c.control,
          ...(withBuffer ? { buffer: c.buffer } : {}),
        };
      }),
      0.95,
    );
    wdd = { estimate: r.estimate, lower: r.lower, upper: r.upper };
  } catch (e) {
    if (!isHarmError(e)) throw e; // e.g. every count zero: the WDD is undefined, shown as n/a
  }
  const note =
    `Σ weight × count over ${weighted.length} offence type${weighted.length === 1 ? "" : "s"}, weights from the Operation sheet. ` +
    "Poisson Z, E-test and the RES interval assume plain counts, so they are n/a here; WDD and its interval are the " +
    "harm-weighted WDD (Wheeler & Ratcliffe 2018), stored when counted." +
    (missing.length ? ` Left out for want of a weight: ${missing.join(", ")}.` : "");
  return {
    ...row(HARM_TOTAL, total, withBuffer, note),
    harmWeighted: { wdd },
  };
}

/**
 * Reads the Operation sheet's harm-weights table (offence type, weight). A
 * weight that is not a non-negative number is refused with its row, never
 * guessed; blank rows are skipped.
 */
export function weightsFromTable(data: { headers: string[]; rows: unknown[][] }): Map<string, number> {
  const find = (re: RegExp) => data.headers.findIndex((h) => re.test(String(h ?? "")));
  const typeCol = find(/offence|crime type/i);
  const weightCol = find(/weight/i);
  if (typeCol < 0 || weightCol < 0)
    throw new PortError(
      "The harm weights table on the Operation sheet has lost its Offence type or Weight column; insert the Operation sheet again with Update.",
    );
  const out = new Map<string, number>();
  data.rows.forEach((r, i) => {
    const type = String(r[typeCol] ?? "").trim();
    const raw = r[weightCol];
    if (!type && (raw === null || raw === undefined || raw === "")) return;
    const w =
      typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
    if (!type || !Number.isFinite(w) || w < 0)
      throw new PortError(
        `Harm weights table, row ${i + 1}${type ? ` (${type})` : ""}: the weight must be a number of 0 or more; got '${String(raw ?? "")}'.`,
      );
    out.set(type, w);
  });
  return out;
}

/** The Operation sheet's table of weights (src/sheets/specs/operation.ts). */
export const HARM_WEIGHTS_TABLE = "HP_HarmWeights";

/** Weights as the analyst left them in the workbook; the operation's own list when there is no table yet. */
export async function readHarmWeights(
  port: WorkbookPort,
  operation: Operation,
): Promise<Map<string, number>> {
  const tables = await port.listTables();
  const t = tables.find((x) => x.name.toLowerCase() === HARM_WEIGHTS_TABLE.toLowerCase());
  if (!t) return new Map(operation.harmWeights.map((w) => [w.offenceType, w.weight]));
  return weightsFromTable(await port.readTable(t.name));
}
