/**
 * The verdict's statistics from the data: the monthly Pearson dispersion, the
 * dispersion across comparison areas sized to the target, the similar-areas
 * rank and Holm's adjustment, each against a worked example or an independent
 * calculation (docs/methods.md, "Dispersion from the data", "Similar areas").
 */
import fc from "fast-check";
import {
  areasDispersion,
  holmAdjust,
  monthlyDispersion,
  similarAreasRank,
  trendGap,
} from "../../../src/core/stats/dispersion";

describe("monthly dispersion (quasi-Poisson Pearson X²/(n − 1), floored at 1)", () => {
  it("gives the worked examples", () => {
    // e = 15 each month: X² = 6·25/15 = 10 over 5 degrees of freedom.
    expect(monthlyDispersion([10, 20, 10, 20, 10, 20]).value).toBeCloseTo(2, 12);
    expect(monthlyDispersion([10, 20, 10, 20], [1, 1, 1, 1]).value).toBeCloseTo(6.6667 / 3, 4);
    // Following the control's pattern exactly: no excess variation.
    expect(monthlyDispersion([10, 20, 10, 20, 10, 20], [100, 200, 100, 200, 100, 200]).value).toBe(1);
  });

  it("agrees with an independent calculation, leaving out months with no data", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 900 })), {
          minLength: 3,
          maxLength: 30,
        }),
        (months) => {
          const t = months.map(([x]) => x);
          const c = months.map(([, y]) => y);
          const T = t.reduce((a, b) => a + b, 0);
          const C = c.reduce((a, b) => a + b, 0);
          const x2 = t.reduce((s, x, i) => s + (T ? (x - (T * c[i]) / C) ** 2 / ((T * c[i]) / C) : 0), 0);
          const want = T === 0 ? 1 : Math.max(1, x2 / (t.length - 1));
          const withGap = monthlyDispersion([...t, null], [...c, 5]);
          expect(withGap.value).toBeCloseTo(want, 9);
          expect(withGap.n).toBe(t.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses what it cannot use, saying what to fix", () => {
    expect(() => monthlyDispersion([5])).toThrow(/at least 2 months/);
    expect(() => monthlyDispersion([5, 6], [1])).toThrow(/one count for each target month/);
    expect(() => monthlyDispersion([5, -1])).toThrow(/must not be negative/);
  });
});

describe("dispersion across comparison areas, sized to the target", () => {
  /** A pool whose units each sit exactly on their trend but for a chosen residual. */
  const pool = (units: { before: number; after: number }[]) =>
    units.reduce((s, u) => ({ before: s.before + u.before, after: s.after + u.after }), {
      before: 0,
      after: 0,
    });

  it("is 1 when every unit moves with the rest of the pool", () => {
    const units = Array.from({ length: 10 }, (_, i) => ({ before: 10 * (i + 1), after: 10 * (i + 1) }));
    expect(areasDispersion(units, pool(units), 50).value).toBe(1);
  });

  it("fits the excess r² − 1 as α + φ·μ and reads it at the target's size, without extrapolating", () => {
    const units = [
      { before: 20, after: 10 },
      { before: 40, after: 55 },
      { before: 80, after: 60 },
      { before: 120, after: 150 },
      { before: 200, after: 160 },
      { before: 300, after: 330 },
    ];
    const p = pool(units);
    // Independently: each unit against the rest, its Poisson delta variance, then least squares.
    const pts = units.map((u) => {
      const rest = { before: p.before - u.before, after: p.after - u.after };
      const trend = rest.after / rest.before;
      const g = u.before / rest.before;
      const v = u.after + trend * trend * u.before + g * g * rest.after + (g * trend) ** 2 * rest.before;
      const mu = u.before * trend;
      return { mu, y: (mu - u.after) ** 2 / v - 1 };
    });
    const mx = pts.reduce((s, q) => s + q.mu, 0) / pts.length;
    const my = pts.reduce((s, q) => s + q.y, 0) / pts.length;
    const phi = Math.max(
      0,
      pts.reduce((s, q) => s + (q.mu - mx) * (q.y - my), 0) / pts.reduce((s, q) => s + (q.mu - mx) ** 2, 0),
    );
    const alpha = my - phi * mx;
    expect(phi).toBeGreaterThan(0);
    expect(areasDispersion(units, p, 100).value).toBeCloseTo(Math.max(1, 1 + alpha + phi * 100), 9);
    // A target larger than every unit is read at the largest unit's size.
    const largest = Math.max(...pts.map((q) => q.mu));
    expect(areasDispersion(units, p, 10 * largest).value).toBeCloseTo(1 + alpha + phi * largest, 9);
  });

  it("needs five units with crimes before", () => {
    const units = [
      { before: 5, after: 4 },
      { before: 6, after: 9 },
      { before: 0, after: 3 },
    ];
    expect(() => areasDispersion(units, pool(units), 5)).toThrow(/at least 5 comparison areas/);
  });
});

describe("similar-areas rank (an exact permutation test)", () => {
  const pool = { before: 1000, after: 1000 };

  it("counts the similar areas whose change against the rest was at least as large, either way", () => {
    const target = { before: 50, after: 30 };
    const own = Math.abs(trendGap(target, pool));
    const similar = [
      { before: 50, after: 49 },
      { before: 60, after: 100 }, // a larger rise
      { before: 45, after: 20 }, // a larger fall
      { before: 55, after: 50 },
    ];
    const r = similarAreasRank(target, similar, pool);
    const independent = similar.filter(
      (u) => Math.abs(trendGap(u, { before: pool.before - u.before, after: pool.after - u.after })) >= own,
    ).length;
    expect(r).toEqual({ asLarge: independent, n: 4, p: (1 + independent) / 5, canReach5: false });
    expect(independent).toBe(2);
  });

  it("reaches 5% only with 19 or more similar areas, when none changed as much", () => {
    const target = { before: 50, after: 10 };
    const steady = Array.from({ length: 19 }, () => ({ before: 50, after: 50 }));
    const r = similarAreasRank(target, steady, pool);
    expect(r).toMatchObject({ asLarge: 0, n: 19, canReach5: true });
    expect(r.p).toBeCloseTo(0.05, 15);
    expect(similarAreasRank(target, steady.slice(1), pool).canReach5).toBe(false);
  });
});

describe("Holm's step-down adjustment (Holm 1979)", () => {
  it("gives the textbook example, in the order given", () => {
    // Sorted 0.005, 0.01, 0.03, 0.04: ×4, ×3, ×2, ×1 = 0.02, 0.03, 0.06, 0.04 → kept monotone: 0.06.
    const a = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((x, i) => expect(a[i]).toBeCloseTo(x, 15));
  });

  it("never lowers a p-value and caps at 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (ps) => {
          const a = holmAdjust(ps);
          ps.forEach((p, i) => {
            expect(a[i]).toBeGreaterThanOrEqual(p);
            expect(a[i]).toBeLessThanOrEqual(1);
          });
        },
      ),
    );
  });
});
