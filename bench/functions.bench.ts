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
 * - HARM.ETEST over 100,000 rows of realistic counts (before 0–2,000, after
 *   within about ±30% of it), against the large-sample z-test p-value over the
 *   same rows: the least any two-rate test must do. Target: under 1 s (issue 13).
 * - One HARM.ETEST cell near the count cap (about 5e8 each). Target: under 100 ms.
 * - HARM.RATERATIO and HARM.POISSONCI over 100,000 rows (exact intervals),
 *   against the log-normal interval over the same rows. Target: under 1 s.
 * - HARM.VERDICT over the PERIODCOUNTS rows with 14 offence types, against
 *   HARM.PERIODCOUNTS over the same rows: the whole evaluation (the cube, the
 *   dispersion, similar areas, the same months then) next to a plain count.
 *   Target: ratio ≤ 3 and under 1.5 s.
 */
import { eTest, change, periodCounts, poissonCi, rateRatio, verdict } from "../src/functions/functions";
import { ExcelError } from "../src/functions/excel";
import { normalCdf, zForConfidence } from "../src/core/stats";

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
  rows = ROWS,
): Record<string, number | string> {
  const ratio = ms / baselineMs;
  const pass = ms < targetMs && (targetRatio === undefined || ratio <= targetRatio);
  return {
    bench,
    rows,
    ms: Number(ms.toFixed(1)),
    baselineMs: Number(baselineMs.toFixed(1)),
    ratio: Number(ratio.toFixed(2)),
    ...(targetRatio === undefined ? {} : { targetRatio }),
    targetMs,
    pass: pass ? "yes" : "no",
    runs: RUNS,
  };
}

/** A million incident rows over 2024 in 900 areas: dates as serials, area codes, police.uk offence types. */
function incidentRows() {
  const rand = rng(2009);
  const codes = Array.from({ length: 900 }, (_, i) => `W0100${String(1000 + i)}`);
  const types = ["Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs"];
  types.push("Other crime", "Other theft", "Possession of weapons", "Public order", "Robbery", "Shoplifting");
  types.push("Theft from the person", "Vehicle crime", "Violence and sexual offences");
  const dates: unknown[][] = new Array(ROWS);
  const areas: unknown[][] = new Array(ROWS);
  const offenceTypes: unknown[][] = new Array(ROWS);
  const first = 45292; // 2024-01-01
  for (let i = 0; i < ROWS; i++) {
    dates[i] = [first + Math.floor(rand() * 366)];
    areas[i] = [codes[Math.floor(rand() * codes.length)]];
    offenceTypes[i] = [types[Math.floor(rand() * types.length)]];
  }
  return { dates, areas, offenceTypes, codes };
}

const [bS, bE, aS, aE] = [45292, 45473, 45474, 45657]; // Jan–Jun, Jul–Dec 2024

function periodCountsFigure(): Record<string, number | string> {
  const { dates, areas, codes } = incidentRows();
  const target = codes.slice(0, 5);
  const buffer = codes.slice(5, 25);
  const control = codes.slice(25, 600);

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

function verdictFigure(): Record<string, number | string> {
  const { dates, areas, offenceTypes, codes } = incidentRows();
  const target = [[codes.slice(0, 5).join(",")]];
  const buffer = codes.slice(5, 25).map((c) => [c]);
  const control = codes.slice(25, 600).map((c) => [c]);
  const bounds = [[[bS]], [[bE]], [[aS]], [[aE]]];
  const viaFunction = (): unknown[][] =>
    verdict(dates, areas, offenceTypes, target, buffer, control, bounds[0], bounds[1], bounds[2], bounds[3]);
  const baseline = (): unknown[][] =>
    periodCounts(dates, areas, target, buffer, control, bounds[0], bounds[1], bounds[2], bounds[3]);
  const [header, row] = viaFunction();
  if (header[0] !== "Verdict" || typeof row[3] !== "number") throw new Error(`no verdict: ${String(row[0])}`);
  return figure("HARM.VERDICT", compare(viaFunction, baseline), 1500, 3);
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

const COUNT_ROWS = 100_000;

/** Realistic before/after counts: before 0–2,000, after its Poisson-like draw at 0.7–1.3 times the rate. */
function realisticCounts(): { before: unknown[][]; after: unknown[][] } {
  const rand = rng(1313);
  const before: unknown[][] = new Array(COUNT_ROWS);
  const after: unknown[][] = new Array(COUNT_ROWS);
  for (let i = 0; i < COUNT_ROWS; i++) {
    const b = Math.floor(rand() * 2001);
    const mean = b * (0.7 + 0.6 * rand());
    // Box–Muller normal noise with the Poisson's spread.
    const noise = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    before[i] = [b];
    after[i] = [Math.max(0, Math.round(mean + Math.sqrt(mean) * noise))];
  }
  return { before, after };
}

/** The large-sample test of equal rates, z = (a − b)/√(a + b): what any two-rate test must at least do. */
function zTestP(before: unknown[][], after: unknown[][]): unknown[][] {
  const out: unknown[][] = new Array(before.length);
  for (let i = 0; i < before.length; i++) {
    const a = after[i][0] as number;
    const b = before[i][0] as number;
    out[i] = [a + b === 0 ? 1 : 2 * normalCdf(-Math.abs(a - b) / Math.sqrt(a + b))];
  }
  return out;
}

/** The log-normal interval for a rate ratio, RR·exp(±z√(1/a + 1/b)): the cheapest interval there is. */
function logNormalRatio(before: unknown[][], after: unknown[][]): unknown[][] {
  const z = zForConfidence(0.95);
  const out: unknown[][] = new Array(before.length);
  for (let i = 0; i < before.length; i++) {
    const a = after[i][0] as number;
    const b = before[i][0] as number;
    const rr = a / b;
    const h = z * Math.sqrt(1 / a + 1 / b);
    out[i] = [rr, rr * Math.exp(-h), rr * Math.exp(h)];
  }
  return out;
}

function countTestFigures(): Record<string, number | string>[] {
  const { before, after } = realisticCounts();
  // Every row must give a p-value (both counts 0 is the only error, and it gives #NUM!).
  const p = eTest(before, after);
  if (p.length !== COUNT_ROWS || p.some((row, i) => typeof row[0] !== "number" && before[i][0] !== 0))
    throw new Error("HARM.ETEST did not give a p-value for every row");
  // Counts of at least 1 before, so every rate ratio is defined.
  const positive = before.map((row) => [Math.max(1, row[0] as number)]);
  const ratios = rateRatio(positive, after);
  if (ratios.some((row) => row.some((v) => typeof v !== "number")))
    throw new Error("HARM.RATERATIO did not give a ratio and limits for every row");
  const cap = (): unknown => eTest([[499_999_000]], [[500_001_000]]);
  return [
    figure(
      "HARM.ETEST 100k realistic rows",
      compare(
        () => eTest(before, after),
        () => zTestP(before, after),
      ),
      1000,
      undefined,
      COUNT_ROWS,
    ),
    figure(
      "HARM.ETEST one cell near the cap (5e8 each)",
      compare(cap, () => zTestP([[499_999_000]], [[500_001_000]])),
      100,
      undefined,
      1,
    ),
    figure(
      "HARM.RATERATIO 100k rows",
      compare(
        () => rateRatio(positive, after),
        () => logNormalRatio(positive, after),
      ),
      1000,
      undefined,
      COUNT_ROWS,
    ),
    figure(
      "HARM.POISSONCI 100k rows",
      compare(
        () => poissonCi(after),
        () => logNormalRatio(positive, after),
      ),
      1000,
      undefined,
      COUNT_ROWS,
    ),
  ];
}

export default async function run(): Promise<Record<string, number | string>[]> {
  // Which figures to run: all by default; BENCH_ONLY=etest runs just the count tests.
  if (process.env.BENCH_ONLY === "etest") return countTestFigures();
  if (process.env.BENCH_ONLY === "verdict") return [verdictFigure()];
  return [periodCountsFigure(), verdictFigure(), ...changeFigures(), ...countTestFigures()];
}
