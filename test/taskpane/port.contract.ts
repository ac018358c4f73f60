/**
 * The WorkbookPort contract: MemoryWorkbook (preview) and OfficeWorkbook
 * (Excel, here over the fake RequestContext) must behave the same way.
 * Imported by memory.test.ts and office.test.ts.
 */
import { blankOperation, type Operation } from "../../src/core/operation";
import { buildSheet, buildWorkbook, SHEET_ORDER, type ResultsRow } from "../../src/sheets/build";
import type { Scalar } from "../../src/sheets/model";
import { CancelledError, PortError, type WorkbookPort } from "../../src/taskpane/port/types";

export interface PortHarness {
  port: WorkbookPort;
  seedSheet(name: string, cells?: Record<string, Scalar>): void;
  seedTable(sheet: string, name: string, headers: string[], rows: Scalar[][]): void;
  /** Makes `address` on `sheet` the active cell (the fake Excel's selection is always the first sheet's A1). */
  select(sheet: string, address: string): void;
  /** The formula text, else the value, of a cell; "" when empty. */
  cell(sheet: string, address: string): Scalar;
}

export function operation(): Operation {
  return {
    ...blankOperation(),
    name: "Operation Test",
    force: "Gwent Police",
    analyst: "A. Analyst",
    preparedOn: "2025-01-15",
    targetAreas: ["W01001685"],
    bufferAreas: ["W01001601", "W01001603"],
    controlAreas: ["W01000001"],
    before: { start: "2024-01-01", end: "2024-06-30" },
    after: { start: "2024-07-01", end: "2024-12-31" },
  };
}

const row = (measure: string, t0: number, t1: number, note?: string): ResultsRow => ({
  measure,
  target: { before: t0, after: t1 },
  buffer: { before: 10, after: 9 },
  control: { before: 100, after: 98 },
  ...(note ? { note } : {}),
});

async function resultsRows(port: WorkbookPort, table = "HP_Results") {
  const data = await port.readTable(table);
  const i = (h: string) => data.headers.indexOf(h);
  return data.rows
    .filter((r) => r[i("Measure")] !== "" && r[i("Measure")] !== null)
    .map((r) => ({
      measure: r[i("Measure")],
      tBefore: r[i("Target before")],
      tAfter: r[i("Target after")],
      note: r[i("Note")],
    }));
}

export function describePortContract(label: string, make: () => PortHarness): void {
  describe(`WorkbookPort contract: ${label}`, () => {
    let h: PortHarness;
    beforeEach(() => {
      h = make();
    });

    it("starts with no sheets, tables or operation", async () => {
      expect(await h.port.listSheets()).toEqual([]);
      expect(await h.port.listTables()).toEqual([]);
      expect(await h.port.readOperation()).toBeNull();
    });

    it("inserts all eight sheets in order, with their tables", async () => {
      const report = await h.port.insertSheets(buildWorkbook({ operation: operation() }), "update");
      expect(report.plans.map((p) => p.action)).toEqual(Array(8).fill("create"));
      expect(await h.port.listSheets()).toEqual(SHEET_ORDER.map((s) => s.name));
      const tables = await h.port.listTables();
      expect(tables.find((t) => t.name === "HP_Results")).toEqual({
        name: "HP_Results",
        sheet: "Results",
        rows: 2,
      });
    });

    it("update keeps every existing row and value and adds only missing rows", async () => {
      const op = operation();
      await h.port.insertSheets(
        [buildSheet("results", { operation: op, results: [row("Drugs", 5, 3)] })],
        "update",
      );
      const report = await h.port.insertSheets(
        [buildSheet("results", { operation: op, results: [row("Drugs", 50, 30), row("Burglary", 7, 8)] })],
        "update",
      );
      expect(report.plans).toEqual([{ sheet: "Results", action: "update", finalName: "Results" }]);
      expect(report.addedRows).toEqual({ Results: 1 });
      expect(report.keptValues.Results).toBeGreaterThan(0);
      expect(await h.port.listSheets()).toEqual(["Results"]);
      const rows = await resultsRows(h.port);
      expect(rows.map((r) => [r.measure, r.tBefore, r.tAfter])).toEqual([
        ["Drugs", 5, 3],
        ["Burglary", 7, 8],
      ]);
    });

    it("rename leaves the original alone and adds a copy with its own table name", async () => {
      const model = buildSheet("results", { operation: operation(), results: [row("Drugs", 5, 3)] });
      await h.port.insertSheets([model], "update");
      const report = await h.port.insertSheets([model], "rename");
      expect(report.plans).toEqual([{ sheet: "Results", action: "rename", finalName: "Results (2)" }]);
      expect(await h.port.listSheets()).toEqual(["Results", "Results (2)"]);
      const tables = await h.port.listTables();
      expect(tables.map((t) => [t.name, t.sheet])).toEqual([
        ["HP_Results", "Results"],
        ["HP_Results_2", "Results (2)"],
      ]);
    });

    it("never touches an analyst's sheet that happens to share a name", async () => {
      h.seedSheet("Results", { A1: "my own notes" });
      const report = await h.port.insertSheets([buildSheet("results", { operation: operation() })], "update");
      expect(report.plans[0]).toEqual({ sheet: "Results", action: "rename", finalName: "Results (2)" });
      expect(report.notes.join(" ")).toMatch(/kept as it is/);
      expect(h.cell("Results", "A1")).toBe("my own notes");
    });

    it("writes the operation, reads it back and updates only its named cells", async () => {
      const op = operation();
      const first = await h.port.writeOperation(buildSheet("operation", { operation: op }));
      expect(first.created).toBe(true);
      const back = await h.port.readOperation();
      expect(back).toMatchObject({
        name: op.name,
        force: op.force,
        analyst: op.analyst,
        preparedOn: op.preparedOn,
        targetAreas: op.targetAreas,
        bufferAreas: op.bufferAreas,
        controlAreas: op.controlAreas,
        before: op.before,
        after: op.after,
      });
      // A name typed as "=…" is text, never a formula.
      const changed = {
        ...op,
        name: '=HYPERLINK("http://x")',
        after: { start: "2024-08-01", end: "2024-12-31" },
      };
      const second = await h.port.writeOperation(buildSheet("operation", { operation: changed }));
      expect(second.created).toBe(false);
      expect(second.written).toBeGreaterThan(0);
      expect(await h.port.listSheets()).toEqual(["Operation"]);
      const again = await h.port.readOperation();
      expect(again?.name).toBe(changed.name);
      expect(again?.after.start).toBe("2024-08-01");
    });

    it("upserts Results rows: creates the sheet, fills blank rows, updates matches, appends the rest", async () => {
      const op = operation();
      const created = await h.port.upsertTableRows(
        buildSheet("results", { operation: op, results: [row("Drugs", 5, 3), row("Burglary", 7, 8)] }),
        "HP_Results",
      );
      expect(created).toMatchObject({ sheet: "Results", createdSheet: true, added: ["Drugs", "Burglary"] });
      const next = await h.port.upsertTableRows(
        buildSheet("results", {
          operation: op,
          results: [row("Drugs", 6, 2, "recount"), row("Robbery", 1, 0)],
        }),
        "HP_Results",
      );
      expect(next).toMatchObject({ createdSheet: false, updated: ["Drugs"], added: ["Robbery"] });
      expect((await resultsRows(h.port)).map((r) => [r.measure, r.tBefore, r.tAfter, r.note])).toEqual([
        ["Drugs", 6, 2, "recount"],
        ["Burglary", 7, 8, ""],
        ["Robbery", 1, 0, ""],
      ]);
    });

    it("fills the blank starter rows of a freshly inserted Results sheet before appending", async () => {
      const op = operation();
      await h.port.insertSheets([buildSheet("results", { operation: op })], "update");
      const r = await h.port.upsertTableRows(
        buildSheet("results", { operation: op, results: [row("A", 1, 2), row("B", 3, 4), row("C", 5, 6)] }),
        "HP_Results",
      );
      expect(r.added).toEqual(["A", "B", "C"]);
      expect((await h.port.listTables()).find((t) => t.name === "HP_Results")?.rows).toBe(3);
    });

    it("reads a large table in blocks with progress, and stops when cancelled", async () => {
      const rows: Scalar[][] = Array.from({ length: 12_345 }, (_, i) => [
        `2024-0${(i % 9) + 1}`,
        `W0100${i % 50}`,
        i,
      ]);
      h.seedTable("Data", "Incidents", ["Month", "LSOA code", "N"], rows);
      const progress: number[] = [];
      const data = await h.port.readTable("incidents", { onProgress: (done) => progress.push(done) });
      expect(data.headers).toEqual(["Month", "LSOA code", "N"]);
      expect(data.rows.length).toBe(12_345);
      expect(data.rows[12_344]).toEqual(rows[12_344]);
      expect(progress[progress.length - 1]).toBe(12_345);
      expect(progress.length).toBeGreaterThanOrEqual(1);
      const ctl = new AbortController();
      ctl.abort();
      await expect(h.port.readTable("Incidents", { signal: ctl.signal })).rejects.toBeInstanceOf(
        CancelledError,
      );
      await expect(h.port.readTable("Nope")).rejects.toBeInstanceOf(PortError);
    });

    it("inserts a formula into the active cell, but never over something already there", async () => {
      h.seedSheet("Notes");
      h.select("Notes", "A1");
      const where = await h.port.insertFormula("=HARM.CHANGE(20,15)");
      expect(where).toMatch(/Notes'?!\$?A\$?1$/);
      expect(h.cell("Notes", "A1")).toBe("=HARM.CHANGE(20,15)");
      await expect(h.port.insertFormula("=HARM.CHANGE(1,2)")).rejects.toThrow(/not empty/);
      expect(h.cell("Notes", "A1")).toBe("=HARM.CHANGE(20,15)");
    });

    it("refreshes the Summary: creates it, then extends its table to the Results rows", async () => {
      const op = operation();
      const one = [row("Drugs", 5, 3)];
      const first = await h.port.refreshSheet(buildSheet("summary", { operation: op, results: one }));
      expect(first).toMatchObject({ created: true, finalName: "Summary" });
      const three = [...one, row("Burglary", 7, 8), row("Robbery", 1, 0)];
      const again = await h.port.refreshSheet(buildSheet("summary", { operation: op, results: three }));
      expect(again).toMatchObject({ created: false, finalName: "Summary", addedRows: 2 });
      expect((await h.port.listTables()).find((t) => t.name === "HP_SummaryResults")?.rows).toBe(3);
    });

    it("refreshing the Summary never writes over an analyst's own sheet called Summary", async () => {
      h.seedSheet("Summary", { A1: "my summary", B9: "=1+1", K28: "=A1" });
      const report = await h.port.refreshSheet(
        buildSheet("summary", { operation: operation(), results: [row("Drugs", 5, 3)] }),
      );
      expect(report).toMatchObject({ created: true, finalName: "Summary (2)" });
      expect(h.cell("Summary", "A1")).toBe("my summary");
      expect(h.cell("Summary", "B9")).toBe("=1+1");
      expect(h.cell("Summary", "K28")).toBe("=A1");
      expect(await h.port.listSheets()).toEqual(["Summary", "Summary (2)"]);
    });
  });
}
