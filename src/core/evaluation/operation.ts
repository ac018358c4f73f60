/**
 * The one evaluation of an operation from counted incident data (the cube):
 * the Results rows with what the data say about each (context), the row
 * accounting, the Monitoring months and the counts the planning figure needs.
 * The task pane, the command line and HARM.VERDICT all run this.
 */
import type { IncidentCube } from "../incidents/cube";
import type { AggregateResult, AreaCounts, Periods } from "../incidents";
import type { PeriodCoverage } from "../incidents/coverage";
import { evaluateCounts } from "../stats/evaluate";
import { holmAdjust } from "../stats/dispersion";
import { normalCdf } from "../stats/normal";
import { periodLengths } from "../operation/periods";
import type { MonitoringMonth } from "../stats/monitoring";
import { rowContext } from "./context";
import { monthsNotLoaded, slotRange } from "./frame";
import { areaGroups, monthlyOf, slotSeries, sumSlots, typeWeights, type AreaGroups } from "./series";
import { ALL_SELECTED, harmTotalRow } from "./rows";
import type { ResultsRow } from "./types";

/** police.uk types recorded mostly when police find them: more patrols raise them (UKDPC 2009: outcomes, not outputs). */
/** Where a Results row's note says how the control was chosen (the Summary reads it back). */
export const CONTROL_NOTE = "; control: ";

export const POLICE_GENERATED = ["drugs", "possession of weapons"];
export const isPoliceGenerated = (types: readonly string[]): boolean =>
  types.length > 0 && types.every((t) => POLICE_GENERATED.includes(t.trim().toLowerCase()));

/** Months of history the Monitoring sheet shows before the baseline, for the same month last year. */
export const MONITORING_HISTORY = 12;

export interface CubeEvaluationInput {
  cube: IncidentCube;
  areas: { target: readonly string[]; buffer: readonly string[]; control: readonly string[] };
  periods: Periods;
  /** Offence types to count, exactly as the cube holds them; empty or absent: every type. */
  offenceTypes?: readonly string[];
  /** Harm weights by offence type; a harm-total row is added when any differs from 1. */
  weights?: ReadonlyMap<string, number>;
  /** How the control areas were chosen, for the Results note. */
  controlNote?: string;
  /** A dispersion typed by the analyst (≥ 1) overrides the one from the data. */
  typedDispersion?: number;
  confidence?: number;
  /** The measure the headline reports (default: all selected crime). */
  headlineMeasure?: string;
  /** Only the all-selected-crime row (HARM.VERDICT shows nothing else): no row per offence type or harm total. */
  headlineOnly?: boolean;
}

export interface CubeEvaluation {
  results: ResultsRow[];
  /** Index in `results` of the headline row. */
  headline: number;
  /** Counts of all selected crime, the row accounting and coverage, as the period counts give them. */
  aggregate: AggregateResult;
  /** Target, buffer and control by month, from up to 12 months before the baseline to the after period's end. */
  monitoring: MonitoringMonth[];
}

const pairOf = (s: Float64Array, before: [number, number], after: [number, number]) => ({
  before: sumSlots(s, before),
  after: sumSlots(s, after),
});

function countsOf(
  cube: IncidentCube,
  g: AreaGroups,
  w: Float64Array,
  before: [number, number],
  after: [number, number],
): AreaCounts {
  return {
    target: pairOf(slotSeries(cube, g.target, w), before, after),
    buffer: pairOf(slotSeries(cube, g.buffer, w), before, after),
    control: pairOf(slotSeries(cube, g.control, w), before, after),
  };
}

function coverageOf(cube: IncidentCube, range: [number, number]): PeriodCoverage {
  const months = monthlyOf(cube, new Float64Array(cube.frame.starts.length), range).months;
  const missing = monthsNotLoaded(cube, range);
  return { months, present: months.filter((m) => !missing.includes(m)), missing };
}

/**
 * Where every row read went, in the period counts' terms (see CountAccounting):
 * the cube's stored rows split by area set, period and offence type.
 */
function accounting(
  cube: IncidentCube,
  g: AreaGroups,
  selected: Float64Array,
  before: [number, number],
  after: [number, number],
): Omit<AggregateResult, keyof AreaCounts | "coverage" | "byType"> {
  const a = cube.accounting;
  const inSets = new Set([...g.target, ...g.buffer, ...g.control]);
  const nT = cube.types.length;
  const nS = cube.frame.starts.length;
  let used = 0;
  let filtered = 0;
  let outsidePeriods = a.rowsOutsideWindow;
  let outsideAreas = a.rowsNotKept;
  const inPeriod = new Uint8Array(nS);
  for (const [from, to] of [before, after]) inPeriod.fill(1, from, to);
  cube.counts.forEach((c, area) => {
    for (let s = 0; s < nS; s++)
      for (let t = 0; t < nT; t++) {
        const k = c[s * nT + t];
        if (k === 0) continue;
        if (!inSets.has(area)) outsideAreas += k;
        else if (!inPeriod[s]) outsidePeriods += k;
        else if (selected[t] === 0) filtered += k;
        else used += k;
      }
  });
  return {
    rowsRead: a.rowsRead,
    rowsUsed: used,
    rowsOutsideAreas: outsideAreas,
    rowsOutsidePeriods: outsidePeriods,
    rowsFilteredOut: filtered,
    rowsDuplicate: a.rowsDuplicate,
    duplicates: a.duplicateExamples.map((d) => ({ ...d })),
    rowsCopied: a.rowsCopied,
    copies: a.copyExamples.map((d) => ({ ...d })),
    rejected: a.rejected,
    rejectedCount: a.rejectedCount,
    rejectedByReason: a.rejectedByReason,
    areaCodesNormalised: a.areaCodesNormalised,
  };
}

/** Before and after cover different calendar months (e.g. winter against spring). */
function seasonsDiffer(cube: IncidentCube, before: [number, number], after: [number, number]): boolean {
  const months = (r: [number, number]) =>
    new Set(monthlyOf(cube, new Float64Array(cube.frame.starts.length), r).months.map((m) => m.slice(5)));
  const b = months(before);
  const a = months(after);
  return b.size !== a.size || [...a].some((m) => !b.has(m));
}

/** Every figure of an operation's evaluation from its counted data. */
export function evaluateCube(input: CubeEvaluationInput): CubeEvaluation {
  const { cube, periods: p } = input;
  const before = slotRange(cube.frame, p.beforeStart, p.beforeEnd);
  const after = slotRange(cube.frame, p.afterStart, p.afterEnd);
  if (!before || !after) throw new Error("The counted data do not cover the operation's periods");
  const groups = areaGroups(cube, input.areas);
  const wanted = input.offenceTypes?.length ? new Set(input.offenceTypes) : undefined;
  const selected = typeWeights(cube, wanted);
  const withBuffer = input.areas.buffer.length > 0;
  const confidence = input.confidence ?? 0.95;
  const lengths = periodLengths(p);
  const counts = countsOf(cube, groups, selected, before, after);
  const agg = accounting(cube, groups, selected, before, after);
  const coverage = { before: coverageOf(cube, before), after: coverageOf(cube, after) };
  const hasTypes = !(cube.types.length === 1 && cube.types[0] === "");
  const byType = new Map<string, AreaCounts>();
  if (hasTypes)
    cube.types.forEach((t, i) => {
      if (selected[i] === 0) return;
      const one = new Float64Array(cube.types.length);
      one[i] = 1;
      byType.set(t, countsOf(cube, groups, one, before, after));
    });
  const aggregate: AggregateResult = { ...counts, ...agg, coverage, ...(hasTypes ? { byType } : {}) };

  const rowCoverage = {
    before: { missing: coverage.before.missing },
    after: { missing: coverage.after.missing },
  };
  const seasons = seasonsDiffer(cube, before, after);
  const contextFor = (w: Float64Array, types: readonly string[]) =>
    rowContext({
      cube,
      groups,
      weights: w,
      periods: p,
      before,
      after,
      confidence,
      policeGenerated: isPoliceGenerated(types),
      seasonsDiffer: seasons,
      ...(input.typedDispersion !== undefined ? { typedDispersion: input.typedDispersion } : {}),
    });
  const note =
    `Counted from ${agg.rowsUsed.toLocaleString("en-GB")} incident rows` +
    (input.controlNote ? `${CONTROL_NOTE}${input.controlNote}.` : ".");
  const selectedTypes = cube.types.filter((_, i) => selected[i] !== 0);
  const strip = (c: AreaCounts) => ({
    target: { ...c.target },
    ...(withBuffer ? { buffer: { ...c.buffer } } : {}),
    control: { ...c.control },
  });
  const results: ResultsRow[] = [
    {
      measure: ALL_SELECTED,
      ...strip(counts),
      note,
      coverage: rowCoverage,
      context: contextFor(selected, selectedTypes),
    },
  ];
  if (hasTypes && !input.headlineOnly) {
    const names = [...byType.keys()].sort();
    const harm = input.weights ? harmTotalRow(byType, input.weights, withBuffer) : null;
    if (harm) {
      const counted = new Float64Array(cube.types.length);
      cube.types.forEach(
        (t, i) => (counted[i] = selected[i] !== 0 && (input.weights!.get(t) ?? 0) > 0 ? 1 : 0),
      );
      const typesIn = cube.types.filter((_, i) => counted[i] !== 0);
      results.push({ ...harm, coverage: rowCoverage, context: contextFor(counted, typesIn) });
    }
    for (const t of names) {
      const one = new Float64Array(cube.types.length);
      one[cube.types.indexOf(t)] = 1;
      results.push({
        measure: t,
        ...strip(byType.get(t)!),
        note: "Count of this offence type.",
        coverage: rowCoverage,
        context: contextFor(one, [t]),
      });
    }
  }
  const headline = headlineIndex(results, input.headlineMeasure);
  adjustForManyMeasures(results, headline, lengths, confidence);
  return {
    results,
    headline,
    aggregate,
    monitoring: monitoringMonths(cube, groups, selected, before, after, withBuffer),
  };
}

/** The named measure (trimmed, any case), else all selected crime; never a police-generated one by default. */
function headlineIndex(rows: ResultsRow[], named?: string): number {
  if (named && named.trim()) {
    const want = named.trim().toLowerCase();
    const i = rows.findIndex((r) => r.measure.toLowerCase() === want);
    if (i >= 0) return i;
  }
  return 0;
}

/** Two-sided p of each judged row's net effect; Holm across the rows other than the headline. */
function adjustForManyMeasures(
  rows: ResultsRow[],
  headline: number,
  lengths: ReturnType<typeof periodLengths>,
  confidence: number,
): void {
  const tested: { i: number; p: number }[] = [];
  rows.forEach((r, i) => {
    if (i === headline || !r.context) return;
    const f = evaluateCounts({
      target: r.target,
      control: r.control,
      ...(r.buffer ? { buffer: r.buffer } : {}),
      lengths,
      confidence,
      dispersion: r.context.dispersion.value,
      kind: r.kind ?? "counts",
      ...(r.harmParts ? { harmParts: r.harmParts } : {}),
      ...(r.coverage ? { coverage: r.coverage } : {}),
    });
    if (f.judgement.label === "Not judged" || !f.netEffect.defined) return;
    const z = Math.abs(f.netEffect.value.z);
    tested.push({ i, p: 2 * (1 - normalCdf(z)) });
  });
  const adjusted = holmAdjust(tested.map((t) => t.p));
  tested.forEach((t, k) => {
    rows[t.i].context!.holm = { adjusted: adjusted[k], tested: tested.length };
  });
  rows[headline].headline = true;
}

/** Target, buffer and control by month for all selected crime; a month with no row in any set has no data. */
function monitoringMonths(
  cube: IncidentCube,
  g: AreaGroups,
  selected: Float64Array,
  before: [number, number],
  after: [number, number],
  withBuffer: boolean,
): MonitoringMonth[] {
  const everyType = typeWeights(cube);
  const range: [number, number] = [0, after[1]];
  const months = monthlyOf(cube, new Float64Array(cube.frame.starts.length), range).months;
  const firstBaseline = cube.frame.months[before[0]];
  const firstIndex = Math.max(0, months.indexOf(firstBaseline) - MONITORING_HISTORY);
  const all = monthlyOf(
    cube,
    slotSeries(cube, [...g.target, ...g.buffer, ...g.control], everyType),
    range,
  ).counts;
  const t = monthlyOf(cube, slotSeries(cube, g.target, selected), range).counts;
  const b = monthlyOf(cube, slotSeries(cube, g.buffer, selected), range).counts;
  const c = monthlyOf(cube, slotSeries(cube, g.control, selected), range).counts;
  const out: MonitoringMonth[] = [];
  for (let i = firstIndex; i < months.length; i++) {
    const noData = all[i] === 0;
    if (noData && out.length === 0 && months[i] < firstBaseline) continue; // leading history without data
    out.push({
      month: months[i],
      target: noData ? null : t[i],
      buffer: noData || !withBuffer ? null : b[i],
      control: noData ? null : c[i],
    });
  }
  return out;
}
