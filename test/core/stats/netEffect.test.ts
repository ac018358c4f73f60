/** Total net effect with its delta-method interval (Bowers & Johnson 2003; docs/methods.md, "Net effect"). */
import fc from "fast-check";
import { harmNetEffect, netEffectCi, totalNetEffect, type NetEffectInput } from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";
import { mulberry32, poissonSampler } from "./random";

const pair = (before: number, after: number) => ({ before, after });
const Z95 = 1.959963984540054;

type Counts = Record<"t0" | "t1" | "b0" | "b1" | "c0" | "c1" | "d0" | "d1", number>;

/** TNE as a plain function of the counts, written straight from the definition. */
function tne(x: Counts, withBuffer: boolean, withCd: boolean): number {
  const expectedT = (x.t0 * x.c1) / x.c0;
  if (!withBuffer) return expectedT - x.t1;
  const expectedB = withCd ? (x.b0 * x.d1) / x.d0 : (x.b0 * x.c1) / x.c0;
  return expectedT - x.t1 + (expectedB - x.b1);
}

/**
 * Delta method by numerical differentiation: Var ≈ Σ (∂f/∂x)²·x over the counts
 * used (Poisson variance = mean, estimated by the count), with central differences.
 */
function numericalVariance(x: Counts, withBuffer: boolean, withCd: boolean): number {
  const used: Array<keyof Counts> = ["t0", "t1", "c0", "c1"];
  if (withBuffer) used.push("b0", "b1");
  if (withCd) used.push("d0", "d1");
  let v = 0;
  for (const k of used) {
    const h = 1e-4 * Math.max(1, x[k]);
    const up = tne({ ...x, [k]: x[k] + h }, withBuffer, withCd);
    const down = tne({ ...x, [k]: x[k] - h }, withBuffer, withCd);
    const g = (up - down) / (2 * h);
    v += g * g * x[k];
  }
  return v;
}

function inputOf(x: Counts, withBuffer: boolean, withCd: boolean): NetEffectInput {
  return {
    target: pair(x.t0, x.t1),
    control: pair(x.c0, x.c1),
    ...(withBuffer ? { buffer: pair(x.b0, x.b1) } : {}),
    ...(withCd ? { bufferControl: pair(x.d0, x.d1) } : {}),
  };
}

describe("netEffectCi: estimate", () => {
  test("Bowers & Johnson (2003) / Guerette (2009, Appendix B) example: T 100→50, B 100→150, C 100→100 gives TNE 0", () => {
    const r = netEffectCi({ target: pair(100, 50), buffer: pair(100, 150), control: pair(100, 100) });
    expect(r.estimate).toBe(0);
    expect(r.target).toBe(50);
    expect(r.buffer).toBe(-50);
  });

  test("issue 10 walkthrough: target 161→156 vs control 6,181→6,412 gives 161·6412/6181 − 156 ≈ 11.0, interval includes 0", () => {
    const r = netEffectCi({ target: pair(161, 156), control: pair(6181, 6412) });
    expect(r.estimate).toBeCloseTo((161 * 6412) / 6181 - 156, 12);
    expect(r.estimate).toBeCloseTo(11.017, 3);
    expect(r.buffer).toBeNull();
    expect(r.lower).toBeLessThan(0);
    expect(r.upper).toBeGreaterThan(0);
  });

  test("totalNetEffect is netEffectCi's estimate, for random counts", () => {
    const count = fc.integer({ min: 0, max: 100000 });
    fc.assert(
      fc.property(
        count,
        count,
        count,
        count,
        fc.integer({ min: 1, max: 100000 }),
        count,
        (t0, t1, b0, b1, c0, c1) => {
          fc.pre(t0 + t1 + b0 + b1 + c1 > 0);
          const t = pair(t0, t1);
          const b = pair(b0, b1);
          const c = pair(c0, c1);
          expect(netEffectCi({ target: t, buffer: b, control: c }).estimate).toBe(totalNetEffect(t, b, c));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("netEffectCi: delta-method variance", () => {
  test("written-out formula: Var = S1 + (C1/C0)²·S0 + S0²·C1/C0² + S0²·C1²/C0³ (context.md)", () => {
    const [t0, t1, b0, b1, c0, c1] = [40, 30, 25, 31, 200, 180];
    const s0 = t0 + b0;
    const s1 = t1 + b1;
    const v = s1 + (c1 / c0) ** 2 * s0 + (s0 ** 2 * c1) / c0 ** 2 + (s0 ** 2 * c1 ** 2) / c0 ** 3;
    const r = netEffectCi({ target: pair(t0, t1), buffer: pair(b0, b1), control: pair(c0, c1) });
    expect(r.variance).toBeCloseTo(v, 10);
    expect(r.se).toBeCloseTo(Math.sqrt(v), 10);
    expect(r.upper - r.estimate).toBeCloseTo(Z95 * Math.sqrt(v), 9);
    expect(r.z).toBeCloseTo(r.estimate / Math.sqrt(v), 12);
  });

  test("agrees with a numerically differentiated delta method, with and without buffer and buffer control", () => {
    const count = fc.integer({ min: 1, max: 50000 });
    fc.assert(
      fc.property(
        fc.record({ t0: count, t1: count, b0: count, b1: count, c0: count, c1: count, d0: count, d1: count }),
        fc.constantFrom([false, false], [true, false], [true, true]),
        (x, [withBuffer, withCd]) => {
          const r = netEffectCi(inputOf(x, withBuffer, withCd));
          expect(r.estimate).toBeCloseTo(tne(x, withBuffer, withCd), 6);
          expect(r.variance / numericalVariance(x, withBuffer, withCd)).toBeCloseTo(1, 6);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("with a buffer control the two parts are independent: variances add", () => {
    const t = pair(120, 90);
    const b = pair(60, 70);
    const c = pair(400, 380);
    const cd = pair(150, 160);
    const both = netEffectCi({ target: t, buffer: b, control: c, bufferControl: cd });
    const targetOnly = netEffectCi({ target: t, control: c });
    const bufferOnly = netEffectCi({ target: b, control: cd });
    expect(both.variance).toBeCloseTo(targetOnly.variance + bufferOnly.variance, 10);
    expect(both.target).toBe(targetOnly.estimate);
    expect(both.buffer).toBe(bufferOnly.estimate);
  });

  test("a shared control makes the parts correlated: more variance than two independent parts", () => {
    const t = pair(120, 90);
    const b = pair(60, 70);
    const c = pair(400, 380);
    const shared = netEffectCi({ target: t, buffer: b, control: c });
    const sumOfParts =
      netEffectCi({ target: t, control: c }).variance + netEffectCi({ target: b, control: c }).variance;
    expect(shared.variance).toBeGreaterThan(sumOfParts);
  });

  test("Monte Carlo at large counts (seeded): the delta variance matches the simulated spread and the 95% interval covers", () => {
    const rng = mulberry32(20240910);
    const means = { t0: 900, t1: 700, b0: 1500, b1: 1400, c0: 3000, c1: 2800 };
    const draw = Object.fromEntries(
      Object.entries(means).map(([k, m]) => [k, poissonSampler(m, rng)]),
    ) as Record<keyof typeof means, () => number>;
    const truth = (means.t0 + means.b0) * (means.c1 / means.c0) - (means.t1 + means.b1);
    const runs = 20000;
    let sum = 0;
    let sumSq = 0;
    let covered = 0;
    let meanVar = 0;
    for (let i = 0; i < runs; i++) {
      const r = netEffectCi({
        target: pair(draw.t0(), draw.t1()),
        buffer: pair(draw.b0(), draw.b1()),
        control: pair(draw.c0(), draw.c1()),
      });
      sum += r.estimate;
      sumSq += r.estimate * r.estimate;
      meanVar += r.variance / runs;
      if (r.lower <= truth && truth <= r.upper) covered++;
    }
    const mean = sum / runs;
    const simulatedVar = sumSq / runs - mean * mean;
    // Sampling error of a variance from 20,000 draws is about 1%; of a coverage, about 0.15 points.
    expect(meanVar / simulatedVar).toBeGreaterThan(0.96);
    expect(meanVar / simulatedVar).toBeLessThan(1.04);
    expect(Math.abs(mean - truth)).toBeLessThan(5 * Math.sqrt(simulatedVar / runs) + 1);
    expect(covered / runs).toBeGreaterThan(0.94);
    expect(covered / runs).toBeLessThan(0.96);
  });

  test("dispersion D multiplies the variance and widens the interval by √D", () => {
    const input = { target: pair(80, 60), control: pair(100, 95) };
    const plain = netEffectCi(input);
    const wide = netEffectCi({ ...input, dispersion: 2.25 });
    expect(wide.estimate).toBe(plain.estimate);
    expect(wide.variance).toBeCloseTo(2.25 * plain.variance, 12);
    expect(wide.upper - wide.estimate).toBeCloseTo(1.5 * (plain.upper - plain.estimate), 10);
    expect(netEffectCi({ ...input, dispersion: 1 })).toEqual(plain);
  });

  test("confidence sets the critical value", () => {
    const r = netEffectCi({ target: pair(80, 60), control: pair(100, 95), confidence: 0.9 });
    expect(r.upper - r.estimate).toBeCloseTo(1.6448536269514722 * r.se, 10);
  });
});

describe("netEffectCi: undefined cases and bad input", () => {
  test("C0 = 0 (or Cd0 = 0) is div0Error naming the count", () => {
    expect(() => netEffectCi({ target: pair(5, 4), control: pair(0, 3) })).toThrow(
      expect.objectContaining({ kind: "div0" }),
    );
    expect(() => netEffectCi({ target: pair(5, 4), control: pair(0, 3) })).toThrow(/controlBefore = 0/);
    expect(() =>
      netEffectCi({ target: pair(5, 4), buffer: pair(3, 3), control: pair(4, 3), bufferControl: pair(0, 2) }),
    ).toThrow(/bufferControlBefore = 0/);
  });

  test("zero variance is numError; C1 = 0 with crimes after is fine", () => {
    expect(() => netEffectCi({ target: pair(10, 0), control: pair(5, 0) })).toThrow(
      expect.objectContaining({ kind: "num" }),
    );
    const r = netEffectCi({ target: pair(10, 4), control: pair(5, 0) });
    expect(r.estimate).toBe(-4);
    expect(r.variance).toBe(4);
  });

  test("bad input is valueError naming the argument", () => {
    expect(() => netEffectCi({ target: pair(-1, 4), control: pair(5, 3) })).toThrow(
      "targetBefore must not be negative; got -1",
    );
    expect(() => netEffectCi({ target: pair(1, 4), control: pair(5, 3), bufferControl: pair(1, 1) })).toThrow(
      /without a buffer area/,
    );
    expect(() => netEffectCi({ target: pair(1, 4), control: pair(5, 3), dispersion: 0.5 })).toThrow(
      /dispersion must be a number of at least 1/,
    );
    expect(() => netEffectCi({ target: pair(1, 4), control: pair(5, 3), confidence: 95 })).toThrow(
      /for 95% enter 0.95/,
    );
    expect(() => netEffectCi(null as unknown as NetEffectInput)).toThrow(HarmError);
  });
});

describe("harmNetEffect", () => {
  const burglary = { target: pair(40, 30), control: pair(60, 62) };
  const robbery = { target: pair(12, 9), buffer: pair(8, 10), control: pair(30, 27) };

  test("Σ w·TNE and Σ w²·Var over offence types (as ptools wdd_harm does for the WDD)", () => {
    const r = harmNetEffect(
      [
        { ...burglary, weight: 3, offenceType: "Burglary" },
        { ...robbery, weight: 10, offenceType: "Robbery" },
      ],
      0.95,
    );
    const a = netEffectCi(burglary);
    const b = netEffectCi(robbery);
    expect(r.estimate).toBeCloseTo(3 * a.estimate + 10 * b.estimate, 10);
    expect(r.variance).toBeCloseTo(9 * a.variance + 100 * b.variance, 10);
    expect(r.target).toBeCloseTo(3 * a.target + 10 * b.target, 10);
    expect(r.buffer).toBeCloseTo(10 * (b.buffer as number), 10);
    expect(r.upper - r.estimate).toBeCloseTo(Z95 * r.se, 10);
  });

  test("one part with weight 1 equals netEffectCi; dispersion scales the variance", () => {
    expect(harmNetEffect([{ ...burglary, weight: 1 }])).toEqual(netEffectCi(burglary));
    expect(harmNetEffect([{ ...burglary, weight: 1 }], 0.95, 2).variance).toBeCloseTo(
      2 * netEffectCi(burglary).variance,
      10,
    );
  });

  test("a weight of 0 leaves the type out, even where its net effect is undefined", () => {
    const r = harmNetEffect([
      { ...burglary, weight: 2 },
      { target: pair(3, 1), control: pair(0, 0), weight: 0, offenceType: "Arson" },
    ]);
    expect(r.estimate).toBeCloseTo(2 * netEffectCi(burglary).estimate, 12);
  });

  test("an offence type with no crimes anywhere adds nothing, though its control trend is undefined", () => {
    const none = { target: pair(0, 0), control: pair(0, 0), weight: 4, offenceType: "Arson" };
    expect(harmNetEffect([{ ...burglary, weight: 2 }, none])).toEqual(
      harmNetEffect([{ ...burglary, weight: 2 }]),
    );
  });

  test("errors name the offence type; input errors come before undefined ones", () => {
    expect(() => harmNetEffect([])).toThrow(/at least one offence type/);
    expect(() => harmNetEffect([{ ...burglary, weight: -1, offenceType: "Burglary" }])).toThrow(
      '"Burglary": harm weight must not be negative; got -1',
    );
    expect(() =>
      harmNetEffect([
        { target: pair(3, 1), control: pair(0, 2), weight: 1, offenceType: "Arson" },
        { ...burglary, target: pair(1, -2), weight: 1 },
      ]),
    ).toThrow("part 2: targetAfter must not be negative; got -2");
    expect(() =>
      harmNetEffect([{ target: pair(3, 1), control: pair(0, 2), weight: 1, offenceType: "Arson" }]),
    ).toThrow(/"Arson": The net effect is undefined when the control area has no crimes/);
    expect(() => harmNetEffect([{ ...burglary, weight: 1 }], 2)).toThrow(/confidence/);
    expect(() => harmNetEffect([{ ...burglary, weight: 1 }], 0.95, 0)).toThrow(/dispersion/);
  });
});
