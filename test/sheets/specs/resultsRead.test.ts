import { buildSheet } from "../../../src/sheets/build";
import { PortError } from "../../../src/sheets/plan/errors";
import { readResultsTable, resultsFromTable } from "../../../src/sheets/specs/resultsRead";
import { operation } from "../../support/operation";

describe("reading the Results table back", () => {
  const model = buildSheet("results", { operation: operation() });
  const headers = model.tables[0].columns.map((c) => c.header);
  const line = (vals: Record<string, unknown>) => headers.map((h) => vals[h] ?? "");

  it("reads complete rows by header and skips blank or half-filled ones", () => {
    const rows = resultsFromTable(
      {
        headers,
        rows: [
          line({
            Measure: "Drugs",
            "Target before": 10,
            "Target after": 7,
            "Control before": 100,
            "Control after": 99,
            Note: "n",
          }),
          line({ Measure: "Half", "Target before": 3 }),
          line({}),
          line({
            Measure: "Buffered",
            "Target before": "4",
            "Target after": 2,
            "Buffer before": 5,
            "Buffer after": 6,
            "Control before": 1,
            "Control after": 1,
          }),
        ],
      },
      model,
    );
    expect(rows).toEqual([
      { measure: "Drugs", target: { before: 10, after: 7 }, control: { before: 100, after: 99 }, note: "n" },
      {
        measure: "Buffered",
        target: { before: 4, after: 2 },
        buffer: { before: 5, after: 6 },
        control: { before: 1, after: 1 },
      },
    ]);
  });

  it("lists the half-filled rows it left out, with their row and the column at fault", () => {
    const { skipped } = readResultsTable(
      { headers, rows: [line({}), line({ Measure: "Half", "Target before": 3 })] },
      model,
    );
    expect(skipped).toEqual([{ row: 2, measure: "Half", reason: "Target after is blank" }]);
  });

  it("finds the columns wherever the analyst moved them", () => {
    const moved = [...headers].reverse();
    const rows = resultsFromTable(
      {
        headers: moved,
        rows: [
          moved.map(
            (h) =>
              ({
                Measure: "Drugs",
                "Target before": 3,
                "Target after": 2,
                "Control before": 9,
                "Control after": 8,
              })[h] ?? "",
          ),
        ],
      },
      model,
    );
    expect(rows).toEqual([
      { measure: "Drugs", target: { before: 3, after: 2 }, control: { before: 9, after: 8 } },
    ]);
  });

  it("explains how to repair a table that lost its count columns", () => {
    expect(() => resultsFromTable({ headers: ["Measure"], rows: [] }, model)).toThrow(PortError);
    expect(() => resultsFromTable({ headers: ["Measure"], rows: [] }, model)).toThrow(
      /Insert the Results sheet again with Update/,
    );
  });
});
