import fc from "fast-check";
import { eTest, normalCdf } from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";

/** Poisson pmf by direct product, written independently of the module's log-gamma route. */
function pois(x: number, mean: number): number {
  let p = Math.exp(-mean);
  for (let i = 1; i <= x; i++) p *= mean / i;
  return p;
}

/** Brute-force E-test: the double loop over a generous square grid, straight from the formula. */
function bruteETest(k1: number, k2: number, n1: number, n2: number): number {
  const lambda = (k1 + k2) / (n1 + n2);
  const t = (x1: number, x2: number) =>
    x1 + x2 === 0 ? 0 : Math.abs(x1 / n1 - x2 / n2) / Math.sqrt((x1 + x2) / (n1 + n2));
  const observed = t(k1, k2);
  const m1 = n1 * lambda;
  const m2 = n2 * lambda;
  const max1 = Math.ceil(m1 + 15 * Math.sqrt(m1) + 40);
  const max2 = Math.ceil(m2 + 15 * Math.sqrt(m2) + 40);
  let p = 0;
  for (let x1 = 0; x1 <= max1; x1++) {
    for (let x2 = 0; x2 <= max2; x2++) {
      // Ties within rounding: exposures a few ulps apart make an equal-rate observation T ≈ 1e-16, not 0.
      if (t(x1, x2) >= observed * (1 - 1e-10) - 1e-12) p += pois(x1, m1) * pois(x2, m2);
    }
  }
  return Math.min(1, p);
}

describe("eTest", () => {
  test("matches the brute-force double loop for random counts and exposures", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        (k1, k2, n1, n2) => {
          fc.pre(k1 + k2 > 0);
          expect(Math.abs(eTest(k1, k2, n1, n2) - bruteETest(k1, k2, n1, n2))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 80 },
    );
  });

  test("matches brute force at whole-number exposures, where ties are common", () => {
    for (const [k1, k2, n1, n2] of [
      [0, 3, 1, 1],
      [0, 3, 2, 1],
      [5, 10, 1, 1],
      [12, 3, 2, 1],
      [7, 7, 1, 3],
      [40, 25, 3, 2],
    ]) {
      expect(eTest(k1, k2, n1, n2)).toBeCloseTo(bruteETest(k1, k2, n1, n2), 10);
    }
  });

  test("is symmetric when the two counts and exposures swap", () => {
    expect(eTest(12, 30, 1, 2)).toBeCloseTo(eTest(30, 12, 2, 1), 12);
  });

  test("handles large counts and agrees with the normal approximation", () => {
    const p = eTest(50000, 48000);
    // Large-sample two-sided z-test for equal rates: same order of magnitude as the exact test.
    const z = 2000 / Math.sqrt(98000);
    expect(p).toBeGreaterThan(0);
    expect(Math.abs(Math.log10(p) - Math.log10(2 * normalCdf(-z)))).toBeLessThan(0.3);
    const q = eTest(100000, 99500);
    expect(q).toBeGreaterThan(0.1);
    expect(q).toBeLessThan(0.5);
  });

  test("p is 1 when the rates are equal", () => {
    expect(eTest(4, 4)).toBe(1);
    expect(eTest(3, 6, 1, 2)).toBe(1);
  });
});

describe("count-test errors", () => {
  test("(0, 0) is numError", () => {
    for (const f of [eTest]) {
      try {
        f(0, 0);
        throw new Error("should have thrown");
      } catch (e) {
        expect(e).toBeInstanceOf(HarmError);
        expect((e as HarmError).kind).toBe("num");
        expect((e as HarmError).message).toMatch(/Both counts are 0/);
      }
    }
  });

  test("bad counts and exposures are valueErrors naming the argument", () => {
    expect(() => eTest(-3, 2)).toThrow("k1 must not be negative; got -3");
    expect(() => eTest(3, 2.5)).toThrow(/k2 must be a whole number/);
    expect(() => eTest(3, NaN)).toThrow(/k2 must be a finite number; got NaN/);
    expect(() => eTest(3, 2, 0, 1)).toThrow(/n1 \(exposure for k1\) must be greater than 0/);
    expect(() => eTest(3, 2, 1, Infinity)).toThrow(/n2 .* must be a finite number/);
    expect(() => eTest(3, 2, 1, -1)).toThrow(HarmError);
  });
});
