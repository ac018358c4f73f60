/**
 * HARM.ETEST after issue 13 (speed). The E-test is still summed exactly, not
 * approximated: the change is in how the sum is organised (src/core/stats/poisson.ts,
 * eTest), so the checks here are that the p-value has not moved:
 *
 * - against published values (Krishnamoorthy & Thomson 2004 and ptools
 *   tests/testthat/test-etest.R: e_test(0, 3) = 0.0884, e_test(6, 2) = 0.1749);
 * - against a 30-digit reference written independently in Python
 *   (scripts/etest-reference.py → test/fixtures/etest-reference.json), up to the
 *   count cap of 1e9;
 * - against the implementation before issue 13 (./eTestBeforeIssue13.ts), over
 *   random counts and exposures, within 1e-6 (in practice within 1e-9).
 *
 * Speed is measured by `npm run bench functions`, not here.
 */
import fc from "fast-check";
import { readFileSync } from "fs";
import { join } from "path";
import { eTest as coreETest } from "../../src/core/stats";
import { ExcelError } from "../../src/functions/excel";
import { eTest } from "../../src/functions/functions";
import { evaluateFormula } from "../support/hyperformulaPlugin";
import { eTestBeforeIssue13 } from "./eTestBeforeIssue13";

const c = (x: unknown): unknown[][] => [[x]];
const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);

interface ReferenceCase {
  k1: number;
  k2: number;
  n1: number;
  n2: number;
  p: number;
  note: string;
}
const reference = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "etest-reference.json"), "utf8"),
) as { cases: ReferenceCase[] };

describe("HARM.ETEST matches published values", () => {
  it("e_test(0, 3) = 0.0884 and e_test(6, 2) = 0.1749 (ptools test-etest.R), as a formula too", () => {
    expect(eTest(c(0), c(3))[0][0]).toBeCloseTo(0.0884, 4);
    expect(eTest(c(6), c(2))[0][0]).toBeCloseTo(0.1749, 4);
    expect(evaluateFormula("=HARM.ETEST(0,3)")).toBeCloseTo(0.0884, 4);
    expect(evaluateFormula("=HARM.ETEST(6,2,1,1)")).toBeCloseTo(0.1749, 4);
  });

  it("docs/methods.md, E-test: 120 crimes in 6 months then 100 in 4 gives p = 0.099", () => {
    expect(eTest(c(100), c(120), c(4), c(6))[0][0]).toBeCloseTo(0.099, 3);
  });
});

describe("HARM.ETEST against an independent 30-digit reference", () => {
  it.each(reference.cases.map((r) => [`${r.k1}, ${r.k2}, ${r.n1}, ${r.n2}`, r] as const))(
    "eTest(%s)",
    (_label, r) => {
      const p = coreETest(r.k1, r.k2, r.n1, r.n2);
      expect(Math.abs(p - r.p)).toBeLessThan(1e-11);
      // Small p-values keep their relative accuracy too.
      if (r.p > 1e-9) expect(Math.abs(p / r.p - 1)).toBeLessThan(1e-6);
    },
  );

  it("near the count cap the new sum is closer to the reference than the old one was", () => {
    const cap = reference.cases.find((r) => r.k1 + r.k2 > 9e8)!;
    const now = Math.abs(coreETest(cap.k1, cap.k2) - cap.p);
    const before = Math.abs(eTestBeforeIssue13(cap.k1, cap.k2) - cap.p);
    expect(now).toBeLessThan(1e-9);
    // The old grid started from a log-pmf that loses about 1e-6 at means of 5e8.
    expect(before).toBeGreaterThan(1e-7);
  });
});

describe("HARM.ETEST against the implementation before issue 13", () => {
  const within = (k1: number, k2: number, n1: number, n2: number): void => {
    const now = coreETest(k1, k2, n1, n2);
    const before = eTestBeforeIssue13(k1, k2, n1, n2);
    expect([k1, k2, n1, n2, Math.abs(now - before) < 1e-6]).toEqual([k1, k2, n1, n2, true]);
  };

  it("realistic counts (0–2,000), equal exposures", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        (k, f) => {
          const after = Math.round(k * f);
          fc.pre(k + after > 0);
          within(k, after, 1, 1);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  it("small counts (0–40) with unequal exposures, where ties and the origin matter", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        (k1, k2, n1, n2) => {
          fc.pre(k1 + k2 > 0);
          within(k1, k2, n1, n2);
        },
      ),
      { numRuns: 300, seed: 1313 },
    );
  });

  it("whole-number exposures (days, months), where the run of x2 steps by a whole number", () => {
    for (const [n1, n2] of [
      [1, 2],
      [2, 1],
      [3, 1],
      [1, 6],
      [6, 4],
      [184, 181],
    ])
      for (const [k1, k2] of [
        [0, 3],
        [3, 0],
        [5, 11],
        [40, 12],
        [300, 210],
        [1200, 1500],
      ])
        within(k1, k2, n1, n2);
  });

  it("large counts (up to 200,000) with and without exposures", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 200000 }),
        fc.double({ min: 0.97, max: 1.03, noNaN: true }),
        fc.constantFrom([1, 1], [1, 1.1], [31, 30], [2, 1]),
        (k, f, [n1, n2]) => within(k, Math.round(k * f * (n2 / n1)), n1, n2),
      ),
      { numRuns: 25, seed: 131313 },
    );
  });
});

describe("HARM.ETEST behaviour kept", () => {
  it("is 1 for equal rates, symmetric when counts and exposures swap, and spills a column", () => {
    expect(eTest(c(10), c(20), c(1), c(2))[0][0]).toBe(1);
    expect(coreETest(12, 30, 1, 2)).toBeCloseTo(coreETest(30, 12, 2, 1), 12);
    const r = eTest(col(5, 10, 20, 0), col(5, 30, 2, 0));
    expect(r.map((row) => row.length)).toEqual([1, 1, 1, 1]);
    expect(r[0][0]).toBe(1);
    expect(r[1][0]).toBeCloseTo(eTestBeforeIssue13(10, 30, 1, 1), 9);
    expect((r[3][0] as ExcelError).code).toBe("#NUM!");
  });

  it("refuses counts over the cap of 1e9 and exposures too extreme to compute, with a message", () => {
    const [[big]] = eTest(c(6e8), c(6e8 + 1));
    expect((big as ExcelError).code).toBe("#NUM!");
    expect((big as ExcelError).message).toMatch(/at most 1000000000/);
    const [[extreme]] = eTest(c(5), c(3), c(1e-300), c(1));
    expect((extreme as ExcelError).message).toMatch(/too extreme/);
  });
});
