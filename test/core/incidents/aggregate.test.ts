import fc from "fast-check";
import { caught, expectAccounted } from "./accounting";
import {
  REASON,
  aggregateIncidents,
  validateSetup,
  type AreaSets,
  type Periods,
} from "../../../src/core/incidents/aggregate";
import { isoToSerial } from "../../../src/core/incidents/dates";

const areas: AreaSets = { target: ["T1", "T2"], buffer: ["B1"], control: ["C1", "C2"] };
const periods: Periods = {
  beforeStart: isoToSerial("2024-01-01"),
  beforeEnd: isoToSerial("2024-06-30"),
  afterStart: isoToSerial("2024-07-01"),
  afterEnd: isoToSerial("2024-12-31"),
};
const s = isoToSerial;

describe("aggregateIncidents: counts", () => {
  test("counts each area set in each period (flat columns)", () => {
    const r = aggregateIncidents(
      {
        dates: [
          s("2024-01-01"),
          s("2024-06-30"),
          s("2024-07-01"),
          "2024-12-31",
          "15/03/2024",
          s("2024-08-01"),
        ],
        areas: ["T1", "T2", "T1", "B1", "C1", "C2"],
      },
      areas,
      periods,
    );
    expect(r.target).toEqual({ before: 2, after: 1 });
    expect(r.buffer).toEqual({ before: 0, after: 1 });
    expect(r.control).toEqual({ before: 1, after: 1 });
    expect(r.rowsRead).toBe(6);
    expect(r.rowsUsed).toBe(6);
    expect(r.rejected).toEqual([]);
    expectAccounted(r);
  });

  test("n×1 columns as Excel passes them, mixed with flat ones", () => {
    const r = aggregateIncidents(
      {
        dates: [[s("2024-02-01") + 0.5], ["2024-08"]],
        areas: ["C1", " C2 "],
        offenceTypes: [["Drugs"], ["Drugs"]],
      },
      areas,
      periods,
    );
    expect(r.control).toEqual({ before: 1, after: 1 });
    expectAccounted(r);
  });

  test("areas are trimmed, both in the data and in the area sets", () => {
    const r = aggregateIncidents(
      { dates: ["2024-01", "2024-01"], areas: ["  T1", "X1\t"] },
      { target: [" T1 "], buffer: [], control: ["X1 "] },
      periods,
    );
    expect(r.target.before).toBe(1);
    expect(r.control.before).toBe(1);
  });

  test("numeric area codes match their text form", () => {
    const r = aggregateIncidents(
      { dates: ["2024-01-05", "2024-01-05"], areas: [101, 202] },
      { target: ["101"], buffer: [], control: ["202"] },
      periods,
    );
    expect(r.target.before).toBe(1);
    expect(r.control.before).toBe(1);
  });
});

describe("aggregateIncidents: every rejection and skip reason", () => {
  const cols = {
    dates: [
      "2024-03", // 1 used
      "#N/A", // 2 error value (date)
      "2024-03-01", // 3 error value (area object)
      "2024-03-01", // 4 no area code (blank)
      "2024-03-01", // 5 no area code (null)
      "2024-03-01", // 6 outside areas
      "next week", // 7 date not recognised
      "2024-02-30", // 8 date not recognised
      s("2023-12-31"), // 9 outside periods
      "2025-01", // 10 outside periods (whole month outside)
      "2024-01-15", // 11 filtered out
      s("2024-09-09"), // 12 used
      "#REF!", // 13 error value
      -5, // 14 date not recognised
    ],
    areas: ["T1", "T1", { code: "#N/A" }, "  ", null, "ZZ9", "C1", "C1", "C1", "C1", "B1", "B1", "T1", "T1"],
    offenceTypes: Array(14).fill("Drugs") as string[],
  };
  cols.offenceTypes[10] = "Burglary";

  test("reasons, listed rows and totals", () => {
    const r = aggregateIncidents(cols, areas, periods, { offenceFilter: new Set(["Drugs"]) });
    expect(r.rowsRead).toBe(14);
    expect(r.rowsUsed).toBe(2);
    expect(r.target).toEqual({ before: 1, after: 0 });
    expect(r.buffer).toEqual({ before: 0, after: 1 });
    expect(r.rowsOutsideAreas).toBe(1);
    expect(r.rowsOutsidePeriods).toBe(2);
    expect(r.rowsFilteredOut).toBe(1);
    expect(r.rejectedByReason).toEqual({
      [REASON.errorValue]: 3,
      [REASON.noArea]: 2,
      [REASON.badDate]: 3,
    });
    expect(r.rejectedCount).toBe(8);
    expect(r.rejected).toEqual([
      { row: 2, reason: "error value in source", value: "#N/A" },
      { row: 3, reason: "error value in source", value: "#N/A" },
      { row: 4, reason: "no area code", value: "  " },
      { row: 5, reason: "no area code", value: "" },
      { row: 7, reason: "date not recognised", value: "next week" },
      { row: 8, reason: "date not recognised", value: "2024-02-30" },
      { row: 13, reason: "error value in source", value: "#REF!" },
      { row: 14, reason: "date not recognised", value: "-5" },
    ]);
    expectAccounted(r);
  });

  test("maxRejectedListed caps the list but not the counts", () => {
    const r = aggregateIncidents(cols, areas, periods, {
      offenceFilter: new Set(["Drugs"]),
      maxRejectedListed: 3,
    });
    expect(r.rejected).toHaveLength(3);
    expect(r.rejectedCount).toBe(8);
  });

  test("an error value in the offence type column rejects the row", () => {
    const r = aggregateIncidents(
      { dates: ["2024-03", "2024-03"], areas: ["T1", "T1"], offenceTypes: ["#VALUE!", { code: "#DIV/0!" }] },
      areas,
      periods,
    );
    expect(r.rejectedByReason).toEqual({ [REASON.errorValue]: 2 });
  });

  test("a month straddling a period bound is rejected, a whole month counts", () => {
    const p: Periods = { ...periods, beforeEnd: s("2024-06-15"), afterStart: s("2024-06-16") };
    const r = aggregateIncidents(
      { dates: ["2024-06", "2024-05", "2024-07"], areas: ["T1", "T1", "T1"] },
      areas,
      p,
    );
    expect(r.target).toEqual({ before: 1, after: 1 });
    expect(r.rejectedByReason).toEqual({ [REASON.partMonth]: 1 });
    expect(r.rejected[0]).toEqual({
      row: 1,
      reason: "month only partly inside a period; align the periods to whole months",
      value: "2024-06",
    });
  });

  test("a month partly before the before period is rejected too", () => {
    const p: Periods = { ...periods, beforeStart: s("2024-01-10") };
    const r = aggregateIncidents({ dates: ["2024-01", "2023-12"], areas: ["T1", "T1"] }, areas, p);
    expect(r.rejectedByReason).toEqual({ [REASON.partMonth]: 1 });
    expect(r.rowsOutsidePeriods).toBe(1);
  });

  test("rows between the periods are outside the periods", () => {
    const p: Periods = { ...periods, afterStart: s("2024-08-01") };
    const r = aggregateIncidents({ dates: ["2024-07", "2024-07-15"], areas: ["C1", "C1"] }, areas, p);
    expect(r.rowsOutsidePeriods).toBe(2);
    expect(r.rejectedCount).toBe(0);
  });
});

describe("aggregateIncidents: weights and byType", () => {
  const cols = {
    dates: ["2024-02", "2024-02", "2024-08", "2024-08", "2024-08"],
    areas: ["T1", "T1", "T1", "C1", "C1"],
    offenceTypes: ["Drugs", "Robbery ", "Drugs", "Robbery", "Drugs"],
  };
  const weights = new Map([
    ["Drugs", 2.5],
    ["Robbery", 365],
  ]);

  test("harm totals instead of counts", () => {
    const r = aggregateIncidents(cols, areas, periods, { weights });
    expect(r.target).toEqual({ before: 367.5, after: 2.5 });
    expect(r.control).toEqual({ before: 0, after: 367.5 });
    expect(r.rowsUsed).toBe(5);
  });

  test("byType holds plain counts per type, even when weighted", () => {
    const r = aggregateIncidents(cols, areas, periods, { weights, byType: true });
    expect([...r.byType!.keys()].sort()).toEqual(["Drugs", "Robbery"]);
    expect(r.byType!.get("Drugs")).toEqual({
      target: { before: 1, after: 1 },
      buffer: { before: 0, after: 0 },
      control: { before: 0, after: 1 },
    });
    expect(r.byType!.get("Robbery")!.target).toEqual({ before: 1, after: 0 });
    const unweighted = aggregateIncidents(cols, areas, periods, { byType: true });
    expect(unweighted.byType).toEqual(r.byType);
    expect(unweighted.target).toEqual({ before: 2, after: 1 });
  });

  test("a type with no weight is an #N/A error by default", () => {
    const e = caught(() => aggregateIncidents(cols, areas, periods, { weights: new Map([["Drugs", 1]]) }));
    expect(e).toEqual({
      kind: "na",
      message: "offence type 'Robbery' has no weight in the weight table; add it",
    });
  });

  test("… or a rejected row when asked", () => {
    const r = aggregateIncidents(cols, areas, periods, {
      weights: new Map([["Drugs", 1]]),
      unknownType: "reject",
    });
    expect(r.rejectedByReason).toEqual({ [REASON.noWeight]: 2 });
    expect(r.target).toEqual({ before: 1, after: 1 });
    expectAccounted(r);
  });

  test("a type outside the areas or periods needs no weight", () => {
    const r = aggregateIncidents(
      { dates: ["2024-02", "2030-01"], areas: ["ZZ", "T1"], offenceTypes: ["Unknown", "Unknown"] },
      areas,
      periods,
      { weights },
    );
    expect(r.rowsOutsideAreas + r.rowsOutsidePeriods).toBe(2);
  });

  test("a blank offence type is rejected in weighted mode", () => {
    const r = aggregateIncidents({ dates: ["2024-02"], areas: ["T1"], offenceTypes: [" "] }, areas, periods, {
      weights,
    });
    expect(r.rejectedByReason).toEqual({ [REASON.noType]: 1 });
  });

  test.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("weight %p is a #VALUE! error", (w) => {
    const e = caught(() => aggregateIncidents(cols, areas, periods, { weights: new Map([["Drugs", w]]) }));
    expect(e.kind).toBe("value");
    expect(e.message).toMatch(/weight for 'Drugs' must be a number of 0 or more/);
  });

  test("weights or a filter without an offence type column is an error", () => {
    const e = caught(() =>
      aggregateIncidents({ dates: cols.dates, areas: cols.areas }, areas, periods, {
        offenceFilter: new Set(["Drugs"]),
      }),
    );
    expect(e.message).toMatch(/offence type column is needed/);
  });
});

describe("aggregateIncidents: input checks", () => {
  test("columns of different lengths", () => {
    expect(caught(() => aggregateIncidents({ dates: [1, 2, 3], areas: ["T1"] }, areas, periods))).toEqual({
      kind: "value",
      message: "dates has 3 rows but areas has 1; all incident columns must be the same length",
    });
    expect(
      caught(() => aggregateIncidents({ dates: [[1]], areas: [["T1"]], offenceTypes: [] }, areas, periods))
        .message,
    ).toMatch(/dates has 1 rows but offence types has 0/);
  });

  test("empty input", () => {
    expect(caught(() => aggregateIncidents({ dates: [], areas: [] }, areas, periods)).message).toMatch(
      /^dates is an empty range/,
    );
  });

  test("a column mixing cells and 1-cell rows", () => {
    expect(
      caught(() => aggregateIncidents({ dates: [[1], 2], areas: ["T1", "T1"] }, areas, periods)).message,
    ).toMatch(/dates mixes single cells and rows/);
  });

  test("a multi-column range", () => {
    expect(
      caught(() => aggregateIncidents({ dates: [[1, 2]], areas: ["T1"] }, areas, periods)).message,
    ).toMatch(/dates must be a single column; got 2 columns/);
  });

  test("progress is reported in steps of 50,000 rows and at the end", () => {
    const n = 120_000;
    const calls: [number, number][] = [];
    aggregateIncidents({ dates: Array(n).fill(45300), areas: Array(n).fill("T1") }, areas, periods, {
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toEqual([
      [50_000, n],
      [100_000, n],
      [n, n],
    ]);
  });
});

describe("validateSetup", () => {
  test("a valid setup passes", () => {
    expect(() => validateSetup(areas, periods)).not.toThrow();
  });

  test("an area in two sets", () => {
    expect(
      caught(() => validateSetup({ target: ["A"], buffer: ["B"], control: ["C", " B"] }, periods)),
    ).toEqual({
      kind: "value",
      message: "area 'B' is in both the buffer and control areas; each area may be in one set only",
    });
  });

  test("empty target or control (blank codes do not count); empty buffer is fine", () => {
    expect(
      caught(() => validateSetup({ target: [" "], buffer: [], control: ["C"] }, periods)).message,
    ).toMatch(/target areas are empty/);
    expect(
      caught(() => validateSetup({ target: ["T"], buffer: ["B"], control: [] }, periods)).message,
    ).toMatch(/control areas are empty/);
    expect(() => validateSetup({ target: ["T"], buffer: [], control: ["C"] }, periods)).not.toThrow();
  });

  test("a period starting after it ends", () => {
    expect(
      caught(() =>
        validateSetup(areas, { ...periods, beforeStart: s("2024-07-01"), beforeEnd: s("2024-01-01") }),
      ).message,
    ).toBe("the before period starts (2024-07-01) after it ends (2024-01-01)");
    expect(caught(() => validateSetup(areas, { ...periods, afterEnd: s("2024-06-01") })).message).toMatch(
      /the after period starts/,
    );
  });

  test("overlapping periods, including by one day", () => {
    expect(caught(() => validateSetup(areas, { ...periods, afterStart: s("2024-06-30") })).message).toMatch(
      /overlap; an incident may count in only one/,
    );
  });

  test("non-integer period bounds", () => {
    expect(caught(() => validateSetup(areas, { ...periods, beforeStart: 45292.5 })).message).toMatch(
      /before start must be a whole serial day/,
    );
  });
});

describe("aggregateIncidents: property", () => {
  test("every row is accounted for, and counts match a naive recount", () => {
    const dateArb = fc.oneof(
      fc.integer({ min: s("2023-11-01"), max: s("2025-02-28") }),
      fc.constantFrom("2024-01", "2024-06", "2024-07", "2023-12", "2025-01", "bad", "#N/A", ""),
    );
    const areaArb = fc.constantFrom("T1", "T2", "B1", "C1", "C2", " C1", "ZZ", "", null, "#REF!");
    const typeArb = fc.constantFrom("Drugs", "Robbery", "Other");
    const rowArb = fc.tuple(dateArb, areaArb, typeArb);
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), fc.boolean(), (rows, datesAs2D) => {
        const r = aggregateIncidents(
          {
            dates: datesAs2D ? rows.map((x) => [x[0]]) : rows.map((x) => x[0]),
            areas: rows.map((x) => x[1]),
            offenceTypes: rows.map((x) => [x[2]]),
          },
          areas,
          periods,
          { offenceFilter: new Set(["Drugs", "Robbery"]) },
        );
        expectAccounted(r);
        let targetBefore = 0;
        for (const [d, a, t] of rows) {
          const inBefore =
            typeof d === "number"
              ? d <= periods.beforeEnd && d >= periods.beforeStart
              : d === "2024-01" || d === "2024-06";
          if ((a === "T1" || a === "T2") && inBefore && t !== "Other") targetBefore++;
        }
        expect(r.target.before).toBe(targetBefore);
      }),
    );
  });
});

describe("aggregateIncidents: area codes compared in normalised form", () => {
  test("lower case, inner spaces and padding all match, in the data and in the sets; changed rows are counted", () => {
    const r = aggregateIncidents(
      {
        dates: ["2024-01", "2024-01", "2024-01", "2024-01", "2024-01", "2024-01"],
        areas: ["W01001687", "w01001687", "W01 001687", " W01001687 ", "zz 9", "E01000001"],
      },
      { target: ["w01 001687"], buffer: [], control: ["ZZ9 "] },
      periods,
    );
    expect(r.target.before).toBe(4);
    expect(r.control.before).toBe(1);
    expect(r.rowsOutsideAreas).toBe(1);
    // Three W01001687 variants and "zz 9"; clean codes are not counted.
    expect(r.areaCodesNormalised).toBe(4);
    expectAccounted(r);
  });

  test("a code in two sets is found after normalising", () => {
    expect(
      caught(() =>
        aggregateIncidents(
          { dates: ["2024-01"], areas: ["A"] },
          { target: ["w01"], buffer: [], control: ["W01"] },
          periods,
        ),
      ).message,
    ).toBe("area 'W01' is in both the target and control areas; each area may be in one set only");
  });

  test("a row outside every area set is not read further: an error in its date does not reject it", () => {
    const r = aggregateIncidents({ dates: ["#N/A", "#N/A"], areas: ["ZZ9", "T1"] }, areas, periods);
    expect(r.rowsOutsideAreas).toBe(1);
    expect(r.rejectedByReason).toEqual({ [REASON.errorValue]: 1 });
  });
});

describe("aggregateIncidents: area codes that would become new areas", () => {
  const ons: AreaSets = { target: ["W01001687"], buffer: [], control: ["W01000002"] };

  test("hyphens, dashes and every kind of space are taken out (they made new areas silently)", () => {
    const variants = [
      "W01-001687",
      "W01\u2013001687",
      "W01\u00a0001687",
      "W01\u200b001687",
      "\u3000w01001687\ufeff",
    ];
    const r = aggregateIncidents({ dates: variants.map(() => "2024-01"), areas: variants }, ons, periods);
    expect(r.target.before).toBe(variants.length);
    expect(r.areaCodesNormalised).toBe(variants.length);
    expectAccounted(r);
  });

  test("when the chosen areas are ONS codes, a data code without that form is reported as unusable", () => {
    const codes = ["W01001687", "W0100168", "W01001687X", "Newport 001A", "E01000001", "W01000002"];
    const r = aggregateIncidents({ dates: codes.map(() => "2024-01"), areas: codes }, ons, periods);
    expect([r.target.before, r.control.before, r.rowsOutsideAreas]).toEqual([1, 1, 1]);
    expect(r.rejectedByReason).toEqual({ [REASON.badAreaCode]: 3 });
    expect(r.rejected.map((x) => x.value)).toEqual(["W0100168", "W01001687X", "Newport 001A"]);
    expectAccounted(r);
  });

  test("other schemes (beat codes) are left alone", () => {
    const r = aggregateIncidents(
      { dates: ["2024-01", "2024-01", "2024-01"], areas: ["NP-01", "X 9", "W0100168"] },
      { target: ["NP01"], buffer: [], control: ["C1"] },
      periods,
    );
    expect([r.target.before, r.rowsOutsideAreas, r.rejectedCount]).toEqual([1, 2, 0]);
  });
});

describe("aggregateIncidents: an id column counts each incident once", () => {
  const cols = {
    dates: [
      "2024-01",
      "2024-01",
      "2024-08",
      "2024-02",
      "bad",
      "2024-03",
      "2024-03",
      "2024-03",
      "2024-03",
      "2024-03",
    ],
    areas: ["T1", "T1", "T1", "C1", "C1", "C1", "C1", "T1", "T1", "ZZ"],
    ids: ["a", "a ", "a", "", "b", "b", null, 7, "7", "c"],
  };

  test("a repeated non-blank id goes to rowsDuplicate, naming the row that counted", () => {
    const r = aggregateIncidents(cols, areas, periods, {
      rowLabel: (i) => `f.csv, line ${i + 2}`,
    });
    // Row 1 counts; rows 2-3 repeat 'a'. Row 5 ('b', bad date) is rejected, so row 6 is the first 'b' counted.
    // Blank ids never repeat; 7 and "7" are one id; row 10 is outside the areas.
    expect(r.rowsDuplicate).toBe(3);
    expect(r.duplicates).toEqual([
      { row: 2, id: "a", firstRow: 1, where: "f.csv, line 3", firstWhere: "f.csv, line 2" },
      { row: 3, id: "a", firstRow: 1, where: "f.csv, line 4", firstWhere: "f.csv, line 2" },
      { row: 9, id: "7", firstRow: 8, where: "f.csv, line 10", firstWhere: "f.csv, line 9" },
    ]);
    expect(r.target).toEqual({ before: 2, after: 0 });
    expect(r.control).toEqual({ before: 3, after: 0 });
    expect(r.rejected).toEqual([{ row: 5, reason: REASON.badDate, value: "bad", where: "f.csv, line 6" }]);
    expectAccounted(r);
  });

  test("without ids, or with ids but no repeats, nothing changes", () => {
    const plain = aggregateIncidents({ dates: cols.dates, areas: cols.areas }, areas, periods);
    expect(plain.rowsDuplicate).toBe(0);
    expect(plain.duplicates).toEqual([]);
    const unique = aggregateIncidents({ ...cols, ids: cols.ids.map((_, i) => `id${i}`) }, areas, periods);
    expect(unique.target).toEqual(plain.target);
    expect(unique.rowsUsed).toBe(plain.rowsUsed);
  });

  test("an error value in the id of a row that would count rejects it; ids must be as long as the dates", () => {
    const r = aggregateIncidents({ dates: ["2024-01"], areas: ["T1"], ids: [["#REF!"]] }, areas, periods);
    expect(r.rejectedByReason).toEqual({ [REASON.errorValue]: 1 });
    expect(
      caught(() => aggregateIncidents({ dates: ["2024-01"], areas: ["T1"], ids: [] }, areas, periods))
        .message,
    ).toBe("dates has 1 rows but ids has 0; all incident columns must be the same length");
  });

  test("a duplicate is listed up to maxRejectedListed, and counted in full", () => {
    const n = 30;
    const r = aggregateIncidents(
      { dates: Array(n).fill("2024-01"), areas: Array(n).fill("T1"), ids: Array(n).fill("x") },
      areas,
      periods,
      { maxRejectedListed: 5, byType: false },
    );
    expect(r.rowsDuplicate).toBe(n - 1);
    expect(r.duplicates).toHaveLength(5);
    expect(r.target.before).toBe(1);
  });

  test("byType counts each incident once too", () => {
    const r = aggregateIncidents(
      {
        dates: ["2024-01", "2024-01"],
        areas: ["T1", "T1"],
        ids: ["a", "a"],
        offenceTypes: ["Drugs", "Drugs"],
      },
      areas,
      periods,
      { byType: true },
    );
    expect(r.byType!.get("Drugs")!.target.before).toBe(1);
  });
});

describe("aggregateIncidents: coverage of the periods by month", () => {
  test("months touched by each period, with and without rows in the areas", () => {
    const p: Periods = {
      beforeStart: s("2023-11-15"),
      beforeEnd: s("2024-02-10"),
      afterStart: s("2024-03-01"),
      afterEnd: s("2024-05-31"),
    };
    const r = aggregateIncidents(
      {
        dates: [s("2023-11-20"), s("2024-02-10"), "2024-03", "2024-05-31", s("2024-04-01"), s("2023-12-05")],
        areas: ["T1", "C1", "B1", "C2", "ZZ", " t1"],
      },
      areas,
      p,
    );
    expect(r.coverage).toEqual({
      before: {
        months: ["2023-11", "2023-12", "2024-01", "2024-02"],
        present: ["2023-11", "2023-12", "2024-02"],
        missing: ["2024-01"],
      },
      // April's only row is outside the areas, so April counts as missing.
      after: {
        months: ["2024-03", "2024-04", "2024-05"],
        present: ["2024-03", "2024-05"],
        missing: ["2024-04"],
      },
    });
  });

  test("a row rejected for its offence type still shows its month has data", () => {
    const r = aggregateIncidents({ dates: ["2024-02"], areas: ["T1"], offenceTypes: [""] }, areas, periods, {
      weights: new Map([["Drugs", 1]]),
    });
    expect(r.rejectedByReason).toEqual({ [REASON.noType]: 1 });
    expect(r.coverage.before.present).toEqual(["2024-02"]);
  });
});

describe("aggregateIncidents: accounting with ids (property)", () => {
  test("every row in one bucket; an id column only moves counted rows to duplicates or rejects", () => {
    const rowArb = fc.tuple(
      fc.constantFrom("2024-01", "2024-07", "2023-12", "bad", "#N/A", s("2024-03-03")),
      fc.constantFrom("T1", "t1", "B 1", "C1", "ZZ", "", null, "#REF!"),
      fc.constantFrom("Drugs", "Robbery", "Other", "#N/A"),
      fc.constantFrom("", "a", "b", " a", "c", null, 1, "#N/A"),
    );
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 50 }), (rows) => {
        const cols = {
          dates: rows.map((x) => x[0]),
          areas: rows.map((x) => x[1]),
          offenceTypes: rows.map((x) => x[2]),
        };
        const options = { offenceFilter: new Set(["Drugs", "Robbery"]) };
        const plain = aggregateIncidents(cols, areas, periods, options);
        const r = aggregateIncidents({ ...cols, ids: rows.map((x) => x[3]) }, areas, periods, options);
        expectAccounted(plain);
        expectAccounted(r);
        const idErrors = r.rejectedCount - plain.rejectedCount;
        expect(r.rowsUsed + r.rowsDuplicate + idErrors).toBe(plain.rowsUsed);
        expect(r.rowsOutsideAreas).toBe(plain.rowsOutsideAreas);
        // Independently: rows that counted without ids, one per distinct trimmed id, all with a blank id.
        const usedIds = new Set<string>();
        let usedBlank = 0;
        rows.forEach(([d, a, t, id]) => {
          const inArea =
            typeof a === "string" && ["T1", "B1", "C1"].includes(a.replace(/\s/g, "").toUpperCase());
          const inPeriod = d === "2024-01" || d === "2024-07" || typeof d === "number";
          if (!inArea || !inPeriod || (t !== "Drugs" && t !== "Robbery") || id === "#N/A") return;
          const key = id === null ? "" : String(id).trim();
          if (key === "") usedBlank++;
          else usedIds.add(key);
        });
        expect(r.rowsUsed).toBe(usedBlank + usedIds.size);
      }),
    );
  });
});
