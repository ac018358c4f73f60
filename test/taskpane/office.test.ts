import type { Scalar } from "../../src/sheets/model";
import {
  FIRST_SYNC_CELLS,
  OfficeWorkbook,
  TARGET_SYNC_BYTES,
  type OfficeHost,
} from "../../src/taskpane/port/office";
import { buildSheet } from "../../src/sheets/build";
import { createFakeExcel, type FakeExcel } from "../support/fakeExcel";
import { describePortContract, operation } from "./port.contract";

function harness(fake: FakeExcel = createFakeExcel(), host?: OfficeHost) {
  const port = new OfficeWorkbook((batch) => batch(fake.context), host);
  return {
    port,
    fake,
    seedSheet(name: string, cells: Record<string, Scalar> = {}) {
      fake.seedSheet(name, cells);
    },
    seedTable(sheet: string, name: string, headers: string[], rows: Scalar[][]) {
      fake.seedTable(sheet, name, "A1", headers, rows);
    },
    select(sheet: string, address: string) {
      // The fake's selection is the first sheet's A1; the contract only selects that.
      expect([fake.sheetNames()[0], address]).toEqual([sheet, "A1"]);
    },
    cell(sheet: string, address: string): Scalar {
      return fake.values(sheet, address)[0][0];
    },
  };
}

describePortContract("OfficeWorkbook over the fake Excel context", () => harness());

describe("OfficeWorkbook round trips (never a sync per row)", () => {
  it("upserts Results in three syncs however many rows change", async () => {
    const h = harness();
    const op = operation();
    const many = Array.from({ length: 40 }, (_, i) => ({
      measure: `M${i}`,
      target: { before: i + 1, after: i },
      control: { before: 100, after: 99 },
    }));
    await h.port.upsertTableRows(
      buildSheet("results", { operation: op, results: many.slice(0, 10) }),
      "HP_Results",
    );
    const before = h.fake.syncs;
    const r = await h.port.upsertTableRows(
      buildSheet("results", { operation: op, results: many }),
      "HP_Results",
    );
    expect(r.updated.length).toBe(10);
    expect(r.added.length).toBe(30);
    expect(h.fake.syncs - before).toBe(3); // tables, current rows, writes
  });

  it("reads 60,000 short rows in a handful of syncs, each a progress step", async () => {
    const h = harness();
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
    const h = harness();
    const long = "x".repeat(500);
    const rows: Scalar[][] = Array.from({ length: 3_000 }, (_, i) => [i, ...Array(9).fill(long)]);
    h.seedTable("Notes", "LongText", ["N", ...Array.from({ length: 9 }, (_, j) => `Note ${j}`)], rows);
    const steps: number[] = [];
    const data = await h.port.readTable("LongText", { onProgress: (d) => steps.push(d) });
    expect(data.rows.length).toBe(3_000);
    const bytesPerRow = JSON.stringify(rows[0]).length;
    const perSync = steps.map((d, i) => (d - (steps[i - 1] ?? 0)) * bytesPerRow);
    expect(Math.max(...perSync)).toBeLessThan(5 * 1024 * 1024);
    expect(Math.max(...perSync.slice(1))).toBeLessThanOrEqual(TARGET_SYNC_BYTES * 1.01);
    expect(steps.length).toBeGreaterThan(4);
  });

  it("makes a portable copy through the host: strips HARM formulas and opens the result", async () => {
    let opened = "";
    const host: OfficeHost = {
      getFileBytes: async () => new Uint8Array([1, 2, 3]),
      createWorkbook: async (b64) => {
        opened = b64;
      },
    };
    const h = harness(createFakeExcel(), host);
    // Not a zip: the stripper refuses it, and nothing is opened.
    await expect(h.port.makePortableCopy()).rejects.toThrow();
    expect(opened).toBe("");
  });
});
