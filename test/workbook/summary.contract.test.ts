/**
 * One reading of the results: the Summary shows what the Results sheet says,
 * never a verdict of its own. With months missing from the after period the
 * Results rows say "Not judged: … months missing", and so must the Summary,
 * on the in-memory workbook (the preview) and through Office.js alike.
 */
import { evaluateAndWrite, type EvaluateRequest } from "../../src/app/evaluateIncidents";
import { refreshSummary } from "../../src/app/refreshSummary";
import type { Operation } from "../../src/core/operation";
import { operation } from "../support/operation";
import { colLetters } from "../../src/sheets/a1";
import { memoryHarness, officeHarness, type Harness } from "./harness";

/** Police.uk-shaped rows from November 2023 to September 2024: October to December 2024 have none. */
const MONTHS = [
  "2023-11",
  "2023-12",
  ...Array.from({ length: 9 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`),
];
const rows = MONTHS.flatMap((m, i) => [
  ...Array.from({ length: 12 + (i % 3) }, () => [m, "W01001685", "Drugs"]),
  ...Array.from({ length: 10 + (i % 2) }, () => [m, "W01001685", "Burglary"]),
  ...Array.from({ length: 4 + (i % 4) }, () => [m, "W01001601", "Drugs"]),
  ...Array.from({ length: 200 + 7 * i }, () => [m, "W01000001", "Drugs"]),
  ...Array.from({ length: 150 + 3 * i }, () => [m, "W01000001", "Burglary"]),
]);

const request = (op: Operation, offenceTypes: string[] = []): EvaluateRequest => ({
  data: { headers: ["Month", "LSOA code", "Crime type"], rows },
  columns: { date: 0, area: 1, offenceType: 2 },
  operation: op,
  restOfForce: false,
  offenceTypes,
});

async function evaluateThenSummarise(h: Harness) {
  await evaluateAndWrite(h.port, request(operation()));
  return refreshSummary(h.port, operation());
}

/** A table's column by header, as the workbook shows it. */
async function column(h: Harness, table: string, header: string): Promise<unknown[]> {
  const t = await h.port.readTable(table);
  const j = t.headers.indexOf(header);
  if (j < 0) throw new Error(`no column ${header} in ${table}: ${t.headers.join(", ")}`);
  return t.rows.map((r) => r[j]);
}

/** The status word of a verdict. */
const label = (verdict: unknown) => String(verdict).split(":")[0].replace(" (borderline)", "");

describe("Summary contract: it reads the Results rows, months missing included", () => {
  it.each([
    ["memory", () => memoryHarness()],
    ["office", () => officeHarness()],
  ] as const)("on the %s adapter, the Summary says what Results says", async (_k, make) => {
    const h = make();
    const outcome = await evaluateThenSummarise(h);
    if (!outcome.built) throw new Error("no Summary");
    const verdicts = (await column(h, "HP_Results", "Verdict")).filter((v) => v !== "" && v !== null);
    expect(verdicts.length).toBeGreaterThan(1);
    for (const v of verdicts) expect(v).toMatch(/^Not judged: 3 months missing in the after period/);
    // Each row's status is its Results verdict's label; the checks say which months are missing.
    const status = (await column(h, "HP_SummaryResults", "Status")).filter((v) => v !== "" && v !== null);
    expect(status).toEqual(verdicts.map(label));
    // The sentence at the top and the pane's notice: the headline row's verdict, in the same words.
    expect(outcome.headline.status).toBe("Not judged");
    expect(outcome.headline.sentence).toMatch(/^All selected crime: target .* a month \(/);
    expect(outcome.headline.sentence).toContain(`. ${verdicts[0]}.`);
    const sheet = await h.port.read({ ranges: [{ sheet: "Summary", address: "A1:I40" }] });
    const shown = sheet.rangeData[0].values.flat();
    expect(shown).toContain(outcome.headline.sentence);
    expect(shown).toContain("Not judged");
    expect(shown.some((v) => /^\d+\. 3 months missing in the after period/.test(String(v)))).toBe(true);
  });

  it("reports the row the headline formula reads even when its counts are blank, as the sheet shows it", async () => {
    for (const h of [memoryHarness(), officeHarness()]) {
      await evaluateAndWrite(h.port, request(operation()));
      // The analyst clears the first row's target count: that row is left out of the table below the sentence,
      // but the sentence's formula still reads the first row (no row is marked Headline?).
      const t = (await h.port.read({ tables: ["HP_Results"] })).tableData[0];
      const j = t.headers.indexOf("Target before");
      const cell = `${colLetters(t.left + j)}${t.top + 2}`;
      await h.port.change({}, () => ({
        ops: [{ op: "write", sheet: t.sheet, range: cell, cells: [[""]] }],
        result: null,
      }));
      const outcome = await refreshSummary(h.port, operation());
      expect(outcome.built).toBe(true);
      if (!outcome.built) continue;
      expect(outcome.skipped.map((x) => x.measure)).toEqual(["All selected crime"]);
      expect(outcome.headline.sentence).toBe(
        "All selected crime: the counts on the Results sheet are incomplete, so there is no verdict yet.",
      );
      const sheet = await h.port.read({ ranges: [{ sheet: "Summary", address: "A1:I10" }] });
      expect(sheet.rangeData[0].values.flat()).toContain(outcome.headline.sentence);
    }
  });

  it("leaves the same workbook on both adapters", async () => {
    const memory = memoryHarness();
    const office = officeHarness();
    expect(await evaluateThenSummarise(memory)).toEqual(await evaluateThenSummarise(office));
    const dm = memory.dump();
    const dx = office.dump();
    expect(dm.sheets).toEqual(dx.sheets);
    expect(dm.tables).toEqual(dx.tables);
    for (const sheet of dm.sheets) expect([sheet, dm.cells[sheet]]).toEqual([sheet, dx.cells[sheet]]);
  });

  it("rebuilds a Summary nobody typed on when the Results grow, so nothing sits under its table", async () => {
    for (const h of [memoryHarness(), officeHarness()]) {
      await evaluateAndWrite(h.port, request(operation(), ["Drugs"]));
      const first = await refreshSummary(h.port, operation());
      expect(first).toMatchObject({ built: true, report: { created: true } });
      await evaluateAndWrite(h.port, request(operation()));
      const again = await refreshSummary(h.port, operation());
      expect(again).toMatchObject({
        built: true,
        results: 3,
        report: { rebuilt: true, finalName: "Summary" },
      });
      const sheets = (await h.port.read()).sheets;
      expect(sheets.filter((x) => x.startsWith("Summary"))).toEqual(["Summary"]);
      const t = (await h.port.read({ tables: ["HP_SummaryResults"] })).tableData[0];
      expect(t.values.map((r) => r[0])).toEqual(["All selected crime", "Drugs", "Burglary"]);
      // The footnotes start two rows below the table's last row (a blank row, then their heading).
      const below = await h.port.read({
        ranges: [
          { sheet: "Summary", address: `A${t.top + t.values.length + 2}:A${t.top + t.values.length + 4}` },
        ],
      });
      expect(below.rangeData[0].values.map((r) => String(r[0]))).toEqual([
        "",
        "Checks behind the results (numbered in the Checks column)",
        expect.stringMatching(/^1\. /),
      ]);
    }
  });

  it("keeps a Summary the analyst typed on and adds a copy when its table no longer fits", async () => {
    for (const h of [memoryHarness(), officeHarness()]) {
      await evaluateAndWrite(h.port, request(operation(), ["Drugs"]));
      await refreshSummary(h.port, operation());
      await h.port.change({}, () => ({
        ops: [{ op: "write", sheet: "Summary", range: "K1", cells: [["Seen by the inspector"]] }],
        result: null,
      }));
      await evaluateAndWrite(h.port, request(operation()));
      const again = await refreshSummary(h.port, operation());
      expect(again).toMatchObject({ built: true, report: { created: true, finalName: "Summary (2)" } });
      if (again.built) expect(again.report.note).toMatch(/kept as it is/);
      expect(h.cell("Summary", "K1")).toBe("Seen by the inspector");
    }
  });
});
