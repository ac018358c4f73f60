/** Property tests for the invariants listed in docs/methods.md, plus "never NaN or Infinity". */
import fc from "fast-check";
import * as stats from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";

const { bufferDisplacementMeasure, eTest, relativeEffectSize, successMeasure, totalNetEffect, wdd, wdq } =
  stats;

const pair = (before: number, after: number) => ({ before, after });
const swap = (p: { before: number; after: number }) => pair(p.after, p.before);
const count = fc.integer({ min: 0, max: 100000 });
const positive = fc.integer({ min: 1, max: 100000 });
const close = (a: number, b: number, rel = 1e-9) =>
  Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe("formulas.md invariants", () => {
  test("WDQ is unchanged when every count is multiplied by the same k > 0", () => {
    fc.assert(
      fc.property(
        count,
        count,
        count,
        count,
        positive,
        positive,
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        (t0, t1, b0, b1, c0, c1, k) => {
          const t = pair(t0, t1);
          const b = pair(b0, b1);
          const c = pair(c0, c1);
          fc.pre(successMeasure(t, c) < 0);
          const scaled = (p: { before: number; after: number }) => pair(p.before * k, p.after * k);
          // SM can be a tiny difference of two ratios, so compare through the measures themselves.
          const original = wdq(t, b, c);
          let rescaled: number;
          try {
            rescaled = wdq(scaled(t), scaled(b), scaled(c));
          } catch (e) {
            // Scaling may turn a near-zero SM into 0 or above by rounding; that must be the typed #N/A.
            expect((e as HarmError).kind).toBe("na");
            return;
          }
          expect(close(rescaled, original, 1e-6)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("swapping before and after flips the sign of SM", () => {
    fc.assert(
      fc.property(count, count, positive, positive, (t0, t1, c0, c1) => {
        const t = pair(t0, t1);
        const c = pair(c0, c1);
        // + 0 turns −0 into 0: when SM = 0 the sign of zero is not a difference.
        expect(successMeasure(swap(t), swap(c)) + 0).toBe(-successMeasure(t, c) + 0);
      }),
    );
  });

  test("RES(a,b,c,d) = 1/RES(b,a,d,c)", () => {
    fc.assert(
      fc.property(positive, positive, positive, positive, (a, b, c, d) => {
        const forward = relativeEffectSize(a, b, c, d).res;
        const backward = relativeEffectSize(b, a, d, c).res;
        expect(close(forward, 1 / backward, 1e-12)).toBe(true);
      }),
    );
  });

  test("WDD with no buffer equals (T1 − T0) − (C1 − C0) when the areas are declared comparable", () => {
    fc.assert(
      fc.property(count, count, count, count, (t0, t1, c0, c1) => {
        fc.pre(t0 + t1 + c0 + c1 > 0);
        const r = wdd({ target: pair(t0, t1), control: pair(c0, c1), areaWeights: {} });
        expect(r.estimate).toBe(t1 - t0 - (c1 - c0));
        expect(r.variance).toBe(t0 + t1 + c0 + c1);
      }),
    );
  });

  test("TNE = 0 when target and buffer follow the control trend exactly", () => {
    fc.assert(
      fc.property(count, count, positive, positive, (t0, b0, c0, c1) => {
        const trend = c1 / c0;
        const tne = totalNetEffect(pair(t0, t0 * trend), pair(b0, b0 * trend), pair(c0, c1));
        expect(Math.abs(tne)).toBeLessThanOrEqual(1e-9 * Math.max(1, (t0 + b0) * trend));
      }),
    );
  });

  test("E-test p-values lie in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (k1, k2, n1, n2) => {
          fc.pre(k1 + k2 > 0);
          const p = eTest(k1, k2, n1, n2);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 150 },
    );
  });

  test("E-test p = 1 when k1/n1 = k2/n2", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (a, b, m, scale) => {
          // Counts (a·m, b·m) over exposures proportional to (a, b): equal rates.
          expect(eTest(a * m, b * m, a * scale, b * scale)).toBe(1);
        },
      ),
    );
  });

  test("BDM ignores the target; SM ignores the buffer", () => {
    fc.assert(
      fc.property(count, count, positive, positive, (b0, b1, c0, c1) => {
        expect(bufferDisplacementMeasure(pair(b0, b1), pair(c0, c1))).toBe(
          successMeasure(pair(b0, b1), pair(c0, c1)),
        );
      }),
    );
  });
});

/** Every number in a result (scalar or object) must be finite. */
function expectFiniteOrHarmError(run: () => unknown): void {
  let result: unknown;
  try {
    result = run();
  } catch (e) {
    expect(e).toBeInstanceOf(HarmError);
    expect((e as HarmError).message.length).toBeGreaterThan(10);
    return;
  }
  for (const v of numbersIn(result)) expect(Number.isFinite(v)).toBe(true);
}

/** Every number in a value, however deeply nested (evaluateCounts returns nested figures). */
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value as Record<string, unknown>).flatMap(numbersIn);
}

describe("no function returns NaN or Infinity for finite non-negative input", () => {
  // Mix ordinary counts, tiny and huge doubles, and zero.
  const anyCount = fc.oneof(
    fc.integer({ min: 0, max: 1000 }),
    fc.integer({ min: 0, max: 2_000_000 }),
    fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, Number.MIN_VALUE, 1e-300, 1e300, Number.MAX_VALUE),
  );
  const exposure = fc.oneof(
    fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(1, 0.5, 7, 1e-300, 1e300),
  );
  const confidence = fc.double({ min: 0, max: 1, noNaN: true });
  const anyPair = fc.record({ before: anyCount, after: anyCount });

  test("scalar and pair measures", () => {
    fc.assert(
      fc.property(anyPair, anyPair, anyPair, (t, b, c) => {
        expectFiniteOrHarmError(() => stats.percentChange(t.before, t.after));
        expectFiniteOrHarmError(() => stats.poissonZ(t.before, t.after));
        expectFiniteOrHarmError(() => stats.successMeasure(t, c));
        expectFiniteOrHarmError(() => stats.bufferDisplacementMeasure(b, c));
        expectFiniteOrHarmError(() => stats.wdq(t, b, c));
        expectFiniteOrHarmError(() => stats.netEffect(t, c));
        expectFiniteOrHarmError(() => stats.grossEffect(t));
        expectFiniteOrHarmError(() => stats.totalNetEffect(t, b, c));
        expectFiniteOrHarmError(() => stats.interpretDisplacement(t, b, c));
      }),
      { numRuns: 400 },
    );
  });

  test("RES, WDD and harm WDD", () => {
    fc.assert(
      fc.property(
        anyPair,
        anyPair,
        anyPair,
        anyPair,
        confidence,
        fc.double({ min: 1, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        exposure,
        (t, c, b, cd, conf, dispersion, zeroCorrection, w) => {
          expectFiniteOrHarmError(() =>
            stats.relativeEffectSize(t.before, t.after, c.before, c.after, {
              confidence: conf,
              dispersion,
              zeroCorrection,
            }),
          );
          const input = { target: t, control: c, buffer: b, bufferControl: cd, confidence: conf };
          expectFiniteOrHarmError(() => stats.wdd(input));
          expectFiniteOrHarmError(() => stats.wdd({ ...input, timeWeights: { before: w, after: 1 } }));
          expectFiniteOrHarmError(() => stats.harmWdd([{ ...input, weight: w }], conf));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("lengths, net effect with its interval and the whole evaluation", () => {
    const lengths = fc.record({ before: exposure, after: exposure });
    fc.assert(
      fc.property(
        anyPair,
        anyPair,
        anyPair,
        anyPair,
        lengths,
        confidence,
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (t, c, b, cd, len, conf, dispersion) => {
          expectFiniteOrHarmError(() => stats.percentChange(t.before, t.after, len));
          expectFiniteOrHarmError(() => stats.poissonZ(t.before, t.after, len));
          const input = { target: t, control: c, buffer: b, bufferControl: cd, confidence: conf, dispersion };
          expectFiniteOrHarmError(() => stats.netEffectCi(input));
          expectFiniteOrHarmError(() =>
            stats.harmNetEffect([{ ...input, weight: len.before }], conf, dispersion),
          );
          expectFiniteOrHarmError(() => stats.wdd({ ...input, lengths: len }));
          expectFiniteOrHarmError(() => stats.evaluateCounts({ ...input, lengths: len }));
          expectFiniteOrHarmError(() =>
            stats.evaluateCounts({
              ...input,
              kind: "harm",
              harmParts: [{ target: t, control: c, weight: 1 }],
            }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  test("count tests and the normal helpers", () => {
    fc.assert(
      fc.property(anyCount, anyCount, exposure, exposure, confidence, (k1, k2, n1, n2, conf) => {
        expectFiniteOrHarmError(() => stats.eTest(k1, k2, n1, n2));
        expectFiniteOrHarmError(() => stats.zForConfidence(conf));
        expectFiniteOrHarmError(() => stats.normalQuantile(conf));
        expectFiniteOrHarmError(() => stats.normalCdf(k1 - k2));
      }),
      { numRuns: 300 },
    );
  });
});
