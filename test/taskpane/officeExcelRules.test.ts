/**
 * Office.js calls that real Excel rejects, checked against the fake context
 * (which rejects them the same way). Each case failed before its fix.
 */
import { OfficeWorkbook } from "../../src/taskpane/port/office";
import { buildSheet } from "../../src/sheets/build";
import { createFakeExcel } from "../support/fakeExcel";
import { operation } from "./port.contract";

describe("OfficeWorkbook.writeOperation with a broken defined name", () => {
  it("skips a name whose cells were deleted (=#REF!) instead of failing the whole write", async () => {
    const fake = createFakeExcel();
    const port = new OfficeWorkbook((batch) => batch(fake.context));
    const op = operation();
    await port.writeOperation(buildSheet("operation", { operation: op }));
    // The analyst deleted the row HP_Force pointed at: Excel keeps the name as =#REF! (type "Error"),
    // and NamedItem.getRange() on it throws.
    fake.names.set("hp_force", { name: "HP_Force", formula: "=#REF!", comment: "" });

    const result = await port.writeOperation(
      buildSheet("operation", { operation: { ...op, name: "Op Renamed" } }),
    );
    expect(result.created).toBe(false);
    expect(result.written).toBeGreaterThan(0);
    expect(fake.values("Operation", "B7")).toEqual([["Op Renamed"]]); // HP_OperationName
    // Reading it back names the broken cell rather than guessing.
    await expect(port.readOperation()).rejects.toThrow(/HP_Force/);
    expect(fake.names.get("hp_force")?.formula).toBe("=#REF!");
  });
});

describe("OfficeWorkbook.insertFormula uses the active cell", () => {
  const harness = () => {
    const fake = createFakeExcel();
    fake.seedSheet("Data", { A1: "Month" });
    return { fake, port: new OfficeWorkbook((batch) => batch(fake.context)) };
  };

  it("works when several ranges are selected (getSelectedRange would throw)", async () => {
    const { fake, port } = harness();
    fake.select("Data", "B2:C3,E5", "E5");
    await expect(port.insertFormula("=HARM.CHANGE(1,2)")).resolves.toMatch(/E5$/);
    expect(fake.values("Data", "E5")).toEqual([["=HARM.CHANGE(1,2)"]]);
  });

  it("writes into the active cell, not the selection's top-left, and still refuses a filled one", async () => {
    const { fake, port } = harness();
    fake.select("Data", "A1:C3", "C3");
    await port.insertFormula("=1+1");
    expect(fake.values("Data", "A1:C3")).toEqual([
      ["Month", "", ""],
      ["", "", ""],
      ["", "", "=1+1"],
    ]);
    fake.select("Data", "A1:C3", "A1");
    await expect(port.insertFormula("=2+2")).rejects.toThrow(/not empty/);
  });
});
