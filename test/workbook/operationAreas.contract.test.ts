/**
 * Long area lists: an operation with thousands of areas (a force's "every
 * other area" control) is more than Excel's 32,767 characters in one cell.
 * Such a list goes into the Operation sheet's Areas table, its named cell
 * saying where, and reads back whole: in the pane's in-memory workbook, in
 * Excel through Office.js (the fake refuses over-long cells as Excel does)
 * and in the .xlsx the command line writes. Workbooks made before the table
 * read as before.
 */
import { blankOperation, type Operation } from "../../src/core/operation";
import { loadOperation, saveOperation } from "../../src/app/operation";
import { refreshSummary } from "../../src/app/refreshSummary";
import { insertSheets } from "../../src/app/insertSheets";
import { buildSheet, buildWorkbook } from "../../src/sheets/build";
import { writeWorkbookXlsx } from "../../src/sheets/render/xlsx";
import { operationFromSnapshot, operationNamesRequest } from "../../src/sheets/specs/operationRead";
import { AREAS_TABLE } from "../../src/sheets/specs/operationAreas";
import { isFormulaCell } from "../../src/sheets/model";
import { PortError } from "../../src/sheets/plan/errors";
import { xlsxSnapshot } from "../support/xlsxSnapshot";
import { memoryHarness, officeHarness, seedOps, type Harness } from "./harness";

const codes = (prefix: string, n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(from + i).padStart(6, "0")}`);

const op = (control: string[], target = ["W01001685"]): Operation => ({
  ...blankOperation(),
  name: "Op Met",
  force: "Metropolitan Police",
  preparedOn: "2025-01-15",
  targetAreas: target,
  bufferAreas: ["W01001601", "W01001603"],
  controlAreas: control,
  before: { start: "2024-01-01", end: "2024-06-30" },
  after: { start: "2024-07-01", end: "2024-12-31" },
});

const CONTROL = codes("E01", 3500);
/** Types into cells of a sheet that exists, as the analyst would. */
const typeInto = (h: Harness, sheet: string, cells: Record<string, string>) =>
  h.port.change({}, () => ({ ops: seedOps(sheet, cells, true), result: null }));

const shown = (h: Harness, name: string) => {
  const d = h.dump().names.find((n) => n.name.toLowerCase() === name.toLowerCase())!;
  return h.cell(d.sheet, d.ref.replace(/\$/g, ""));
};

describe("the Operation sheet's spec", () => {
  it("keeps a list too long for its cell in the Areas table, and says so in the cell", () => {
    const model = buildSheet("operation", { operation: op(CONTROL) });
    const control = model.cells.find((c) => c.address === "B13")!;
    expect(control.value).toBe("3,500 areas: see the Areas table");
    const t = model.tables.find((x) => x.name === AREAS_TABLE)!;
    expect(t.columns.map((c) => c.header)).toEqual(["Area code", "Role"]);
    expect(t.rows).toHaveLength(3500);
    expect(t.rows[0]).toEqual(["E01000000", "Control"]);
    expect(new Set(t.rows.map((r) => r[1]))).toEqual(new Set(["Control"]));
    // The short lists stay where the analyst typed them.
    expect(model.cells.find((c) => c.address === "B12")!.value).toBe("W01001601; W01001603");
  });

  it("has no Areas table when every list fits its cell, as before", () => {
    const model = buildSheet("operation", { operation: op(["W01000001", "W01000002"]) });
    expect(model.tables.map((t) => t.name)).not.toContain(AREAS_TABLE);
    expect(model.cells.find((c) => c.address === "B13")!.value).toBe("W01000001; W01000002");
  });

  it("gives the Summary a count of the areas, never thousands of codes", () => {
    const summary = buildSheet("summary", { operation: op(CONTROL) });
    const values = summary.cells.map((c) => (isFormulaCell(c.value) ? c.value.value : c.value));
    expect(values.find((v) => String(v).includes(" · target "))).toMatch(/, comparison 3,500 · /);
    for (const v of values) expect(String(v ?? "").length).toBeLessThan(1000);
  });
});

describe.each([
  ["in-memory workbook (the pane's preview)", () => memoryHarness()],
  ["Excel through Office.js", () => officeHarness()],
])("%s", (_, make) => {
  it("saves and reads back 3,500 control areas", async () => {
    const h = make();
    const saved = await saveOperation(h.port, op(CONTROL), "2025-01-15");
    expect(saved.saved).toBe(true);
    expect(shown(h, "HP_ControlAreas")).toBe("3,500 areas: see the Areas table");
    const back = await loadOperation(h.port);
    expect(back?.controlAreas).toEqual(CONTROL);
    expect(back?.targetAreas).toEqual(["W01001685"]);
    expect(back?.bufferAreas).toEqual(["W01001601", "W01001603"]);
  });

  it("rewrites the table when the lists change: longer, then short again, with nothing left to count twice", async () => {
    const h = make();
    await saveOperation(h.port, op(CONTROL), "2025-01-15");
    const longer = codes("E01", 5000, 10_000);
    const target = codes("W01", 40);
    await saveOperation(h.port, op(longer, target), "2025-01-15");
    let back = await loadOperation(h.port);
    expect(back?.controlAreas).toEqual(longer);
    expect(back?.targetAreas).toEqual(target);
    expect(shown(h, "HP_TargetAreas")).toBe("40 areas: see the Areas table");
    await saveOperation(h.port, op(["E01999999"]), "2025-01-15");
    back = await loadOperation(h.port);
    expect(back?.controlAreas).toEqual(["E01999999"]);
    expect(back?.targetAreas).toEqual(["W01001685"]);
    expect(shown(h, "HP_ControlAreas")).toBe("E01999999");
  });

  it("adds the table to an Operation sheet made before it, and refuses when its cells are taken", async () => {
    const h = make();
    await saveOperation(h.port, op(["C1"]), "2025-01-15");
    expect(h.dump().tables.map((t) => t.name)).not.toContain(AREAS_TABLE);
    await saveOperation(h.port, op(CONTROL), "2025-01-15");
    expect(h.dump().tables.map((t) => t.name)).toContain(AREAS_TABLE);
    expect((await loadOperation(h.port))?.controlAreas).toEqual(CONTROL);

    const taken = make();
    await saveOperation(taken.port, op(["C1"]), "2025-01-15");
    await typeInto(taken, "Operation", { A45: "my own note" });
    await expect(saveOperation(taken.port, op(CONTROL), "2025-01-15")).rejects.toThrow(
      /go in an Areas table at 'Operation'!A44:B3544, but those cells are not empty/,
    );
    expect((await loadOperation(taken.port))?.controlAreas).toEqual(["C1"]);
  });

  it("builds the Summary from an operation kept in the table", async () => {
    const h = make();
    await saveOperation(h.port, op(CONTROL), "2025-01-15");
    await insertSheets(h.port, op(CONTROL), ["results"], "update");
    const outcome = await refreshSummary(h.port, blankOperation());
    expect(outcome.built).toBe(true);
    // Its operation line counts the areas kept in the table, not the one cell that points there.
    const page = await h.port.read({ ranges: [{ sheet: "Summary", address: "A1:I10" }] });
    expect(page.rangeData[0].values.flat().join(" ")).toMatch(/comparison 3,500 /);
  });
});

describe("workbooks written as .xlsx (harm-planner template and evaluate)", () => {
  it("write 3,500 control areas and read them back whole", async () => {
    const bytes = new Uint8Array(await writeWorkbookXlsx(buildWorkbook({ operation: op(CONTROL) })));
    const snap = await xlsxSnapshot(bytes, operationNamesRequest);
    const back = operationFromSnapshot(snap);
    expect(back?.controlAreas).toEqual(CONTROL);
    expect(back?.bufferAreas).toEqual(["W01001601", "W01001603"]);
    expect(snap.nameData.find((n) => n.name === "HP_ControlAreas")?.values).toEqual([
      ["3,500 areas: see the Areas table"],
    ]);
  });
});

describe("reading the Operation sheet", () => {
  it("reads a long list typed into a cell, as workbooks before the table hold it", async () => {
    const h = memoryHarness();
    await saveOperation(h.port, op(["C1"]), "2025-01-15");
    const typed = codes("E01", 1000).join("; "); // 10,998 characters in one cell
    await typeInto(h, "Operation", { B13: typed });
    expect((await loadOperation(h.port))?.controlAreas).toEqual(codes("E01", 1000));
  });

  it("refuses a cell that points at an Areas table that is gone, naming the cell", async () => {
    const h = memoryHarness();
    await saveOperation(h.port, op(["C1"]), "2025-01-15");
    await typeInto(h, "Operation", { B13: "3,500 areas: see the Areas table" });
    const err = await loadOperation(h.port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortError);
    expect((err as Error).message).toMatch(
      /B13 \(Control areas\) says '3,500 areas: see the Areas table', but/,
    );
  });

  it("counts areas added to the table by hand, and refuses a row whose role it cannot tell", async () => {
    const h = memoryHarness();
    await saveOperation(h.port, op(CONTROL), "2025-01-15");
    await typeInto(h, "Operation", { B45: "buffer" });
    const back = await loadOperation(h.port);
    expect(back?.bufferAreas).toEqual(["W01001601", "W01001603", "E01000000"]);
    expect(back?.controlAreas).toEqual(CONTROL.slice(1));
    await typeInto(h, "Operation", { B46: "Nearby" });
    await expect(loadOperation(h.port)).rejects.toThrow(
      /Areas table \(HP_Areas\), row 2 of its body: the role must be Target, Buffer or Control/,
    );
  });
});
