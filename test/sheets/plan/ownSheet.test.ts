/**
 * "Made by Harm Planner and not changed since" (unchangedOwnSheet): such a
 * sheet is updated without asking when sheets are inserted again, so saving
 * the operation and then inserting the sheets no longer asks about the
 * Operation sheet. Checked on both adapters, as each reads the workbook its own way.
 */
import { buildSheet, buildWorkbook, SHEET_ORDER, type SheetKey } from "../../../src/sheets/build";
import { ownSheetBox, ownSheetsRequest, unchangedOwnSheet } from "../../../src/sheets/plan/insert";
import { rangeAddress } from "../../../src/sheets/a1";
import { saveOperation } from "../../../src/app/operation";
import { insertSheets, sheetClashes } from "../../../src/app/insertSheets";
import { memoryHarness, officeHarness, type Harness } from "../../workbook/harness";
import { operation } from "../../support/operation";

const ALL: SheetKey[] = SHEET_ORDER.map((s) => s.key);
/** The analyst typing into a cell (a plan write: both adapters take it the same way). */
const type = (h: Harness, sheet: string, range: string, value: string | number) =>
  h.port.change({}, () => ({ ops: [{ op: "write", sheet, range, cells: [[value]] }], result: null }));
const opModel = () => buildSheet("operation", { operation: operation() });

describe.each([
  ["memory", () => memoryHarness()],
  ["office", () => officeHarness()],
])("unchangedOwnSheet on the %s adapter", (_label, make) => {
  let h: Harness;
  beforeEach(() => {
    h = make();
  });
  const unchanged = async (model = opModel()) =>
    unchangedOwnSheet(await h.port.read(ownSheetsRequest([model])), model);

  it("is true for the Operation sheet Save made, whatever the form now holds in its named cells", async () => {
    await saveOperation(h.port, operation(), "2025-01-15");
    expect(await unchanged()).toBe(true);
    // The form changed since (another name, dates, areas): those are the analyst's inputs, not changes to the sheet.
    const other = {
      ...operation(),
      name: "Renamed",
      targetAreas: ["W01000009"],
      after: { start: "2024-08-01", end: "2024-12-31" },
    };
    expect(await unchanged(buildSheet("operation", { operation: other }))).toBe(true);
    // Saving again writes only the named cells: still unchanged.
    await saveOperation(h.port, other, "2025-01-15");
    expect(await unchanged()).toBe(true);
  });

  it("is true for every sheet just inserted, so inserting again asks nothing", async () => {
    await insertSheets(h.port, operation(), ALL, "update");
    const models = buildWorkbook({ operation: operation() });
    const snap = await h.port.read(ownSheetsRequest(models));
    expect(models.filter((m) => !unchangedOwnSheet(snap, m)).map((m) => m.name)).toEqual([]);
    expect(await sheetClashes(h.port, ALL, operation())).toEqual([]);
  });

  it("is false once the analyst types beside the sheet's cells", async () => {
    await saveOperation(h.port, operation(), "2025-01-15");
    const box = ownSheetBox(opModel());
    const beside = rangeAddress({ top: box.bottom - 1, left: 1, bottom: box.bottom - 1, right: 1 });
    await type(h, "Operation", beside, "my note");
    expect(await unchanged()).toBe(false);
    expect(await sheetClashes(h.port, ["operation"], operation())).toEqual(["Operation"]);
  });

  it("is false once the analyst changes a harm weight or types over a formula", async () => {
    await saveOperation(h.port, operation(), "2025-01-15");
    const weights = (await h.port.read({ tables: ["HP_HarmWeights"] })).tableData[0];
    const col = weights.headers.findIndex((x) => /weight/i.test(String(x)));
    const at = rangeAddress({
      top: weights.top + 1,
      left: weights.left + col,
      bottom: weights.top + 1,
      right: weights.left + col,
    });
    await type(h, "Operation", at, 9);
    expect(await unchanged()).toBe(false);
  });

  it("is false for a formula cell typed over, and for a table that grew", async () => {
    await insertSheets(h.port, operation(), ["results", "summary"], "update");
    const summary = buildSheet("summary", { operation: operation(), results: [] });
    const formulaCell = summary.cells.find((c) => typeof c.value === "object" && c.value !== null)!;
    await type(h, "Summary", formulaCell.address, 42);
    expect(await sheetClashes(h.port, ["results", "summary"], operation())).toEqual(["Summary"]);
    const results = buildSheet("results", { operation: operation(), results: [] });
    const t = (await h.port.read({ tables: ["HP_Results"] })).tableData[0];
    const below = rangeAddress({
      top: t.top + t.values.length + 1,
      left: t.left,
      bottom: t.top + t.values.length + 1,
      right: t.left,
    });
    await type(h, "Results", below, "Robbery");
    expect(unchangedOwnSheet(await h.port.read(ownSheetsRequest([results])), results)).toBe(false);
  });

  it("is false for an analyst's own sheet of that name, and when the cells were not read", async () => {
    h.seedSheet("Operation", { A1: "my own sheet" });
    expect(await unchanged()).toBe(false);
    const fresh = make();
    await saveOperation(fresh.port, operation(), "2025-01-15");
    expect(unchangedOwnSheet(await fresh.port.read(), opModel())).toBe(false);
  });
});
