/**
 * What only the in-memory workbook (the browser preview) must show: change
 * notifications for the preview grid, its grid view, its test hook, and
 * refusing what Excel refuses. Shared behaviour is in contract.test.ts.
 */
import { MemoryStore, MemoryWorkbook } from "../../src/workbook/memory";
import { PortError } from "../../src/workbook/port";
import { sheetGrid } from "../../src/taskpane/preview/grid";
import { COMPUTED_COLUMN_FILL } from "../../src/sheets/styles";
import { memoryHarness } from "./harness";

describe("MemoryStore change notifications (the preview grid subscribes)", () => {
  it("tells subscribers about every change, and stops when unsubscribed", async () => {
    const h = memoryHarness();
    let calls = 0;
    const stop = h.store.subscribe(() => calls++);
    const v0 = h.store.getVersion();
    h.seedSheet("Notes", { A1: "x" });
    expect(calls).toBe(1);
    expect(h.store.getVersion()).toBeGreaterThan(v0);
    // A change made through the port is one notification too, however many ops it has.
    await h.port.change({}, () => ({
      ops: [
        { op: "write", sheet: "Notes", range: "A2:B2", cells: [["a", "b"]] },
        { op: "write", sheet: "Notes", range: "A3", cells: [["c"]] },
      ],
      result: null,
    }));
    expect(calls).toBe(2);
    stop();
    h.seedSheet("More");
    expect(calls).toBe(2);
  });

  it("notifies even when Excel's rules refuse an op part-way, showing what was already done", () => {
    const store = new MemoryStore();
    let calls = 0;
    store.subscribe(() => calls++);
    expect(() =>
      store.apply([
        { op: "addSheet", sheet: "Data", tabColour: "" },
        { op: "addSheet", sheet: "data", tabColour: "" },
      ]),
    ).toThrow(PortError);
    expect(calls).toBe(1);
    expect(store.sheets.map((s) => s.name)).toEqual(["Data"]);
  });
});

describe("MemoryStore refuses what Excel refuses", () => {
  it("sheet names Excel does not allow, and tables that overlap or reuse a name", () => {
    const store = new MemoryStore();
    expect(() => store.apply([{ op: "addSheet", sheet: "Q1/Q2", tabColour: "" }])).toThrow(
      /: \\ \/ \? \* \[ \]/,
    );
    expect(() => store.apply([{ op: "addSheet", sheet: "x".repeat(32), tabColour: "" }])).toThrow(/31/);
    store.apply([
      { op: "addSheet", sheet: "Data", tabColour: "" },
      { op: "addTable", sheet: "Data", range: "A1:B3", name: "Incidents", style: "TableStyleMedium2" },
    ]);
    expect(() =>
      store.apply([
        { op: "addTable", sheet: "Data", range: "B2:C4", name: "Other", style: "TableStyleMedium2" },
      ]),
    ).toThrow(/overlap table Incidents/);
    expect(() =>
      store.apply([
        { op: "addTable", sheet: "Data", range: "E1:F3", name: "incidents", style: "TableStyleMedium2" },
      ]),
    ).toThrow(/already used/);
    expect(() =>
      store.apply([
        { op: "addTable", sheet: "Data", range: "E1:F3", name: "A1", style: "TableStyleMedium2" },
      ]),
    ).toThrow(/looks like a cell reference/);
    // A header left blank gets Excel's default name.
    expect(store.tableSnapshot(store.table("Incidents")!).headers).toEqual(["Column1", "Column2"]);
  });

  it("text longer than a cell holds, and ranges beyond the last row", () => {
    const store = new MemoryStore();
    store.addSheet("Data");
    expect(() =>
      store.apply([{ op: "write", sheet: "Data", range: "A1", cells: [["x".repeat(32_768)]] }]),
    ).toThrow(/32,767 characters/);
    expect(() => store.apply([{ op: "write", sheet: "Data", range: "A1048577", cells: [[1]] }])).toThrow(
      /outside Excel's grid/,
    );
  });
});

describe("MemoryWorkbook", () => {
  it("has no file to copy, and says what to do instead", async () => {
    const wb = new MemoryWorkbook();
    await expect(wb.makePortableCopy()).rejects.toThrow(PortError);
    await expect(wb.makePortableCopy()).rejects.toThrow(/in Excel/);
  });

  it("fails the next call only, with the message set by the preview's test hook", async () => {
    const h = memoryHarness();
    h.wb.failNext = "The workbook is busy.";
    await expect(h.port.read()).rejects.toThrow(new PortError("The workbook is busy."));
    expect(h.wb.failNext).toBeNull();
    await expect(h.port.read()).resolves.toMatchObject({ sheets: [] });
    h.wb.failNext = "Busy again.";
    await expect(
      h.port.change({}, () => ({ ops: [{ op: "addSheet", sheet: "X", tabColour: "" }], result: 1 })),
    ).rejects.toThrow("Busy again.");
    expect(h.store.sheets).toEqual([]); // the plan never ran
  });
});

describe("the preview's grid view of a MemoryStore sheet", () => {
  it("shows table headers, body cells and sizes", () => {
    const h = memoryHarness();
    h.seedTable(
      "Data",
      "T",
      ["A", "B"],
      [
        [1, "x"],
        [2, "y"],
      ],
    );
    const g = sheetGrid(h.store, "data")!;
    expect([g.name, g.rowCount, g.columnCount]).toEqual(["Data", 3, 2]);
    expect(g.cell(0, 0)).toMatchObject({ value: "A", style: "tableHeader" });
    expect(g.cell(2, 1)).toMatchObject({ value: "y", style: "input" });
    expect(g.cell(5, 5)).toBeUndefined();
    expect(sheetGrid(h.store, "Nope")).toBeUndefined();
  });

  it("shows a formula cell's cached value with its formula, and marks computed table columns", () => {
    const h = memoryHarness();
    h.seedTable("Data", "T", ["Count", "Double", "Rate"], [[4, null, null]]);
    h.store.apply([
      { op: "write", sheet: "Data", range: "B2", cells: [[{ formula: "=[@Count]*2", value: 8 }]] },
      { op: "write", sheet: "Data", range: "D5", cells: [[{ formula: "=SUM(T[Double])", value: 8 }]] },
      { op: "fill", sheet: "Data", range: "C2", colour: COMPUTED_COLUMN_FILL },
    ]);
    const g = sheetGrid(h.store, "Data")!;
    expect(g.cell(1, 1)).toEqual({ value: 8, formula: "=[@Count]*2", format: undefined, style: "computed" });
    expect(g.cell(1, 0)).toMatchObject({ value: 4, style: "input" });
    // A column the plan filled as computed (its values written by the evaluation) shows as computed too.
    expect(g.cell(1, 2)).toMatchObject({ value: null, style: "computed" });
    // Outside a table a formula cell keeps no role, only its cached value.
    expect(g.cell(4, 3)).toMatchObject({ value: 8, formula: "=SUM(T[Double])", style: undefined });
    expect([g.rowCount, g.columnCount]).toEqual([5, 4]);
  });
});
