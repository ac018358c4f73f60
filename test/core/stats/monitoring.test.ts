import fc from "fast-check";
import { expectedRange, monitoringSeries, type MonitoringMonth } from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";
import { mulberry32, poissonSampler } from "./random";

describe("expectedRange (Wheeler's square-root limits)", () => {
  test("12 months averaging 16: (4 ∓ 1.5·√(13/12))² = 5.948 to 30.927", () => {
    const r = expectedRange(Array(12).fill(16));
    expect(r.mean).toBe(16);
    const half = 1.5 * Math.sqrt(13 / 12);
    expect(r.lower).toBeCloseTo((4 - half) ** 2, 12);
    expect(r.upper).toBeCloseTo((4 + half) ** 2, 12);
    expect(r.lower).toBeCloseTo(5.948, 3);
    expect(r.upper).toBeCloseTo(30.927, 3);
  });

  test("a count is outside exactly when Wheeler's Z = 2(√x − √m) reaches z·√(1 + 1/n)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 36 }),
        fc.integer({ min: 0, max: 600 }),
        (baseline, x) => {
          const r = expectedRange(baseline);
          const n = baseline.length;
          const m = baseline.reduce((s, v) => s + v, 0) / n;
          const z = 2 * (Math.sqrt(x) - Math.sqrt(m));
          const limit = 3 * Math.sqrt(1 + 1 / n);
          fc.pre(Math.abs(Math.abs(z) - limit) > 1e-9);
          const outside = x > r.upper || x < r.lower;
          // Below the mean the lower limit is clamped at 0, which no count can fall under.
          expect(outside).toBe(z >= limit || (z <= -limit && Math.sqrt(m) > limit / 2));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("a stable Poisson series breaches the limits about 0.3% of the time (20,000 simulated months)", () => {
    const rng = mulberry32(11);
    const draw = poissonSampler(40, rng);
    let flagged = 0;
    const trials = 20000;
    for (let i = 0; i < trials; i++) {
      const r = expectedRange(Array.from({ length: 24 }, draw));
      const x = draw();
      if (x > r.upper || x < r.lower) flagged++;
    }
    expect(flagged / trials).toBeGreaterThan(0.001);
    expect(flagged / trials).toBeLessThan(0.007);
  });

  test("overdispersion widens the range by √D on the square-root scale", () => {
    const plain = expectedRange([25, 25, 25, 25]);
    const wide = expectedRange([25, 25, 25, 25], 3, 4);
    expect(Math.sqrt(wide.upper) - 5).toBeCloseTo(2 * (Math.sqrt(plain.upper) - 5), 12);
  });

  test.each([
    [() => expectedRange([]), /at least one month's count/],
    [() => expectedRange([3, -1]), /baseline month 2 must not be negative/],
    [() => expectedRange([3, 4], 0), /z must be greater than 0/],
  ])("%# bad input throws a HarmError saying what to fix", (call, message) => {
    expect(call).toThrow(HarmError);
    expect(call).toThrow(message);
  });
});

/** 2023-01 … 2024-12: target 20, control 200 a month before 2024-01; target 14 after. */
function series(): MonitoringMonth[] {
  const months: MonitoringMonth[] = [];
  for (let i = 0; i < 24; i++) {
    const year = 2023 + Math.floor(i / 12);
    const month = `${year}-${String((i % 12) + 1).padStart(2, "0")}`;
    const after = year === 2024;
    months.push({ month, target: after ? 14 + (i % 3) : 18 + (i % 5), buffer: null, control: 200 + (i % 7) });
  }
  return months;
}

/** Net effect and delta-method variance written out from context.md, for checking. */
function netByHand(t0: number, t1: number, c0: number, c1: number, z = 1.959963984540054) {
  const estimate = (t0 * c1) / c0 - t1;
  const variance = t1 + (c1 / c0) ** 2 * t0 + (t0 * t0 * c1) / (c0 * c0) + (t0 * t0 * c1 * c1) / c0 ** 3;
  return { estimate, lower: estimate - z * Math.sqrt(variance), upper: estimate + z * Math.sqrt(variance) };
}

describe("monitoringSeries", () => {
  test("expected range from the before months, flags, last year and the cumulative net effect", () => {
    const months = series();
    months[14].target = 60; // 2024-03: far above
    const rows = monitoringSeries({ months, startMonth: "2024-01" });
    expect(rows).toHaveLength(24);
    const baseline = months.slice(0, 12).map((m) => m.target as number);
    const range = expectedRange(baseline);
    expect(rows[0].expectedLower).toBe(range.lower);
    expect(rows[23].expectedUpper).toBe(range.upper);
    expect(rows.slice(0, 12).every((r) => r.period === "before" && r.netEffect === null)).toBe(true);
    expect(rows[14].flag).toBe("above");
    expect(rows[13].flag).toBe("");
    // Same month last year: 2024-03 (60) against 2023-03 (20).
    expect(rows[14].lastYear).toBe(20);
    expect(rows[14].lastYearZ).toBeCloseTo(2 * (Math.sqrt(60) - Math.sqrt(20)), 12);
    expect(rows[14].lastYearFlag).toBe("above");
    expect(rows[0].lastYear).toBeNull();
    expect(rows[0].lastYearFlag).toBe("no data");
    // Cumulative from the start month, against the whole baseline's totals.
    const sum = (list: MonitoringMonth[], k: "target" | "control") =>
      list.reduce((s, m) => s + (m[k] as number), 0);
    const t0 = sum(months.slice(0, 12), "target");
    const c0 = sum(months.slice(0, 12), "control");
    for (const i of [12, 14, 23]) {
      const want = netByHand(
        t0,
        sum(months.slice(12, i + 1), "target"),
        c0,
        sum(months.slice(12, i + 1), "control"),
      );
      expect(rows[i].netEffect).toBeCloseTo(want.estimate, 9);
      expect(rows[i].netLower).toBeCloseTo(want.lower, 9);
      expect(rows[i].netUpper).toBeCloseTo(want.upper, 9);
    }
  });

  test("a month without data stays 'no data', is left out of both sides of the net effect and breaks nothing", () => {
    const months = series();
    months[3] = { ...months[3], target: null }; // before gap: 2023-04
    months[13] = { ...months[13], target: null, control: null }; // after gap: 2024-02
    const rows = monitoringSeries({ months, startMonth: "2024-01" });
    expect(rows[3].flag).toBe("no data");
    expect(rows[3].target).toBeNull();
    expect(rows[13].flag).toBe("no data");
    expect(rows[13].netEffect).toBeNull();
    expect(rows[13].note).toBe("No data this month");
    expect(rows[15].lastYearFlag).toBe("no data"); // 2024-04 against the missing 2023-04
    const baseline = months.slice(0, 12).filter((m) => m.target !== null);
    expect(rows[0].expectedUpper).toBe(expectedRange(baseline.map((m) => m.target as number)).upper);
    const t0 = baseline.reduce((s, m) => s + (m.target as number), 0);
    const c0 = baseline.reduce((s, m) => s + (m.control as number), 0);
    const after = [months[12], months[14]];
    const want = netByHand(
      t0,
      after.reduce((s, m) => s + (m.target as number), 0),
      c0,
      after.reduce((s, m) => s + (m.control as number), 0),
    );
    expect(rows[14].netEffect).toBeCloseTo(want.estimate, 9);
    expect(rows[14].netUpper).toBeCloseTo(want.upper, 9);
  });

  test("with buffer counts the net effect is the total over target and buffer (shared control)", () => {
    const months = series().map((m, i) => ({ ...m, buffer: 30 + (i % 4) }));
    const rows = monitoringSeries({ months, startMonth: "2024-01", confidence: 0.9, dispersion: 1.5 });
    const s0 = months.slice(0, 12).reduce((s, m) => s + (m.target as number) + (m.buffer as number), 0);
    const c0 = months.slice(0, 12).reduce((s, m) => s + (m.control as number), 0);
    const s1 = (months[12].target as number) + (months[12].buffer as number);
    const c1 = months[12].control as number;
    const estimate = (s0 * c1) / c0 - s1;
    const variance =
      1.5 * (s1 + (c1 / c0) ** 2 * s0 + (s0 * s0 * c1) / c0 ** 2 + (s0 * s0 * c1 * c1) / c0 ** 3);
    expect(rows[12].netEffect).toBeCloseTo(estimate, 9);
    expect(rows[12].netUpper).toBeCloseTo(estimate + 1.6448536269514722 * Math.sqrt(variance), 9);
  });

  test("months in any order come back in date order; gaps in the calendar are allowed", () => {
    const months = series()
      .filter((_, i) => i !== 5)
      .reverse();
    const rows = monitoringSeries({ months, startMonth: "2024-01" });
    expect(rows.map((r) => r.month)).toEqual([...months.map((m) => m.month)].sort());
  });

  test("no control counts, or none in the baseline: rows carry a note instead of a net effect", () => {
    const none = series().map((m) => ({ ...m, control: null }));
    const rows = monitoringSeries({ months: none, startMonth: "2024-01" });
    expect(rows[12].netEffect).toBeNull();
    expect(rows[12].note).toMatch(/No control counts/);
    const zero = series().map((m, i) => ({ ...m, control: i < 12 ? 0 : m.control }));
    const rows2 = monitoringSeries({ months: zero, startMonth: "2024-01" });
    expect(rows2[12].netEffect).toBeNull();
    expect(rows2[12].note).toMatch(/no crimes in the before period/);
    expect(rows2[12].flag).toBe(""); // the rest of the row still works
  });

  test.each([
    [
      { months: [{ month: "2024-13", target: 1, buffer: null, control: 1 }], startMonth: "2024-01" },
      /yyyy-mm/,
    ],
    [
      { months: [{ month: "2024-1", target: 1, buffer: null, control: 1 }], startMonth: "2024-01" },
      /row 1 must be a month written yyyy-mm/,
    ],
    [
      {
        months: [
          { month: "2023-12", target: 1, buffer: null, control: 1 },
          { month: "2023-12", target: 2, buffer: null, control: 1 },
        ],
        startMonth: "2024-01",
      },
      /2023-12 appears twice \(rows 1 and 2\)/,
    ],
    [
      { months: [{ month: "2023-12", target: -4, buffer: null, control: 1 }], startMonth: "2024-01" },
      /The target count for 2023-12 \(row 1\) must not be negative/,
    ],
    [
      { months: [{ month: "2024-02", target: 4, buffer: null, control: 1 }], startMonth: "2024-01" },
      /no target counts before the start month 2024-01/,
    ],
    [
      { months: [{ month: "2023-02", target: 4, buffer: null, control: 1 }], startMonth: "Jan 2024" },
      /startMonth must be a month/,
    ],
  ])("%# bad input throws a HarmError saying what to fix", (input, message) => {
    expect(() => monitoringSeries(input)).toThrow(HarmError);
    expect(() => monitoringSeries(input)).toThrow(message);
  });
});
