/**
 * Reading the cube: which of its areas are the target, buffer and control,
 * which offence types a measure counts, and the counts per slot, period and
 * month for a group of areas.
 */
import { normaliseAreaCode } from "../areas";
import type { IncidentCube } from "../incidents/cube";

export interface AreaGroups {
  /** Cube indices of each set's areas that are in the data. */
  target: number[];
  buffer: number[];
  control: number[];
}

/** Cube indices of the listed codes; codes the data never mention are left out (reported elsewhere). */
export function areaGroups(
  cube: IncidentCube,
  sets: { target: readonly string[]; buffer: readonly string[]; control: readonly string[] },
): AreaGroups {
  const index = new Map(cube.areas.map((a, i) => [a, i]));
  const pick = (codes: readonly string[]) => {
    const out: number[] = [];
    const seen = new Set<number>();
    for (const c of codes) {
      const i = index.get(normaliseAreaCode(c));
      if (i !== undefined && !seen.has(i)) {
        seen.add(i);
        out.push(i);
      }
    }
    return out;
  };
  return { target: pick(sets.target), buffer: pick(sets.buffer), control: pick(sets.control) };
}

/** Per-type multipliers over the cube's types: 1 for counted types, 0 for the rest, or harm weights. */
export type TypeWeights = Float64Array;

/** Counts every type (or only `types`, matched exactly as the cube holds them). */
export function typeWeights(cube: IncidentCube, types?: ReadonlySet<string>): TypeWeights {
  const w = new Float64Array(cube.types.length);
  cube.types.forEach((t, i) => (w[i] = !types || types.has(t) ? 1 : 0));
  return w;
}

/** Σ over the areas of weight × count, slot by slot. */
export function slotSeries(cube: IncidentCube, areas: readonly number[], weights: TypeWeights): Float64Array {
  const nT = cube.types.length;
  const nS = cube.frame.starts.length;
  const out = new Float64Array(nS);
  for (const a of areas) {
    const c = cube.counts[a];
    for (let s = 0; s < nS; s++) {
      let sum = 0;
      const base = s * nT;
      for (let t = 0; t < nT; t++) if (weights[t] !== 0) sum += weights[t] * c[base + t];
      out[s] += sum;
    }
  }
  return out;
}

export const sumSlots = (series: ArrayLike<number>, [from, to]: [number, number]): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += series[i];
  return s;
};

/** One area's before and after totals for a measure. */
export function areaPeriods(
  cube: IncidentCube,
  area: number,
  weights: TypeWeights,
  before: [number, number],
  after: [number, number],
): { before: number; after: number } {
  const nT = cube.types.length;
  const c = cube.counts[area];
  const sum = ([from, to]: [number, number]) => {
    let s = 0;
    for (let slot = from; slot < to; slot++)
      for (let t = 0; t < nT; t++) if (weights[t] !== 0) s += weights[t] * c[slot * nT + t];
    return s;
  };
  return { before: sum(before), after: sum(after) };
}

/** Month keys and the series summed by month over a slot range (a month cut in two slots is one month). */
export function monthlyOf(
  cube: IncidentCube,
  series: ArrayLike<number>,
  [from, to]: [number, number],
): { months: string[]; counts: number[] } {
  const months: string[] = [];
  const counts: number[] = [];
  for (let s = from; s < to; s++) {
    const m = cube.frame.months[s];
    if (months[months.length - 1] === m) counts[counts.length - 1] += series[s];
    else {
      months.push(m);
      counts.push(series[s]);
    }
  }
  return { months, counts };
}
