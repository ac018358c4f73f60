/**
 * The Net Benefit and Cohort sheets in real LibreOffice: recalculated from
 * scratch (every cached value removed first) they show no error cell, and
 * the recalculated figures are the core's (netBenefit, cohortSummary).
 */
import * as fs from "fs";
import * as path from "path";
import { blankOperation } from "../../src/core/operation";
import { netBenefit } from "../../src/core/netBenefit";
import { cohortSummary } from "../../src/core/stats/cohort";
import { evaluateCounts } from "../../src/core/stats/evaluate";
import { buildWorkbook, type BuildInput } from "../../src/sheets/build";
import { isFormulaCell, type SheetModel } from "../../src/sheets/model";
import { writeWorkbookXlsx } from "../../src/sheets/render/xlsx";
import { stripHarmFormulas } from "../../src/sheets/portable";
import { describeWith, libreOffice } from "../support/tools";
import { NO_COSTS } from "../../src/sheets/specs/summaryNetBenefit";
import { sheetsAsCsv, tempDir } from "./lo";

const maybe = describeWith("the LibreOffice Net Benefit and Cohort tests", [libreOffice()]);

const ERROR = /#NAME\?|#VALUE!|#DIV\/0!|#REF!|#N\/A|#NUM!|#NULL!|Err:\d+/;

const pair = (before: number, after: number) => ({ before, after });
const FILLED: BuildInput = {
  operation: { ...blankOperation(), name: "Op LibreOffice" },
  results: [
    { measure: "Drugs", target: pair(100, 60), control: pair(300, 290) },
    { measure: "Burglary", target: pair(40, 35), buffer: pair(30, 28), control: pair(200, 210) },
  ],
  netBenefit: {
    costs: [
      { item: "Officer time", hours: 1200, rate: 38.5 },
      { item: "Treatment places", amount: 15000 },
    ],
    unitCosts: [
      { offenceType: "Drugs", costPerOffence: 900 },
      { offenceType: "Burglary", costPerOffence: 5900 },
    ],
    uprating: 1.25,
  },
  cohort: [
    {
      reference: "P-001",
      group: "Enforcement",
      windowDays: 365,
      offencesBefore: 12,
      offencesAfter: 5,
      daysNotAtLibertyAfter: 40,
      harmBefore: 300,
      harmAfter: 90,
    },
    {
      reference: "P-002",
      group: "Enforcement",
      windowDays: 365,
      offencesBefore: 7,
      offencesAfter: 0,
      harmBefore: 70,
      harmAfter: 0,
    },
    {
      reference: "P-003",
      group: "Treatment",
      windowDays: 365,
      offencesBefore: 9,
      offencesAfter: 6,
      daysNotAtLibertyBefore: 20,
      harmBefore: 45,
      harmAfter: 30,
    },
    {
      reference: "P-004",
      group: "Both",
      windowDays: 365,
      offencesBefore: 15,
      offencesAfter: 3,
      harmBefore: 150,
      harmAfter: 10,
    },
    {
      reference: "C-001",
      group: "Comparison",
      windowDays: 365,
      offencesBefore: 10,
      offencesAfter: 8,
      harmBefore: 100,
      harmAfter: 80,
    },
    {
      reference: "C-002",
      group: "Comparison",
      windowDays: 365,
      offencesBefore: 6,
      offencesAfter: 6,
      harmBefore: 60,
      harmAfter: 55,
    },
  ],
};

function withoutCaches(sheets: SheetModel[]): SheetModel[] {
  const strip = <T>(v: T): T => (isFormulaCell(v) ? ({ formula: v.formula } as T) : v);
  return sheets.map((s) => ({
    ...s,
    cells: s.cells.map((c) => ({ ...c, value: strip(c.value) })),
    tables: s.tables.map((t) => ({ ...t, rows: t.rows.map((r) => r.map(strip)) })),
  }));
}

const errorsIn = (csv: Record<string, string[][]>, names: string[]): string[] =>
  names.flatMap((name) =>
    (csv[name] ?? [["missing sheet"]]).flatMap((r, i) =>
      r.flatMap((v, j) =>
        ERROR.test(v) || v === "missing sheet" ? [`${name}!R${i + 1}C${j + 1}: ${v}`] : [],
      ),
    ),
  );

/** The value right of a label in a sheet's CSV. */
function rightOf(csv: string[][], label: string, offset = 1): string {
  for (const r of csv) {
    const j = r.indexOf(label);
    if (j >= 0) return r[j + offset];
  }
  throw new Error(`no "${label}"`);
}

maybe("Net Benefit and Cohort in LibreOffice", () => {
  let dir: string;
  let blank: Record<string, string[][]>;
  let filled: Record<string, string[][]>;
  let portable: Record<string, string[][]>;

  beforeAll(async () => {
    dir = tempDir("hp-lo-nb-");
    const write = async (name: string, input: BuildInput) => {
      const file = path.join(dir, `${name}.xlsx`);
      fs.writeFileSync(file, await writeWorkbookXlsx(withoutCaches(buildWorkbook(input))));
      return sheetsAsCsv(file);
    };
    blank = await write("blank", { operation: blankOperation() });
    filled = await write("filled", FILLED);
    // A portable copy of the filled workbook as saved (cached values in place): the people left out.
    const copy = path.join(dir, "portable.xlsx");
    const saved = new Uint8Array(await writeWorkbookXlsx(buildWorkbook(FILLED)));
    fs.writeFileSync(copy, stripHarmFormulas(saved).bytes);
    portable = sheetsAsCsv(copy);
  }, 300_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("shows no error cell on either sheet, or on the Summary, blank or filled in", () => {
    expect(errorsIn(blank, ["Net Benefit", "Cohort", "Summary"])).toEqual([]);
    expect(errorsIn(filled, ["Net Benefit", "Cohort", "Summary"])).toEqual([]);
  });

  it("recalculates the net benefit to the core's figures, sentence included", () => {
    const nb = filled["Net Benefit"];
    const lengths = { before: 1, after: 1, unit: "months" as const };
    const prevented = FILLED.results!.map((r) => {
      const e = evaluateCounts({
        target: r.target,
        control: r.control,
        ...(r.buffer ? { buffer: r.buffer } : {}),
        lengths,
      });
      if (!e.netEffect.defined) throw new Error("net effect");
      return { offenceType: r.measure, ...e.netEffect.value };
    });
    const core = netBenefit({
      costs: FILLED.netBenefit!.costs!,
      unitCosts: FILLED.netBenefit!.unitCosts!.map((u) => ({
        offenceType: u.offenceType,
        costPerOffence: u.costPerOffence!,
      })),
      uplift: 1.25,
      prevented,
    });
    expect(Number(rightOf(nb, "Operation costs (£)").replace(/[£,]/g, ""))).toBeCloseTo(core.totalCost, 6);
    expect(Number(rightOf(nb, "Crimes prevented (net effect)"))).toBeCloseTo(core.prevented.estimate, 1);
    expect(Number(rightOf(nb, "Break-even crimes"))).toBeCloseTo(core.breakEvenCrimes, 1);
    expect(nb.flat()).toContain(core.sentence);
  });

  it("the Summary's net benefit line gives LibreOffice's own figure, and says where to enter costs when there are none", () => {
    const money = (v: string) => Number(v.replace(/[£,]/g, ""));
    const nb = filled["Net Benefit"];
    // One line: "Net benefit £57,488; benefit ÷ cost 1.23. …", rounded to whole pounds.
    const line = rightOf(filled.Summary, "Net benefit");
    const shown = /^Net benefit (-?£[\d,]+)/.exec(line);
    expect(shown).not.toBeNull();
    expect(money(shown![1])).toBe(Math.round(money(rightOf(nb, "Net benefit (£)"))));
    expect(rightOf(blank.Summary, "Net benefit")).toBe(NO_COSTS);
  });

  it("opens a portable copy with the results by group but none of the people", () => {
    expect(errorsIn(portable, ["Cohort", "Net Benefit", "Summary"])).toEqual([]);
    const text = portable.Cohort.flat().join("\n");
    for (const r of FILLED.cohort!) expect(text).not.toContain(r.reference);
    const row = (csv: string[][], label: string) => csv.find((r) => r.includes(label))!;
    const col = row(filled.Cohort, "All targeted").indexOf("All targeted");
    expect(Number(row(portable.Cohort, "Rate ratio (after ÷ before)")[col])).toBeCloseTo(
      Number(row(filled.Cohort, "Rate ratio (after ÷ before)")[col]),
      6,
    );
  });

  it("recalculates the cohort results to the core's figures, exact interval included", () => {
    const c = filled.Cohort;
    const s = cohortSummary(
      FILLED.cohort!.map((r) => ({
        group: String(r.group).toLowerCase() as "enforcement",
        windowDays: r.windowDays as number,
        offencesBefore: r.offencesBefore as number,
        offencesAfter: r.offencesAfter as number,
        daysNotAtLibertyBefore: (r.daysNotAtLibertyBefore as number) ?? 0,
        daysNotAtLibertyAfter: (r.daysNotAtLibertyAfter as number) ?? 0,
        harmBefore: r.harmBefore as number,
        harmAfter: r.harmAfter as number,
      })),
    );
    const h = c.findIndex((r) => r.includes("All targeted"));
    const col = c[h].indexOf("All targeted");
    const row = (label: string) => c.find((r) => r.includes(label))!;
    expect(Number(row("Rate ratio (after ÷ before)")[col])).toBeCloseTo(s.overall.rateRatio!.ratio, 2);
    expect(Number(row("Lower 95% (exact)")[col])).toBeCloseTo(s.overall.rateRatio!.lower, 2);
    expect(Number(row("Upper 95% (exact)")[col])).toBeCloseTo(s.overall.rateRatio!.upper, 2);
    expect(Number(row("Rate ratio ÷ the comparison's")[col])).toBeCloseTo(s.overall.vsComparison!.ratio, 2);
  });
});
