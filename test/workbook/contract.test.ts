/**
 * The workbook contract: every use case (src/app) run on the in-memory
 * workbook (the preview) and on the Office.js adapter (over the fake Excel
 * context) must leave the same workbook behind, compared cell by cell:
 * values, formulas, number formats, fills, tables and names.
 */
import type { Operation } from "../../src/core/operation";
import { operation } from "../support/operation";
import type { ResultsRow } from "../../src/core/evaluation";
import { HARM_TOTAL } from "../../src/core/evaluation";
import type { Scalar } from "../../src/sheets/model";
import { buildSheet, SHEET_ORDER, type SheetKey } from "../../src/sheets/build";
import { planUpsert, upsertRequest } from "../../src/sheets/plan/upsert";
import { planRefresh, refreshRequest } from "../../src/sheets/plan/refresh";
import { loadOperation, saveOperation } from "../../src/app/operation";
import { insertSheets, sheetClashes } from "../../src/app/insertSheets";
import { evaluateAndWrite } from "../../src/app/evaluateIncidents";
import { refreshSummary } from "../../src/app/refreshSummary";
import { insertFormula, listTables } from "../../src/app/tables";
import { insertFunction } from "../../src/app/insertFunction";
import { METADATA } from "../../src/functions/metadata";
import { cellAddress } from "../../src/sheets/a1";
import { CancelledError, PortError, type WorkbookPort } from "../../src/workbook/port";
import { memoryHarness, officeHarness, type Harness } from "./harness";

export const resultRow = (measure: string, t0: number, t1: number, note?: string): ResultsRow => ({
  measure,
  target: { before: t0, after: t1 },
  buffer: { before: 10, after: 9 },
  control: { before: 100, after: 98 },
  ...(note ? { note } : {}),
});

/** Control left to "every other area"; harm weights other than 1, so a harm-weighted total row is written. */
const weighted = (): Operation => ({
  ...operation(),
  controlAreas: [],
  harmWeights: [
    { offenceType: "Drugs", weight: 2 },
    { offenceType: "Burglary", weight: 5 },
  ],
});

const ALL: SheetKey[] = SHEET_ORDER.map((s) => s.key);

async function upsertResults(port: WorkbookPort, results: ResultsRow[]) {
  const model = buildSheet("results", { operation: operation(), results });
  return port.change(upsertRequest("HP_Results"), (s) => planUpsert(s, model, "HP_Results"));
}

async function resultsRows(port: WorkbookPort) {
  const data = await port.readTable("HP_Results");
  const i = (h: string) => data.headers.indexOf(h);
  return data.rows
    .filter((r) => r[i("Measure")] !== "" && r[i("Measure")] !== null)
    .map((r) => [r[i("Measure")], r[i("Target before")], r[i("Target after")], r[i("Note")]]);
}

/** Police.uk-shaped incident rows: month, area, type. */
const incidents = {
  headers: ["Month", "LSOA code", "Crime type"],
  rows: [
    ["2024-01", "W01001685", "Drugs"],
    ["2024-02", "W01001685", "Burglary"],
    ["2024-08", "W01001685", "Drugs"],
    ["2024-03", "W01001601", "Drugs"],
    ["2024-09", "W01000001", "Drugs"],
    ["2024-02", "W01000001", "Burglary"],
    ["2024-10", "W01000001", "Burglary"],
    ["2024-11", "W01000002", "Drugs"],
  ],
};

/** Each scenario runs on both adapters; the dumps must then agree cell for cell. */
const scenarios: { name: string; run: (h: Harness) => Promise<unknown> }[] = [
  {
    name: "save the operation, then save a change (only its named cells change)",
    run: async (h) => {
      await saveOperation(h.port, operation(), "2025-01-15");
      h.seedSheet("Notes", { A1: "analyst notes" });
      return saveOperation(h.port, { ...operation(), name: '=HYPERLINK("http://x")' }, "2025-01-15");
    },
  },
  {
    name: "insert every sheet, then update them, then add renamed copies",
    run: async (h) => {
      const a = await insertSheets(h.port, operation(), ALL, "update");
      const b = await insertSheets(h.port, operation(), ALL, "update");
      const c = await insertSheets(h.port, operation(), ["results", "summary"], "rename");
      return [a, b, c];
    },
  },
  {
    name: "insert over an analyst's own sheet of the same name",
    run: async (h) => {
      h.seedSheet("Results", { A1: "my own notes", B2: "=1+1" });
      return insertSheets(h.port, operation(), ["results"], "update");
    },
  },
  {
    name: "evaluate incidents with harm weights set, then recount",
    run: async (h) => {
      const op = weighted();
      // The Operation sheet's weights table is what counts: it is written with the sheets.
      await insertSheets(h.port, op, ALL, "update");
      const first = await evaluateAndWrite(h.port, {
        data: incidents,
        columns: { date: 0, area: 1, offenceType: 2 },
        operation: op,
        restOfForce: true,
        offenceTypes: [],
      });
      const again = await evaluateAndWrite(h.port, {
        data: incidents,
        columns: { date: 0, area: 1, offenceType: 2 },
        operation: op,
        restOfForce: true,
        offenceTypes: ["Drugs"],
      });
      return [first.report, again.report];
    },
  },
  {
    name: "evaluate into a workbook with no Results sheet, then build and refresh the Summary",
    run: async (h) => {
      await saveOperation(h.port, operation(), "2025-01-15");
      await evaluateAndWrite(h.port, {
        data: incidents,
        columns: { date: 0, area: 1, offenceType: 2 },
        operation: operation(),
        restOfForce: false,
        offenceTypes: [],
      });
      const a = await refreshSummary(h.port, operation());
      await upsertResults(h.port, [resultRow("Robbery", 4, 1)]);
      const b = await refreshSummary(h.port, operation());
      return [a, b];
    },
  },
  {
    name: "upsert Results rows: fill blank rows, update matches, append the rest",
    run: async (h) => {
      await insertSheets(h.port, operation(), ["results"], "update");
      await upsertResults(h.port, [resultRow("Drugs", 5, 3), resultRow("Burglary", 7, 8)]);
      return upsertResults(h.port, [resultRow("Drugs", 6, 2, "recount"), resultRow("Robbery", 1, 0)]);
    },
  },
  {
    name: "refresh a Summary the analyst has typed over",
    run: async (h) => {
      const model = buildSheet("summary", { operation: operation(), results: [resultRow("Drugs", 5, 3)] });
      await h.port.change(refreshRequest(model), (s) => planRefresh(s, model));
      h.seedSheet("Other", {});
      return h.port.change(refreshRequest(model), (s) => planRefresh(s, model));
    },
  },
  {
    name: "insert a formula into the active cell",
    run: async (h) => {
      h.seedSheet("Notes", { A1: "x" });
      h.select("Notes", "C3");
      return insertFormula(h.port, "=HARM.CHANGE(20,15)");
    },
  },
  {
    name: "insert a function on a Results row: that row's cells",
    run: async (h) => {
      await insertSheets(h.port, operation(), ["operation", "results"], "update");
      await upsertResults(h.port, [resultRow("Drugs", 5, 3)]);
      const t = (await h.port.read({ tables: ["HP_Results"] })).tableData[0];
      h.select("Results", cellAddress(t.top + 1, t.left + t.headers.length + 1));
      const id = "HARM.WDQ";
      return insertFunction(h.port, {
        id,
        example: "=HARM.WDQ(1,2,3,4,5,6)",
        parameters: METADATA[id].parameters,
      });
    },
  },
];

describe("workbook contract: every use case leaves the same workbook on both adapters", () => {
  it.each(scenarios.map((s) => [s.name, s] as const))("%s", async (_name, s) => {
    const memory = memoryHarness();
    const office = officeHarness();
    const a = await s.run(memory);
    const b = await s.run(office);
    expect(a).toEqual(b);
    const dm = memory.dump();
    const dx = office.dump();
    expect(dm.sheets).toEqual(dx.sheets);
    expect(dm.tables).toEqual(dx.tables);
    expect(dm.names.sort((x, y) => x.name.localeCompare(y.name))).toEqual(
      dx.names.sort((x, y) => x.name.localeCompare(y.name)),
    );
    for (const sheet of dm.sheets) expect([sheet, dm.cells[sheet]]).toEqual([sheet, dx.cells[sheet]]);
    expect(Object.keys(dm.cells[dm.sheets[0]] ?? {}).length).toBeGreaterThan(0);
  });

  it("the comparison notices a difference in one cell", async () => {
    const memory = memoryHarness();
    const office = officeHarness();
    for (const h of [memory, office]) await insertSheets(h.port, operation(), ["results"], "update");
    await upsertResults(office.port, [resultRow("Drugs", 5, 3)]);
    await upsertResults(memory.port, [resultRow("Drugs", 5, 4)]);
    expect(memory.dump().cells.Results).not.toEqual(office.dump().cells.Results);
  });
});

/** Behaviour each adapter must show on its own. */
describe.each([
  ["memory", () => memoryHarness()],
  ["office", () => officeHarness()],
])("use cases on the %s adapter", (_label, make) => {
  let h: Harness;
  beforeEach(() => {
    h = make();
  });

  it("starts empty", async () => {
    expect((await h.port.read()).sheets).toEqual([]);
    expect(await listTables(h.port)).toEqual([]);
    expect(await loadOperation(h.port)).toBeNull();
  });

  it("inserts all the sheets in order, with their tables; next time only changed sheets clash", async () => {
    const report = await insertSheets(h.port, operation(), ALL, "update");
    expect(report.plans.map((p) => p.action)).toEqual(Array(SHEET_ORDER.length).fill("create"));
    expect((await h.port.read()).sheets).toEqual(SHEET_ORDER.map((s) => s.name));
    expect((await listTables(h.port)).find((t) => t.name === "HP_Results")).toEqual({
      name: "HP_Results",
      sheet: "Results",
      rows: 2,
    });
    // Sheets Harm Planner made and nobody has changed are updated without asking.
    expect(await sheetClashes(h.port, ["results", "summary"], operation())).toEqual([]);
    await h.port.change({}, () => ({
      ops: [{ op: "write", sheet: "Summary", range: "A1", cells: [["My summary"]] }],
      result: null,
    }));
    expect(await sheetClashes(h.port, ["results", "summary"], operation())).toEqual(["Summary"]);
  });

  it("update keeps every existing row and value and adds only missing rows", async () => {
    await insertSheets(h.port, operation(), ["results"], "update");
    await upsertResults(h.port, [resultRow("Drugs", 5, 3)]);
    const report = await insertSheets(h.port, operation(), ["results"], "update");
    expect(report.plans).toEqual([{ sheet: "Results", action: "update", finalName: "Results" }]);
    expect(report.keptValues.Results).toBeGreaterThan(0);
    expect(await resultsRows(h.port)).toEqual([["Drugs", 5, 3, ""]]);
  });

  it("rename leaves the original alone and adds a copy with its own table name", async () => {
    await insertSheets(h.port, operation(), ["results"], "update");
    const report = await insertSheets(h.port, operation(), ["results"], "rename");
    expect(report.plans).toEqual([{ sheet: "Results", action: "rename", finalName: "Results (2)" }]);
    expect((await listTables(h.port)).map((t) => [t.name, t.sheet])).toEqual([
      ["HP_Results", "Results"],
      ["HP_Results_2", "Results (2)"],
    ]);
  });

  it("never touches an analyst's sheet that happens to share a name", async () => {
    h.seedSheet("Results", { A1: "my own notes" });
    const report = await insertSheets(h.port, operation(), ["results"], "update");
    expect(report.plans[0]).toEqual({ sheet: "Results", action: "rename", finalName: "Results (2)" });
    expect(report.notes.join(" ")).toMatch(/kept as it is/);
    expect(h.cell("Results", "A1")).toBe("my own notes");
  });

  it("saves the operation, reads it back and updates only its named cells, text as text", async () => {
    const op = operation();
    const first = await saveOperation(h.port, op, "2025-02-02");
    expect(first).toMatchObject({ saved: true, created: true });
    expect(await loadOperation(h.port)).toMatchObject({
      name: op.name,
      force: op.force,
      preparedOn: op.preparedOn,
      targetAreas: op.targetAreas,
      bufferAreas: op.bufferAreas,
      controlAreas: op.controlAreas,
      before: op.before,
      after: op.after,
    });
    const changed = {
      ...op,
      name: '=HYPERLINK("http://x")',
      after: { start: "2024-08-01", end: "2024-12-31" },
    };
    const second = await saveOperation(h.port, changed, "2025-02-02");
    expect(second).toMatchObject({ saved: true, created: false });
    expect((await h.port.read()).sheets).toEqual(["Operation"]);
    const again = await loadOperation(h.port);
    expect(again?.name).toBe(changed.name);
    expect(again?.after.start).toBe("2024-08-01");
  });

  it("refuses to save an operation with problems, writing nothing", async () => {
    const r = await saveOperation(h.port, { ...operation(), name: " " }, "2025-02-02");
    expect(r).toEqual({ saved: false, problems: ["Give the operation a name."] });
    expect((await h.port.read()).sheets).toEqual([]);
  });

  it("upserts Results rows: creates the sheet, then updates matches and appends the rest", async () => {
    const created = await upsertResults(h.port, [resultRow("Drugs", 5, 3), resultRow("Burglary", 7, 8)]);
    expect(created).toMatchObject({ sheet: "Results", createdSheet: true, added: ["Drugs", "Burglary"] });
    const next = await upsertResults(h.port, [
      resultRow("Drugs", 6, 2, "recount"),
      resultRow("Robbery", 1, 0),
    ]);
    expect(next).toMatchObject({ createdSheet: false, updated: ["Drugs"], added: ["Robbery"] });
    expect(await resultsRows(h.port)).toEqual([
      ["Drugs", 6, 2, "recount"],
      ["Burglary", 7, 8, ""],
      ["Robbery", 1, 0, ""],
    ]);
  });

  it("writes the harm-weighted row's stored WDD and n/a cells (they were blank in the preview)", async () => {
    const op = weighted();
    await insertSheets(h.port, op, ALL, "update");
    await evaluateAndWrite(h.port, {
      data: incidents,
      columns: { date: 0, area: 1, offenceType: 2 },
      operation: op,
      restOfForce: true,
      offenceTypes: [],
    });
    const data = await h.port.readTable("HP_Results");
    const row = data.rows.find((r) => r[0] === HARM_TOTAL)!;
    const at = (header: string) => row[data.headers.indexOf(header)];
    expect(at("Poisson Z")).toBe("n/a");
    expect(typeof at("WDD") === "number" || at("WDD") === "n/a").toBe(true);
    expect(h.cell("Results", "A1")).not.toBe("");
  });

  it("reads a large table in steps with progress, and stops when cancelled", async () => {
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
    const ctl = new AbortController();
    ctl.abort();
    await expect(h.port.readTable("Incidents", { signal: ctl.signal })).rejects.toBeInstanceOf(
      CancelledError,
    );
    await expect(h.port.readTable("Nope")).rejects.toBeInstanceOf(PortError);
  });

  it("inserts a formula into the active cell, but never over something already there", async () => {
    h.seedSheet("Notes");
    h.select("Notes", "B2");
    expect(await insertFormula(h.port, "=HARM.CHANGE(20,15)")).toBe("Notes!B2");
    expect(h.cell("Notes", "B2")).toBe("=HARM.CHANGE(20,15)");
    await expect(insertFormula(h.port, "=HARM.CHANGE(1,2)")).rejects.toThrow(/not empty/);
    expect(h.cell("Notes", "B2")).toBe("=HARM.CHANGE(20,15)");
  });

  it("refreshes the Summary: creates it, then extends its table to the Results rows", async () => {
    const op = operation();
    await upsertResults(h.port, [resultRow("Drugs", 5, 3)]);
    const first = await refreshSummary(h.port, op);
    expect(first).toMatchObject({ built: true, report: { created: true, finalName: "Summary" } });
    await upsertResults(h.port, [resultRow("Burglary", 7, 8), resultRow("Robbery", 1, 0)]);
    const again = await refreshSummary(h.port, op);
    expect(again).toMatchObject({ built: true, report: { created: false, finalName: "Summary" } });
    expect(
      (await listTables(h.port)).find((t) => t.name === "HP_SummaryResults")?.rows,
    ).toBeGreaterThanOrEqual(3);
  });

  it("says there is nothing to summarise before there is a Results sheet", async () => {
    expect(await refreshSummary(h.port, operation())).toEqual({ built: false, reason: "no-results" });
  });

  it("refreshing the Summary never writes over an analyst's own sheet called Summary", async () => {
    h.seedSheet("Summary", { A1: "my summary", B9: "=1+1", K28: "=A1" });
    await upsertResults(h.port, [resultRow("Drugs", 5, 3)]);
    const r = await refreshSummary(h.port, operation());
    expect(r).toMatchObject({ built: true, report: { created: true, finalName: "Summary (2)" } });
    expect(h.cell("Summary", "A1")).toBe("my summary");
    expect(h.cell("Summary", "B9")).toBe("=1+1");
    expect(h.cell("Summary", "K28")).toBe("=A1");
  });
});
