/**
 * HARM.POISSONCI (exact Garwood interval for a count) and HARM.RATERATIO (rate
 * ratio after ÷ before with the exact conditional interval), checked against
 * R's poisson.test and against the defining tail equations, solved here by
 * bisection on Poisson and binomial probabilities summed term by term.
 */
import { ExcelError } from "../../src/functions/excel";
import { poissonCi, rateRatio } from "../../src/functions/functions";
import { evaluateSpill } from "../support/hyperformulaPlugin";

const c = (x: unknown): unknown[][] => [[x]];
const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);
const none = null as never;
const { exp, log } = Math;

function expectError(v: unknown, code: string, message: RegExp): void {
  expect(v).toBeInstanceOf(ExcelError);
  expect((v as ExcelError).code).toBe(code);
  expect((v as ExcelError).message).toMatch(message);
}

/** P(X ≤ k) for X ~ Poisson(mean), summed term by term in log space. */
function poissonCdf(k: number, mean: number): number {
  let term = -mean; // ln P(X = 0)
  let sum = exp(term);
  for (let x = 1; x <= k; x++) {
    term += log(mean) - log(x);
    sum += exp(term);
  }
  return sum;
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed term by term in log space. */
function binomialAtLeast(k: number, n: number, p: number): number {
  let logChoose = 0;
  let sum = 0;
  for (let x = 0; x <= n; x++) {
    if (x > 0) logChoose += log(n - x + 1) - log(x);
    if (x >= k) sum += exp(logChoose + x * log(p) + (n - x) * log(1 - p));
  }
  return sum;
}

/** The root of a decreasing (or increasing) function on (lo, hi) by bisection. */
function solve(f: (x: number) => number, lo: number, hi: number): number {
  const rising = f(hi) > f(lo);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0 === rising) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

describe("HARM.POISSONCI", () => {
  it("k = 0 gives 0 to −ln 0.025 = 3.689; k = 10 gives 4.795 to 18.39 (Garwood 1936; R poisson.test(10))", () => {
    const [[lo0, hi0]] = poissonCi(c(0)) as number[][];
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(-log(0.025), 10);
    const [[lo, hi]] = poissonCi(c(10)) as number[][];
    expect(lo).toBeCloseTo(4.795389, 6);
    expect(hi).toBeCloseTo(18.390356, 6);
  });

  it("R's help example poisson.test(137, 24.19893): rate 4.753125 to 6.692709", () => {
    const [[lo, hi]] = poissonCi(c(137)) as number[][];
    expect(lo / 24.19893).toBeCloseTo(4.753125, 6);
    expect(hi / 24.19893).toBeCloseTo(6.692709, 6);
  });

  it("each limit puts the count exactly α/2 into a Poisson tail, at 90%, 95% and 99%", () => {
    for (const confidence of [0.9, 0.95, 0.99])
      for (const k of [1, 3, 17, 60]) {
        const [[lo, hi]] = poissonCi(c(k), c(confidence)) as number[][];
        const tail = (1 - confidence) / 2;
        expect(lo).toBeCloseTo(
          solve((m) => 1 - poissonCdf(k - 1, m) - tail, 1e-9, k),
          8,
        );
        expect(hi).toBeCloseTo(
          solve((m) => poissonCdf(k, m) - tail, k, 10 * k + 20),
          8,
        );
      }
  });

  it("a column of counts spills one pair per row, an error in its row only", () => {
    const r = poissonCi(col(0, 10, 2.5, -1, 2e9));
    expect(r.map((row) => row.length)).toEqual([2, 2, 2, 2, 2]);
    expect(r[1][0]).toBeCloseTo(4.795389, 6);
    expectError(r[2][0], "#VALUE!", /count must be a whole number of crimes/);
    expectError(r[3][1], "#VALUE!", /count must not be negative/);
    expectError(r[4][0], "#NUM!", /at most 1,000,000,000/);
    expectError(poissonCi(c(10), c(95))[0][0], "#VALUE!", /for 95% enter 0\.95/);
  });

  it("as a formula over a range", () => {
    const values = evaluateSpill("=HARM.POISSONCI(A1:A2,0.95)", [[0], [10]]);
    expect(values[0][1]).toBeCloseTo(3.688879, 5);
    expect(values[1][0]).toBeCloseTo(4.795389, 5);
  });
});

describe("HARM.RATERATIO", () => {
  it("R's help example poisson.test(c(11, 21), c(800, 3011)): 1.971488, 95% 0.8584264 to 4.2772659", () => {
    const [[ratio, lo, hi]] = rateRatio(c(21), c(11), c(3011), c(800)) as number[][];
    expect(ratio).toBeCloseTo(11 / 800 / (21 / 3011), 12);
    expect(ratio).toBeCloseTo(1.971488, 6);
    expect(lo).toBeCloseTo(0.8584264, 7);
    expect(hi).toBeCloseTo(4.2772659, 7);
  });

  it("docs/methods.md, Exact rate ratio: 12 offences in 630 days, then 5 in 670: 0.392 (0.108 to 1.195)", () => {
    const [[ratio, lo, hi]] = rateRatio(c(12), c(5), c(630), c(670)) as number[][];
    expect([ratio, lo, hi].map((x) => Number(x.toFixed(3)))).toEqual([0.392, 0.108, 1.195]);
  });

  it("the limits are Clopper–Pearson limits for the after count's share, turned into rate ratios", () => {
    for (const [before, after, e0, e1] of [
      [21, 11, 3011, 800],
      [30, 45, 1, 1],
      [7, 2, 6, 4],
      [50, 0, 1, 1],
    ]) {
      const [[, lo, hi]] = rateRatio(c(before), c(after), c(e0), c(e1), c(0.9)) as number[][];
      const n = before + after;
      const odds = (p: number): number => (p / (1 - p)) * (e0 / e1);
      const pLow = after === 0 ? 0 : solve((p) => binomialAtLeast(after, n, p) - 0.05, 1e-12, 1 - 1e-12);
      const pHigh = solve((p) => 1 - binomialAtLeast(after + 1, n, p) - 0.05, 1e-12, 1 - 1e-12);
      expect(lo).toBeCloseTo(after === 0 ? 0 : odds(pLow), 8);
      expect(hi).toBeCloseTo(odds(pHigh), 8);
    }
  });

  it("no crimes after gives ratio 0 and lower limit 0; no crimes before is #DIV/0! with a message", () => {
    const [[ratio, lo, hi]] = rateRatio(c(50), c(0)) as number[][];
    expect([ratio, lo]).toEqual([0, 0]);
    expect(hi).toBeGreaterThan(0);
    expectError(rateRatio(c(0), c(5))[0][0], "#DIV/0!", /no crimes before/);
  });

  it("negative counts and exposures of 0 or less are #VALUE! with a message", () => {
    expectError(rateRatio(c(-3), c(5))[0][0], "#VALUE!", /countBefore must not be negative; got -3/);
    expectError(rateRatio(c(3), c(5.5))[0][0], "#VALUE!", /countAfter must be a whole number/);
    expectError(rateRatio(c(3), c(5), c(0))[0][0], "#VALUE!", /exposureBefore must be greater than 0/);
    expectError(rateRatio(c(3), c(5), none, c(-2))[0][0], "#VALUE!", /exposureAfter must be greater than 0/);
    expectError(
      rateRatio(c(3), c(5), none, none, c(1))[0][0],
      "#VALUE!",
      /confidence must be between 0 and 1/,
    );
  });

  it("columns spill one result per row, three cells each", () => {
    const r = rateRatio(col(21, 0, 12), col(11, 4, 5), col(3011, 1, 630), col(800, 1, 670));
    expect(r.map((row) => row.length)).toEqual([3, 3, 3]);
    expect(r[0][0]).toBeCloseTo(1.971488, 6);
    expect((r[1][2] as ExcelError).code).toBe("#DIV/0!");
    expect(r[2][0]).toBeCloseTo(5 / 670 / (12 / 630), 12);
  });

  it("as a formula", () => {
    const [row] = evaluateSpill("=HARM.RATERATIO(21,11,3011,800)");
    expect(row).toHaveLength(3);
    expect(row[2]).toBeCloseTo(4.2772659, 6);
  });
});
