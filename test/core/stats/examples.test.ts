/** Every worked example in formulas.md (copied into the repo's tests; sources cited per example). */
import {
  bufferDisplacementMeasure,
  eTest,
  interpretDisplacement,
  percentChange,
  poissonZ,
  relativeEffectSize,
  successMeasure,
  totalNetEffect,
  wdd,
  wdq,
} from "../../../src/core/stats";

describe("formulas.md worked examples", () => {
  test("Poisson Z, 16 → 25 gives 2.0 (Wheeler 2016)", () => {
    expect(poissonZ(16, 25)).toBeCloseTo(2.0, 4);
  });

  test("percentage change 20 → 15 is −25%", () => {
    expect(percentChange(20, 15)).toBeCloseTo(-0.25, 10);
  });

  test("E-test: e_test(0, 3) = 0.0884 (Krishnamoorthy & Thomson 2004; ptools)", () => {
    expect(eTest(0, 3)).toBeCloseTo(0.0884, 4);
    expect(eTest(3, 0)).toBeCloseTo(0.0884, 4);
  });

  test("R1: a=50, b=30, c=60, d=55 gives IRR 0.6545 and RES 1.5278 (Wheeler)", () => {
    const r = relativeEffectSize(50, 30, 60, 55);
    expect(r.res).toBeCloseTo(1.5278, 4);
    expect(r.irr).toBeCloseTo(0.6545, 4);
    expect(r.percentReduction).toBeCloseTo((1 - 1 / 1.527777777) * 100, 4);
    expect(r.logVariance).toBeCloseTo(1 / 50 + 1 / 30 + 1 / 60 + 1 / 55, 10);
    expect(r.zeroCorrected).toBe(false);
    expect(r.lower).toBeLessThan(r.res);
    expect(r.upper).toBeGreaterThan(r.res);
  });

  test("Q1: T 100→50, B 100→150, C 100→100 gives SM −0.5, BDM +0.5, WDQ −1.0, TNE 0 (streetlamp)", () => {
    const t = { before: 100, after: 50 };
    const b = { before: 100, after: 150 };
    const c = { before: 100, after: 100 };
    expect(successMeasure(t, c)).toBeCloseTo(-0.5, 4);
    expect(bufferDisplacementMeasure(b, c)).toBeCloseTo(0.5, 4);
    expect(wdq(t, b, c)).toBeCloseTo(-1.0, 4);
    expect(totalNetEffect(t, b, c)).toBeCloseTo(0, 4);
    expect(interpretDisplacement(t, b, c).verdict).toBe("displacement-cancelled");
  });

  test("W2: control 20→20, target 20→10 gives WDD −10, SE √70 = 8.367 (Wheeler & Ratcliffe 2018)", () => {
    const r = wdd({ target: { before: 20, after: 10 }, control: { before: 20, after: 20 } });
    expect(r.estimate).toBeCloseTo(-10, 4);
    expect(r.se).toBeCloseTo(Math.sqrt(70), 4);
    expect(r.se).toBeCloseTo(8.3666, 4);
    expect(r.variance).toBeCloseTo(70, 4);
    expect(r.z).toBeCloseTo(-10 / Math.sqrt(70), 4);
    expect(r.lower).toBeCloseTo(-10 - 1.959964 * Math.sqrt(70), 4);
    expect(r.upper).toBeCloseTo(-10 + 1.959964 * Math.sqrt(70), 4);
  });

  test("W4: control 100→50, target 80→20, time weights (2, 1) give WDD −20, SE √115", () => {
    const r = wdd({
      target: { before: 80, after: 20 },
      control: { before: 100, after: 50 },
      timeWeights: { before: 2, after: 1 },
    });
    expect(r.estimate).toBeCloseTo(-20, 4);
    expect(r.se).toBeCloseTo(Math.sqrt(115), 4);
  });
});
