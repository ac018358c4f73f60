/**
 * aggregateIncidents and monthlyCounts on 1,000,000 rows shaped as Excel
 * passes a range (n×1 arrays), each against a bare single-pass loop over the
 * same arrays that only sums matches. The ratio shows what the bookkeeping
 * (rejections, normalising, coverage, error checks) costs on top of the
 * unavoidable pass. The in-area share (rows whose code is in a target,
 * buffer or control set) is varied from 10% to 90%, because rows outside
 * every set cost the minimal loop almost nothing.
 */
import { aggregateIncidents, type AreaSets, type Periods } from "../src/core/incidents/aggregate";
import { isoToSerial, serialToIso } from "../src/core/incidents/dates";
import { monthlyCounts } from "../src/core/incidents/monthly";

const N = 1_000_000;
const RUNS = 11;
const CODES = 1000;

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const code = (i: number): string => `W01${String(1000 + i).padStart(6, "0")}`;

interface Data {
  dates: unknown[][];
  areas: unknown[][];
  types: unknown[][];
  ids: unknown[][];
}

function makeData(monthStrings: boolean): Data {
  const rnd = lcg(42);
  const crimeTypes = [
    "Drugs",
    "Burglary",
    "Anti-social behaviour",
    "Violence and sexual offences",
    "Robbery",
  ];
  const start = isoToSerial("2023-07-01");
  const dates: unknown[][] = new Array(N);
  const areas: unknown[][] = new Array(N);
  const types: unknown[][] = new Array(N);
  const ids: unknown[][] = new Array(N);
  for (let i = 0; i < N; i++) {
    const serial = start + Math.floor(rnd() * 730);
    dates[i] = [monthStrings ? serialToIso(serial).slice(0, 7) : serial];
    // About 2% of rows have no location, as in police.uk data.
    areas[i] = [rnd() < 0.02 ? "" : code(Math.floor(rnd() * CODES))];
    types[i] = [crimeTypes[Math.floor(rnd() * crimeTypes.length)]];
    // Anti-social behaviour has no crime ID; about 1 in 200 IDs repeats an earlier one.
    ids[i] = [rnd() < 0.2 ? "" : `id${rnd() < 0.005 && i > 0 ? Math.floor(rnd() * i) : i}`];
  }
  return { dates, areas, types, ids };
}

/** One target, four buffer codes, and control codes up to `share` of all codes. */
function areaSetsFor(share: number): AreaSets {
  const inArea = Math.round(share * CODES);
  return {
    target: [code(0)],
    buffer: [code(1), code(2), code(3), code(4)],
    control: Array.from({ length: inArea - 5 }, (_, i) => code(5 + i)),
  };
}

const periods: Periods = {
  beforeStart: isoToSerial("2024-01-01"),
  beforeEnd: isoToSerial("2024-06-30"),
  afterStart: isoToSerial("2024-07-01"),
  afterEnd: isoToSerial("2024-12-31"),
};

function setMap(areaSets: AreaSets): Map<string, number> {
  const map = new Map<string, number>();
  areaSets.target.forEach((c) => map.set(c, 0));
  areaSets.buffer.forEach((c) => map.set(c, 1));
  areaSets.control.forEach((c) => map.set(c, 2));
  return map;
}

/** The least work any aggregation must do: one pass, a map lookup and a range test per row. */
function minimalLoop(d: Data, areaSets: AreaSets, monthStrings: boolean): number {
  const map = setMap(areaSets);
  const { dates, areas } = d;
  const sums = new Float64Array(6);
  const before = monthStrings ? ["2024-01", "2024-06"] : null;
  const after = monthStrings ? ["2024-07", "2024-12"] : null;
  for (let i = 0; i < dates.length; i++) {
    const set = map.get(areas[i][0] as string);
    if (set === undefined) continue;
    const x = dates[i][0];
    if (monthStrings) {
      const m = x as string;
      if (m >= before![0] && m <= before![1]) sums[set * 2]++;
      else if (m >= after![0] && m <= after![1]) sums[set * 2 + 1]++;
    } else {
      const s = x as number;
      if (s >= periods.beforeStart && s <= periods.beforeEnd) sums[set * 2]++;
      else if (s >= periods.afterStart && s <= periods.afterEnd) sums[set * 2 + 1]++;
    }
  }
  return sums[0] + sums[1] + sums[2] + sums[3] + sums[4] + sums[5];
}

const FIRST_MONTH = "2024-01";
const LAST_MONTH = "2024-12";

/** The least work a monthly count must do: a map lookup, then a month index from a table or a map. */
function minimalMonthlyLoop(d: Data, areaSets: AreaSets, monthStrings: boolean): number {
  const map = setMap(areaSets);
  const { dates, areas } = d;
  const first = isoToSerial(`${FIRST_MONTH}-01`);
  const last = isoToSerial(`${LAST_MONTH}-31`);
  const dayToMonth = new Int32Array(last - first + 1);
  for (let s = first; s <= last; s++) dayToMonth[s - first] = Number(serialToIso(s).slice(5, 7)) - 1;
  const monthIndex = new Map<string, number>();
  for (let m = 1; m <= 12; m++) monthIndex.set(`2024-${String(m).padStart(2, "0")}`, m - 1);
  const sums = new Float64Array(12 * 3);
  for (let i = 0; i < dates.length; i++) {
    const set = map.get(areas[i][0] as string);
    if (set === undefined) continue;
    const x = dates[i][0];
    if (monthStrings) {
      const m = monthIndex.get(x as string);
      if (m !== undefined) sums[m * 3 + set]++;
    } else {
      const s = x as number;
      if (s >= first && s <= last) sums[dayToMonth[s - first] * 3 + set]++;
    }
  }
  let total = 0;
  for (const v of sums) total += v;
  return total;
}

/**
 * The fastest of several runs of `f` and of `g`, run alternately so that
 * other work on the machine affects both alike. The fastest run is the one
 * least disturbed by that work, so the ratio of the two is the steadiest.
 */
function timePair(f: () => unknown, g: () => unknown): [number, number] {
  let bestF = Infinity;
  let bestG = Infinity;
  f(); // warm-up
  g();
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now();
    f();
    bestF = Math.min(bestF, performance.now() - t0);
    t0 = performance.now();
    g();
    bestG = Math.min(bestG, performance.now() - t0);
  }
  return [bestF, bestG];
}

const ms = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

export default async function run(): Promise<Record<string, number | string>[]> {
  const out: Record<string, number | string>[] = [];
  for (const monthStrings of [false, true]) {
    const data = makeData(monthStrings);
    const { dates, areas, types, ids } = data;
    const variant = monthStrings ? "police.uk month strings" : "Excel serial numbers";
    for (const share of [0.1, 0.5, 0.9]) {
      const areaSets = areaSetsFor(share);
      const check = aggregateIncidents({ dates, areas }, areaSets, periods);
      if (check.rowsUsed !== minimalLoop(data, areaSets, monthStrings))
        throw new Error("bench: the two loops disagree");
      const [aggMs, minMs] = timePair(
        () => aggregateIncidents({ dates, areas }, areaSets, periods),
        () => minimalLoop(data, areaSets, monthStrings),
      );
      const [filteredMs] = timePair(
        () =>
          aggregateIncidents({ dates, areas, offenceTypes: types }, areaSets, periods, {
            offenceFilter: new Set(["Drugs", "Robbery"]),
            byType: true,
          }),
        () => 0,
      );
      const [idsMs] = timePair(
        () => aggregateIncidents({ dates, areas, ids }, areaSets, periods),
        () => 0,
      );
      out.push({
        bench: "aggregateIncidents",
        variant,
        inAreaShare: share,
        rows: N,
        rowsUsed: check.rowsUsed,
        aggregateMs: ms(aggMs),
        aggregateFilterByTypeMs: ms(filteredMs),
        aggregateWithIdsMs: ms(idsMs),
        minimalLoopMs: ms(minMs),
        ratio: round2(aggMs / minMs),
      });
    }
    const areaSets = areaSetsFor(0.5);
    const monthly = monthlyCounts({ dates, areas }, areaSets, FIRST_MONTH, LAST_MONTH);
    const monthlyUsed = monthly.rowsUsed;
    if (monthlyUsed !== minimalMonthlyLoop(data, areaSets, monthStrings))
      throw new Error("bench: the two monthly loops disagree");
    const [monthlyMs, minMonthlyMs] = timePair(
      () => monthlyCounts({ dates, areas }, areaSets, FIRST_MONTH, LAST_MONTH),
      () => minimalMonthlyLoop(data, areaSets, monthStrings),
    );
    out.push({
      bench: "monthlyCounts",
      variant,
      inAreaShare: 0.5,
      months: 12,
      rows: N,
      rowsUsed: monthlyUsed,
      monthlyMs: ms(monthlyMs),
      minimalLoopMs: ms(minMonthlyMs),
      ratio: round2(monthlyMs / minMonthlyMs),
    });
  }
  return out;
}
