import fc from "fast-check";
import { relativeEffectSize } from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";

/** The RES interval written out directly from Farrington et al. (2007). */
function direct(a: number, b: number, c: number, d: number, z: number, dispersion = 1) {
  const res = (a * d) / (b * c);
  const se = Math.sqrt(dispersion * (1 / a + 1 / b + 1 / c + 1 / d));
  return { res, lower: Math.exp(Math.log(res) - z * se), upper: Math.exp(Math.log(res) + z * se) };
}

describe("relativeEffectSize", () => {
  test("agrees with the direct formula for random counts, confidence levels and dispersion", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom([0.9, 1.6448536269514722], [0.95, 1.959963984540054], [0.99, 2.5758293035489004]),
        fc.double({ min: 1, max: 5, noNaN: true }),
        (a, b, c, d, [confidence, z], dispersion) => {
          const r = relativeEffectSize(a, b, c, d, { confidence, dispersion });
          const e = direct(a, b, c, d, z, dispersion);
          expect(r.res).toBeCloseTo(e.res, 10);
          expect(r.lower / e.lower).toBeCloseTo(1, 10);
          expect(r.upper / e.upper).toBeCloseTo(1, 10);
          expect(r.irr * r.res).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("dispersion widens the interval by √D on the log scale", () => {
    const plain = relativeEffectSize(50, 30, 60, 55);
    const wide = relativeEffectSize(50, 30, 60, 55, { dispersion: 4 });
    expect(wide.res).toBe(plain.res);
    expect(wide.logVariance).toBeCloseTo(4 * plain.logVariance, 12);
    expect(Math.log(wide.upper / wide.res)).toBeCloseTo(2 * Math.log(plain.upper / plain.res), 12);
  });

  test("zero cell: div0Error unless the analyst asks for the 0.5 correction, which is labelled", () => {
    expect(() => relativeEffectSize(10, 0, 20, 25)).toThrow(expect.objectContaining({ kind: "div0" }));
    expect(() => relativeEffectSize(10, 0, 20, 25)).toThrow(/zero correction/);
    const r = relativeEffectSize(10, 0, 20, 25, { zeroCorrection: true });
    expect(r.zeroCorrected).toBe(true);
    expect(r.res).toBeCloseTo((10.5 * 25.5) / (0.5 * 20.5), 12);
    // No zero cell: the correction is not applied even when allowed.
    const s = relativeEffectSize(10, 5, 20, 25, { zeroCorrection: true });
    expect(s.zeroCorrected).toBe(false);
    expect(s.res).toBeCloseTo((10 * 25) / (5 * 20), 12);
  });

  test("invalid options and counts", () => {
    expect(() => relativeEffectSize(10, 5, 20, 25, { dispersion: 0.5 })).toThrow(
      /dispersion must be a number of at least 1/,
    );
    expect(() => relativeEffectSize(10, 5, 20, 25, { dispersion: NaN })).toThrow(HarmError);
    expect(() => relativeEffectSize(10, 5, 20, 25, { confidence: 1.2 })).toThrow(/confidence/);
    expect(() => relativeEffectSize(-3, 5, 20, 25)).toThrow("targetBefore (a) must not be negative; got -3");
    expect(() => relativeEffectSize(3, 5, Infinity, 25)).toThrow(
      /controlBefore \(c\) must be a finite number/,
    );
  });
});
