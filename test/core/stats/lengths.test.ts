/** Period lengths: rate change, Poisson Z over unequal periods and the E-test with lengths as exposures. */
import fc from "fast-check";
import {
  checkLengths,
  describeLengths,
  eTest,
  lengthsToTimeWeights,
  percentChange,
  periodETest,
  poissonZ,
  timeRatio,
} from "../../../src/core/stats";
import { moments, mulberry32, poissonSampler } from "./random";

const count = fc.integer({ min: 0, max: 100000 });
const length = fc.integer({ min: 1, max: 3650 });

describe("lengths: validation and the time ratio", () => {
  test("finite and above 0, messages naming the argument", () => {
    expect(() => checkLengths({ before: 0, after: 4 })).toThrow(
      "lengths.before must be greater than 0; got 0",
    );
    expect(() => checkLengths({ before: 6, after: NaN })).toThrow(
      "lengths.after must be a finite number; got NaN",
    );
    expect(() => checkLengths({ before: 6, after: -1 })).toThrow(expect.objectContaining({ kind: "value" }));
    expect(() => checkLengths(null as never)).toThrow(/must give the before and after period lengths/);
    expect(() => percentChange(10, 12, { before: Infinity, after: 4 })).toThrow(/lengths.before/);
    expect(() => poissonZ(10, 12, { before: 6, after: 0 })).toThrow(/lengths.after/);
  });

  test("r = L1/L0, 1 without lengths; time weights normalised to the after period", () => {
    expect(timeRatio()).toBe(1);
    expect(timeRatio({ before: 6, after: 4 })).toBeCloseTo(2 / 3, 15);
    expect(lengthsToTimeWeights({ before: 6, after: 4 })).toEqual({ before: 1.5, after: 1 });
    expect(lengthsToTimeWeights({ before: 30, after: 30 })).toEqual({ before: 1, after: 1 });
  });

  test("described with their unit", () => {
    expect(describeLengths({ before: 6, after: 4, unit: "months" })).toBe("6 vs 4 months");
    expect(describeLengths({ before: 1, after: 3, unit: "months" })).toBe("1 month vs 3 months");
    expect(describeLengths({ before: 184, after: 122 })).toBe("184 vs 122");
  });
});

describe("percentChange with lengths (rate change)", () => {
  test("issue 10: 120 crimes in 6 months → 100 in 4 months is +25% (20 a month → 25 a month)", () => {
    expect(percentChange(120, 100, { before: 6, after: 4 })).toBeCloseTo(0.25, 14);
    expect(percentChange(120, 100)).toBeCloseTo(-1 / 6, 14);
  });

  test("equals (rate after − rate before)/rate before written out; equal lengths are exactly the count form", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), count, length, length, (t0, t1, l0, l1) => {
        const rateBefore = t0 / l0;
        const rateAfter = t1 / l1;
        const expected = (rateAfter - rateBefore) / rateBefore;
        const got = percentChange(t0, t1, { before: l0, after: l1 });
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
        expect(percentChange(t0, t1, { before: l0, after: l0 })).toBe(percentChange(t0, t1));
      }),
    );
  });

  test("before = 0 is still div0Error", () => {
    expect(() => percentChange(0, 4, { before: 6, after: 4 })).toThrow(
      expect.objectContaining({ kind: "div0" }),
    );
  });
});

describe("poissonZ with lengths", () => {
  test("issue 10: 120 in 6 months → 100 in 4 months is positive: 2(√100 − √80)·√1.2 = 2.313", () => {
    const z = poissonZ(120, 100, { before: 6, after: 4 });
    expect(z).toBeCloseTo(2 * (10 - Math.sqrt(80)) * Math.sqrt(1.2), 12);
    expect(z).toBeCloseTo(2.313, 3);
    expect(poissonZ(120, 100)).toBeLessThan(0);
  });

  test("equal lengths give Wheeler's 2(√after − √before) exactly (16 → 25 gives 2.0, Wheeler 2016)", () => {
    expect(poissonZ(16, 25, { before: 3, after: 3 })).toBe(2);
    fc.assert(
      fc.property(count, count, length, (t0, t1, l) => {
        expect(poissonZ(t0, t1, { before: l, after: l })).toBe(poissonZ(t0, t1));
      }),
    );
  });

  test("keeps Wheeler's scale: with no change in rate, Z over 6 vs 4 months spreads like Z over equal periods (seeded simulation)", () => {
    // Var(2√X) ≈ 1 for a Poisson X, so Wheeler's 2(√T1 − √T0) has variance ≈ 2 when nothing changes;
    // the √(2/(1+r)) factor gives the unequal-period Z that same variance.
    const rng = mulberry32(7);
    const lengths = { before: 6, after: 4 };
    const before = poissonSampler(600, rng);
    const after = poissonSampler(400, rng);
    const sameBefore = poissonSampler(600, rng);
    const sameAfter = poissonSampler(600, rng);
    const unequal: number[] = [];
    const equal: number[] = [];
    for (let i = 0; i < 20000; i++) {
      unequal.push(poissonZ(before(), after(), lengths));
      equal.push(poissonZ(sameBefore(), sameAfter()));
    }
    const u = moments(unequal);
    const e = moments(equal);
    expect(u.variance / e.variance).toBeGreaterThan(0.95);
    expect(u.variance / e.variance).toBeLessThan(1.05);
    expect(e.variance).toBeGreaterThan(1.9);
    expect(e.variance).toBeLessThan(2.1);
    expect(Math.abs(u.mean)).toBeLessThan(0.05);
    // Without the rescaling the spread would be 2·(1 + r)/2 = 1 + r ≈ 1.67, clearly smaller.
    const unscaled = moments(unequal.map((z) => z / Math.sqrt(2 / (1 + 4 / 6))));
    expect(unscaled.variance / e.variance).toBeLessThan(0.9);
  });
});

describe("periodETest: lengths as exposures", () => {
  test("is eTest(after, before, L1, L0), symmetric and unchanged by rescaling the lengths", () => {
    expect(periodETest(120, 100, { before: 6, after: 4 })).toBe(eTest(100, 120, 4, 6));
    expect(periodETest(120, 100, { before: 6, after: 4 })).toBeCloseTo(eTest(120, 100, 6, 4), 12);
    expect(periodETest(120, 100, { before: 184, after: 122 })).toBeCloseTo(eTest(100, 120, 122, 184), 12);
    expect(periodETest(120, 100, { before: 6, after: 4 })).toBeCloseTo(
      periodETest(120, 100, { before: 180, after: 120 }),
      12,
    );
    expect(periodETest(0, 3)).toBeCloseTo(0.0884, 4); // Krishnamoorthy & Thomson (2004); ptools test-etest.R line 2
    expect(periodETest(6, 2)).toBeCloseTo(0.1749, 4); // ptools test-etest.R line 8 ("Paper rep 2")
  });

  test("equal rates give p = 1; bad counts name the argument", () => {
    expect(periodETest(30, 20, { before: 6, after: 4 })).toBe(1);
    expect(() => periodETest(2.5, 3)).toThrow(/before must be a whole number/);
    expect(() => periodETest(3, -1)).toThrow("after must not be negative; got -1");
  });
});
