import fc from "fast-check";
import {
  detectionPower,
  headlinePower,
  minimumDetectableEffect,
  monthsNeeded,
  netEffectCi,
  normalCdf,
  zForConfidence,
  type DetectableEffectInput,
} from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";
import { mulberry32, poissonSampler } from "./random";

type PlanCase = DetectableEffectInput;

/**
 * Empirical power of the headline: replicate evaluations with the detectable
 * fall built in, every count Poisson (before counts too), each judged by the
 * real test, netEffectCi with the plug-in delta variance, two-sided.
 */
function simulatedPower(plan: PlanCase, fraction: number, replicates: number, seed: number): number {
  const rng = mulberry32(seed);
  const r = (plan.afterLength ?? 1) / (plan.beforeLength ?? 1);
  const t0 = poissonSampler(plan.targetBefore, rng);
  const c0 = poissonSampler(plan.controlBefore, rng);
  const t1 = poissonSampler(plan.targetBefore * r * (1 - fraction), rng);
  const c1 = poissonSampler(plan.controlBefore * r, rng);
  let rejected = 0;
  for (let i = 0; i < replicates; i++) {
    const ne = netEffectCi({
      target: { before: t0(), after: t1() },
      control: { before: c0(), after: c1() },
      confidence: plan.confidence ?? 0.95,
    });
    if (ne.lower > 0 || ne.upper < 0) rejected++;
  }
  return rejected / replicates;
}

describe("minimumDetectableEffect: simulated power of the headline test", () => {
  const cases: PlanCase[] = [
    { targetBefore: 60, controlBefore: 600 },
    { targetBefore: 120, controlBefore: 2000, beforeLength: 6, afterLength: 4 },
    { targetBefore: 200, controlBefore: 400 },
    { targetBefore: 200, controlBefore: 400, confidence: 0.9, power: 0.9 },
  ];
  test.each(cases)("%o: 20,000 replicates reject with the stated power ± 0.02", (plan) => {
    const mde = minimumDetectableEffect(plan);
    expect(mde.fraction).toBeGreaterThan(0.2);
    expect(mde.fraction).toBeLessThan(0.6);
    const empirical = simulatedPower(plan, mde.fraction, 20000, 20240611 + plan.targetBefore);
    expect(Math.abs(empirical - (plan.power ?? 0.8))).toBeLessThanOrEqual(0.02);
  });

  test("a fall half the detectable size is detected far less often (the check can fail)", () => {
    const plan = { targetBefore: 60, controlBefore: 600 };
    const mde = minimumDetectableEffect(plan);
    expect(simulatedPower(plan, mde.fraction / 2, 5000, 7)).toBeLessThan(0.5);
  });
});

describe("headlinePower agrees with an independent calculation", () => {
  /**
   * P(W > 0), W = NE − z·SE, by numerical differentiation of netEffectCi itself:
   * E[W] ≈ W(m) + ½·Σ W''·Var, Var[W] ≈ Σ W'²·Var, each count Poisson.
   */
  function numericalPower(t0: number, c0: number, r: number, fraction: number, confidence: number): number {
    const z = zForConfidence(confidence);
    const w = (x: number[]) => {
      const ne = netEffectCi({
        target: { before: x[0], after: x[1] },
        control: { before: x[2], after: x[3] },
      });
      return ne.estimate - z * ne.se;
    };
    const m = [t0, t0 * r * (1 - fraction), c0, c0 * r];
    const centre = w(m);
    let mean = centre;
    let variance = 0;
    m.forEach((mi, i) => {
      const h = 1e-3 * mi;
      const up = [...m];
      const down = [...m];
      up[i] += h;
      down[i] -= h;
      const slope = (w(up) - w(down)) / (2 * h);
      const curve = (w(up) - 2 * centre + w(down)) / (h * h);
      mean += 0.5 * curve * mi;
      variance += slope * slope * mi;
    });
    return normalCdf(mean / Math.sqrt(variance));
  }

  test("for random plans the analytic and numerical powers agree to 1e-5", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 20, max: 2000, noNaN: true }),
        fc.double({ min: 20, max: 20000, noNaN: true }),
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.constantFrom(0.9, 0.95, 0.99),
        (t0, c0, r, fraction, confidence) => {
          const got = headlinePower({
            targetBefore: t0,
            controlBefore: c0,
            beforeLength: 1,
            afterLength: r,
            fraction,
            confidence,
          });
          expect(Math.abs(got - numericalPower(t0, c0, r, fraction, confidence))).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 100 },
    );
  });

  test("the minimum detectable effect is where the power reaches the target", () => {
    const plan = { targetBefore: 90, controlBefore: 900, beforeLength: 12, afterLength: 6, power: 0.85 };
    const mde = minimumDetectableEffect(plan);
    expect(detectionPower({ ...plan, fraction: mde.fraction })).toBeCloseTo(0.85, 9);
    expect(mde.crimes).toBeCloseTo(mde.fraction * 90 * 0.5, 12);
  });
});

describe("minimumDetectableEffect: behaviour", () => {
  const base = { targetBefore: 100, controlBefore: 1000 };
  const fraction = (extra: object) => minimumDetectableEffect({ ...base, ...extra }).fraction;

  test("more crimes, lower confidence or lower power → smaller detectable fall; overdispersion → larger", () => {
    expect(fraction({ targetBefore: 400 })).toBeLessThan(fraction({}));
    expect(fraction({ controlBefore: 10000 })).toBeLessThan(fraction({}));
    expect(fraction({ confidence: 0.9 })).toBeLessThan(fraction({}));
    expect(fraction({ power: 0.7 })).toBeLessThan(fraction({}));
    expect(fraction({ dispersion: 2 })).toBeGreaterThan(fraction({}));
  });

  test("a longer after period (more crimes after) lowers the detectable fraction", () => {
    // 400 before: a quarter-length after period still expects 100 crimes, enough for the verdict to judge.
    expect(fraction({ targetBefore: 400, beforeLength: 12, afterLength: 12 })).toBeLessThan(
      fraction({ targetBefore: 400, beforeLength: 12, afterLength: 3 }),
    );
  });

  test("a plan near the count rule says what it allowed for; a larger one says nothing", () => {
    expect(minimumDetectableEffect({ targetBefore: 38, controlBefore: 3000 }).note).toMatch(
      /allows for the 3% chance that fewer than 10 target crimes fall in the after period/,
    );
    expect(minimumDetectableEffect(base).note).toBe("");
  });

  test("too few crimes for any fall to reach the power: #N/A with what would help", () => {
    // 12 crimes before: judged, but even a fall to none is too rare to see reliably at 99% confidence, 99% power.
    const call = () =>
      minimumDetectableEffect({ targetBefore: 12, controlBefore: 40, confidence: 0.99, power: 0.99 });
    expect(call).toThrow(HarmError);
    expect(call).toThrow(/Even a fall to no crimes at all would be detected only \d+% of the time/);
    // Under 10 crimes the headline is never judged, so there is no detectable fall to give.
    expect(() => minimumDetectableEffect({ targetBefore: 5, controlBefore: 600 })).toThrow(
      /fewer than 10 target crimes in the before period \(5\)/,
    );
    expect(() => minimumDetectableEffect({ targetBefore: 0.01, controlBefore: 100 })).toThrow(
      /fewer than 10/,
    );
    expect(call).toThrow(/Longer periods, more areas or broader crime types would help/);
  });

  test.each([
    [{ targetBefore: 0, controlBefore: 100 }, /targetBefore must be greater than 0/],
    [{ targetBefore: 50, controlBefore: -1 }, /controlBefore must be greater than 0/],
    [
      { targetBefore: 50, controlBefore: 100, power: 80 },
      /power must be between 0 and 1, e\.g\. 0\.8; got 80 \(for 80% enter 0\.8\)/,
    ],
    [{ targetBefore: 50, controlBefore: 100, confidence: 1 }, /confidence must be between 0 and 1/],
    [{ targetBefore: 50, controlBefore: 100, dispersion: 0.5 }, /dispersion must be a number of at least 1/],
    [{ targetBefore: 50, controlBefore: 100, afterLength: 0 }, /afterLength must be greater than 0/],
  ])("%# bad input %o throws a HarmError that says what to fix", (input, message) => {
    expect(() => minimumDetectableEffect(input)).toThrow(HarmError);
    expect(() => minimumDetectableEffect(input)).toThrow(message);
  });
});

describe("monthsNeeded", () => {
  const detectable = (target: number, control: number, m: number) =>
    minimumDetectableEffect({
      targetBefore: target * m,
      controlBefore: control * m,
      beforeLength: m,
      afterLength: m,
    }).fraction;

  test("10 a month in the target, 100 in the control: a 30% fall needs 17 months each side, 20% needs 39", () => {
    expect(monthsNeeded({ targetMonthly: 10, controlMonthly: 100, reduction: 0.3 })).toBe(17);
    expect(monthsNeeded({ targetMonthly: 10, controlMonthly: 100, reduction: 0.2 })).toBe(39);
    // The boundary, recomputed from the detectable effect month by month.
    expect(detectable(10, 100, 17)).toBeLessThanOrEqual(0.3);
    expect(detectable(10, 100, 16)).toBeGreaterThan(0.3);
  });

  test("returns the first month count whose detectable fall is small enough (random plans)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 2, max: 200, noNaN: true }),
        fc.double({ min: 5, max: 2000, noNaN: true }),
        fc.double({ min: 0.1, max: 0.6, noNaN: true }),
        (target, control, reduction) => {
          let m: number;
          try {
            m = monthsNeeded({ targetMonthly: target, controlMonthly: control, reduction });
          } catch (e) {
            expect((e as HarmError).kind).toBe("na");
            expect(detectable(target, control, 60)).toBeGreaterThan(reduction);
            return;
          }
          expect(detectable(target, control, m)).toBeLessThanOrEqual(reduction);
          if (m > 1) {
            let earlier: number;
            try {
              earlier = detectable(target, control, m - 1);
            } catch {
              earlier = Infinity;
            }
            expect(earlier).toBeGreaterThan(reduction);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test("a fall too small to detect within 60 months: #N/A with a message", () => {
    const call = () => monthsNeeded({ targetMonthly: 1, controlMonthly: 10, reduction: 0.05 });
    expect(call).toThrow(/Even 60 months before and 60 after would not detect a 5% fall with 80% power/);
  });

  test.each([
    [{ targetMonthly: 10, controlMonthly: 100, reduction: 0 }, /reduction must be between 0 and 1/],
    [{ targetMonthly: 10, controlMonthly: 100, reduction: 20 }, /for 20% enter 0\.2/],
    [{ targetMonthly: 0, controlMonthly: 100, reduction: 0.2 }, /targetMonthly must be greater than 0/],
    [{ targetMonthly: 10, controlMonthly: 0, reduction: 0.2 }, /controlMonthly must be greater than 0/],
    [{ targetMonthly: 10, controlMonthly: 100, reduction: 0.2, power: 1 }, /power must be between 0 and 1/],
  ])("%# bad input %o throws a HarmError that says what to fix", (input, message) => {
    expect(() => monthsNeeded(input)).toThrow(HarmError);
    expect(() => monthsNeeded(input)).toThrow(message);
  });
});
