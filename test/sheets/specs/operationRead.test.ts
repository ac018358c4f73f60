import type { Scalar } from "../../../src/sheets/model";
import type { Snapshot } from "../../../src/sheets/plan/snapshot";
import { PortError } from "../../../src/sheets/plan/errors";
import { operationFromSnapshot } from "../../../src/sheets/specs/operationRead";

/** A snapshot holding these named cells on the Operation sheet (at B1, B2… unless an address is given). */
function snapshot(
  cells: Record<string, Scalar | Scalar[][]>,
  options: { addresses?: Record<string, string>; broken?: string[] } = {},
): Snapshot {
  const entries = Object.entries(cells);
  return {
    sheets: ["Operation"],
    names: [
      ...entries.map(([name]) => ({ name, kind: "range" as const })),
      ...(options.broken ?? []).map((name) => ({ name, kind: "error" as const })),
    ],
    tables: [],
    tableData: [],
    nameData: entries.map(([name, v], i) => ({
      name,
      sheet: "Operation",
      address: options.addresses?.[name] ?? `B${i + 1}`,
      values: Array.isArray(v) ? v : [[v]],
    })),
    rangeData: [],
  };
}

describe("operationFromSnapshot", () => {
  it("returns null without an Operation sheet and reads serial dates and area lists", () => {
    expect(operationFromSnapshot(snapshot({}))).toBeNull();
    const op = operationFromSnapshot(
      snapshot({
        HP_OperationName: "Op",
        HP_TargetAreas: "W1; W2, W3",
        HP_BeforeStart: 45292,
        HP_AfterEnd: "2024-12-31",
        HP_PreparedOn: "not a date",
      }),
    );
    expect(op).toMatchObject({ name: "Op", targetAreas: ["W1", "W2", "W3"], preparedOn: "" });
    expect(op?.before.start).toBe("2024-01-01");
    expect(op?.after.end).toBe("2024-12-31");
  });

  it("matches names whatever their case, and reads areas from every cell of a range, normalised", () => {
    const op = operationFromSnapshot(
      snapshot({
        hp_operationname: "  Op  ",
        HP_BUFFERAREAS: [["w01 000002"], [null], ["W3\nW01000002"]],
      }),
    );
    expect(op).toMatchObject({ name: "Op", bufferAreas: ["W01000002", "W3"] });
  });

  it("reads dd/mm/yyyy text and month text as dates, each month bound covering the whole month", () => {
    const op = operationFromSnapshot(
      snapshot({ HP_OperationName: "Op", HP_BeforeStart: "01/02/2024", HP_BeforeEnd: "2024-06" }),
    );
    expect(op?.before).toEqual({ start: "2024-02-01", end: "2024-06-30" });
  });

  it("refuses a period date that is not a date, naming the cell", () => {
    const read = () =>
      operationFromSnapshot(
        snapshot(
          { HP_OperationName: "Op", HP_AfterStart: "next week" },
          { addresses: { HP_AfterStart: "B16" } },
        ),
      );
    expect(read).toThrow(PortError);
    expect(read).toThrow("'Operation'!B16 (After period: start) holds 'next week', which is not a date");
  });

  it("refuses error values and names that lost their cells, naming them", () => {
    expect(() =>
      operationFromSnapshot(
        snapshot(
          { HP_OperationName: "Op", HP_TargetAreas: "#N/A" },
          { addresses: { HP_TargetAreas: "B11" } },
        ),
      ),
    ).toThrow("'Operation'!B11 (Target areas) shows #N/A");
    expect(() =>
      operationFromSnapshot(snapshot({ HP_OperationName: "Op" }, { broken: ["HP_BeforeEnd"] })),
    ).toThrow(/HP_BeforeEnd \(Before period: end\) no longer points at a cell/);
    // Even the operation's own name: a broken HP_OperationName is not read as "no Operation sheet".
    expect(() => operationFromSnapshot(snapshot({}, { broken: ["HP_OperationName"] }))).toThrow(
      /HP_OperationName \(Operation name\) no longer points at a cell/,
    );
  });
});
