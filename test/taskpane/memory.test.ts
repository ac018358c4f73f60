import type { Scalar } from "../../src/sheets/model";
import { parseCell } from "../../src/sheets/render/a1";
import { MemoryWorkbook } from "../../src/taskpane/port/memory";
import { PortError } from "../../src/taskpane/port/types";
import { describePortContract } from "./port.contract";

function harness() {
  const wb = new MemoryWorkbook();
  return {
    port: wb,
    wb,
    seedSheet(name: string, cells: Record<string, Scalar> = {}) {
      wb.addSheet(name, cells);
    },
    seedTable(sheet: string, name: string, headers: string[], rows: Scalar[][]) {
      wb.addDataTable(sheet, name, headers, rows);
    },
    select(sheet: string, address: string) {
      wb.activeCell = { sheet, address };
    },
    cell(sheet: string, address: string): Scalar {
      const { row, col } = parseCell(address);
      const c = wb.grid(sheet)?.cell(row, col);
      return c ? (c.formula ?? c.value ?? "") : "";
    },
  };
}

describePortContract("MemoryWorkbook", harness);

describe("MemoryWorkbook (preview-only behaviour)", () => {
  it("tells subscribers about every change, for the preview grid", async () => {
    const h = harness();
    let calls = 0;
    const stop = h.wb.subscribe(() => calls++);
    const v0 = h.wb.getVersion();
    h.seedSheet("Notes", { A1: "x" });
    expect(calls).toBe(1);
    expect(h.wb.getVersion()).toBeGreaterThan(v0);
    stop();
    h.seedSheet("More");
    expect(calls).toBe(1);
  });

  it("has no file to copy, and says what to do instead", async () => {
    await expect(harness().port.makePortableCopy()).rejects.toThrow(PortError);
    await expect(harness().port.makePortableCopy()).rejects.toThrow(/in Excel/);
  });

  it("shows table headers, cached formula values and sizes in its grid view", async () => {
    const h = harness();
    h.seedTable(
      "Data",
      "T",
      ["A", "B"],
      [
        [1, "x"],
        [2, "y"],
      ],
    );
    const g = h.wb.grid("Data")!;
    expect([g.rowCount, g.columnCount]).toEqual([3, 2]);
    expect(g.cell(0, 0)).toMatchObject({ value: "A", style: "tableHeader" });
    expect(g.cell(2, 1)?.value).toBe("y");
    expect(h.wb.grid("Nope")).toBeUndefined();
  });
});
