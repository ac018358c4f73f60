import { readCsvFiles, CSV_CHUNK_BYTES } from "../../src/taskpane/evaluate/csvImport";
import { formatCell } from "../../src/taskpane/preview/format";
import { detectHost } from "../../src/taskpane/boot";
import { friendlyError, isoToGb } from "../../src/taskpane/util";
import { parseGbDate } from "../../src/taskpane/components/DateField";
import { CancelledError, PortError } from "../../src/workbook/port";
import { valueError } from "../../src/core/errors";

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
  it("converts dates between ISO and dd/mm/yyyy; the date fields also accept yyyy-mm-dd as typed", () => {
    expect(isoToGb("2024-07-01")).toBe("01/07/2024");
    expect(isoToGb("1/7/2024")).toBe("");
    expect(parseGbDate("1/7/2024")).toBe("2024-07-01");
    expect(parseGbDate(" 01/07/2024 ")).toBe("2024-07-01");
    expect(parseGbDate("2024-07-01")).toBe("2024-07-01");
    // Dates that do not exist, and US order, are refused rather than rolled over.
    expect(parseGbDate("31/02/2024")).toBe("");
    expect(parseGbDate("29/02/2023")).toBe("");
    expect(parseGbDate("29/02/2024")).toBe("2024-02-29");
    expect(parseGbDate("07/31/2024")).toBe("");
    expect(parseGbDate("")).toBe("");
  });

  it("turns errors into actionable text, never a stack", () => {
    expect(friendlyError(new PortError("Do this."))).toBe("Do this.");
    expect(friendlyError(new CancelledError())).toBe("Cancelled.");
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
