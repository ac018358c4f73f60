/**
 * Plans for arbitrary sheet models, carried out on both workbook adapters:
 * cases the use-case contract (test/workbook/contract.test.ts) does not reach,
 * because its use cases always build the sheets from the operation alone.
 */
import type { ResultsRow } from "../../../src/core/evaluation";
import type { SheetModel } from "../../../src/sheets/model";
import { buildSheet } from "../../../src/sheets/build";
import { insertRequest, planInsert, type ClashChoice } from "../../../src/sheets/plan/insert";
import { planUpsert, upsertRequest } from "../../../src/sheets/plan/upsert";
import { planRefresh, refreshRequest } from "../../../src/sheets/plan/refresh";
import { operationRequest, planWriteOperation } from "../../../src/sheets/plan/operation";
import { listTables } from "../../../src/app/tables";
import { loadOperation } from "../../../src/app/operation";
import type { WorkbookPort } from "../../../src/workbook/port";
import { memoryHarness, officeHarness, type Harness } from "../../workbook/harness";
import { operation } from "../../support/operation";

const row = (measure: string, t0: number, t1: number): ResultsRow => ({
  measure,
  target: { before: t0, after: t1 },
  buffer: { before: 10, after: 9 },
  control: { before: 100, after: 98 },
});
const results = (rows: ResultsRow[]) => buildSheet("results", { operation: operation(), results: rows });

const insert = (port: WorkbookPort, models: SheetModel[], onClash: ClashChoice) =>
  port.change(insertRequest(models, onClash), (s) => planInsert(s, models, onClash));
const upsert = (port: WorkbookPort, model: SheetModel) =>
  port.change(upsertRequest("HP_Results"), (s) => planUpsert(s, model, "HP_Results"));

async function resultsRows(port: WorkbookPort) {
  const data = await port.readTable("HP_Results");
  const i = (h: string) => data.headers.indexOf(h);
  return data.rows
    .filter((r) => r[i("Measure")] !== "")
    .map((r) => [r[i("Measure")], r[i("Target before")], r[i("Target after")]]);
}

describe.each([
  ["memory", () => memoryHarness()],
  ["office", () => officeHarness()],
])("plans on the %s adapter", (_label, make: () => Harness) => {
  let h: Harness;
  beforeEach(() => {
    h = make();
  });

  it("update keeps every value already in a table and adds only the rows it lacks", async () => {
    await insert(h.port, [results([row("Drugs", 5, 3)])], "update");
    const report = await insert(h.port, [results([row("Drugs", 50, 30), row("Burglary", 7, 8)])], "update");
    expect(report.plans).toEqual([{ sheet: "Results", action: "update", finalName: "Results" }]);
    expect(report.addedRows).toEqual({ Results: 1 });
    expect(report.keptValues.Results).toBeGreaterThan(0);
    expect((await h.port.read()).sheets).toEqual(["Results"]);
    expect(await resultsRows(h.port)).toEqual([
      ["Drugs", 5, 3],
      ["Burglary", 7, 8],
    ]);
  });

  it("upsert fills the blank starter rows of a freshly inserted Results sheet before appending", async () => {
    await insert(h.port, [results([])], "update");
    const starter = (await listTables(h.port)).find((t) => t.name === "HP_Results")!.rows;
    expect(starter).toBe(2);
    const r = await upsert(h.port, results([row("A", 1, 2), row("B", 3, 4), row("C", 5, 6)]));
    expect(r).toMatchObject({ added: ["A", "B", "C"], updated: [], createdSheet: false });
    expect((await listTables(h.port)).find((t) => t.name === "HP_Results")?.rows).toBe(3);
    expect(await resultsRows(h.port)).toEqual([
      ["A", 1, 2],
      ["B", 3, 4],
      ["C", 5, 6],
    ]);
  });

  it("refresh creates the Summary, then extends its table by exactly the new Results rows", async () => {
    const one = [row("Drugs", 5, 3)];
    const summary = (rows: ResultsRow[]) => buildSheet("summary", { operation: operation(), results: rows });
    const refresh = (model: SheetModel) => h.port.change(refreshRequest(model), (s) => planRefresh(s, model));
    expect(await refresh(summary(one))).toMatchObject({ created: true, finalName: "Summary" });
    const three = [...one, row("Burglary", 7, 8), row("Robbery", 1, 0)];
    expect(await refresh(summary(three))).toMatchObject({
      created: false,
      finalName: "Summary",
      addedRows: 2,
    });
    expect((await listTables(h.port)).find((t) => t.name === "HP_SummaryResults")?.rows).toBe(3);
  });

  it("writing the operation a second time writes only its named input cells", async () => {
    const write = (model: SheetModel) =>
      h.port.change(operationRequest(model), (s) => planWriteOperation(s, model));
    const model = buildSheet("operation", { operation: operation() });
    expect(await write(model)).toEqual({ created: true, written: model.names.length });
    h.seedSheet("Notes", { A1: "kept" });
    const again = await write(
      buildSheet("operation", { operation: { ...operation(), analyst: "B. Analyst" } }),
    );
    expect(again.created).toBe(false);
    expect(again.written).toBeGreaterThan(0);
    expect((await h.port.read()).sheets).toEqual(["Operation", "Notes"]);
    expect(h.cell("Notes", "A1")).toBe("kept");
    expect(await loadOperation(h.port)).toMatchObject({ name: "Operation Test", analyst: "B. Analyst" });
  });
});
