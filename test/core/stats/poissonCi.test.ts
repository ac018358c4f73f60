import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { poissonCi } from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../../fixtures/scipy/poissonci.json"), "utf8"),
) as { cases: Array<{ count: number; confidence: number; lower: number; upper: number }> };

const relative = (got: number, want: number): number =>
  got === want ? 0 : Math.abs(got - want) / Math.abs(want);

/** P(X ≤ k) and P(X ≥ k) for X ~ Pois(mean), summed term by term (no gamma functions). */
function poissonTails(k: number, mean: number): { atMost: number; atLeast: number } {
  let term = Math.exp(-mean);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= mean / (i + 1);
  }
  return { atMost: below + term, atLeast: 1 - below };
}

describe("poissonCi (Garwood exact interval)", () => {
  test("published values: 0 → (0, 3.689) (epitools pois.exact help), 10 → (4.795, 18.39)", () => {
    const zero = poissonCi(0);
    expect(zero.lower).toBe(0);
    expect(zero.upper).toBeCloseTo(3.689, 3);
    // −ln(0.025) exactly: with no events the upper limit solves e^(−μ) = α/2.
    expect(zero.upper).toBeCloseTo(-Math.log(0.025), 12);
    const ten = poissonCi(10);
    expect(ten.lower).toBeCloseTo(4.795, 3);
    expect(ten.upper).toBeCloseTo(18.39, 2);
  });

  test("R poisson.test(137, 24.19893) (help page, Welsh nickel workers): rate interval 4.753125 to 6.692709", () => {
    const ci = poissonCi(137);
    expect(ci.lower / 24.19893).toBeCloseTo(4.753125, 6);
    expect(ci.upper / 24.19893).toBeCloseTo(6.692709, 6);
  });

  test(`matches SciPy chi2.ppf/isf on all ${fixture.cases.length} fixture cases to 1e-12 relative`, () => {
    expect(fixture.cases.length).toBeGreaterThan(200);
    let worst = 0;
    for (const c of fixture.cases) {
      const ci = poissonCi(c.count, c.confidence);
      worst = Math.max(
        worst,
        c.lower === 0 ? ci.lower : relative(ci.lower, c.lower),
        relative(ci.upper, c.upper),
      );
    }
    expect(worst).toBeLessThan(1e-12);
  });

  test("each limit leaves exactly α/2 in the Poisson tail (definition, summed independently)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        (k, confidence) => {
          const tail = (1 - confidence) / 2;
          const ci = poissonCi(k, confidence);
          expect(relative(poissonTails(k, ci.upper).atMost, tail)).toBeLessThan(1e-9);
          if (k > 0) expect(relative(poissonTails(k, ci.lower).atLeast, tail)).toBeLessThan(1e-8);
          expect(ci.lower).toBeLessThan(k + 1e-12);
          expect(ci.upper).toBeGreaterThan(k);
        },
      ),
      { numRuns: 150 },
    );
  });

  test("higher confidence gives a wider interval", () => {
    const narrow = poissonCi(25, 0.9);
    const wide = poissonCi(25, 0.99);
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });

  test.each([
    [() => poissonCi(-1), /count must not be negative/],
    [() => poissonCi(2.5), /count must be a whole number/],
    [
      () => poissonCi(3, 95),
      /confidence must be between 0 and 1, e\.g\. 0\.95; got 95 \(for 95% enter 0\.95\)/,
    ],
    [() => poissonCi(3, 0), /confidence must be between 0 and 1/],
  ])("%# bad input throws a HarmError saying what to fix", (call, message) => {
    expect(call).toThrow(HarmError);
    expect(call).toThrow(message);
  });
});
