/**
 * The Net Benefit sheet: cached values come from the core (netBenefit), the
 * native formulas (evaluated in HyperFormula) give the same figures, and the
 * arithmetic, interval carried through, matches a hand calculation.
 */
import fc from "fast-check";
import { blankOperation, POLICE_UK_CRIME_TYPES } from "../../../src/core/operation";
import { netBenefit } from "../../../src/core/netBenefit";
import { evaluateCounts } from "../../../src/core/stats/evaluate";
import { buildWorkbook, type BuildInput, type ResultsRow } from "../../../src/sheets/build";
import { isFormulaCell, type SheetModel } from "../../../src/sheets/model";
import { parseCell } from "../../../src/sheets/a1";
import { HEEKS_NOTE, NET_BENEFIT_NAMES as N } from "../../../src/sheets/specs/netBenefit";
import { LISTED_ABOVE, STATUS } from "../../../src/sheets/specs/netBenefitFormulas";
import { gbNumberFormula } from "../../../src/sheets/specs/numberText";
import { NO_COSTS } from "../../../src/sheets/specs/summaryNetBenefit";
import { HyperFormula } from "hyperformula";
import { disagreements } from "./cachedAgree";
import { colIndex, evaluate, sheet, table, tableCellAddress } from "./workbookHelpers";

const pair = (before: number, after: number) => ({ before, after });
const RESULTS: ResultsRow[] = [
  { measure: "All selected crime", target: pair(150, 110), control: pair(600, 590) },
  { measure: "Drugs", target: pair(100, 60), control: pair(300, 290) },
  { measure: "Burglary", target: pair(40, 35), buffer: pair(30, 28), control: pair(200, 210) },
  { measure: "Robbery", target: pair(12, 9), control: pair(0, 4) }, // control 0: net effect n/a
];
const FILLED: BuildInput = {
  operation: blankOperation(),
  results: RESULTS,
  netBenefit: {
    costs: [
      { item: "Officer time", hours: 1200, rate: 38.5 },
      { item: "Treatment places", amount: 15000 },
      { item: "Overtime", hours: 10, rate: 60, amount: 1000 },
      { item: "Not costed yet" },
    ],
    unitCosts: [
      { offenceType: "Drugs", costPerOffence: 900, priceYear: "2015/16", source: "Illustrative" },
      { offenceType: "Burglary", costPerOffence: 5900 },
      { offenceType: "Robbery", costPerOffence: 11300 },
    ],
    uprating: 1.25,
  },
};

const named = (wb: SheetModel[], name: string) => {
  const m = sheet(wb, "net-benefit");
  const ref = m.names
    .find((n) => n.name === name)!
    .ref.replace(/\$/g, "")
    .split(":")[0];
  const v = m.cells.find((c) => c.address === ref)!.value;
  return { address: ref, cached: isFormulaCell(v) ? v.value : v };
};

describe("Net Benefit: layout and the shipped blank", () => {
  const wb = buildWorkbook({ operation: blankOperation() });
  const m = sheet(wb, "net-benefit");

  it("lists every police.uk offence type with no cost per offence: no figures are shipped", () => {
    const t = table(m, "HP_UnitCosts");
    expect(t.rows.map((r) => r[colIndex(t, "offenceType")])).toEqual([...POLICE_UK_CRIME_TYPES]);
    for (const key of ["costPerOffence", "priceYear", "source"])
      expect(t.rows.map((r) => r[colIndex(t, key)])).toEqual(t.rows.map(() => null));
    expect(m.cells.map((c) => c.value)).toContain(HEEKS_NOTE);
    expect(HEEKS_NOTE).toMatch(/Heeks et al\. 2018, Table 1, 2015\/16 prices/);
  });

  it("has an editable costs table (amount = hours × rate when blank) and an uprating factor of 1", () => {
    const t = table(m, "HP_OperationCosts");
    expect(t.columns.map((c) => [c.header, c.computed])).toEqual([
      ["Item", false],
      ["Hours", false],
      ["Rate (£ per hour)", false],
      ["Amount (£)", false],
      ["Cost (£)", true],
    ]);
    expect(named(wb, N.uprating).cached).toBe(1);
  });

  it("shows what to fill in, not figures, until costs and costs per offence are entered", () => {
    expect(named(wb, N.sentence).cached).toBe(STATUS.noCost);
    for (const n of [N.netBenefit, N.breakEven, N.prevented, N.ratio]) expect(named(wb, n).cached).toBe("");
    expect(disagreements(wb, ["Net Benefit", "Summary"])).toEqual([]);
  });
});

describe("Net Benefit cached values come from the core", () => {
  const wb = buildWorkbook(FILLED);
  const lengths = { before: 1, after: 1, unit: "months" as const };
  const prevented = RESULTS.filter((r) => ["Drugs", "Burglary"].includes(r.measure)).map((r) => {
    const e = evaluateCounts({
      target: r.target,
      control: r.control,
      ...(r.buffer ? { buffer: r.buffer } : {}),
      lengths,
    });
    if (!e.netEffect.defined) throw new Error("no net effect");
    return { offenceType: r.measure, ...e.netEffect.value };
  });
  const core = netBenefit({
    costs: [
      { item: "Officer time", hours: 1200, rate: 38.5 },
      { item: "Treatment places", amount: 15000 },
      { item: "Overtime", amount: 1000 },
    ],
    unitCosts: [
      { offenceType: "Drugs", costPerOffence: 900 },
      { offenceType: "Burglary", costPerOffence: 5900 },
    ],
    uplift: 1.25,
    prevented,
  });

  it("totals, interval, break-even and the sentence (Robbery's net effect is n/a, so it is not counted)", () => {
    expect(named(wb, N.totalCost).cached).toBeCloseTo(46200 + 15000 + 1000, 9);
    expect(named(wb, N.prevented).cached).toBeCloseTo(core.prevented.estimate, 12);
    expect(named(wb, N.benefit).cached).toBeCloseTo(core.benefit.estimate, 9);
    expect(named(wb, N.netBenefit).cached).toBeCloseTo(core.netBenefit.estimate, 9);
    expect(named(wb, N.ratio).cached).toBeCloseTo(core.benefitCostRatio.estimate, 12);
    expect(named(wb, N.breakEven).cached).toBeCloseTo(core.breakEvenCrimes, 12);
    expect(named(wb, N.sentence).cached).toBe(core.sentence);
    const t = table(sheet(wb, "net-benefit"), "HP_UnitCosts");
    const robbery = t.rows.findIndex((r) => r[0] === "Robbery");
    expect(t.rows[robbery][colIndex(t, "prevented")]).toEqual(expect.objectContaining({ value: "n/a" }));
  });

  it("native formulas agree with every cached value, the Summary's lines included", () => {
    expect(disagreements(wb, ["Net Benefit", "Summary"], 1e-9)).toEqual([]);
  });

  it("the Summary's line gives the net benefit and the break-even sentence once costs per offence are in", () => {
    const s = sheet(wb, "summary");
    const line = (sheetModel: typeof s) => {
      const c = sheetModel.cells.find((x) => x.value === "Net benefit")!;
      const { row, col } = parseCell(c.address);
      const v = sheetModel.cells.find(
        (x) => parseCell(x.address).row === row && parseCell(x.address).col === col + 1,
      )!.value;
      return isFormulaCell(v) ? v : null;
    };
    const pounds = Math.round(core.netBenefit.estimate).toLocaleString("en-GB");
    expect(line(s)!.value).toBe(
      `Net benefit ${core.netBenefit.estimate < 0 ? "-" : ""}£${pounds.replace("-", "")}; ` +
        `benefit ÷ cost ${Math.round(core.benefitCostRatio.estimate * 100) / 100}. ${core.sentence}`,
    );
    expect(line(s)!.formula).toContain(`ISNUMBER(${N.netBenefit})`);
    // Without costs, one line says where to enter them: never an empty box.
    const blank = sheet(buildWorkbook({ ...FILLED, netBenefit: undefined }), "summary");
    expect(line(blank)!.value).toBe(NO_COSTS);
    expect(NO_COSTS).toMatch(/enter the operation's costs.*Net Benefit sheet/);
  });
});

describe("Net Benefit arithmetic against a hand calculation (HyperFormula)", () => {
  // The core's worked example (test/core/netBenefit.test.ts): Burglary 10 (2 to 18) at £5,000,
  // Robbery 3 (−1 to 7) at £10,000, uplift 1.2; costs £18,000 + £2,000 + £1,000.
  const wb = buildWorkbook({
    operation: blankOperation(),
    results: [
      { measure: "Burglary", target: pair(50, 40), control: pair(100, 100) },
      { measure: "Robbery", target: pair(50, 40), control: pair(100, 100) },
    ],
    netBenefit: {
      costs: [
        { item: "Officer time", hours: 400, rate: 45 },
        { item: "Test purchases", amount: 2000 },
        { item: "Overtime", hours: 10, rate: 60, amount: 1000 },
      ],
      unitCosts: [
        { offenceType: "Burglary", costPerOffence: 5000 },
        { offenceType: "Robbery", costPerOffence: 10000 },
      ],
      uprating: 1.2,
    },
  });
  const ev = evaluate(wb);
  // Put the example's net effects and intervals into the Results rows, as an analyst could type them.
  const res = table(sheet(wb, "results"), "HP_Results");
  const resultsId = ev.hf.getSheetId("Results")!;
  const put = (i: number, key: string, v: number) =>
    ev.hf.setCellContents({ sheet: resultsId, ...parseCell(tableCellAddress(res, i, key)) }, v);
  [
    [10, 2, 18],
    [3, -1, 7],
  ].forEach(([e, l, u], i) => {
    put(i, "tne", e);
    put(i, "tneLower", l);
    put(i, "tneUpper", u);
  });
  const value = (name: string, offset = 0) => {
    const { address } = named(wb, name);
    const { row, col } = parseCell(address);
    return ev.hf.getCellValue({ sheet: ev.hf.getSheetId("Net Benefit")!, row, col: col + offset });
  };

  it("crimes prevented 13, half-widths √(8² + 4²) = √80 either side", () => {
    expect(value(N.prevented)).toBeCloseTo(13, 9);
    expect(value(N.prevented, 1)).toBeCloseTo(13 - Math.sqrt(80), 9);
    expect(value(N.prevented, 2)).toBeCloseTo(13 + Math.sqrt(80), 9);
  });

  it("benefit £96,000 ± √(48,000² + 48,000²); net benefit £75,000; ratio 96/21", () => {
    const half = Math.hypot(48000, 48000);
    expect(value(N.benefit)).toBeCloseTo(96000, 6);
    expect(value(N.benefit, 1)).toBeCloseTo(96000 - half, 6);
    expect(value(N.benefit, 2)).toBeCloseTo(96000 + half, 6);
    expect(value(N.netBenefit)).toBeCloseTo(75000, 6);
    expect(value(N.netBenefit, 1)).toBeCloseTo(96000 - half - 21000, 6);
    expect(value(N.ratio)).toBeCloseTo(96000 / 21000, 12);
    expect(value(N.ratio, 2)).toBeCloseTo((96000 + half) / 21000, 9);
  });

  it("break-even = £21,000 ÷ (£96,000 ÷ 13 crimes) = 2.84 crimes, so at least 3, in a plain sentence", () => {
    expect(value(N.weightedUnitCost)).toBeCloseTo(96000 / 13, 9);
    expect(value(N.breakEven)).toBeCloseTo(21000 / (96000 / 13), 9);
    expect(value(N.sentence)).toBe(
      "The operation pays for itself if it prevented at least 3 crimes; the central estimate is 13 (interval 4.1 to 21.9).",
    );
  });

  it("recalculates when a cost per offence changes (the formulas are live)", () => {
    const t = table(sheet(wb, "net-benefit"), "HP_UnitCosts");
    const i = t.rows.findIndex((r) => r[0] === "Robbery");
    const at = parseCell(tableCellAddress(t, i, "costPerOffence"));
    ev.hf.setCellContents({ sheet: ev.hf.getSheetId("Net Benefit")!, ...at }, 20000);
    expect(value(N.benefit)).toBeCloseTo(60000 + 3 * 24000, 6);
  });
});

describe("Net Benefit native formulas agree with the cached values", () => {
  const TYPES = ["Drugs", "Burglary", "Robbery", "Shoplifting", "Vehicle crime"];
  const scenario = fc.record({
    results: fc.array(
      fc.record({
        type: fc.constantFrom(...TYPES),
        counts: fc.tuple(...Array.from({ length: 4 }, () => fc.integer({ min: 0, max: 400 }))),
      }),
      { maxLength: 5 },
    ),
    costs: fc.array(
      fc.record({
        hours: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
        rate: fc.option(fc.double({ min: 0, max: 80, noNaN: true }), { nil: undefined }),
        amount: fc.option(fc.integer({ min: -100, max: 50000 }), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    unitCosts: fc.array(
      fc.record({
        type: fc.constantFrom(...TYPES, "Not on Results"),
        cost: fc.integer({ min: 0, max: 20000 }),
      }),
      { maxLength: 5 },
    ),
    uprating: fc.constantFrom(1, 1.234, 0, -1),
  });

  it("on random costs, costs per offence, net effects and upratings (statuses included)", () => {
    const seen = new Set<unknown>();
    fc.assert(
      fc.property(scenario, (s) => {
        const wb = buildWorkbook({
          operation: blankOperation(),
          include: ["results", "net-benefit"],
          results: s.results.map((r) => ({
            measure: r.type,
            target: pair(r.counts[0], r.counts[1]),
            control: pair(r.counts[2], r.counts[3]),
          })),
          netBenefit: {
            costs: s.costs.map((c, i) => ({
              item: `Item ${i}`,
              hours: c.hours,
              rate: c.rate,
              amount: c.amount,
            })),
            // The first cost given for a type wins (a later one would be "listed twice" on the sheet).
            unitCosts: s.unitCosts
              .filter((u, i) => s.unitCosts.findIndex((v) => v.type === u.type) === i)
              .map((u) => ({ offenceType: u.type, costPerOffence: u.cost })),
            uprating: s.uprating,
          },
        });
        const sentence = String(named(wb, N.sentence).cached);
        seen.add(sentence.startsWith("The operation pays") ? "sentence" : sentence);
        expect(disagreements(wb, ["Net Benefit"], 1e-7)).toEqual([]);
      }),
      { numRuns: 40 },
    );
    // Figures, and most of the reasons they are not shown.
    expect(seen).toContain("sentence");
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it("counts a repeated offence type once and says so", () => {
    const wb = buildWorkbook(FILLED);
    const m = sheet(wb, "net-benefit");
    const t = table(m, "HP_UnitCosts");
    // The analyst adds Drugs again at the bottom, as a second row with its own cost.
    const last = t.rows.length - 1;
    t.rows[last] = t.rows[last].map((v, j) => (j === 0 ? "drugs" : j === 1 ? 5 : v));
    const ev = evaluate(wb);
    expect(ev.value("Net Benefit", tableCellAddress(t, last, "prevented"))).toBe(LISTED_ABOVE);
    const { address } = named(wb, N.prevented);
    const before = named(buildWorkbook(FILLED), N.prevented).cached as number;
    expect(ev.value("Net Benefit", address)).toBeCloseTo(before, 9);
  });
});

describe("numbers in the sentence are written as en-GB Intl writes them (one decimal, grouped)", () => {
  it("on random values", () => {
    const intl = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
    const values = fc.sample(
      fc.oneof(
        fc.double({ min: -2e6, max: 2e6, noNaN: true }),
        fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }),
        // A billion and over: an interval limit can reach it when the comparison areas had 1 crime before.
        fc.constantFrom(
          0,
          -0.04,
          0.05,
          999.96,
          1000,
          999_999.95,
          1_000_000,
          12.25,
          1_000_049_007,
          999_999_999.96,
        ),
      ),
      300,
    );
    const hf = HyperFormula.buildFromArray(
      values.map((v) => [v, null]),
      { licenseKey: "gpl-v3", smartRounding: false },
    );
    values.forEach((v, i) => {
      hf.setCellContents({ sheet: 0, row: i, col: 1 }, `=${gbNumberFormula(`A${i + 1}`)}`);
      const want = intl.format(v).replace(/^-0$/, "0");
      expect([v, hf.getCellValue({ sheet: 0, row: i, col: 1 })]).toEqual([v, want]);
    });
  });
});
