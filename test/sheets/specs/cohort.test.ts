/**
 * The Cohort sheet: cached results are the core's (cohortSummary), the
 * native formulas (HyperFormula) give the same figures on random cohorts,
 * the exact interval matches scipy's Clopper–Pearson limits, and the Row
 * check says the same thing natively and in TypeScript.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { blankOperation } from "../../../src/core/operation";
import { cohortSummary, type CohortPerson } from "../../../src/core/stats/cohort";
import { buildWorkbook } from "../../../src/sheets/build";
import { isFormulaCell, type CellInput, type SheetModel } from "../../../src/sheets/model";
import { cellAddress, parseCell } from "../../../src/sheets/a1";
import { CHECK_MESSAGES, cohortRowCheck } from "../../../src/sheets/specs/cohortColumns";
import { RESULT_COLUMNS, RESULT_ROWS } from "../../../src/sheets/specs/cohortResults";
import { COHORT_CAUTION } from "../../../src/sheets/specs/cohort";
import type { CohortRow } from "../../../src/sheets/specs/netBenefitCohortInput";
import { disagreements } from "./cachedAgree";
import { cellAt, colIndex, evaluate, sheet, table, tableCellAddress } from "./workbookHelpers";

const build = (cohort: CohortRow[]) =>
  buildWorkbook({ operation: blankOperation(), include: ["cohort"], cohort });
const cohortSheet = (wb: SheetModel[]) => sheet(wb, "cohort");

/** Address of a results cell by figure and column. */
function resultAt(
  m: SheetModel,
  row: (typeof RESULT_ROWS)[number]["key"],
  col: (typeof RESULT_COLUMNS)[number],
) {
  const people = m.cells.find((c) => c.value === "People")!;
  const p = parseCell(people.address);
  const r = p.row + RESULT_ROWS.findIndex((x) => x.key === row);
  return { row: r, col: p.col + 1 + RESULT_COLUMNS.indexOf(col) };
}
/** The cached value right of a label. */
const rightOf = (m: SheetModel, label: string) => {
  const { row, col } = parseCell(m.cells.find((c) => c.value === label)!.address);
  const v = cellAt(m, cellAddress(row, col + 1)) as CellInput;
  return isFormulaCell(v) ? v.value : v;
};
const cached = (
  m: SheetModel,
  row: (typeof RESULT_ROWS)[number]["key"],
  col: (typeof RESULT_COLUMNS)[number],
) => {
  const { row: r, col: c } = resultAt(m, row, col);
  const v = m.cells.find((x) => parseCell(x.address).row === r && parseCell(x.address).col === c)!.value;
  return isFormulaCell(v) ? v.value : v;
};

const person = (p: Partial<CohortRow> & Pick<CohortRow, "reference" | "group">): CohortRow => ({
  windowDays: 365,
  offencesBefore: 0,
  offencesAfter: 0,
  ...p,
});

// test/core/stats/cohort.test.ts's hand-worked cohort, as rows on the sheet.
const HAND: CohortRow[] = [
  person({
    reference: "E1",
    group: "Enforcement",
    offencesBefore: 8,
    offencesAfter: 2,
    daysNotAtLibertyAfter: 60,
    harmBefore: 40,
    harmAfter: 10,
  }),
  person({
    reference: "E2",
    group: "enforcement",
    offencesBefore: 4,
    offencesAfter: 3,
    daysNotAtLibertyBefore: 100,
    harmBefore: 20,
    harmAfter: 20,
  }),
  person({ reference: "C1", group: "Comparison", offencesBefore: 6, offencesAfter: 5 }),
  person({ reference: "C2", group: "Comparison", offencesBefore: 4, offencesAfter: 3 }),
  person({ reference: "T1", group: "Treatment", offencesBefore: 3, offencesAfter: 0 }),
];

const asPerson = (r: CohortRow): CohortPerson => ({
  group: String(r.group).toLowerCase() as CohortPerson["group"],
  windowDays: r.windowDays as number,
  offencesBefore: r.offencesBefore as number,
  offencesAfter: r.offencesAfter as number,
  daysNotAtLibertyBefore: (r.daysNotAtLibertyBefore as number) ?? 0,
  daysNotAtLibertyAfter: (r.daysNotAtLibertyAfter as number) ?? 0,
  harmBefore: (r.harmBefore as number) ?? null,
  harmAfter: (r.harmAfter as number) ?? null,
});

describe("Cohort sheet: layout and privacy", () => {
  const m = cohortSheet(build([]));
  const t = table(m, "HP_Cohort");

  it("has one row per person keyed by a pseudonymous reference, with a group drop-down", () => {
    expect(t.columns.map((c) => c.header)).toEqual([
      "Reference",
      "Group",
      "Start date",
      "Window (days)",
      "Offences before",
      "Offences after",
      "Days not at liberty before",
      "Days not at liberty after",
      "Harm before (optional)",
      "Harm after (optional)",
      "Row check",
    ]);
    expect(t.columns[1].validation).toEqual({
      kind: "list",
      values: ["Enforcement", "Treatment", "Both", "Comparison"],
    });
    expect(t.columns[0].help).toMatch(/never a name or date of birth/);
    for (const c of t.columns) expect(c.header).not.toMatch(/name|birth|dob/i);
  });

  it("carries the fixed caution about regression to the mean", () => {
    const text = m.cells.map((c) => String(c.value)).join(" ");
    expect(text).toContain(COHORT_CAUTION[0]);
    expect(COHORT_CAUTION.join(" ")).toMatch(/regression to the mean.*comparison group/s);
  });

  it("shows blank results, not errors, with no people", () => {
    expect(t.rows.length).toBe(2);
    expect(disagreements(build([]), ["Cohort"])).toEqual([]);
    const ev = evaluate(build([]));
    for (const col of RESULT_COLUMNS) {
      const { row, col: c } = resultAt(m, "rr", col);
      expect(ev.hf.getCellValue({ sheet: ev.hf.getSheetId("Cohort")!, row, col: c })).toBe("");
    }
  });
});

describe("Cohort cached results are the core's cohortSummary", () => {
  const m = cohortSheet(build(HAND));
  const s = cohortSummary(HAND.map(asPerson));
  const e = s.groups.find((g) => g.group === "enforcement")!;

  it("rates per 365 days at liberty and the rate ratio (hand-worked: 12 → 5 offences, 630 and 670 days)", () => {
    expect(cached(m, "d0", "enforcement")).toBe(630);
    expect(cached(m, "d1", "enforcement")).toBe(670);
    expect(cached(m, "rate0", "enforcement")).toBeCloseTo((12 * 365) / 630, 12);
    expect(cached(m, "rate1", "enforcement")).toBeCloseTo((5 * 365) / 670, 12);
    expect(cached(m, "rr", "enforcement")).toBeCloseTo(5 / 670 / (12 / 630), 12);
    expect(cached(m, "rrLower", "enforcement")).toBe(e.rateRatio!.lower);
    expect(cached(m, "rrUpper", "enforcement")).toBe(e.rateRatio!.upper);
    expect(cached(m, "eTestP", "enforcement")).toBe(e.eTestP);
    expect(cached(m, "harmChange", "enforcement")).toBeCloseTo(30 / 670 / (60 / 630) - 1, 12);
  });

  it("every targeted person overall; the comparison group's own column; shares; harm only when given for all", () => {
    expect(cached(m, "people", "overall")).toBe(3);
    expect(cached(m, "k0", "overall")).toBe(15);
    expect(cached(m, "rr", "overall")).toBe(s.overall.rateRatio!.ratio);
    expect(cached(m, "people", "comparison")).toBe(2);
    expect(cached(m, "share", "treatment")).toBe(0);
    expect(cached(m, "harm0", "treatment")).toBe("");
    expect(cached(m, "people", "both")).toBe("");
  });

  it("each group against the comparison: ratio of rate ratios with its interval; n/a when a count is 0", () => {
    expect(cached(m, "vsRatio", "enforcement")).toBe(e.vsComparison!.ratio);
    expect(cached(m, "logDiff", "enforcement")).toBeCloseTo(
      Math.log(5 / 670 / (12 / 630)) - Math.log(8 / 10),
      12,
    );
    expect(cached(m, "vsLower", "enforcement")).toBe(e.vsComparison!.lower);
    expect(cached(m, "vsRatio", "treatment")).toBe("n/a");
    expect(cached(m, "vsRatio", "comparison")).toBe("");
  });

  it("native formulas give the same figures (HyperFormula)", () => {
    expect(disagreements(build(HAND), ["Cohort"], 1e-7)).toEqual([]);
  });

  it("recalculates when a count changes (the formulas are live)", () => {
    const wb = build(HAND);
    const ev = evaluate(wb);
    const t = table(cohortSheet(wb), "HP_Cohort");
    ev.hf.setCellContents(
      { sheet: ev.hf.getSheetId("Cohort")!, ...parseCell(tableCellAddress(t, 0, "offencesAfter")) },
      7,
    );
    const { row, col } = resultAt(cohortSheet(wb), "k1", "enforcement");
    expect(ev.hf.getCellValue({ sheet: ev.hf.getSheetId("Cohort")!, row, col })).toBe(10);
  });
});

describe("Cohort native formulas agree with the core on random cohorts", () => {
  const row = fc.record({
    group: fc.constantFrom("Enforcement", "Treatment", "Both", "Comparison", "COMPARISON"),
    windowDays: fc.constantFrom(90, 182, 365),
    offencesBefore: fc.integer({ min: 0, max: 30 }),
    offencesAfter: fc.integer({ min: 0, max: 30 }),
    awayBefore: fc.integer({ min: 0, max: 60 }),
    awayAfter: fc.integer({ min: 0, max: 60 }),
    harm: fc.option(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })), {
      nil: undefined,
    }),
  });

  it("rates, exact intervals, shares, harm and the comparison (stored E-test aside)", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.boolean(), (rows, harmForAll) => {
        const cohort = rows.map((r, i) => {
          const harm = harmForAll ? (r.harm ?? [0, 0]) : r.harm;
          return person({
            reference: `R${i}`,
            group: r.group,
            windowDays: r.windowDays,
            offencesBefore: r.offencesBefore,
            offencesAfter: r.offencesAfter,
            daysNotAtLibertyBefore: r.awayBefore || null,
            daysNotAtLibertyAfter: r.awayAfter,
            ...(harm ? { harmBefore: harm[0], harmAfter: harm[1] } : {}),
          });
        });
        expect(disagreements(build(cohort), ["Cohort"], 1e-7)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it("exact interval: the native BETAINV limits are scipy's Clopper–Pearson limits (scripts/scipy-fixtures.py)", () => {
    const fixture = JSON.parse(
      fs.readFileSync(path.join(__dirname, "..", "..", "fixtures", "scipy", "rateratio.json"), "utf8"),
    ) as {
      cases: {
        countBefore: number;
        countAfter: number;
        exposureBefore: number;
        exposureAfter: number;
        confidence: number;
        ratio: number;
        lower: number;
        upper: number;
      }[];
    };
    const cases = fixture.cases
      .filter((c) => c.confidence === 0.95 && c.countBefore > 0 && c.countBefore + c.countAfter <= 20000)
      .slice(0, 40);
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) {
      // One person whose days at liberty are the exposures: window = the longer, the rest not at liberty.
      const w = Math.max(c.exposureBefore, c.exposureAfter);
      const wb = build([
        person({
          reference: "X",
          group: "Enforcement",
          windowDays: w,
          offencesBefore: c.countBefore,
          offencesAfter: c.countAfter,
          daysNotAtLibertyBefore: w - c.exposureBefore,
          daysNotAtLibertyAfter: w - c.exposureAfter,
        }),
      ]);
      const ev = evaluate(wb);
      const m = cohortSheet(wb);
      const get = (key: "rr" | "rrLower" | "rrUpper") => {
        const { row: r, col } = resultAt(m, key, "enforcement");
        return ev.hf.getCellValue({ sheet: ev.hf.getSheetId("Cohort")!, row: r, col }) as number;
      };
      const near = (a: number, b: number) => Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(b));
      expect([
        c,
        near(get("rr"), c.ratio),
        near(get("rrLower"), c.lower),
        near(get("rrUpper"), c.upper),
      ]).toEqual([c, true, true, true]);
    }
  });
});

describe("Row check", () => {
  const ok = person({ reference: "A", group: "Both", offencesBefore: 2, offencesAfter: 1 });
  const bad: [string, Partial<CohortRow>][] = [
    [CHECK_MESSAGES.group, { group: "Enforcment" }],
    [CHECK_MESSAGES.group, { group: null }],
    [CHECK_MESSAGES.window, { windowDays: 0 }],
    [CHECK_MESSAGES.window, { windowDays: "365" }],
    [CHECK_MESSAGES.offences("before"), { offencesBefore: null }],
    [CHECK_MESSAGES.offences("before"), { offencesBefore: 1.5 }],
    [CHECK_MESSAGES.offences("after"), { offencesAfter: -1 }],
    [CHECK_MESSAGES.away("before"), { daysNotAtLibertyBefore: 400 }],
    [CHECK_MESSAGES.away("after"), { daysNotAtLibertyAfter: "ten" }],
    [CHECK_MESSAGES.noLiberty("after"), { daysNotAtLibertyAfter: 365 }],
    [CHECK_MESSAGES.harm("before"), { harmBefore: -2 }],
    [CHECK_MESSAGES.harm("after"), { harmAfter: "high" }],
  ];

  it("names the first thing to fix, natively and in TypeScript alike, and holds every result at n/a", () => {
    for (const [message, change] of bad) {
      const r = { ...ok, ...change };
      expect(cohortRowCheck(r)).toBe(message);
      const wb = build([ok, r]);
      const m = cohortSheet(wb);
      const t = table(m, "HP_Cohort");
      expect(t.rows[1][colIndex(t, "check")]).toEqual(expect.objectContaining({ value: message }));
      expect(cached(m, "rr", "overall")).toBe("n/a");
      expect(disagreements(wb, ["Cohort"], 1e-7)).toEqual([]);
    }
    expect(cohortRowCheck(ok)).toBe("");
    expect(
      cohortRowCheck({
        reference: "",
        group: null,
        windowDays: null,
        offencesBefore: null,
        offencesAfter: null,
      }),
    ).toBe("");
  });

  it("a comparison group alone gives no results: the people targeted are needed", () => {
    const m = cohortSheet(build([person({ reference: "C", group: "Comparison", offencesBefore: 3 })]));
    expect(cached(m, "people", "comparison")).toBe("");
    expect(rightOf(m, "People targeted")).toBe(0);
    expect(rightOf(m, "Rows to fix (see Row check)")).toBe(0);
  });
});
