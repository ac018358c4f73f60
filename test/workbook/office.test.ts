/**
 * What only the Office.js adapter must show: few round trips (never a sync
 * per row), reads that stay under Office's 5 MB per-request limit, Office.js
 * calls real Excel rejects (the fake context rejects them the same way), and
 * the portable copy through the host. Shared behaviour is in contract.test.ts.
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import type { Scalar } from "../../src/sheets/model";
import { buildSheet, SHEET_ORDER } from "../../src/sheets/build";
import { planUpsert, upsertRequest } from "../../src/sheets/plan/upsert";
import { insertSheets } from "../../src/app/insertSheets";
import { loadOperation, saveOperation } from "../../src/app/operation";
import { insertFormula } from "../../src/app/tables";
import { FIRST_SYNC_CELLS, MAX_SYNC_BYTES, TARGET_SYNC_BYTES } from "../../src/workbook/office";
import type { OfficeHost } from "../../src/workbook/officeHost";
import type { ResultsRow } from "../../src/core/evaluation";
import { createFakeExcel } from "../support/fakeExcel";
import { operation } from "../support/operation";
import { officeHarness } from "./harness";

const ALL = SHEET_ORDER.map((s) => s.key);
const measures = (n: number): ResultsRow[] =>
  Array.from({ length: n }, (_, i) => ({
    measure: `M${i}`,
    target: { before: i + 1, after: i },
    control: { before: 100, after: 99 },
  }));

describe("OfficeWorkbook round trips (never a sync per row)", () => {
  it("inserts every sheet in two syncs (lists, then the plan), and updates them in three", async () => {
    const h = officeHarness();
    await insertSheets(h.port, operation(), ALL, "update");
    expect(h.fake.syncs).toBeLessThanOrEqual(2);
    expect(h.fake.sheetNames()).toEqual(SHEET_ORDER.map((s) => s.name));
    const before = h.fake.syncs;
    const report = await insertSheets(h.port, operation(), ALL, "update");
    expect(report.plans.every((p) => p.action === "update")).toBe(true);
    // Lists, the existing tables' cells, then the plan.
    expect(h.fake.syncs - before).toBeLessThanOrEqual(3);
  });

  it("upserts Results in three syncs (more only past 4 MB a request) however many rows change", async () => {
    const h = officeHarness();
    const upsert = (results: ResultsRow[]) => {
      const model = buildSheet("results", { operation: operation(), results });
      return h.port.change(upsertRequest("HP_Results"), (s) => planUpsert(s, model, "HP_Results"));
    };
    await upsert(measures(10));
    const before = h.fake.syncs;
    const r = await upsert(measures(40));
    expect(r.updated.length).toBe(10);
    expect(r.added.length).toBe(30);
    expect(h.fake.syncs - before).toBe(3); // lists, current rows, writes
    const again = h.fake.syncs;
    await upsert(measures(400));
    // Lists, current rows, then one write per 4 MB batch, each under Excel's 5 MB.
    expect(h.fake.syncs - again).toBeLessThanOrEqual(2 + Math.ceil(h.fake.sentBytes / (MAX_SYNC_BYTES / 2)));
    expect(h.fake.largestRequest).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(h.fake.tableRows("HP_Results")).toHaveLength(400);
  });

  it("reads 60,000 short rows in a handful of syncs, each a progress step", async () => {
    const h = officeHarness();
    const rows: Scalar[][] = Array.from({ length: 60_000 }, (_, i) => ["2024-01", `W${i % 900}`, "Drugs"]);
    h.seedTable("Data", "Incidents", ["Month", "LSOA code", "Crime type"], rows);
    const steps: number[] = [];
    const before = h.fake.syncs;
    const data = await h.port.readTable("Incidents", { onProgress: (d) => steps.push(d) });
    expect(data.rows.length).toBe(60_000);
    expect(data.rows[59_999]).toEqual(rows[59_999]);
    // Two set-up syncs, then one per progress step: a small probe, then the rest.
    expect(steps).toEqual([Math.floor(FIRST_SYNC_CELLS / 3), 60_000]);
    expect(h.fake.syncs - before).toBe(2 + steps.length);
  });

  it("keeps every read of long text well under Office's 5 MB request limit", async () => {
    const h = officeHarness();
    const long = "x".repeat(500);
    const rows: Scalar[][] = Array.from({ length: 3_000 }, (_, i) => [i, ...Array(9).fill(long)]);
    h.seedTable("Notes", "LongText", ["N", ...Array.from({ length: 9 }, (_, j) => `Note ${j}`)], rows);
    const steps: number[] = [];
    const data = await h.port.readTable("LongText", { onProgress: (d) => steps.push(d) });
    expect(data.rows.length).toBe(3_000);
    expect(data.rows[2_999]).toEqual(rows[2_999]);
    const bytesPerRow = JSON.stringify(rows[0]).length;
    const perSync = steps.map((d, i) => (d - (steps[i - 1] ?? 0)) * bytesPerRow);
    expect(Math.max(...perSync)).toBeLessThan(5 * 1024 * 1024);
    expect(Math.max(...perSync.slice(1))).toBeLessThanOrEqual(TARGET_SYNC_BYTES * 1.01);
    expect(steps.length).toBeGreaterThan(4);
  });

  it("reads a table with no data yet (Excel keeps one blank row) in three syncs", async () => {
    const h = officeHarness();
    h.seedTable("Data", "Empty", ["Month", "LSOA code"], []);
    const steps: [number, number][] = [];
    const before = h.fake.syncs;
    const data = await h.port.readTable("Empty", { onProgress: (d, t) => steps.push([d, t]) });
    expect(data).toEqual({ headers: ["Month", "LSOA code"], rows: [["", ""]] });
    expect(steps).toEqual([[1, 1]]);
    expect(h.fake.syncs - before).toBe(3);
  });
});

describe("OfficeWorkbook.makePortableCopy through the host", () => {
  it("strips HARM formulas and opens the result as a new workbook", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Results");
    ws.getCell("A1").value = {
      formula: "_xldudf_HARM_CHANGE(B1,C1)",
      result: -0.25,
    } as ExcelJS.CellFormulaValue;
    ws.getCell("A2").value = { formula: "SUM(1,2)", result: 3 } as ExcelJS.CellFormulaValue;
    // Enough varied text that the file is larger than one 32 KB block of the base64 encoder.
    for (let i = 0; i < 3_000; i++) ws.getCell(`D${i + 1}`).value = `note ${(i * 2654435761) % 1e9}`;
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(bytes.length).toBeGreaterThan(0x8000);
    let opened = "";
    const host: OfficeHost = {
      getFileBytes: async () => bytes,
      createWorkbook: async (b64) => {
        opened = b64;
      },
    };
    const h = officeHarness(createFakeExcel(), host);
    expect(await h.port.makePortableCopy()).toEqual({ replaced: 1 });
    const out = unzipSync(new Uint8Array(Buffer.from(opened, "base64")));
    const xml = strFromU8(out["xl/worksheets/sheet1.xml"]);
    expect(/<c r="A1"[^>]*>([\s\S]*?)<\/c>/.exec(xml)![1]).not.toMatch(/<f[\s>/]/);
    expect(/<c r="A2"[^>]*>([\s\S]*?)<\/c>/.exec(xml)![1]).toMatch(/<f>SUM/); // native formulas stay
    expect(Object.keys(out).length).toBe(Object.keys(unzipSync(bytes)).length);
  });

  it("opens nothing when the file is not a workbook it can read", async () => {
    let opened = "";
    const host: OfficeHost = {
      getFileBytes: async () => new Uint8Array([1, 2, 3]),
      createWorkbook: async (b64) => {
        opened = b64;
      },
    };
    const h = officeHarness(createFakeExcel(), host);
    await expect(h.port.makePortableCopy()).rejects.toThrow();
    expect(opened).toBe("");
  });

  it("says up front whether this Excel can make the copy, as the host reports it", () => {
    const calls = { getFileBytes: async () => new Uint8Array(), createWorkbook: async () => undefined };
    const old = officeHarness(createFakeExcel(), {
      ...calls,
      support: () => ({ supported: false, reason: "needs ExcelApi 1.8" }),
    });
    expect(old.port.portableCopySupport()).toEqual({ supported: false, reason: "needs ExcelApi 1.8" });
    expect(officeHarness(createFakeExcel(), calls).port.portableCopySupport()).toEqual({ supported: true });
  });
});

describe("saving the operation with a broken defined name", () => {
  it("skips a name whose cells were deleted (=#REF!) instead of failing the whole write", async () => {
    const h = officeHarness();
    const op = operation();
    await saveOperation(h.port, op, "2025-01-15");
    // The analyst deleted the row HP_Force pointed at: Excel keeps the name as =#REF! (type "Error"),
    // and NamedItem.getRange() on it throws.
    h.fake.names.set("hp_force", { name: "HP_Force", formula: "=#REF!", comment: "" });

    const result = await saveOperation(h.port, { ...op, name: "Op Renamed" }, "2025-01-15");
    expect(result).toMatchObject({ saved: true, created: false });
    expect(result.saved && result.written).toBeGreaterThan(0);
    const at = h.fake.names.get("hp_operationname")!.formula.replace(/^=/, "");
    expect(h.fake.values("Operation", at)).toEqual([["Op Renamed"]]);
    // Reading it back names the broken cell rather than guessing.
    await expect(loadOperation(h.port)).rejects.toThrow(/HP_Force/);
    expect(h.fake.names.get("hp_force")?.formula).toBe("=#REF!");
  });
});

describe("insertFormula uses the active cell", () => {
  const harness = () => {
    const h = officeHarness();
    h.fake.seedSheet("Data", { A1: "Month" });
    return h;
  };

  it("works when several ranges are selected (getSelectedRange would throw)", async () => {
    const h = harness();
    h.fake.select("Data", "B2:C3,E5", "E5");
    await expect(insertFormula(h.port, "=HARM.CHANGE(1,2)")).resolves.toBe("Data!E5");
    expect(h.fake.values("Data", "E5")).toEqual([["=HARM.CHANGE(1,2)"]]);
  });

  it("writes into the active cell, not the selection's top-left, and still refuses a filled one", async () => {
    const h = harness();
    h.fake.select("Data", "A1:C3", "C3");
    await insertFormula(h.port, "=1+1");
    expect(h.fake.values("Data", "A1:C3")).toEqual([
      ["Month", "", ""],
      ["", "", ""],
      ["", "", "=1+1"],
    ]);
    h.fake.select("Data", "A1:C3", "A1");
    await expect(insertFormula(h.port, "=2+2")).rejects.toThrow(/not empty/);
  });
});
