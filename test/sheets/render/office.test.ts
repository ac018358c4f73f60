import { blankOperation } from "../../../src/core/operation";
import { buildWorkbook, SHEET_ORDER, type ResultsRow } from "../../../src/sheets/build";
import type { SheetModel } from "../../../src/sheets/model";
import { existingSheetNames, insertSheets } from "../../support/live";
import { MAX_SYNC_BYTES } from "../../../src/workbook/office";
import { createFakeExcel } from "../../support/fakeExcel";
import { cellAddress, parseCell } from "../../../src/sheets/a1";
import { fixtureSheets, INJECTION } from "./fixtures";

describe("fake Excel context behaves like Office.js where it matters", () => {
  it("defers load results until sync and counts syncs", async () => {
    const fake = createFakeExcel();
    fake.seedSheet("Data", { A1: 5 });
    const range = fake.context.workbook.worksheets.getItem("Data").getRange("A1");
    range.load("values");
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    await fake.context.sync();
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
    expect(range.values).toEqual([[5]]);
    expect(fake.syncs).toBe(1);
  });

  it("rejects the batch on a duplicate sheet or a wrongly sized array", async () => {
    const fake = createFakeExcel();
    fake.seedSheet("Data");
    fake.context.workbook.worksheets.add("data");
    await expect(fake.context.sync()).rejects.toThrow(/already exists/);
    fake.context.workbook.worksheets.getItem("Data").getRange("A1:B1").values = [[1]];
    await expect(fake.context.sync()).rejects.toThrow(/must be 1×2/);
  });

  it("stores text behind an apostrophe and turns an unescaped '=' into a formula", async () => {
    const fake = createFakeExcel();
    fake.seedSheet("Data");
    fake.context.workbook.worksheets.getItem("Data").getRange("A1:B1").values = [["'=1+1", "=1+1"]];
    await fake.context.sync();
    expect(fake.cell("Data", "A1")).toMatchObject({ value: "=1+1", quoted: true });
    expect(fake.cell("Data", "A1")?.formula).toBeUndefined();
    expect(fake.cell("Data", "B1")?.formula).toBe("=1+1");
  });
});

describe("insertSheets into an empty workbook", () => {
  it("lists existing sheet names in one sync", async () => {
    const fake = createFakeExcel();
    fake.seedSheet("Sheet1");
    expect(await existingSheetNames(fake.context)).toEqual(["Sheet1"]);
    expect(fake.syncs).toBe(1);
  });

  it("writes every sheet's structure in two syncs: the workbook's lists, then the plan", async () => {
    const fake = createFakeExcel();
    const report = await insertSheets(fake.context, fixtureSheets(), "rename");
    expect(fake.syncs).toBe(2);
    expect(fake.sheetNames()).toEqual(["Operation", "Harm Matrix", "Responses", "Results", "Summary"]);
    expect(report.plans.map((p) => p.action)).toEqual(["create", "create", "create", "create", "create"]);

    // Cells, styles, formats, merges, names, validation.
    expect(fake.values("Operation", "A4:B4")).toEqual([["Operation name", "Op Clearwater"]]);
    expect(fake.cell("Operation", "A1")?.font).toMatchObject({ bold: true, size: 16 });
    expect(fake.cell("Operation", "B4")?.fill).toBe("#FFF2CC");
    expect(fake.cell("Operation", "B6")).toMatchObject({ value: 46000, numberFormat: "dd/mm/yyyy" });
    expect(fake.sheet("Operation").merges).toContain("A1:D1");
    expect(fake.sheet("Operation").tabColor).toBe("#1F3864");
    expect(fake.sheet("Operation").columnWidths.get(1)).toBeGreaterThan(
      fake.sheet("Operation").columnWidths.get(0)!,
    );
    expect(fake.names.get("hp_operationname")).toMatchObject({
      sheet: "Operation",
      formula: "='Operation'!B4",
    });
    expect(fake.sheet("Operation").validations).toEqual([
      expect.objectContaining({
        address: "B6",
        rule: { date: expect.objectContaining({ operator: "GreaterThanOrEqualTo" }) },
      }),
    ]);
    expect(fake.sheet("Operation").freeze).toEqual({ rows: 3, columns: 0 });

    // Table: name, style, headers, rows, formulas, column formats and validation.
    const t = fake.table("HP_HarmMatrix");
    expect(t.sheet.name).toBe("Harm Matrix");
    expect(t.style).toBe("TableStyleMedium2");
    expect(fake.tableHeaders("HP_HarmMatrix")).toEqual(["Harm", "Severity", "Extent", "Score"]);
    expect(fake.tableRows("HP_HarmMatrix")[0]).toEqual([
      "Violence linked to the market",
      4,
      3,
      "=[@Severity]*[@Extent]",
    ]);
    expect(fake.cell("Harm Matrix", "D5")?.numberFormat).toBe("0.0");
    const hv = fake.sheet("Harm Matrix").validations.find((v) => v.address === "B5:B7");
    expect(hv?.rule).toEqual({ wholeNumber: { formula1: 1, formula2: 5, operator: "Between" } });
    expect(hv?.prompt).toMatchObject({ showPrompt: true, title: "Severity" });
    expect(fake.sheet("Harm Matrix").conditionalFormats[0]).toMatchObject({
      address: "D5:D7",
      type: "ColorScale",
    });
    expect(fake.sheet("Harm Matrix").conditionalFormats[0].criteria.maximum.color).toBe("#F8696B");
    expect(fake.sheet("Harm Matrix").freeze).toEqual({ rows: 4, columns: 1 });
    expect(fake.sheet("Harm Matrix").pageLayout).toMatchObject({
      printArea: "$A$1:$D$20",
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 },
    });

    // An empty table keeps one blank row; drop-downs come from the list and the workbook name.
    expect(fake.table("HP_Responses").range).toMatchObject({ top: 3, bottom: 4 });
    const rv = fake.sheet("Responses").validations;
    expect(rv.find((v) => v.address === "B5")?.rule).toEqual({
      list: { inCellDropDown: true, source: "=HP_HarmLabels" },
    });
    expect(rv.find((v) => v.address === "C5")?.rule).toEqual({
      list: { inCellDropDown: true, source: "Police,Council,Health,Other" },
    });
    expect(fake.cell("Responses", "C2")?.formula).toBe("=COUNTA('Harm Matrix'!A5:A7)");

    // Chart.
    expect(fake.sheet("Summary").charts).toEqual([
      expect.objectContaining({
        type: "ColumnClustered",
        source: "A3:C5",
        seriesBy: "Columns",
        title: "Before and after",
        from: "E3",
        to: "L18",
      }),
    ]);
  });

  it.each([10, 5000])("needs two syncs with %i Results rows", async (n) => {
    const fake = createFakeExcel();
    await insertSheets(fake.context, fixtureSheets(n), "rename");
    expect(fake.syncs).toBe(2);
    expect(fake.tableRows("HP_Results")).toHaveLength(n);
    // One 2-D write for the whole data body, not a write per row.
    expect(fake.calls.filter((c) => c.startsWith("Results!A5:")).length).toBe(1);
  });

  it("writes text that looks like a formula as literal text", async () => {
    const fake = createFakeExcel();
    await insertSheets(fake.context, fixtureSheets(), "rename");
    const injected = fake.cell("Harm Matrix", "A7");
    expect(injected).toMatchObject({ value: INJECTION, quoted: true });
    expect(injected?.formula).toBeUndefined();
    expect(fake.cell("Operation", "B5")).toMatchObject({ value: "-started after a tip-off" });
    expect(fake.cell("Operation", "B5")?.formula).toBeUndefined();
    // Real formulas stay formulas.
    expect(fake.cell("Results", "G5")?.formula).toBe("=SUM(HP_Results[Change])");
  });
});

describe("insertSheets guards against batch-breaking input", () => {
  it("leaves out a drop-down list longer than Excel's 255-character limit instead of failing the batch", async () => {
    const sheets = fixtureSheets();
    const lead = sheets[2].tables[0].columns[2];
    lead.validation = {
      kind: "list",
      values: Array.from({ length: 40 }, (_, i) => `Partner organisation ${i}`),
    };
    const fake = createFakeExcel();
    await insertSheets(fake.context, sheets, "rename");
    expect(fake.sheet("Responses").validations.find((v) => v.address === "C5")).toBeUndefined();
    expect(fake.sheet("Responses").validations.find((v) => v.address === "B5")).toBeDefined();
  });

  it("escapes a header that Excel would otherwise read as a formula", async () => {
    const sheets = fixtureSheets();
    sheets[1].tables[0].columns[1].header = "-Severity";
    const fake = createFakeExcel();
    await insertSheets(fake.context, sheets, "rename");
    expect(fake.cell("Harm Matrix", "B4")).toMatchObject({ value: "-Severity", quoted: true });
  });
});

describe("insertSheets never overwrites an analyst's sheet", () => {
  function analystWorkbook() {
    const fake = createFakeExcel();
    fake.seedTable(
      "Harm Matrix",
      "HP_HarmMatrix",
      "A4",
      ["Harm", "Severity", "My notes"],
      [
        ["Violence linked to the market", 5, "analyst's own view"],
        ["Street dealing near school", 3, ""],
      ],
    );
    fake.seedName("HP_HarmLabels", "Harm Matrix", "A5:A6");
    return fake;
  }

  it('"rename" leaves the sheet alone and creates "Harm Matrix (2)" with its own table and names', async () => {
    const fake = analystWorkbook();
    const before = fake.values("Harm Matrix", "A4:C6");
    const report = await insertSheets(fake.context, fixtureSheets(), "rename");
    expect(fake.values("Harm Matrix", "A4:C6")).toEqual(before);
    expect(report.plans.find((p) => p.sheet === "Harm Matrix")).toEqual({
      sheet: "Harm Matrix",
      action: "rename",
      finalName: "Harm Matrix (2)",
    });
    expect(fake.table("HP_HarmMatrix").sheet.name).toBe("Harm Matrix");
    expect(fake.table("HP_HarmMatrix_2").sheet.name).toBe("Harm Matrix (2)");
    expect(fake.names.get("hp_harmlabels")?.sheet).toBe("Harm Matrix");
    expect(fake.names.get("hp_harmlabels_2")?.sheet).toBe("Harm Matrix (2)");
    // References inside the new set point at the new copy.
    expect(fake.cell("Responses", "C2")?.formula).toBe("=COUNTA('Harm Matrix (2)'!A5:A7)");
    expect(fake.sheet("Responses").validations.find((v) => v.address === "B5")?.rule.list.source).toBe(
      "=HP_HarmLabels_2",
    );
    expect(fake.syncs).toBe(2); // "rename" reads no existing table
  });

  it("picks the next free suffix", async () => {
    const fake = analystWorkbook();
    fake.seedSheet("Harm Matrix (2)", { A1: "older copy" });
    const report = await insertSheets(fake.context, fixtureSheets(), "rename");
    expect(report.plans[1].finalName).toBe("Harm Matrix (3)");
    expect(fake.values("Harm Matrix (2)", "A1")).toEqual([["older copy"]]);
  });

  it('"update" keeps typed values and adds missing columns and starter rows', async () => {
    const fake = analystWorkbook();
    const report = await insertSheets(fake.context, fixtureSheets(), (name) =>
      name === "Harm Matrix" ? "update" : "rename",
    );
    // Lists, the existing table's cells, then the plan.
    expect(fake.syncs).toBe(3);
    expect(fake.sheetNames().filter((n) => n.startsWith("Harm Matrix"))).toEqual(["Harm Matrix"]);
    expect(report.plans[1]).toEqual({ sheet: "Harm Matrix", action: "update", finalName: "Harm Matrix" });
    // Existing columns and typed values unchanged; new ones at the right edge.
    expect(fake.tableHeaders("HP_HarmMatrix")).toEqual(["Harm", "Severity", "My notes", "Extent", "Score"]);
    const rows = fake.tableRows("HP_HarmMatrix");
    expect(rows[0].slice(0, 3)).toEqual(["Violence linked to the market", 5, "analyst's own view"]);
    expect(rows[1].slice(0, 3)).toEqual(["Street dealing near school", 3, ""]);
    // Matched row gets the model's value in the new column; the analyst's own row gets the row formula.
    expect(rows[0][3]).toBe(3);
    expect(rows[1][4]).toBe("=[@Severity]*[@Extent]");
    // Missing starter rows at the bottom, injection kept literal.
    expect(rows.slice(2).map((r) => r[0])).toEqual(["Discarded needles", INJECTION]);
    expect(rows[2]).toEqual(["Discarded needles", 2, "", 4, "=[@Severity]*[@Extent]"]);
    expect(fake.cell("Harm Matrix", "A8")?.formula).toBeUndefined();
    expect(report.addedColumns["Harm Matrix"]).toEqual(["Extent", "Score"]);
    expect(report.addedRows["Harm Matrix"]).toBe(2);
    expect(report.keptValues["Harm Matrix"]).toBe(5);
    // The workbook name the analyst already has is left as it was.
    expect(fake.names.get("hp_harmlabels")?.sheet).toBe("Harm Matrix");
    expect(fake.calls.some((c) => /Harm Matrix!A[56]/.test(c))).toBe(false);
  });

  it('"update" on a sheet without the expected table keeps it and adds a renamed copy', async () => {
    const fake = createFakeExcel();
    fake.seedSheet("Results", { A1: "my own results", B2: 42 });
    const report = await insertSheets(fake.context, fixtureSheets(), "update");
    expect(fake.values("Results", "A1:B2")).toEqual([
      ["my own results", ""],
      ["", 42],
    ]);
    expect(report.plans.find((p) => p.sheet === "Results")).toMatchObject({
      action: "rename",
      finalName: "Results (2)",
    });
    expect(report.notes.join(" ")).toMatch(/Results/);
    expect(fake.table("HP_Results").sheet.name).toBe("Results (2)");
  });
});

describe("insertSheets with the eight built sheets", () => {
  const rows = (n: number): ResultsRow[] =>
    Array.from({ length: n }, (_, i) => ({
      measure: `Measure ${i + 1}`,
      target: { before: 100 + (i % 7), after: 50 + (i % 5) },
      buffer: { before: 100, after: 150 },
      control: { before: 100, after: 100 },
    }));

  /** Built once with 10 rows, then long tables repeated to n rows (the specs' own cost is not under test here). */
  const built = buildWorkbook({ operation: { ...blankOperation(), name: "Op Test" }, results: rows(10) });
  const scaled = (n: number): SheetModel[] =>
    built.map((s) => ({
      ...s,
      tables: s.tables.map((t) =>
        t.rows.length === 10 ? { ...t, rows: Array.from({ length: n }, (_, i) => t.rows[i % 10]) } : t,
      ),
    }));

  it.each([10, 5000])(
    "writes all eight sheets in few syncs, each under Excel's 5 MB, with %i Results rows",
    async (n) => {
      const sheets = scaled(n);
      const fake = createFakeExcel();
      const report = await insertSheets(fake.context, sheets, "rename");
      // One sync to read, then one per batch of up to 4 MB: never a sync per row.
      if (n === 10) expect(fake.syncs).toBe(2);
      expect(fake.largestRequest).toBeLessThanOrEqual(5 * 1024 * 1024);
      expect(fake.syncs - 1).toBeLessThanOrEqual(1 + Math.ceil(fake.sentBytes / (MAX_SYNC_BYTES / 2)));
      expect(report.plans.every((p) => p.action === "create")).toBe(true);
      expect(fake.sheetNames()).toEqual(SHEET_ORDER.map((s) => s.name));
      expect(fake.tableRows("HP_Results")).toHaveLength(n);
      for (const s of sheets) {
        for (const t of s.tables) {
          expect(fake.table(t.name).sheet.name).toBe(s.name);
          expect(fake.tableHeaders(t.name)).toEqual(t.columns.map((c) => c.header));
        }
        for (const nm of s.names) expect(fake.names.get(nm.name.toLowerCase())?.sheet).toBe(s.name);
        expect(fake.sheet(s.name).charts).toHaveLength(s.charts.length);
        if (s.print) expect(fake.sheet(s.name).pageLayout.printArea).toBeDefined();
      }
      // Each table's data body goes in 2-D writes of many rows: one unless it passes the request size.
      const results = sheets.find((s) => s.key === "results")!.tables[0];
      const tl = parseCell(results.topLeft);
      const bodyWrites = fake.calls.filter((c) =>
        c.startsWith(`Results!${cellAddress(tl.row + 1, tl.col)}:`),
      );
      expect(bodyWrites).toHaveLength(1);
      const blocks = fake.calls.filter((c) => c.startsWith("Results!") && c.endsWith(".formulas="));
      expect(blocks.length).toBeLessThanOrEqual(Math.ceil(fake.sentBytes / (MAX_SYNC_BYTES / 2)) + 2);
    },
  );

  it('inserting twice with "update" keeps everything and adds nothing new', async () => {
    const fake = createFakeExcel();
    await insertSheets(fake.context, built, "rename");
    const t = fake.table("HP_HarmMatrix");
    const typedAt = `B${t.range.top + 2}`;
    fake.cell("Harm Matrix", typedAt)!.value = "typed by the analyst";
    const before = fake.syncs;
    const report = await insertSheets(fake.context, built, "update");
    expect(fake.syncs - before).toBeLessThanOrEqual(3);
    expect(report.plans.every((p) => p.action === "update")).toBe(true);
    expect(fake.sheetNames()).toHaveLength(SHEET_ORDER.length);
    expect(Object.values(report.addedRows).every((n) => n === 0)).toBe(true);
    expect(Object.values(report.addedColumns).every((c) => c.length === 0)).toBe(true);
    expect(fake.cell("Harm Matrix", typedAt)?.value).toBe("typed by the analyst");
  });

  it('inserting twice with "rename" makes a second, self-consistent set', async () => {
    const fake = createFakeExcel();
    await insertSheets(fake.context, built, "rename");
    const report = await insertSheets(fake.context, built, "rename");
    expect(report.plans.map((p) => p.finalName)).toEqual(SHEET_ORDER.map((s) => `${s.name} (2)`));
    expect(fake.sheetNames()).toHaveLength(2 * SHEET_ORDER.length);
    // Formulas in the copies refer to the copies, never to the first set.
    const originals = SHEET_ORDER.map((s) => s.name);
    for (const name of report.plans.map((p) => p.finalName)) {
      for (const c of fake.sheet(name).cells.values()) {
        if (!c.formula) continue;
        for (const o of originals) expect(c.formula).not.toContain(`'${o}'!`);
        expect(c.formula).not.toMatch(/\bHP_[A-Za-z]+(?!_2)\b(?![_\w])/);
      }
    }
  });
});

describe("drop-down lists that draw on another sheet's list", () => {
  const harmColumn = (fake: ReturnType<typeof createFakeExcel>) => {
    const t = fake.table("HP_Results");
    const j = fake.tableHeaders("HP_Results").indexOf("Harm");
    const col = String.fromCharCode(65 + t.range.left + j);
    return fake.sheet("Results").validations.find((v) => v.address.startsWith(`${col}${t.range.top + 2}`));
  };

  it("are left out, with a note, when the Harm Matrix's list will not exist (Excel would reject the batch)", async () => {
    const fake = createFakeExcel();
    const only = buildWorkbook({ operation: blankOperation(), include: ["results"] });
    const report = await insertSheets(fake.context, only, "rename");
    expect(harmColumn(fake)).toBeUndefined();
    expect(report.notes.join(" ")).toMatch(/Results.*HP_HarmLabels.*Insert the Harm Matrix sheet first/);
  });

  it("are set when the Harm Matrix comes in the same batch or is already there", async () => {
    const fake = createFakeExcel();
    const report = await insertSheets(fake.context, buildWorkbook({ operation: blankOperation() }), "rename");
    expect(report.notes).toEqual([]);
    expect(JSON.stringify(harmColumn(fake)?.rule)).toContain("HP_HarmLabels");

    const later = createFakeExcel();
    await insertSheets(
      later.context,
      buildWorkbook({ operation: blankOperation(), include: ["harm-matrix"] }),
      "rename",
    );
    await insertSheets(
      later.context,
      buildWorkbook({ operation: blankOperation(), include: ["results"] }),
      "rename",
    );
    expect(JSON.stringify(harmColumn(later)?.rule)).toContain("HP_HarmLabels");
  });
});
