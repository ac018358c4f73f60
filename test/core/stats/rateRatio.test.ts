import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { rateRatioExact } from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";

interface Case {
  countBefore: number;
  countAfter: number;
  exposureBefore: number;
  exposureAfter: number;
  confidence: number;
  ratio: number;
  lower: number;
  upper: number;
}

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../../fixtures/scipy/rateratio.json"), "utf8"),
) as { cases: Case[] };

const relative = (got: number, want: number): number =>
  got === want ? 0 : Math.abs(got - want) / Math.abs(want);

/** Binomial pmf vector for Bin(n, p), by the ratio recurrence in logs (no beta functions). */
function binomialPmf(n: number, p: number): number[] {
  const logs: number[] = [n * Math.log1p(-p)];
  const odds = Math.log(p) - Math.log1p(-p);
  for (let x = 0; x < n; x++) logs.push(logs[x] + Math.log((n - x) / (x + 1)) + odds);
  return logs.map(Math.exp);
}

/**
 * Clopper–Pearson limits by bisection on the exact binomial tail sums:
 * p_L solves P(X ≥ x) = α/2, p_U solves P(X ≤ x) = α/2. Then RR = p/(1 − p)·E0/E1.
 */
function bisectionInterval(before: number, after: number, e0: number, e1: number, confidence: number) {
  const n = before + after;
  const tail = (1 - confidence) / 2;
  const atLeast = (p: number) => binomialPmf(n, p).reduce((s, v, x) => (x >= after ? s + v : s), 0);
  const atMost = (p: number) => binomialPmf(n, p).reduce((s, v, x) => (x <= after ? s + v : s), 0);
  const solve = (f: (p: number) => number, increasing: boolean): number => {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 80; i++) {
      const mid = 0.5 * (lo + hi);
      if (f(mid) < tail === increasing) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  const pLower = after === 0 ? 0 : solve(atLeast, true);
  const pUpper = solve(atMost, false);
  const toRatio = (p: number) => (p / (1 - p)) * (e0 / e1);
  return { lower: toRatio(pLower), upper: toRatio(pUpper) };
}

describe("rateRatioExact", () => {
  test("R poisson.test(c(11, 6+8+7), c(800, 1083+1050+878)) (help page): RR 1.971488, 0.8584264 to 4.2772659", () => {
    // R puts the first sample on top; here that is the "after" count.
    const r = rateRatioExact(21, 11, 3011, 800);
    expect(r.ratio).toBeCloseTo(1.971488, 6);
    expect(r.lower).toBeCloseTo(0.8584264, 7);
    expect(r.upper).toBeCloseTo(4.2772659, 7);
  });

  test(`matches SciPy (beta.ppf, checked against binomtest) on all ${fixture.cases.length} random cases to 1e-11`, () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(1000);
    let worst = 0;
    for (const c of fixture.cases) {
      const r = rateRatioExact(c.countBefore, c.countAfter, c.exposureBefore, c.exposureAfter, c.confidence);
      expect(r.ratio).toBeCloseTo(c.ratio, 12);
      if (c.lower === 0) expect(r.lower).toBe(0);
      else worst = Math.max(worst, relative(r.lower, c.lower));
      worst = Math.max(worst, relative(r.upper, c.upper));
    }
    expect(worst).toBeLessThan(1e-11);
  });

  test("matches bisection on exact binomial tail sums (an independent method)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 0, max: 150 }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        (before, after, e0, e1, confidence) => {
          const got = rateRatioExact(before, after, e0, e1, confidence);
          const want = bisectionInterval(before, after, e0, e1, confidence);
          if (after === 0) expect(got.lower).toBe(0);
          else expect(relative(got.lower, want.lower)).toBeLessThan(1e-8);
          expect(relative(got.upper, want.upper)).toBeLessThan(1e-8);
        },
      ),
      { numRuns: 120 },
    );
  });

  test("the interval contains the ratio and scales with the exposures", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        (before, after, scale) => {
          const plain = rateRatioExact(before, after);
          const scaled = rateRatioExact(before, after, scale, 1);
          expect(plain.lower).toBeLessThan(plain.ratio);
          expect(plain.upper).toBeGreaterThan(plain.ratio);
          expect(relative(scaled.lower, plain.lower * scale)).toBeLessThan(1e-12);
          expect(relative(scaled.upper, plain.upper * scale)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 100 },
    );
  });

  test("no crimes after gives ratio 0 and lower limit 0; upper limit from (α/2)^(1/n)", () => {
    const r = rateRatioExact(20, 0);
    expect(r.ratio).toBe(0);
    expect(r.lower).toBe(0);
    // With x = 0, P(X ≤ 0) = (1 − p)^n = α/2, so 1 − p = 0.025^(1/20).
    const q = Math.pow(0.025, 1 / 20);
    expect(r.upper).toBeCloseTo((1 - q) / q, 12);
  });

  test.each([
    [() => rateRatioExact(0, 5), "div0", /no crimes before/],
    [() => rateRatioExact(-1, 5), "value", /countBefore must not be negative/],
    [() => rateRatioExact(4, 2.5), "value", /countAfter must be a whole number/],
    [() => rateRatioExact(4, 5, 0, 1), "value", /exposureBefore must be greater than 0/],
    [() => rateRatioExact(4, 5, 1, -3), "value", /exposureAfter must be greater than 0/],
    [() => rateRatioExact(4, 5, 1, 1, 1.2), "value", /confidence must be between 0 and 1/],
  ])("%# bad input throws a HarmError of the right kind saying what to fix", (call, kind, message) => {
    expect(call).toThrow(message);
    try {
      call();
    } catch (e) {
      expect(e).toBeInstanceOf(HarmError);
      expect((e as HarmError).kind).toBe(kind);
    }
  });
});
