import fc from "fast-check";
import { caught, expectAccounted } from "./accounting";
import { REASON, aggregateIncidents, type AreaSets } from "../../../src/core/incidents/aggregate";
import { isoToSerial } from "../../../src/core/incidents/dates";
import { MAX_MONTHS, monthlyCounts } from "../../../src/core/incidents/monthly";

const areas: AreaSets = { target: ["T1"], buffer: ["B1"], control: ["C1", "C2"] };
const s = isoToSerial;

describe("monthlyCounts", () => {
  test("one row per month; a month with no row in the areas has no data (null), not 0", () => {
    const r = monthlyCounts(
      {
        dates: ["2024-01", s("2024-01-31"), "2024-03", "2024-03-15", "2024-04", "2023-12", "2024-05", "bad"],
        areas: ["T1", "c1", "B1", "C2", "T1", "T1", "T1", "T1"],
      },
      areas,
      "2024-01",
      "2024-04",
    );
    expect(r.months).toEqual([
      { month: "2024-01", noData: false, target: 1, buffer: 0, control: 1 },
      { month: "2024-02", noData: true, target: null, buffer: null, control: null },
      { month: "2024-03", noData: false, target: 0, buffer: 1, control: 1 },
      { month: "2024-04", noData: false, target: 1, buffer: 0, control: 0 },
    ]);
    expect(r.rowsOutsidePeriods).toBe(2);
    expect(r.rejectedByReason).toEqual({ [REASON.badDate]: 1 });
    expect(r.areaCodesNormalised).toBe(1);
    expectAccounted(r);
  });

  test("bounds may be any date in the month, across a year end, from Excel cells as n×1 columns", () => {
    const r = monthlyCounts(
      { dates: [[s("2023-12-31")], [s("2024-01-01")]], areas: [["T1"], ["T1"]] },
      areas,
      s("2023-12-15"),
      "2024-01-20",
    );
    expect(r.months.map((m) => [m.month, m.target])).toEqual([
      ["2023-12", 1],
      ["2024-01", 1],
    ]);
  });

  test("weights, an offence filter and ids work as in aggregateIncidents", () => {
    const r = monthlyCounts(
      {
        dates: ["2024-01", "2024-01", "2024-01", "2024-01"],
        areas: ["T1", "T1", "T1", "T1"],
        offenceTypes: ["Drugs", "Robbery", "Burglary", "Drugs"],
        ids: ["a", "b", "c", "a"],
      },
      areas,
      "2024-01",
      "2024-01",
      {
        weights: new Map([
          ["Drugs", 2.5],
          ["Robbery", 10],
        ]),
        offenceFilter: new Set(["Drugs", "Robbery"]),
      },
    );
    expect(r.months[0].target).toBe(12.5);
    expect(r.rowsFilteredOut).toBe(1);
    expect(r.rowsDuplicate).toBe(1);
    expectAccounted(r);
  });

  test("the first month after the last, too many months, and bad bounds are clear #VALUE! errors", () => {
    const cols = { dates: ["2024-01"], areas: ["T1"] };
    expect(caught(() => monthlyCounts(cols, areas, "2024-05", "2024-01"))).toEqual({
      kind: "value",
      message: "the first month (2024-05) is after the last month (2024-01); swap them",
    });
    expect(caught(() => monthlyCounts(cols, areas, "2000-01", "2020-01")).message).toBe(
      "2000-01 to 2020-01 is 241 months; monthly counts cover at most 240 months (20 years), so choose a shorter range",
    );
    expect(monthlyCounts(cols, areas, "2000-01", "2019-12").months).toHaveLength(MAX_MONTHS);
    expect(caught(() => monthlyCounts(cols, areas, "", "2024-01")).message).toBe(
      "first month is blank; enter a month such as 2024-01",
    );
    expect(caught(() => monthlyCounts(cols, areas, "2024-01", "Jan 2025")).message).toBe(
      "last month must be a month such as 2024-01; got 'Jan 2025'",
    );
    expect(caught(() => monthlyCounts(cols, { ...areas, target: [] }, "2024-01", "2024-02")).message).toMatch(
      /^target areas are empty/,
    );
  });
});

describe("monthlyCounts (property)", () => {
  test("months sum to the period counts of aggregateIncidents, and every row is accounted for", () => {
    const monthArb = fc.integer({ min: 0, max: 15 }).map((k) => {
      const y = 2023 + Math.floor((k + 10) / 12);
      return `${y}-${String(((k + 10) % 12) + 1).padStart(2, "0")}`; // 2023-11 … 2025-02
    });
    const dateArb = fc.oneof(
      monthArb,
      fc.integer({ min: s("2023-11-01"), max: s("2025-02-28") }),
      fc.constantFrom("bad", "#N/A", null),
    );
    const rowArb = fc.tuple(dateArb, fc.constantFrom("T1", "B1", "C1", "c2", "ZZ", "", "#REF!"));
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 80 }), (rows) => {
        const cols = { dates: rows.map((r) => r[0]), areas: rows.map((r) => r[1]) };
        const m = monthlyCounts(cols, areas, "2024-01", "2024-12");
        const a = aggregateIncidents(cols, areas, {
          beforeStart: s("2024-01-01"),
          beforeEnd: s("2024-06-30"),
          afterStart: s("2024-07-01"),
          afterEnd: s("2024-12-31"),
        });
        expectAccounted(m);
        const sum = (from: number, to: number, set: "target" | "buffer" | "control"): number =>
          m.months.slice(from, to).reduce((t, x) => t + (x[set] ?? 0), 0);
        for (const set of ["target", "buffer", "control"] as const) {
          expect(sum(0, 6, set)).toBe(a[set].before);
          expect(sum(6, 12, set)).toBe(a[set].after);
        }
        expect(m.rowsUsed).toBe(a.rowsUsed);
        expect(m.rejectedCount).toBe(a.rejectedCount);
        // No data exactly where the coverage of the periods says a month is missing.
        const missing = [...a.coverage.before.missing, ...a.coverage.after.missing];
        expect(m.months.filter((x) => x.noData).map((x) => x.month)).toEqual(missing);
      }),
      { numRuns: 300 },
    );
  });
});
