/**
 * What the data say about one measure beyond its six counts: how much its
 * counts vary (dispersion), how the target ranks among similar areas, what
 * the same months showed last year and two years ago, and whether the target
 * was picked at a high point. Read from the cube (docs/methods.md, "The verdict").
 */
import { isHarmError } from "../errors";
import type { IncidentCube } from "../incidents/cube";
import type { Periods } from "../incidents";
import { netEffectCi } from "../stats/netEffect";
import {
  areasDispersion,
  monthlyDispersion,
  similarAreasRank,
  MIN_MONTHS,
  type DispersionEstimate,
} from "../stats/dispersion";
import { zForConfidence } from "../stats/normal";
import type { PeriodPair } from "../stats/validate";
import type { RowContext, Unavailable, YearEffect } from "../stats/verdict";
import { periodsYearsBack, slotRange, monthsNotLoaded } from "./frame";
import { areaPeriods, monthlyOf, slotSeries, sumSlots, type AreaGroups, type TypeWeights } from "./series";

/** Months before the before period that the high-point check needs. */
export const HIGH_POINT_MONTHS = 12;

const unavailable = (reason: string): Unavailable => ({ available: false, reason });

/** Per-area before/after totals of one measure, and the pool's totals. */
interface Pool {
  units: PeriodPair[];
  total: PeriodPair;
}

/**
 * The comparison pool as units the size of the target: single control areas
 * for a one-area target, else runs of k control areas in code order (LSOA
 * codes run through an authority in order, so a run is a compact group).
 */
function poolUnits(
  cube: IncidentCube,
  groups: AreaGroups,
  weights: TypeWeights,
  before: [number, number],
  after: [number, number],
): Pool {
  const k = Math.max(1, groups.target.length);
  const areas = [...groups.control].sort((a, b) => (cube.areas[a] < cube.areas[b] ? -1 : 1));
  const per = areas.map((a) => areaPeriods(cube, a, weights, before, after));
  const total = per.reduce((s, p) => ({ before: s.before + p.before, after: s.after + p.after }), {
    before: 0,
    after: 0,
  });
  if (k === 1) return { units: per, total };
  const units: PeriodPair[] = [];
  for (let i = 0; i + k <= per.length; i += k) {
    const run = per.slice(i, i + k);
    units.push(run.reduce((s, p) => ({ before: s.before + p.before, after: s.after + p.after })));
  }
  return { units, total };
}

export interface ContextInput {
  cube: IncidentCube;
  groups: AreaGroups;
  weights: TypeWeights;
  periods: Periods;
  /** Slot ranges of the two periods. */
  before: [number, number];
  after: [number, number];
  /** The dispersion typed by the analyst, which overrides the data's. */
  typedDispersion?: number;
  confidence: number;
  policeGenerated: boolean;
  /** The calendar months of the periods differ. */
  seasonsDiffer: boolean;
}

/** Target and control by month over the before period and every earlier month loaded. */
function fitMonths(input: ContextInput, series: { t: Float64Array; b: Float64Array; c: Float64Array }) {
  const range: [number, number] = [0, input.before[1]];
  const missing = new Set(monthsNotLoaded(input.cube, range));
  const keep = (x: Float64Array) => {
    const m = monthlyOf(input.cube, x, range);
    return m.counts.filter((_, i) => !missing.has(m.months[i]));
  };
  return { t: keep(series.t), b: keep(series.b), c: keep(series.c) };
}

function tryEstimate(run: () => DispersionEstimate): DispersionEstimate | null {
  try {
    return run();
  } catch (e) {
    if (isHarmError(e)) return null;
    throw e;
  }
}

function yearEffect(
  input: ContextInput,
  years: number,
  series: Record<"t" | "b" | "c", Float64Array>,
  D: number,
) {
  const { cube } = input;
  let p: Periods;
  try {
    p = periodsYearsBack(input.periods, years);
  } catch (e) {
    if (isHarmError(e)) return unavailable("the dates cannot be moved back");
    throw e;
  }
  const before = slotRange(cube.frame, p.beforeStart, p.beforeEnd);
  const after = slotRange(cube.frame, p.afterStart, p.afterEnd);
  const when = years === 1 ? "last year" : `${years} years ago`;
  if (!before || !after) return unavailable(`the data do not reach the same months ${when}`);
  const missing = [...monthsNotLoaded(cube, before), ...monthsNotLoaded(cube, after)];
  if (missing.length) return unavailable(`the same months ${when} are not all in the data`);
  const pair = (x: Float64Array): PeriodPair => ({ before: sumSlots(x, before), after: sumSlots(x, after) });
  const withBuffer = input.groups.buffer.length > 0;
  try {
    const ne = netEffectCi({
      target: pair(series.t),
      control: pair(series.c),
      ...(withBuffer ? { buffer: pair(series.b) } : {}),
      confidence: input.confidence,
      dispersion: D,
    });
    const observed = pair(series.t).after + (withBuffer ? pair(series.b).after : 0);
    const expected = ne.estimate + observed;
    if (!(expected > 0)) return unavailable(`no crimes were expected in the same months ${when}`);
    const effect: YearEffect = {
      yearsBack: years,
      estimate: ne.estimate,
      lower: ne.lower,
      upper: ne.upper,
      share: ne.estimate / expected,
      shareLower: ne.lower / expected,
      shareUpper: ne.upper / expected,
    };
    return { available: true as const, ...effect };
  } catch (e) {
    if (isHarmError(e)) return unavailable(`the same months ${when} have too few crimes to compare`);
    throw e;
  }
}

/** Last year's same months, or two years ago's where last year's are not all in the data. */
function nearestYear(input: ContextInput, series: Record<"t" | "b" | "c", Float64Array>, D: number) {
  const last = yearEffect(input, 1, series, D);
  if (last.available) return last;
  const two = yearEffect(input, 2, series, D);
  return two.available ? two : last;
}

/** Everything the verdict needs from the data for one measure (Holm is added across measures later). */
export function rowContext(input: ContextInput): RowContext {
  const { cube, groups, weights, before, after, confidence } = input;
  const series = {
    t: slotSeries(cube, groups.target, weights),
    b: slotSeries(cube, groups.buffer, weights),
    c: slotSeries(cube, groups.control, weights),
  };
  const t0 = sumSlots(series.t, before);
  const c0 = sumSlots(series.c, before);

  // Dispersion: month to month (target, and buffer), and across the comparison areas, sized to the target.
  const fit = fitMonths(input, series);
  const monthlyT = fit.t.length >= MIN_MONTHS ? tryEstimate(() => monthlyDispersion(fit.t, fit.c)) : null;
  const monthlyB =
    groups.buffer.length && fit.b.length >= MIN_MONTHS
      ? tryEstimate(() => monthlyDispersion(fit.b, fit.c))
      : null;
  const monthly = monthlyB && (!monthlyT || monthlyB.value > monthlyT.value) ? monthlyB : monthlyT;
  const pool = poolUnits(cube, groups, weights, before, after);
  const c1 = sumSlots(series.c, after);
  const areas = tryEstimate(() => areasDispersion(pool.units, pool.total, c0 > 0 ? (t0 * c1) / c0 : t0));
  const typed = input.typedDispersion;
  const fromData = Math.max(monthly?.value ?? 1, areas?.value ?? 1);
  const dispersion: RowContext["dispersion"] =
    typed !== undefined
      ? { value: typed, source: "typed", data: fromData, monthly, areas }
      : { value: fromData, source: monthly || areas ? "data" : "none", data: fromData, monthly, areas };
  const D = dispersion.value;

  // Similar areas: before counts within a factor of 2 of the target's.
  const target = { before: t0, after: sumSlots(series.t, after) };
  let similar: RowContext["similar"];
  if (t0 <= 0) similar = unavailable("the target had no crimes before");
  else {
    const like = pool.units.filter((u) => u.before >= t0 / 2 && u.before <= 2 * t0);
    try {
      similar = { available: true, ...similarAreasRank(target, like, pool.total) };
    } catch (e) {
      if (!isHarmError(e)) throw e;
      similar = unavailable(e.message);
    }
  }

  // High point: the before period against the target's share of the control in the months before it.
  let highPoint: RowContext["highPoint"];
  const earlier: [number, number] = [0, before[0]];
  const missingEarlier = new Set(monthsNotLoaded(cube, earlier));
  const early = {
    t: monthlyOf(cube, series.t, earlier),
    c: monthlyOf(cube, series.c, earlier),
  };
  const loaded = early.t.months.map((m, i) => (missingEarlier.has(m) ? -1 : i)).filter((i) => i >= 0);
  if (loaded.length < HIGH_POINT_MONTHS)
    highPoint = unavailable(`fewer than ${HIGH_POINT_MONTHS} months of data before the before period`);
  else {
    const te = loaded.reduce((s, i) => s + early.t.counts[i], 0);
    const ce = loaded.reduce((s, i) => s + early.c.counts[i], 0);
    if (te <= 0 || ce <= 0) highPoint = unavailable("no crimes in the earlier months");
    else {
      const expected = (te / ce) * c0;
      const sd = Math.sqrt(D * (expected + (expected * expected) / te));
      highPoint = {
        available: true,
        flagged: (t0 - expected) / sd > zForConfidence(confidence),
        observed: t0,
        expected,
        months: loaded.length,
      };
    }
  }

  return {
    dispersion,
    lastYear: nearestYear(input, series, D),
    similar,
    highPoint,
    policeGenerated: input.policeGenerated,
    seasonsDiffer: input.seasonsDiffer,
  };
}
