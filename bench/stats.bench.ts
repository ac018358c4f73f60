/** Timing for the exact count tests: the E-test grid is the only non-trivial cost in src/core/stats. */
import { eTest } from "../src/core/stats";

function time(run: () => number, repeats: number): { medianMs: number; value: number } {
  let value = run(); // warm-up so the JIT has compiled the hot loop
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    value = run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: Number(samples[Math.floor(samples.length / 2)].toFixed(3)), value };
}

export default async function run(): Promise<Record<string, number | string>[]> {
  const cases: Array<[string, () => number, number]> = [
    ["eTest(500, 420)", () => eTest(500, 420), 50],
    ["eTest(50000, 48000)", () => eTest(50000, 48000), 20],
  ];
  return cases.map(([name, fn, repeats]) => {
    const { medianMs, value } = time(fn, repeats);
    return { case: name, medianMs, p: value };
  });
}
