/**
 * HARM.* functions over 1,000,000 rows passed as Excel passes them (n×1
 * arrays), each against a minimal loop over the same arrays measured in the
 * same run (interleaved, so machine load affects both alike). Warm-up first;
 * the median of the runs is reported.
 *
 * - HARM.PERIODCOUNTS: incident rows against one pass with a map lookup and
 *   two comparisons per row. Target: ratio ≤ 1.5 and under 300 ms.
 * - HARM.CHANGE, every row valid and every row invalid (text, negative
 *   counts, "1,5", error values), against a loop computing
 *   (after − before) / before into the same n×1 shape. Targets: under 300 ms
 *   valid and under 600 ms invalid (issue 13), so a bad column costs no more
 *   than a good one.
 */
import { change, periodCounts } from "../src/functions/functions";
import { ExcelError } from "../src/functions/excel";

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

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Collects the previous run's garbage first (scripts/bench.js passes --expose-gc), so runs start alike. */
function time(fn: () => unknown): number {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Median times of a function and its baseline, interleaved after a warm-up. */
function compare(viaFunction: () => unknown, baseline: () => unknown): { ms: number; baselineMs: number } {
  for (let i = 0; i < 3; i++) {
    viaFunction();
    baseline();
  }
  const fnTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    fnTimes.push(time(viaFunction));
    baseTimes.push(time(baseline));
  }
  return { ms: median(fnTimes), baselineMs: median(baseTimes) };
}

function figure(
  bench: string,
  { ms, baselineMs }: { ms: number; baselineMs: number },
  targetMs: number,
  targetRatio?: number,
): Record<string, number | string> {
  const ratio = ms / baselineMs;
  const pass = ms < targetMs && (targetRatio === undefined || ratio <= targetRatio);
  return {
    bench,
    rows: ROWS,
    ms: Number(ms.toFixed(1)),
    baselineMs: Number(baselineMs.toFixed(1)),
    ratio: Number(ratio.toFixed(2)),
    ...(targetRatio === undefined ? {} : { targetRatio }),
    targetMs,
    pass: pass ? "yes" : "no",
    runs: RUNS,
  };
}

function periodCountsFigure(): Record<string, number | string> {
  const rand = rng(2009);
  const codes = Array.from({ length: 900 }, (_, i) => `W0100${String(1000 + i)}`);
  const dates: unknown[][] = new Array(ROWS);
  const areas: unknown[][] = new Array(ROWS);
  const first = 45292; // 2024-01-01
  for (let i = 0; i < ROWS; i++) {
    dates[i] = [first + Math.floor(rand() * 366)];
    areas[i] = [codes[Math.floor(rand() * codes.length)]];
  }
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
  const flat = viaFunction().flat();
  const b = baseline();
  if (flat.some((v, i) => v !== b[i]))
    throw new Error(`results differ: ${JSON.stringify(flat)} vs ${JSON.stringify(b)}`);
  return figure("HARM.PERIODCOUNTS", compare(viaFunction, baseline), 300, 1.5);
}

/** The least work HARM.CHANGE must do: read two cells, divide, and put the result in a row of its own. */
function minimalChange(before: unknown[][], after: unknown[][]): unknown[][] {
  const out: unknown[][] = new Array(before.length);
  for (let i = 0; i < before.length; i++) {
    const b = before[i][0] as number;
    out[i] = [((after[i][0] as number) - b) / b];
  }
  return out;
}

/** Checks the answers, or the timings mean nothing. Its own scope, so the results are garbage before timing. */
function checkChange(before: unknown[][], after: unknown[][], invalid: unknown[][]): void {
  const good = change(before, after);
  const expected = minimalChange(before, after);
  if (good.length !== ROWS || good.some((row, i) => row[0] !== expected[i][0]))
    throw new Error("HARM.CHANGE disagrees with (after − before) / before");
  const bad = change(invalid, after);
  if (bad.length !== ROWS || bad.some((row) => !(row[0] instanceof ExcelError) || row[0].code !== "#VALUE!"))
    throw new Error("HARM.CHANGE did not give #VALUE! for every invalid row");
}

function changeFigures(): Record<string, number | string>[] {
  const rand = rng(13);
  const after: unknown[][] = new Array(ROWS);
  const before: unknown[][] = new Array(ROWS);
  const invalid: unknown[][] = new Array(ROWS);
  const na = new ExcelError("#N/A", "");
  const kinds = (i: number): unknown => [`x${i % 50}`, -1 - (i % 100), "1,5", na, true][i % 5];
  for (let i = 0; i < ROWS; i++) {
    before[i] = [1 + Math.floor(rand() * 500)];
    after[i] = [Math.floor(rand() * 500)];
    invalid[i] = [kinds(i)];
  }

  checkChange(before, after, invalid);
  return [
    figure(
      "HARM.CHANGE valid",
      compare(
        () => change(before, after),
        () => minimalChange(before, after),
      ),
      300,
    ),
    figure(
      "HARM.CHANGE invalid",
      compare(
        () => change(invalid, after),
        () => minimalChange(invalid, after),
      ),
      600,
    ),
  ];
}

export default async function run(): Promise<Record<string, number | string>[]> {
  return [periodCountsFigure(), ...changeFigures()];
}
