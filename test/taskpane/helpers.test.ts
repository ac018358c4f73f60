import { readCsvFiles, CSV_CHUNK_BYTES } from "../../src/taskpane/evaluate/csvImport";
import { evaluate, ALL_SELECTED } from "../../src/taskpane/evaluate/results";
import { resultsFromTable } from "../../src/taskpane/evaluate/readResults";
import { shiftFormulaRows } from "../../src/taskpane/port/shift";
import { operationFromNames } from "../../src/taskpane/port/operationNames";
import { formatCell } from "../../src/taskpane/preview/format";
import { detectHost } from "../../src/taskpane/boot";
import { friendlyError, gbToIso, isoToGb } from "../../src/taskpane/util";
import { parseAreaList, operationProblems } from "../../src/taskpane/components/OperationPanel";
import { CancelledError, PortError } from "../../src/taskpane/port/types";
import { buildSheet } from "../../src/sheets/build";
import { valueError } from "../../src/core/errors";
import { operation } from "./port.contract";

const file = (name: string, text: string | Uint8Array) => {
  const blob = new Blob([text as BlobPart]);
  return { name, size: blob.size, slice: (a: number, b: number) => blob.slice(a, b) };
};

describe("readCsvFiles", () => {
  it("combines monthly files with the same header and keeps quoted commas and multi-byte text across chunks", async () => {
    const header = "Month,LSOA code,Location\n";
    // Put the two-byte "£" across the first chunk boundary: its first byte ends chunk 1.
    const lead = '2024-01,W2,"On or near Caerffili, Stryd ';
    const need = CSV_CHUNK_BYTES - 1 - lead.length - header.length;
    const rowsBefore = Math.floor((need - 20) / 13);
    const pad = need - rowsBefore * 13 - "2024-01,W1,\n".length;
    const a =
      header + "2024-01,W1,x\n".repeat(rowsBefore) + `2024-01,W1,${"x".repeat(pad)}\n` + lead + '£"\n';
    expect(new TextEncoder().encode(a).indexOf(0xc2)).toBe(CSV_CHUNK_BYTES - 1);
    const b = header + "2024-02,W3,plain\n\n";
    const progress: number[] = [];
    const data = await readCsvFiles([file("a.csv", a), file("b.csv", b)], {
      onProgress: (done) => progress.push(done),
    });
    expect(data.headers).toEqual(["Month", "LSOA code", "Location"]);
    expect(data.rows[data.rows.length - 2]).toEqual(["2024-01", "W2", "On or near Caerffili, Stryd £"]);
    expect(data.rows[data.rows.length - 1]).toEqual(["2024-02", "W3", "plain"]);
    expect(progress[progress.length - 1]).toBe(new Blob([a]).size + new Blob([b]).size);
    expect(progress.length).toBeGreaterThan(2);
  });

  it("drops a UTF-8 byte-order mark", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Month,Area\n2024-01,W1\n")]);
    expect((await readCsvFiles([file("bom.csv", bytes)])).headers).toEqual(["Month", "Area"]);
  });

  it("refuses files whose headers differ, naming the file", async () => {
    await expect(readCsvFiles([file("a.csv", "A,B\n1,2\n"), file("odd.csv", "A,C\n1,2\n")])).rejects.toThrow(
      /odd\.csv has different column headings/,
    );
  });

  it("stops when cancelled", async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(readCsvFiles([file("a.csv", "A\n1\n")], { signal: ctl.signal })).rejects.toBeInstanceOf(
      CancelledError,
    );
  });

  it("reports an empty file", async () => {
    await expect(readCsvFiles([file("empty.csv", "")])).rejects.toThrow(/empty\.csv is empty/);
  });
});

describe("evaluate", () => {
  const op = operation();
  const rows = [
    ["2024-01", "T1", "Drugs"],
    ["2024-02", "T1", "Burglary"],
    ["2024-08", "T1", "Drugs"],
    ["2024-03", "B1", "Drugs"],
    ["2024-09", "C1", "Drugs"],
    ["2024-09", "C1", "Drugs"],
    ["2024-02", "", "Drugs"],
    ["2025-03", "C1", "Drugs"],
    ["2024-05", "X9", "Drugs"],
  ];
  const areas = { target: ["T1"], buffer: ["B1"], control: ["C1"] };

  it("counts every selected row once and lists the unusable ones", () => {
    const { aggregate, results } = evaluate({
      rows,
      columns: { date: 0, area: 1, offenceType: 2 },
      areas,
      operation: op,
    });
    expect(results[0]).toMatchObject({
      measure: ALL_SELECTED,
      target: { before: 2, after: 1 },
      buffer: { before: 1, after: 0 },
      control: { before: 0, after: 2 },
    });
    expect(results.map((r) => r.measure)).toEqual([ALL_SELECTED, "Burglary", "Drugs"]);
    expect(aggregate.rejectedCount).toBe(1);
    expect(aggregate.rowsOutsideAreas).toBe(1);
    expect(aggregate.rowsOutsidePeriods).toBe(1);
  });

  it("filters offence types and leaves out the buffer when there is none", () => {
    const { results } = evaluate({
      rows,
      columns: { date: 0, area: 1, offenceType: 2 },
      areas: { ...areas, buffer: [] },
      operation: op,
      offenceTypes: ["Drugs"],
    });
    expect(results[0]).toMatchObject({ target: { before: 1, after: 1 }, control: { before: 0, after: 2 } });
    expect(results[0].buffer).toBeUndefined();
    expect(results.map((r) => r.measure)).toEqual([ALL_SELECTED, "Drugs"]);
  });

  it("asks for the periods when the operation has none", () => {
    expect(() =>
      evaluate({
        rows,
        columns: { date: 0, area: 1, offenceType: null },
        areas,
        operation: { ...op, after: { start: "", end: "" } },
      }),
    ).toThrow(/before and after periods/);
  });
});

describe("resultsFromTable", () => {
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

  it("explains how to repair a table that lost its count columns", () => {
    expect(() => resultsFromTable({ headers: ["Measure"], rows: [] }, model)).toThrow(PortError);
  });
});

describe("shiftFormulaRows", () => {
  it("moves relative row references and nothing else", () => {
    expect(shiftFormulaRows('=IF(ISNUMBER(F12),F12+NORM.S.INV(0.975)*SQRT(C12+D12),"F12")', 3)).toBe(
      '=IF(ISNUMBER(F15),F15+NORM.S.INV(0.975)*SQRT(C15+D15),"F12")',
    );
    expect(shiftFormulaRows("=LOG10(A5)+$B$4+B$4+HP_Results+'Operation'!$B$4+1E-9", 2)).toBe(
      "=LOG10(A7)+$B$4+B$4+HP_Results+'Operation'!$B$4+1E-9",
    );
    expect(shiftFormulaRows("=A5", 0)).toBe("=A5");
  });
});

describe("operationFromNames", () => {
  it("returns null without an Operation sheet and reads serial dates and area lists", () => {
    expect(operationFromNames(new Map())).toBeNull();
    const op = operationFromNames(
      new Map([
        ["hp_operationname", [["Op"]]],
        ["hp_targetareas", [["W1; W2, W3"]]],
        ["hp_beforestart", [[45292]]],
        ["hp_afterend", [["2024-12-31"]]],
        ["hp_preparedon", [["not a date"]]],
      ]),
    );
    expect(op).toMatchObject({ name: "Op", targetAreas: ["W1", "W2", "W3"], preparedOn: "" });
    expect(op?.before.start).toBe("2024-01-01");
    expect(op?.after.end).toBe("2024-12-31");
  });

  it("reads dd/mm/yyyy text and month text as dates, each month bound covering the whole month", () => {
    const op = operationFromNames(
      new Map([
        ["hp_operationname", [["Op"]]],
        ["hp_beforestart", [["01/02/2024"]]],
        ["hp_beforeend", [["2024-06"]]],
      ]),
    );
    expect(op?.before).toEqual({ start: "2024-02-01", end: "2024-06-30" });
  });

  it("refuses a period date that is not a date, naming the cell", () => {
    const read = () =>
      operationFromNames(
        new Map([
          ["hp_operationname", [["Op"]]],
          ["hp_afterstart", [["next week"]]],
        ]),
        { addresses: new Map([["hp_afterstart", "Operation!B16"]]) },
      );
    expect(read).toThrow("Operation!B16 (After period: start) holds 'next week', which is not a date");
  });

  it("refuses error values and names that lost their cells, naming them", () => {
    const values = new Map([
      ["hp_operationname", [["Op"]]],
      ["hp_targetareas", [["#N/A"]]],
    ]);
    expect(() =>
      operationFromNames(values, { addresses: new Map([["hp_targetareas", "Operation!B11"]]) }),
    ).toThrow("Operation!B11 (Target areas) shows #N/A");
    expect(() =>
      operationFromNames(new Map([["hp_operationname", [["Op"]]]]), { broken: new Set(["hp_beforeend"]) }),
    ).toThrow(/HP_BeforeEnd \(Before period: end\) no longer points at a cell/);
  });
});

describe("formatCell (preview grid)", () => {
  it("follows the number format, en-GB", () => {
    expect(formatCell(-0.0312, "0.0%")).toBe("-3.1%");
    expect(formatCell(45292, "dd/mm/yyyy")).toBe("01/01/2024");
    expect(formatCell(1234.5, "#,##0.0")).toBe("1,234.5");
    expect(formatCell(2.345, "0.00")).toBe("2.35");
    expect(formatCell(1 / 3)).toBe("0.3333333333");
    expect(formatCell(true)).toBe("TRUE");
    expect(formatCell(null)).toBe("");
    expect(formatCell("n/a", "0.00")).toBe("n/a");
  });
});

describe("task-pane helpers", () => {
  it("converts dates between ISO and dd/MM/yyyy", () => {
    expect(isoToGb("2024-07-01")).toBe("01/07/2024");
    expect(gbToIso("1/7/2024")).toBe("2024-07-01");
    expect(gbToIso("2024-07-01")).toBe("");
  });

  it("reads area lists typed one per line, or with commas or semicolons, without duplicates", () => {
    expect(parseAreaList("W1\nW2, W3;W1\n\n")).toEqual(["W1", "W2", "W3"]);
  });

  it("lists what stops an operation being saved", () => {
    expect(operationProblems(operation())).toEqual([]);
    const bad = { ...operation(), name: " ", after: { start: "2024-06-01", end: "2024-05-01" } };
    expect(operationProblems(bad)).toEqual([
      "Give the operation a name.",
      "The after period ends before it starts.",
      "The before period must end before the after period starts.",
    ]);
  });

  it("turns errors into actionable text, never a stack", () => {
    expect(friendlyError(new PortError("Do this."))).toBe("Do this.");
    expect(friendlyError(valueError("target areas are empty"))).toBe("target areas are empty");
    const e = new Error("InvalidOperation: boom\n    at x (y.js:1:1)");
    expect(friendlyError(e)).toMatch(/^Excel refused the change \(InvalidOperation: boom\)\. Finish editing/);
    expect(friendlyError(new Error("odd\n at z"))).not.toMatch(/ at z/);
  });
});

describe("detectHost", () => {
  const g = globalThis as { Office?: unknown };
  afterEach(() => delete g.Office);

  it("is 'none' without Office.js, with no host, or when onReady never answers", async () => {
    expect(await detectHost(50)).toBe("none");
    g.Office = { onReady: () => Promise.resolve({ host: null }) };
    expect(await detectHost(50)).toBe("none");
    g.Office = { onReady: () => new Promise(() => undefined) };
    expect(await detectHost(50)).toBe("none");
    g.Office = { onReady: () => Promise.reject(new Error("x")) };
    expect(await detectHost(50)).toBe("none");
  });

  it("is 'excel' in Excel", async () => {
    g.Office = { onReady: () => Promise.resolve({ host: "Excel" }) };
    expect(await detectHost(50)).toBe("excel");
  });
});
