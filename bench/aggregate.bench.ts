/**
 * aggregateIncidents on 1,000,000 rows shaped as Excel passes a range (n×1
 * arrays), against a bare single-pass loop over the same arrays that only sums
 * matches. The ratio shows what the bookkeeping (rejections, trimming,
 * error checks) costs on top of the unavoidable pass.
 */
import { aggregateIncidents, type AreaSets, type Periods } from "../src/core/incidents/aggregate";
import { isoToSerial, serialToIso } from "../src/core/incidents/dates";

const N = 1_000_000;
const RUNS = 5;

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function makeData(monthStrings: boolean): { dates: unknown[][]; areas: unknown[][]; types: unknown[][] } {
  const rnd = lcg(42);
  const codes = Array.from({ length: 500 }, (_, i) => `W0100${1000 + i}`);
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
  for (let i = 0; i < N; i++) {
    const serial = start + Math.floor(rnd() * 730);
    dates[i] = [monthStrings ? serialToIso(serial).slice(0, 7) : serial];
    // About 2% of rows have no location, as in police.uk data.
    areas[i] = [rnd() < 0.02 ? "" : codes[Math.floor(rnd() * codes.length)]];
    types[i] = [crimeTypes[Math.floor(rnd() * crimeTypes.length)]];
  }
  return { dates, areas, types };
}

const areaSets: AreaSets = {
  target: ["W01001000"],
  buffer: ["W01001001", "W01001002", "W01001003", "W01001004"],
  control: Array.from({ length: 400 }, (_, i) => `W0100${1005 + i}`),
};
const periods: Periods = {
  beforeStart: isoToSerial("2024-01-01"),
  beforeEnd: isoToSerial("2024-06-30"),
  afterStart: isoToSerial("2024-07-01"),
  afterEnd: isoToSerial("2024-12-31"),
};

/** The least work any aggregation must do: one pass, a map lookup and a range test per row. */
function minimalLoop(dates: unknown[][], areas: unknown[][], monthStrings: boolean): number {
  const map = new Map<string, number>();
  areaSets.target.forEach((c) => map.set(c, 0));
  areaSets.buffer.forEach((c) => map.set(c, 1));
  areaSets.control.forEach((c) => map.set(c, 2));
  const sums = new Float64Array(6);
  const before = monthStrings ? ["2024-01", "2024-06"] : null;
  const after = monthStrings ? ["2024-07", "2024-12"] : null;
  for (let i = 0; i < dates.length; i++) {
    const set = map.get(areas[i][0] as string);
    if (set === undefined) continue;
    const d = dates[i][0];
    if (monthStrings) {
      const m = d as string;
      if (m >= before![0] && m <= before![1]) sums[set * 2]++;
      else if (m >= after![0] && m <= after![1]) sums[set * 2 + 1]++;
    } else {
      const s = d as number;
      if (s >= periods.beforeStart && s <= periods.beforeEnd) sums[set * 2]++;
      else if (s >= periods.afterStart && s <= periods.afterEnd) sums[set * 2 + 1]++;
    }
  }
  return sums[0] + sums[1] + sums[2] + sums[3] + sums[4] + sums[5];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(f: () => unknown): number {
  const times: number[] = [];
  f(); // warm-up
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export default async function run(): Promise<Record<string, number | string>[]> {
  const out: Record<string, number | string>[] = [];
  for (const monthStrings of [false, true]) {
    const { dates, areas, types } = makeData(monthStrings);
    const variant = monthStrings ? "police.uk month strings" : "Excel serial numbers";
    const check = aggregateIncidents({ dates, areas }, areaSets, periods);
    const used = check.rowsUsed;
    if (used !== minimalLoop(dates, areas, monthStrings)) throw new Error("bench: the two loops disagree");
    const aggMs = time(() => aggregateIncidents({ dates, areas }, areaSets, periods));
    const filteredMs = time(() =>
      aggregateIncidents({ dates, areas, offenceTypes: types }, areaSets, periods, {
        offenceFilter: new Set(["Drugs", "Robbery"]),
        byType: true,
      }),
    );
    const minMs = time(() => minimalLoop(dates, areas, monthStrings));
    out.push({
      bench: "aggregateIncidents",
      variant,
      rows: N,
      rowsUsed: used,
      aggregateMs: Math.round(aggMs * 10) / 10,
      aggregateFilterByTypeMs: Math.round(filteredMs * 10) / 10,
      minimalLoopMs: Math.round(minMs * 10) / 10,
      ratio: Math.round((aggMs / minMs) * 100) / 100,
    });
  }
  return out;
}
