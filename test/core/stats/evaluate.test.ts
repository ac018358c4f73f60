/** evaluateCounts: the figures, checks and verdict of one results row (period lengths, size and zero cases; docs/methods.md). */
import fc from "fast-check";
import {
  evaluateCounts,
  harmNetEffect,
  harmWdd,
  netEffectCi,
  relativeEffectSize,
  type EvaluationFigures,
  type EvaluationInput,
  type Figure,
} from "../../../src/core/stats";

const pair = (before: number, after: number) => ({ before, after });

function value<T>(f: Figure<T>): T {
  if (!f.defined) throw new Error(`expected a value, got the reason "${f.reason}"`);
  return f.value;
}
function reason<T>(f: Figure<T>): string {
  if (f.defined) throw new Error("expected an undefined figure");
  return f.reason;
}
const check = (e: EvaluationFigures, key: string) => e.checks.find((c) => c.key === key);

describe("period lengths, size and zero cases", () => {
  test("before 6 months, after 4, target 120 → 100: rate change +25%, positive Z, never credited with a fall", () => {
    const lengths = { before: 6, after: 4, unit: "months" as const };
    // Controls that fell, held steady or rose in rate: the target's rate rose, so it can never have "fallen".
    for (const control of [pair(600, 400), pair(600, 300), pair(300, 260), pair(5000, 3400), pair(130, 60)]) {
      const e = evaluateCounts({ target: pair(120, 100), control, lengths });
      expect(value(e.change)).toBeCloseTo(0.25, 12);
      expect(value(e.poissonZ)).toBeGreaterThan(0);
      expect(e.verdict).not.toMatch(/fewer/);
      expect(e.judgement.direction).not.toBe("fewer");
    }
    const e = evaluateCounts({ target: pair(120, 100), control: pair(600, 400), lengths });
    expect(check(e, "periods")).toMatchObject({ ok: false, blocking: false });
    expect(e.checksText).toContain("Periods differ (6 vs 4 months): rates compared over equal time.");
    expect(e.verdict).toBe("No clear change: the interval includes zero");
    expect(e.timeRatio).toBeCloseTo(4 / 6, 15);
  });

  test("target 161→156 vs control 6,181→6,412 (walkthrough): WDD refused, net effect ≈ +11.0 with an interval including 0", () => {
    const e = evaluateCounts({ target: pair(161, 156), control: pair(6181, 6412) });
    expect(reason(e.wdd)).toMatch(/differ by a factor of 38, more than 2\. Use the net effect/);
    const ne = value(e.netEffect);
    expect(ne.estimate).toBeCloseTo((161 * 6412) / 6181 - 156, 12);
    expect(ne.estimate).toBeGreaterThan(0);
    expect(ne.lower).toBeLessThan(0);
    expect(ne.upper).toBeGreaterThan(0);
    expect(check(e, "controlSize")).toMatchObject({ ok: false, blocking: false });
    expect(check(e, "controlSize")?.text).toBe(
      "Control is 38 times the target's size: the WDD is not shown and the net effect scales the control's trend to the target",
    );
    expect(e.verdict).toBe("No clear change: the interval includes zero");
    expect(e.significance).toBe("none");
  });

  test("target 2 → 26 with a huge control: WDD refused, net effect negative, sign agrees with RES, not judged on small counts", () => {
    const e = evaluateCounts({ target: pair(2, 26), control: pair(48000, 50500) });
    expect(e.wdd.defined).toBe(false);
    const ne = value(e.netEffect);
    expect(ne.estimate).toBeLessThan(0);
    expect(value(e.res)).toBeLessThan(1);
    expect(Math.sign(ne.estimate)).toBe(Math.sign(Math.log(value(e.res))));
    expect(e.verdict).toBe("Not judged: target counts below 10; see the E-test");
    expect(check(e, "smallCounts")).toMatchObject({ ok: false, blocking: true });
    expect(value(e.eTestP)).toBeLessThan(0.001); // the exact test is still given
  });

  test("T 1000→900, B 3000→2700, C 1000→900: headline 0, not significant", () => {
    const e = evaluateCounts({ target: pair(1000, 900), buffer: pair(3000, 2700), control: pair(1000, 900) });
    const ne = value(e.netEffect);
    expect(ne.estimate).toBeCloseTo(0, 9);
    expect(ne.target).toBeCloseTo(0, 9);
    expect(ne.buffer).toBeCloseTo(0, 9);
    expect(e.verdict).toBe("No clear change: the interval includes zero");
    expect(e.checksText).toBe("All checks passed.");
  });

  test("WDQ with T 10→20, B 5→9, C 20→20 cannot be judged", () => {
    const e = evaluateCounts({ target: pair(10, 20), buffer: pair(5, 9), control: pair(20, 20) });
    expect(reason(e.wdq)).toMatch(
      /^The target did not improve relative to the control, so displacement cannot be judged\./,
    );
    expect(value(e.displacement)).toMatchObject({
      verdict: "target-not-improved",
      text: "The target did not improve relative to the control, so displacement cannot be judged.",
    });
  });
});

describe("figures match the functions they come from", () => {
  test("counts row: RES, net effect and WDD with dispersion and confidence", () => {
    const input: EvaluationInput = {
      target: pair(80, 50),
      buffer: pair(60, 66),
      bufferControl: pair(90, 85),
      control: pair(120, 118),
      confidence: 0.9,
      dispersion: 1.5,
    };
    const e = evaluateCounts(input);
    const res = relativeEffectSize(80, 50, 120, 118, { confidence: 0.9, dispersion: 1.5 });
    expect(value(e.res)).toBe(res.res);
    expect(value(e.resInterval)).toEqual({ lower: res.lower, upper: res.upper });
    const ne = netEffectCi(input);
    expect(value(e.netEffect)).toEqual(ne);
    expect(value(e.wdd).variance).toBeCloseTo(1.5 * (80 + 50 + 60 + 66 + 90 + 85 + 120 + 118), 10);
    expect(check(e, "dispersion")).toMatchObject({ ok: false, blocking: false });
    expect(e.checksText).toBe("Intervals widened for overdispersion (dispersion 1.5).");
    expect(e.verdict).toBe(
      ne.lower > 0 ? "Credited: fewer than expected" : "No clear change: the interval includes zero",
    );
  });

  test("a clear fall relative to control is credited as fewer than expected; a clear rise as more", () => {
    const fell = evaluateCounts({ target: pair(400, 250), control: pair(500, 490) });
    expect(value(fell.netEffect).lower).toBeGreaterThan(0);
    expect(fell.verdict).toBe("Credited: fewer than expected");
    expect(fell.significance).toBe("fell");
    const rose = evaluateCounts({ target: pair(250, 400), control: pair(490, 500) });
    expect(rose.verdict).toBe("Credited: more than expected");
  });

  test("no buffer: WDQ and reading say so", () => {
    const e = evaluateCounts({ target: pair(40, 30), control: pair(50, 52) });
    expect(reason(e.wdq)).toBe("no buffer area");
    expect(reason(e.displacement)).toBe("no buffer area");
  });
});

describe("checks and the verdict", () => {
  test("missing months block the verdict and are listed", () => {
    const e = evaluateCounts({
      target: pair(400, 250),
      control: pair(500, 490),
      coverage: { before: { missing: [] }, after: { missing: ["2024-09", "2024-10"] } },
    });
    expect(value(e.netEffect).lower).toBeGreaterThan(0);
    expect(e.verdict).toBe("Not judged: 2 months missing in the after period (2024-09, 2024-10)");
    expect(check(e, "coverage")).toMatchObject({ ok: false, blocking: true });
    const both = evaluateCounts({
      target: pair(400, 250),
      control: pair(500, 490),
      coverage: {
        before: { missing: ["2023-01"] },
        after: { missing: ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07"] },
      },
    });
    expect(both.verdict).toBe(
      "Not judged: 1 month missing in the before period (2023-01) and 7 months missing in the after period (2024-01, 2024-02, 2024-03, 2024-04, 2024-05 and 2 more)",
    );
    const none = evaluateCounts({
      target: pair(400, 250),
      control: pair(500, 490),
      coverage: { before: { missing: [] }, after: { missing: [] } },
    });
    expect(check(none, "coverage")).toMatchObject({ ok: true, text: "No months missing" });
    expect(none.verdict).toBe("Credited: fewer than expected");
  });

  test("control zero before: headline undefined and the verdict says why", () => {
    const e = evaluateCounts({ target: pair(40, 20), control: pair(0, 5) });
    expect(reason(e.netEffect)).toMatch(/controlBefore = 0/);
    expect(e.verdict).toBe("Not judged: the control had no crimes in the before period");
  });

  test("a buffer with its own control is checked for size too", () => {
    const e = evaluateCounts({
      target: pair(50, 40),
      control: pair(60, 61),
      buffer: pair(20, 22),
      bufferControl: pair(200, 190),
    });
    expect(check(e, "controlSize")?.text).toBe(
      "Buffer control is 10 times the buffer's size: the WDD is not shown and the net effect scales each control's trend to its own area",
    );
  });

  test("bad input throws valueError naming the argument", () => {
    const base = { target: pair(40, 30), control: pair(50, 52) };
    expect(() => evaluateCounts({ ...base, target: pair(-1, 2) })).toThrow(
      "targetBefore must not be negative; got -1",
    );
    expect(() => evaluateCounts({ ...base, lengths: { before: 6, after: 0 } })).toThrow(/lengths.after/);
    expect(() => evaluateCounts({ ...base, dispersion: 0 })).toThrow(/dispersion/);
    expect(() => evaluateCounts({ ...base, confidence: 2 })).toThrow(/confidence/);
    expect(() => evaluateCounts({ ...base, bufferControl: pair(1, 1) })).toThrow(/without a buffer area/);
    expect(() => evaluateCounts({ ...base, kind: "rates" as never })).toThrow(/kind must be/);
    expect(() =>
      evaluateCounts({ ...base, coverage: { before: { missing: [3 as never] }, after: { missing: [] } } }),
    ).toThrow(/coverage.before.missing/);
    expect(() => evaluateCounts({ ...base, kind: "harm", harmParts: [] })).toThrow(/harmParts/);
  });
});

describe("harm-weighted rows", () => {
  const burglary = { offenceType: "Burglary", weight: 5, target: pair(40, 28), control: pair(60, 61) };
  const robbery = { offenceType: "Robbery", weight: 7, target: pair(14, 9), control: pair(20, 22) };
  const parts = [burglary, robbery];
  const totals = {
    target: pair(5 * 40 + 7 * 14, 5 * 28 + 7 * 9),
    control: pair(5 * 60 + 7 * 20, 5 * 61 + 7 * 22),
  };

  test("count-only tests are undefined as harm totals; the headline is the harm-weighted net effect", () => {
    const e = evaluateCounts({ ...totals, kind: "harm", harmParts: parts });
    expect(e.kind).toBe("harm");
    const countOnly: Figure<unknown>[] = [e.poissonZ, e.eTestP, e.resInterval];
    for (const f of countOnly) expect(reason(f)).toBe("harm totals, not counts");
    expect(value(e.res)).toBeCloseTo(
      (totals.target.before * totals.control.after) / (totals.target.after * totals.control.before),
      12,
    );
    expect(value(e.change)).toBeCloseTo(totals.target.after / totals.target.before - 1, 12);
    expect(value(e.netEffect)).toEqual(harmNetEffect(parts));
    expect(value(e.wdd)).toEqual(harmWdd(parts));
    expect(check(e, "harmTotals")).toMatchObject({ ok: false, blocking: false });
    // Raw target counts 54 → 37 are large enough.
    expect(check(e, "smallCounts")?.ok).toBe(true);
  });

  test("without per-type counts the headline is undefined with a reason and the verdict not judged", () => {
    const e = evaluateCounts({ ...totals, kind: "harm" });
    expect(reason(e.netEffect)).toMatch(
      /^harm totals, not counts; the net effect's interval needs counts per offence type/,
    );
    expect(reason(e.wdd)).toMatch(/^harm totals, not counts/);
    expect(e.verdict).toBe("Not judged: harm totals without counts per offence type");
  });

  test("totals that do not match the parts block the verdict", () => {
    const e = evaluateCounts({ ...totals, target: pair(1, 1), kind: "harm", harmParts: parts });
    expect(check(e, "harmTotals")).toMatchObject({ ok: false, blocking: true });
    expect(e.verdict).toBe("Not judged: harm totals do not match the counts per offence type");
  });

  test("the factor-of-2 rule is applied per offence type and names it", () => {
    const big = { offenceType: "Theft", weight: 1, target: pair(10, 8), control: pair(300, 310) };
    const all = [...parts, big];
    const e = evaluateCounts({
      target: pair(totals.target.before + 10, totals.target.after + 8),
      control: pair(totals.control.before + 300, totals.control.after + 310),
      kind: "harm",
      harmParts: all,
    });
    expect(reason(e.wdd)).toMatch(/^"Theft": The unweighted WDD is not shown/);
    // A type with no crimes anywhere is left out of the harm-weighted figures and of this check.
    const arson = { offenceType: "Arson", weight: 9, target: pair(0, 0), control: pair(0, 0) };
    const withArson = evaluateCounts({ ...totals, kind: "harm", harmParts: [...parts, arson] });
    expect(check(withArson, "controlSize")?.ok).toBe(true);
    expect(value(withArson.wdd)).toEqual(harmWdd(parts));
    expect(check(e, "controlSize")?.text).toMatch(/^Control is 30 times the target's size for Theft:/);
    expect(e.netEffect.defined).toBe(true);
  });
});

describe("invariants (context.md)", () => {
  const size = fc.integer({ min: 1, max: 20000 });
  const lengthArb = fc.option(
    fc.record({ before: fc.integer({ min: 1, max: 730 }), after: fc.integer({ min: 1, max: 730 }) }),
    { nil: undefined },
  );

  test("every area changing by the same factor gives a headline of 0, never significant, for any sizes and lengths", () => {
    fc.assert(
      fc.property(
        size,
        size,
        size,
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.boolean(),
        lengthArb,
        (t0, b0, c0, factor, withBuffer, lengths) => {
          const scaled = (x: number) => pair(x, x * factor);
          const e = evaluateCounts({
            target: scaled(t0),
            control: scaled(c0),
            ...(withBuffer ? { buffer: scaled(b0) } : {}),
            lengths,
          });
          const ne = value(e.netEffect);
          expect(Math.abs(ne.estimate)).toBeLessThanOrEqual(1e-9 * (t0 + b0) * factor);
          expect(ne.lower).toBeLessThan(0);
          expect(ne.upper).toBeGreaterThan(0);
          expect(e.verdict.startsWith("Credited")).toBe(false);
          expect(e.judgement.label).not.toBe("Credited");
        },
      ),
      { numRuns: 300 },
    );
  });

  test("without a buffer the headline's sign agrees with RES: NE_T > 0 ⇔ RES > 1", () => {
    const count = fc.integer({ min: 1, max: 20000 });
    fc.assert(
      fc.property(count, count, count, count, lengthArb, (t0, t1, c0, c1, lengths) => {
        const e = evaluateCounts({ target: pair(t0, t1), control: pair(c0, c1), lengths });
        const ne = value(e.netEffect).estimate;
        const res = value(e.res);
        const cross = t0 * c1 - t1 * c0; // exact in integers: > 0 ⇔ both
        expect(ne > 0).toBe(cross > 0);
        expect(res > 1).toBe(cross > 0);
        expect(ne < 0).toBe(cross < 0);
      }),
      { numRuns: 400 },
    );
  });

  test("doubling both lengths and every count leaves rates unchanged and narrows the intervals", () => {
    const count = fc.integer({ min: 10, max: 10000 });
    fc.assert(
      fc.property(
        count,
        count,
        count,
        count,
        fc.record({ before: fc.integer({ min: 1, max: 365 }), after: fc.integer({ min: 1, max: 365 }) }),
        (t0, t1, c0, c1, lengths) => {
          const one = evaluateCounts({ target: pair(t0, t1), control: pair(c0, c1), lengths });
          const two = evaluateCounts({
            target: pair(2 * t0, 2 * t1),
            control: pair(2 * c0, 2 * c1),
            lengths: { before: 2 * lengths.before, after: 2 * lengths.after },
          });
          expect(value(two.change)).toBeCloseTo(value(one.change), 12);
          expect(value(two.res)).toBeCloseTo(value(one.res), 12);
          const a = value(one.netEffect);
          const b = value(two.netEffect);
          // Per unit of baseline the interval is narrower: half-width/estimate scale falls by √2.
          expect((b.upper - b.lower) / 2).toBeLessThan(a.upper - a.lower);
          expect((b.upper - b.lower) / (2 * (a.upper - a.lower))).toBeCloseTo(Math.SQRT1_2, 9);
          const ra = value(one.resInterval);
          const rb = value(two.resInterval);
          expect(rb.upper / rb.lower).toBeLessThan(ra.upper / ra.lower);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("equal lengths give exactly the figures of no lengths", () => {
    const count = fc.integer({ min: 0, max: 5000 });
    fc.assert(
      fc.property(
        count,
        count,
        count,
        count,
        count,
        count,
        fc.integer({ min: 1, max: 3650 }),
        (t0, t1, b0, b1, c0, c1, l) => {
          const input = { target: pair(t0, t1), buffer: pair(b0, b1), control: pair(c0, c1) };
          const plain = evaluateCounts(input);
          const same = evaluateCounts({ ...input, lengths: { before: l, after: l } });
          const { checks: _a, checksText: _b, ...plainFigures } = plain;
          const { checks: _c, checksText: _d, ...sameFigures } = same;
          expect(sameFigures).toEqual(plainFigures);
          expect(same.checks.filter((c) => c.key !== "periods")).toEqual(
            plain.checks.filter((c) => c.key !== "periods"),
          );
          expect(same.checks.find((c) => c.key === "periods")?.ok).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
