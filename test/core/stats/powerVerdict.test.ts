/**
 * Plans the verdict can keep (issue 17, item 8): the minimum detectable effect
 * promises a chance that the VERDICT credits the fall, not only that the
 * headline's interval excludes zero. Each plan is simulated (seeded) with the
 * detectable fall built in, every count drawn with variance D × mean, and
 * judged by the verdict's own code: evaluateCounts with the similar-areas rank
 * (similarAreasRank, as rowContext builds it). The share credited must be near
 * the promised power.
 */
import {
  detectionPower,
  evaluateCounts,
  headlinePower,
  minimumDetectableEffect,
  monthsNeeded,
  type DetectableEffectInput,
} from "../../../src/core/stats";
import { similarAreasRank } from "../../../src/core/stats/dispersion";
import type { RowContext } from "../../../src/core/stats/verdict";
import type { PeriodPair } from "../../../src/core/stats/validate";
import { HarmError } from "../../../src/core/errors";
import { countSampler, mulberry32 } from "./random";

const none = (reason: string) => ({ available: false as const, reason });

/**
 * The share of simulated evaluations the verdict credits with "fewer than expected":
 * target and `similar` comparison areas of the target's size, plus the rest of the
 * control, each count with variance D × mean; the target falls by `fraction`.
 */
function creditedShare(plan: DetectableEffectInput, fraction: number, runs: number, seed: number): number {
  const rng = mulberry32(seed);
  const D = plan.dispersion ?? 1;
  const r = (plan.afterLength ?? 1) / (plan.beforeLength ?? 1);
  const a = plan.targetBefore;
  const n = plan.similarAreas ?? 0;
  const rest = plan.controlBefore - n * a;
  if (rest <= 0) throw new Error("the plan's control must be larger than its similar areas");
  const draw = {
    t0: countSampler(a, D, rng),
    t1: countSampler(a * r * (1 - fraction), D, rng),
    u0: countSampler(a, D, rng),
    u1: countSampler(a * r, D, rng),
    rest0: countSampler(rest, D, rng),
    rest1: countSampler(rest * r, D, rng),
  };
  let credited = 0;
  for (let i = 0; i < runs; i++) {
    const target = { before: draw.t0(), after: draw.t1() };
    const units: PeriodPair[] = [{ before: draw.rest0(), after: draw.rest1() }];
    for (let k = 0; k < n; k++) units.push({ before: draw.u0(), after: draw.u1() });
    const control = units.reduce((s, u) => ({ before: s.before + u.before, after: s.after + u.after }));
    // As rowContext: comparison units whose before count is within a factor of 2 of the target's.
    const like = units.filter((u) => u.before >= target.before / 2 && u.before <= 2 * target.before);
    const context: RowContext = {
      dispersion: { value: D, source: "typed", data: D, monthly: null, areas: null },
      lastYear: none("not simulated"),
      similar:
        target.before > 0
          ? { available: true, ...similarAreasRank(target, like, control) }
          : none("no crimes"),
      highPoint: none("not simulated"),
      policeGenerated: false,
    };
    const f = evaluateCounts({
      target,
      control,
      confidence: plan.confidence ?? 0.95,
      dispersion: D,
      context,
    });
    if (f.judgement.label === "Credited" && f.judgement.direction === "fewer") credited++;
  }
  return credited / runs;
}

describe("the detectable fall is credited by the verdict with the promised power", () => {
  const plans: [string, DetectableEffectInput][] = [
    ["a plain plan", { targetBefore: 60, controlBefore: 600 }],
    ["the after period near 10 crimes (the count rule takes 3%)", { targetBefore: 38, controlBefore: 3000 }],
    ["overdispersed counts", { targetBefore: 100, controlBefore: 3000, dispersion: 2 }],
    ["19 similar areas: the rank applies", { targetBefore: 80, controlBefore: 4000, similarAreas: 19 }],
    [
      "39 similar areas, overdispersed, unequal periods",
      {
        targetBefore: 200,
        controlBefore: 20000,
        similarAreas: 39,
        dispersion: 1.5,
        beforeLength: 6,
        afterLength: 4,
      },
    ],
  ];
  test.each(plans)("%s: 4,000 simulated evaluations are credited 80% ± 3% of the time", (_name, plan) => {
    const mde = minimumDetectableEffect(plan);
    const share = creditedShare(plan, mde.fraction, 4000, 1709 + plan.targetBefore);
    expect(Math.abs(share - 0.8)).toBeLessThanOrEqual(0.03);
  });

  test("the rank's plan needs a larger fall than the headline alone, and without it the verdict falls short", () => {
    const plan = { targetBefore: 80, controlBefore: 4000, similarAreas: 19 };
    const withRank = minimumDetectableEffect(plan).fraction;
    const headlineOnly = minimumDetectableEffect({ ...plan, similarAreas: 0 }).fraction;
    expect(withRank).toBeGreaterThan(headlineOnly + 0.01);
    // Planned without the rank, the fall is credited clearly less often than promised (about 76%).
    expect(creditedShare(plan, headlineOnly, 4000, 77)).toBeLessThan(0.78);
  });
});

describe("a plan the verdict could never keep is #N/A, saying why and what would help", () => {
  test("MDE(15, 2000): the headline's 77% fall leaves about 3 crimes after, which the verdict never judges", () => {
    const plan = { targetBefore: 15, controlBefore: 2000 };
    // What was promised before: 80% power for a 77% fall. The verdict's rules credit it 0% of the time.
    expect(headlinePower({ ...plan, fraction: 0.77 })).toBeCloseTo(0.8, 2);
    expect(creditedShare(plan, 0.77, 2000, 15)).toBe(0);
    expect(detectionPower({ ...plan, fraction: 0.77 })).toBeLessThan(0.01);
    const call = () => minimumDetectableEffect(plan);
    expect(call).toThrow(HarmError);
    expect(call).toThrow(/would leave about 3\.4\d* target crimes in the after period/);
    expect(call).toThrow(/does not judge a period with fewer than 10/);
    expect(call).toThrow(/Longer periods, more target areas or broader crime types would help/);
  });

  test("months needed counts months until the verdict, not only the headline, would credit the fall", () => {
    // 2 a month: the headline alone would see a 70% fall sooner than the verdict can judge the after period.
    const m = monthsNeeded({ targetMonthly: 2, controlMonthly: 200, reduction: 0.7 });
    expect(
      detectionPower({ targetBefore: 2 * m, controlBefore: 200 * m, fraction: 0.7 }),
    ).toBeGreaterThanOrEqual(0.8);
    expect(
      detectionPower({ targetBefore: 2 * (m - 1), controlBefore: 200 * (m - 1), fraction: 0.7 }),
    ).toBeLessThan(0.8);
    const headlineMonths = [...Array(60).keys()]
      .map((i) => i + 1)
      .find((k) => headlinePower({ targetBefore: 2 * k, controlBefore: 200 * k, fraction: 0.7 }) >= 0.8)!;
    expect(m).toBeGreaterThan(headlineMonths);
  });

  test("similarAreas must be a whole number of areas", () => {
    expect(() =>
      minimumDetectableEffect({ targetBefore: 60, controlBefore: 600, similarAreas: 2.5 }),
    ).toThrow(/similarAreas must be a whole number of areas/);
  });
});
