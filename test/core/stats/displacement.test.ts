import fc from "fast-check";
import {
  bufferDisplacementMeasure,
  grossEffect,
  interpretDisplacement,
  netEffect,
  successMeasure,
  totalNetEffect,
  wdq,
} from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";

const pair = (before: number, after: number) => ({ before, after });

describe("WDQ family (Bowers & Johnson 2003; Guerette 2009)", () => {
  test("measures agree with a hand-written version for random counts", () => {
    const count = fc.integer({ min: 0, max: 10000 });
    const positive = fc.integer({ min: 1, max: 10000 });
    fc.assert(
      fc.property(count, count, count, count, positive, positive, (t0, t1, b0, b1, c0, c1) => {
        const t = pair(t0, t1);
        const b = pair(b0, b1);
        const c = pair(c0, c1);
        const sm = t1 / c1 - t0 / c0;
        const bdm = b1 / c1 - b0 / c0;
        expect(successMeasure(t, c)).toBeCloseTo(sm, 12);
        expect(bufferDisplacementMeasure(b, c)).toBeCloseTo(bdm, 12);
        expect(netEffect(t, c)).toBeCloseTo(-sm, 12);
        expect(grossEffect(t)).toBe(t0 - t1);
        const tne = t0 * (c1 / c0) - t1 + (b0 * (c1 / c0) - b1);
        expect(totalNetEffect(t, b, c)).toBeCloseTo(tne, 6);
        if (sm < 0) expect(wdq(t, b, c)).toBeCloseTo(bdm / sm, 9);
        else expect(() => wdq(t, b, c)).toThrow(expect.objectContaining({ kind: "na" }));
      }),
      { numRuns: 300 },
    );
  });

  test("WDQ is undefined (div0Error) for C0 = 0 or C1 = 0, and #N/A when the target did not improve (SM ≥ 0)", () => {
    const div0 = expect.objectContaining({ kind: "div0" });
    const na = expect.objectContaining({ kind: "na" });
    expect(() => wdq(pair(10, 5), pair(10, 12), pair(0, 4))).toThrow(div0);
    expect(() => wdq(pair(10, 5), pair(10, 12), pair(0, 4))).toThrow(/controlBefore = 0/);
    expect(() => wdq(pair(10, 5), pair(10, 12), pair(4, 0))).toThrow(/controlAfter = 0/);
    expect(() => wdq(pair(10, 20), pair(10, 12), pair(5, 10))).toThrow(na); // SM = 0
    // Issue 10: T 10→20, B 5→9, C 20→20 has SM = +0.5.
    expect(() => wdq(pair(10, 20), pair(5, 9), pair(20, 20))).toThrow(na);
    expect(() => wdq(pair(10, 20), pair(5, 9), pair(20, 20))).toThrow(
      "The target did not improve relative to the control, so displacement cannot be judged. The WDQ needs a success measure below 0; here it is 0.5.",
    );
    expect(() => netEffect(pair(1, 1), pair(0, 1))).toThrow(div0);
    expect(() => totalNetEffect(pair(1, 1), pair(1, 1), pair(0, 1))).toThrow(div0);
    // C1 = 0 is fine for TNE: every crime in the after period counts against the response.
    expect(totalNetEffect(pair(10, 4), pair(6, 3), pair(5, 0))).toBe(-7);
  });

  test("invalid counts name the argument", () => {
    expect(() => successMeasure(pair(-3, 1), pair(1, 1))).toThrow(
      "targetBefore must not be negative; got -3",
    );
    expect(() => wdq(pair(3, 1), pair(1, NaN), pair(1, 1))).toThrow(/bufferAfter must be a finite number/);
    expect(() => grossEffect(pair(3, Infinity))).toThrow(HarmError);
  });
});

describe("interpretDisplacement (Guerette 2009, Appendix C)", () => {
  const c = pair(100, 100);
  const t = pair(100, 50); // SM = −0.5
  const cases: Array<[number, string, string]> = [
    [25, "diffusion-greater", "1.50"], // BDM −0.75 → WDQ 1.5
    [100 - 25, "diffusion", "0.50"], // BDM −0.25
    [50, "diffusion", "1.00"], // WDQ exactly 1 belongs to "diffusion"
    [100, "none", "0.00"],
    [125, "displacement-partial", "-0.50"],
    [150, "displacement-cancelled", "-1.00"],
    [200, "displacement-cancelled", "-2.00"],
  ];
  test.each(cases)("buffer 100 → %d reads as %s", (bufferAfter, verdict, shown) => {
    const r = interpretDisplacement(t, pair(100, bufferAfter), c);
    expect(r.verdict).toBe(verdict);
    expect(r.text).toContain(`WDQ ${shown}`);
    expect(r.wdq).toBeCloseTo(Number(shown), 10);
    expect(r.text.split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBeLessThanOrEqual(2);
  });

  test("diffusion text is plain English", () => {
    expect(interpretDisplacement(t, pair(100, 80), c).text).toMatch(
      /^Diffusion of benefits: the buffer area improved too/,
    );
  });

  test("target not improved (SM ≥ 0): cautious verdict and text, no WDQ", () => {
    const text = "The target did not improve relative to the control, so displacement cannot be judged.";
    const r = interpretDisplacement(pair(50, 100), pair(100, 150), c);
    expect(r).toEqual({ verdict: "target-not-improved", wdq: null, sm: 0.5, bdm: 0.5, text });
    // Issue 10: T 10→20, B 5→9, C 20→20.
    expect(interpretDisplacement(pair(10, 20), pair(5, 9), pair(20, 20))).toMatchObject({
      verdict: "target-not-improved",
      wdq: null,
      text,
    });
    // SM exactly 0: the target moved in line with the control, so it did not improve either.
    const flat = interpretDisplacement(pair(10, 20), pair(1, 1), pair(5, 10));
    expect(flat).toMatchObject({ verdict: "target-not-improved", wdq: null, sm: 0, text });
  });

  test("undefined cases explain why instead of throwing", () => {
    const zeroBefore = interpretDisplacement(t, pair(1, 1), pair(0, 5));
    expect(zeroBefore).toMatchObject({ verdict: "undefined", wdq: null });
    expect(zeroBefore.text).toMatch(/no crimes in the before period/);
    expect(interpretDisplacement(t, pair(1, 1), pair(5, 0)).text).toMatch(/after period/);
  });

  test("rounding noise at a band edge does not change the verdict", () => {
    // These counts give bdm / sm = −1.0000000000000002 in floating point: a WDQ of −1 in substance.
    const t2 = pair(0.1, 0.02857142857142858);
    const b2 = pair(0.1, 0.2285714285714286);
    const c2 = pair(0.7, 0.9);
    const raw = bufferDisplacementMeasure(b2, c2) / successMeasure(t2, c2);
    expect(raw).not.toBe(-1);
    expect(raw).toBeCloseTo(-1, 12);
    expect(interpretDisplacement(t2, b2, c2).verdict).toBe("displacement-cancelled");
    expect(interpretDisplacement(t2, pair(0.1, 0.1 * (0.9 / 0.7)), c2).verdict).toBe("none");
  });

  test("still rejects invalid counts", () => {
    expect(() => interpretDisplacement(pair(1, 1), pair(-1, 1), c)).toThrow(
      "bufferBefore must not be negative; got -1",
    );
  });
});
