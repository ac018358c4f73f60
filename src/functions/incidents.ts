/**
 * Incident-level functions: HARM.PERIODCOUNTS, HARM.MONTHLYCOUNTS and
 * HARM.HARMWDD count incident rows (a whole column of them) by area group and
 * period or month, through the same core counting as the task pane.
 */
import { valueError } from "../core/errors";
import {
  aggregateIncidents,
  monthlyCounts as coreMonthlyCounts,
  ymdToSerial,
  type AggregateResult,
  type MonthlyResult,
  type Periods,
} from "../core/incidents";
import { periodLengths } from "../core/operation/periods";
import { harmWdd as coreHarmWdd } from "../core/stats";
import { weightTable as coreWeightTable } from "../core/weights";
import { readConfidence, readDispersion, wddCells } from "./args";
import { guardMatrix, isBlank, isExcelError, must, unwrapScalar } from "./excel";
import {
  areaSets,
  counted,
  incidentColumns,
  offenceList,
  periodsFrom,
  type AreaArgs,
  type ColumnArgs,
} from "./incidentArgs";
import { fixedSize, type HarmFunction } from "./spill";

/**
 * Two columns (offence type, weight), read by the add-in's one rule
 * (src/core/weights.ts). A first row whose weight is text that is no kind of
 * number ("Weight") is a header and skipped.
 */
function weightsFrom(v: unknown): Map<string, number> {
  if (!Array.isArray(v) || v.length === 0)
    throw valueError("weightTable is empty; select two columns: offence type, weight.");
  const entries = v.map((row, i) => {
    if (!Array.isArray(row) || row.length !== 2)
      throw valueError("weightTable must be two columns: offence type, then weight.");
    if (isExcelError(row[0]) || isExcelError(row[1]))
      throw valueError(`weightTable row ${i + 1} contains an error value; fix that cell.`);
    return { offenceType: row[0] as unknown, weight: row[1] as unknown };
  });
  const w = entries[0].weight;
  const skip = typeof w === "string" && w.trim() !== "" && Number.isNaN(Number(w.replace(/,/g, ""))) ? 1 : 0;
  const map = coreWeightTable(entries.slice(skip), (i) => `weightTable row ${i + 1 + skip}`);
  if (map.size === 0) throw valueError("weightTable has no weights; enter offence types and weights.");
  return map;
}

/** Counts by area group and period (and by offence type with `byType`), as the task pane counts them. */
function aggregate(
  columns: ColumnArgs,
  areaArgs: AreaArgs,
  periods: Periods,
  options: { weights?: Map<string, number>; byType?: boolean },
): AggregateResult {
  const areas = areaSets(areaArgs);
  const cols = incidentColumns(columns);
  if (options.weights && !cols.offenceTypes)
    throw valueError("A weight table needs the offenceTypes column too; select it as the tenth argument.");
  return counted(cols, () => aggregateIncidents(cols, areas, periods, { ...options, unknownType: "error" }));
}

/** HARM.PERIODCOUNTS: Three rows (target, buffer, control) by two columns (before, after): counts, or harm totals with a weight table. */
export function periodCounts(
  dates: any[][],
  areas: any[][],
  targetAreas: any[][],
  bufferAreas: any[][],
  controlAreas: any[][],
  beforeStart: any[][],
  beforeEnd: any[][],
  afterStart: any[][],
  afterEnd: any[][],
  offenceTypes?: any[][],
  weightTable?: any[][],
): any[][] {
  return guardMatrix(() => {
    const weights = isBlank(weightTable) ? undefined : weightsFrom(weightTable);
    const r = aggregate(
      { dates, areas, offenceTypes },
      { targetAreas, bufferAreas, controlAreas },
      periodsFrom([beforeStart, beforeEnd, afterStart, afterEnd]),
      { weights },
    );
    return [
      [r.target.before, r.target.after],
      [r.buffer.before, r.buffer.after],
      [r.control.before, r.control.after],
    ];
  });
}

/** HARM.HARMWDD: Estimate, standard error, Z, lower, upper (five cells). Negative means harm fell. */
export function harmWdd(
  dates: any[][],
  areas: any[][],
  offenceTypes: any[][],
  targetAreas: any[][],
  controlAreas: any[][],
  beforeStart: any[][],
  beforeEnd: any[][],
  afterStart: any[][],
  afterEnd: any[][],
  weightTable: any[][],
  bufferAreas?: any[][],
  confidence?: any[][],
  dispersion?: any[][],
): any[][] {
  return guardMatrix(() => {
    if (isBlank(offenceTypes)) throw valueError("offenceTypes is empty; select the column of offence types.");
    if (isBlank(weightTable))
      throw valueError("weightTable is empty; select two columns: offence type, weight.");
    const weights = weightsFrom(weightTable);
    const conf = must(readConfidence(unwrapScalar(confidence ?? null, "confidence")));
    const d = must(readDispersion(unwrapScalar(dispersion ?? null, "dispersion")));
    const hasBuffer = !isBlank(bufferAreas);
    const periods = periodsFrom([beforeStart, beforeEnd, afterStart, afterEnd]);
    const r = aggregate(
      { dates, areas, offenceTypes },
      { targetAreas, bufferAreas: bufferAreas ?? null, controlAreas },
      periods,
      { weights, byType: true },
    );
    // Rates over the two periods, as HARM.WDD with lengths and the Results sheet compare them.
    const lengths = periodLengths(periods);
    // Σ w_k·WDD_k with Var Σ w_k²·Var_k (docs/methods.md, Harm-weighted WDD): never WDD of harm totals.
    const parts = [...(r.byType ?? new Map())].map(([type, counts]) => ({
      offenceType: type,
      weight: weights.get(type) as number,
      target: counts.target,
      control: counts.control,
      buffer: hasBuffer ? counts.buffer : undefined,
      lengths,
    }));
    if (parts.length === 0)
      throw valueError("No incidents fall in the areas and periods given, so there is nothing to compare.");
    return [wddCells(coreHarmWdd(parts, conf, d))];
  });
}

const MONTHLY_HEADER = ["Month", "Target", "Buffer", "Control"];
/** A month in which no row of the target, buffer or control areas fell: a missing month file, not a month without crime. */
const NO_DATA = "no data";

function monthlyRows(r: MonthlyResult): unknown[][] {
  return [
    MONTHLY_HEADER,
    ...r.months.map((m) => {
      const serial = ymdToSerial(Number(m.month.slice(0, 4)), Number(m.month.slice(5, 7)), 1);
      return m.noData ? [serial, NO_DATA, NO_DATA, NO_DATA] : [serial, m.target, m.buffer, m.control];
    }),
  ];
}

/** HARM.MONTHLYCOUNTS: Month (the 1st, as a date), Target, Buffer, Control: a header row and one row per month. */
export function monthlyCounts(
  dates: any[][],
  areas: any[][],
  targetAreas: any[][],
  bufferAreas: any[][],
  controlAreas: any[][],
  firstMonth: any[][],
  lastMonth: any[][],
  offenceTypes?: any[][],
  offenceFilter?: any[][],
): any[][] {
  return guardMatrix(() => {
    const sets = areaSets({ targetAreas, bufferAreas, controlAreas });
    const hasTypes = !isBlank(offenceTypes);
    const filter = isBlank(offenceFilter) ? undefined : offenceList(offenceFilter);
    if (filter && !hasTypes)
      throw valueError(
        "An offence filter needs the offenceTypes column too; select it as the eighth argument.",
      );
    if (filter && filter.size === 0) throw valueError("offenceFilter lists no offence types.");
    const cols = incidentColumns({ dates, areas, offenceTypes });
    const r = counted(cols, () =>
      coreMonthlyCounts(
        cols,
        sets,
        unwrapScalar(firstMonth, "firstMonth"),
        unwrapScalar(lastMonth, "lastMonth"),
        filter ? { offenceFilter: filter } : {},
      ),
    );
    if (filter && r.rowsUsed === 0 && r.rowsFilteredOut > 0)
      throw valueError(
        `No row has an offence type in offenceFilter (${[...filter].join(", ")}); write them as in the offenceTypes column.`,
      );
    return monthlyRows(r);
  });
}

/** Header plus one row per month; the months are known only when both bounds are typed into the formula. */
const monthlySpill: HarmFunction["spill"] = (_args, literals) => {
  const first = literals?.[5];
  const last = literals?.[6];
  if (first === undefined || last === undefined) return { width: 4, height: 1 };
  try {
    // The core's own month arithmetic over one blank row, so the size and the result cannot disagree.
    const r = coreMonthlyCounts(
      { dates: [[""]], areas: [[""]] },
      { target: ["T"], buffer: [], control: ["C"] },
      first,
      last,
    );
    return { width: 4, height: r.months.length + 1 };
  } catch {
    return { width: 1, height: 1 };
  }
};

export const INCIDENT_FUNCTIONS = [
  { id: "HARM.PERIODCOUNTS", fn: periodCounts, spill: fixedSize(2, 3) },
  { id: "HARM.HARMWDD", fn: harmWdd, spill: fixedSize(5, 1) },
  { id: "HARM.MONTHLYCOUNTS", fn: monthlyCounts, spill: monthlySpill },
] as const satisfies readonly HarmFunction[];
