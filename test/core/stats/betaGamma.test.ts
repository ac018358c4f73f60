import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import {
  betaQuantile,
  chiSquareQuantile,
  chiSquareUpperQuantile,
  gammaP,
  gammaPInverse,
  gammaQ,
  gammaQInverse,
  incompleteBeta,
  incompleteBetaInverse,
  incompleteBetaUpper,
} from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";

interface SpecialCase {
  fn: string;
  a?: number;
  b?: number;
  x?: number;
  p?: number;
  df?: number;
  value: number;
}

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../../fixtures/scipy/betagamma.json"), "utf8"),
) as { cases: SpecialCase[] };

const relative = (got: number, want: number): number =>
  got === want ? 0 : Math.abs(got - want) / Math.abs(want);

function evaluate(c: SpecialCase): number {
  const { a = 0, b = 0, x = 0, p = 0, df = 0 } = c;
  switch (c.fn) {
    case "gammaP":
      return gammaP(a, x);
    case "gammaQ":
      return gammaQ(a, x);
    case "gammaPInverse":
      return gammaPInverse(a, p);
    case "gammaQInverse":
      return gammaQInverse(a, p);
    case "incompleteBeta":
      return incompleteBeta(x, a, b);
    case "incompleteBetaUpper":
      return incompleteBetaUpper(x, a, b);
    case "betaQuantile":
      return betaQuantile(p, a, b);
    case "chiSquareQuantile":
      return chiSquareQuantile(p, df);
    case "chiSquareUpperQuantile":
      return chiSquareUpperQuantile(p, df);
    default:
      throw new Error(`unknown function ${c.fn}`);
  }
}

/** Poisson CDF P(X ≤ k) by summing the pmf term by term (an independent route to Q(k+1, λ)). */
function poissonCdf(k: number, mean: number): number {
  let term = Math.exp(-mean);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= mean / i;
    sum += term;
  }
  return sum;
}

/** Binomial upper tail P(X ≥ k) for X ~ Bin(n, p), by the pmf recurrence in logs (equals I_p(k, n − k + 1)). */
function binomialAtLeast(k: number, n: number, p: number): number {
  // In logs, so a first term (1 − p)^n below the smallest normal double cannot spoil the later ones.
  let logTerm = n * Math.log1p(-p);
  const logOdds = Math.log(p) - Math.log1p(-p);
  let sum = 0;
  for (let x = 0; x <= n; x++) {
    if (x >= k) sum += Math.exp(logTerm);
    logTerm += Math.log((n - x) / (x + 1)) + logOdds;
  }
  return sum;
}

describe("incomplete gamma and beta against SciPy", () => {
  test(`all ${fixture.cases.length} SciPy values (scripts/scipy-fixtures.py) agree to 1e-11 relative`, () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(2700);
    const worst: Record<string, number> = {};
    for (const c of fixture.cases) {
      const got = evaluate(c);
      // Tail values below 1e-290 are subnormal in SciPy too; compare those absolutely.
      const err = c.value < 1e-290 ? Math.abs(got - c.value) : relative(got, c.value);
      worst[c.fn] = Math.max(worst[c.fn] ?? 0, err);
    }
    for (const [fn, err] of Object.entries(worst)) {
      expect([fn, err < 1e-11]).toEqual([fn, true]);
    }
  });
});

describe("closed forms and textbook values", () => {
  test("chi-square quantiles: χ²(0.95; 1) = 1.959964² = 3.841459, χ²(0.95; 2) = −2·ln 0.05", () => {
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(1.959963984540054 ** 2, 12);
    expect(chiSquareQuantile(0.95, 2)).toBeCloseTo(-2 * Math.log(0.05), 12);
    expect(chiSquareUpperQuantile(0.05, 2)).toBeCloseTo(-2 * Math.log(0.05), 12);
    // Abramowitz & Stegun Table 26.8: χ²(0.99; 10) = 23.2093.
    expect(chiSquareQuantile(0.99, 10)).toBeCloseTo(23.2093, 4);
  });

  test("P(1, x) = 1 − e^(−x) and Q(1, x) = e^(−x), including deep in the tail", () => {
    for (const x of [1e-8, 0.3, 1, 7.5, 40, 300]) {
      expect(relative(gammaP(1, x), -Math.expm1(-x))).toBeLessThan(1e-13);
      expect(relative(gammaQ(1, x), Math.exp(-x))).toBeLessThan(1e-13);
    }
  });

  test("Beta(1, 1) is uniform and Beta(a, 1) has quantile p^(1/a)", () => {
    for (const p of [1e-9, 0.01, 0.37, 0.5, 0.9, 0.999999]) {
      expect(relative(betaQuantile(p, 1, 1), p)).toBeLessThan(1e-13);
      expect(relative(betaQuantile(p, 3.5, 1), Math.pow(p, 1 / 3.5))).toBeLessThan(1e-13);
    }
  });

  test("the upper tails keep their precision where 1 − lower would round to 0", () => {
    // Q(10, 200) = P(Pois(200) ≤ 9) ≈ 1.6e-70; P(10, 200) rounds to exactly 1.
    expect(relative(gammaQ(10, 200), poissonCdf(9, 200))).toBeLessThan(1e-12);
    expect(gammaP(10, 200)).toBe(1);
    // 1 − I_0.99(2, 50) = P(Bin(51, 0.99) ≤ 1) = I_0.01(50, 2) by symmetry.
    expect(relative(incompleteBetaUpper(0.99, 2, 50), incompleteBeta(0.01, 50, 2))).toBeLessThan(1e-12);
    expect(incompleteBetaUpper(0.99, 2, 50)).toBeLessThan(1e-90);
  });
});

describe("independent routes (properties)", () => {
  test("Q(k + 1, λ) equals the Poisson CDF summed term by term", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.double({ min: 0.01, max: 400, noNaN: true }),
        (k, mean) => {
          const want = poissonCdf(k, mean);
          fc.pre(want > 1e-250);
          expect(relative(gammaQ(k + 1, mean), want)).toBeLessThan(1e-10);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("I_p(k, n − k + 1) equals the binomial upper tail P(X ≥ k)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (k, extra, p) => {
          const n = k + extra;
          const want = binomialAtLeast(k, n, p);
          fc.pre(want > 1e-250 && want < 1 - 1e-12);
          expect(relative(incompleteBeta(p, k, n - k + 1), want)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("inverses invert: P(a, P⁻¹(a, p)) = p, Q(a, Q⁻¹(a, q)) = q, I(Iinv(p)) = p", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 5000, noNaN: true }),
        fc.double({ min: 0.05, max: 5000, noNaN: true }),
        fc.double({ min: 1e-12, max: 1 - 1e-9, noNaN: true }),
        (a, b, p) => {
          expect(relative(gammaP(a, gammaPInverse(a, p)), p)).toBeLessThan(1e-10);
          expect(relative(gammaQ(a, gammaQInverse(a, p)), p)).toBeLessThan(1e-10);
          // Read back through the smaller of x and 1 − x, using I_x(a, b) = 1 − I_(1−x)(b, a): a root
          // within 1e-11 of 1 is stored to 1e-16 absolute, so going through x itself would lose digits.
          const lowerTail = (r: { x: number; complement: number }) =>
            r.x <= 0.5 ? incompleteBeta(r.x, a, b) : incompleteBetaUpper(r.complement, b, a);
          const upperTail = (r: { x: number; complement: number }) =>
            r.x <= 0.5 ? incompleteBetaUpper(r.x, a, b) : incompleteBeta(r.complement, b, a);
          const lower = incompleteBetaInverse(p, a, b);
          expect(relative(lowerTail(lower), p)).toBeLessThan(1e-9);
          const upper = incompleteBetaInverse(p, a, b, true);
          expect(relative(upperTail(upper), p)).toBeLessThan(1e-9);
          expect(Math.abs(upper.x + upper.complement - 1)).toBeLessThan(1e-15);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("the complement stays accurate when x is within 1e-12 of 1", () => {
    // Beta(2000, 1) puts its mass next to 1; 1 − x is ~1e-6 and must keep its relative accuracy.
    const r = incompleteBetaInverse(0.5, 2000, 1);
    expect(relative(r.complement, -Math.expm1(Math.log(0.5) / 2000))).toBeLessThan(1e-12);
  });
});

describe("bad input", () => {
  test.each([
    [() => gammaP(0, 1), /a \(shape\) must be a finite number greater than 0/],
    [() => gammaP(1, -1), /x must be a finite number, 0 or more/],
    [() => gammaPInverse(2, 1), /p must be a probability strictly between 0 and 1/],
    [() => incompleteBeta(1.5, 1, 1), /x must lie between 0 and 1/],
    [() => betaQuantile(0.5, 1, Number.NaN), /b \(shape\) must be a finite number/],
    [() => chiSquareQuantile(0.5, 0), /df \(degrees of freedom\)/],
  ])("%# throws a HarmError that says what to fix", (call, message) => {
    expect(call).toThrow(HarmError);
    expect(call).toThrow(message);
  });
});
