/**
 * HARM.PERIODCOUNTS over 1,000,000 incident rows passed as Excel passes them
 * (n×1 arrays of serial numbers and strings), against a minimal single-pass
 * loop over the same arrays measured in the same run. Target: ratio ≤ 1.5 and
 * under 300 ms. Warm-up first; the median of 5 runs is reported.
 */
import { periodCounts } from "../src/functions/functions";

const ROWS = 1_000_000;
const RUNS = 5;

/** Deterministic pseudo-random numbers (mulberry32), so every run benchmarks the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeData(): { dates: unknown[][]; areas: unknown[][]; codes: string[] } {
  const rand = rng(2009);
  const codes = Array.from({ length: 900 }, (_, i) => `W0100${String(1000 + i)}`);
  const dates: unknown[][] = new Array(ROWS);
  const areas: unknown[][] = new Array(ROWS);
  const first = 45292; // 2024-01-01
  for (let i = 0; i < ROWS; i++) {
    dates[i] = [first + Math.floor(rand() * 366)];
    areas[i] = [codes[Math.floor(rand() * codes.length)]];
  }
  return { dates, areas, codes };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export default async function run(): Promise<Record<string, number | string>[]> {
  const { dates, areas, codes } = makeData();
  const target = codes.slice(0, 5);
  const buffer = codes.slice(5, 25);
  const control = codes.slice(25, 600);
  const [bS, bE, aS, aE] = [45292, 45473, 45474, 45657]; // Jan–Jun, Jul–Dec 2024

  const viaFunction = (): unknown[][] =>
    periodCounts(
      dates,
      areas,
      [[target.join(",")]],
      buffer.map((c) => [c]),
      control.map((c) => [c]),
      [[bS]],
      [[bE]],
      [[aS]],
      [[aE]],
    );

  // The least work any implementation must do: one pass, one map lookup and two comparisons per row.
  const baseline = (): number[] => {
    const map = new Map<string, number>();
    target.forEach((c) => map.set(c, 0));
    buffer.forEach((c) => map.set(c, 2));
    control.forEach((c) => map.set(c, 4));
    const out = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < ROWS; i++) {
      const s = map.get(areas[i][0] as string);
      if (s === undefined) continue;
      const d = dates[i][0] as number;
      if (d >= bS && d <= bE) out[s]++;
      else if (d >= aS && d <= aE) out[s + 1]++;
    }
    return out;
  };

  // Same answer, or the comparison means nothing.
  const a = viaFunction();
  const b = baseline();
  const flat = a.flat();
  if (flat.some((v, i) => v !== b[i]))
    throw new Error(`results differ: ${JSON.stringify(flat)} vs ${JSON.stringify(b)}`);

  for (let i = 0; i < 3; i++) {
    viaFunction();
    baseline();
  }
  const fnTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Interleaved so that machine load affects both alike.
    fnTimes.push(time(viaFunction));
    baseTimes.push(time(baseline));
  }
  const fnMs = median(fnTimes);
  const baseMs = median(baseTimes);
  const ratio = fnMs / baseMs;
  return [
    {
      bench: "HARM.PERIODCOUNTS",
      rows: ROWS,
      ms: Number(fnMs.toFixed(1)),
      baselineMs: Number(baseMs.toFixed(1)),
      ratio: Number(ratio.toFixed(2)),
      targetRatio: 1.5,
      targetMs: 300,
      pass: ratio <= 1.5 && fnMs < 300 ? "yes" : "no",
      runs: RUNS,
    },
  ];
}
