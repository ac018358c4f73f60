/**
 * The pane's import keeps only the columns the evaluation can use, and hands
 * them from its worker to the page packed (transfer.ts). Checked here without
 * a worker: the same functions run on both sides of postMessage.
 */
import { readCsvFiles, readIncidentTable, guessedColumns } from "../../src/taskpane/evaluate/csvImport";
import { packBatch, packColumn, RowAssembler } from "../../src/taskpane/evaluate/transfer";
import type { RowBatch } from "../../src/core/incidents";
import { tableColumn, tableColumns } from "../../src/app/incidentData";
import { POLICE_UK_HEADERS, readPoliceUkText } from "../support/policeUk";
import { splitCsv } from "../support/csvSplit";

const file = (name: string, text: string) => {
  const blob = new Blob([text]);
  return { name, size: blob.size, slice: (a: number, b: number) => blob.slice(a, b) };
};

/** Structured cloning, as postMessage does it (without transferring: the page gets copies). */
const clone = <T>(v: T): T => structuredClone(v);

describe("guessedColumns", () => {
  it("keeps police.uk's Crime ID, Month, LSOA code, LSOA name and Crime type, and nothing else", () => {
    expect(guessedColumns(POLICE_UK_HEADERS).map((i) => POLICE_UK_HEADERS[i])).toEqual([
      "Crime ID",
      "Month",
      "LSOA code",
      "LSOA name",
      "Crime type",
    ]);
  });

  it("keeps every column when the date or the area cannot be guessed (the analyst will choose)", () => {
    expect(guessedColumns(["When", "Where", "What"])).toEqual([0, 1, 2]);
  });
});

describe("packing rows for the trip from the worker", () => {
  it("sends a column of few distinct values as a dictionary, and of many as one string with where each value ends", () => {
    const months = ["2024-01", "2024-02", "2024-01", "", "2024-01"];
    expect(packColumn(months)).toEqual({
      kind: "dict",
      values: ["2024-01", "2024-02", ""],
      codes: new Uint32Array([0, 1, 0, 2, 0]),
    });
    const ids = Array.from({ length: 1000 }, (_, i) => `id-${i}`);
    expect(packColumn(ids)).toBeNull();
    // Column 1 already found to have many values in an earlier batch: sent joined without trying again.
    const { packed, transfer } = packBatch(
      { first: 0, columns: [ids, ["", "é", "", "ab"]], lines: new Int32Array(4) },
      new Set([1]),
    );
    expect(packed.columns[0]).toMatchObject({ kind: "joined", text: ids.join("") });
    expect(packed.columns[1]).toEqual({ kind: "joined", text: "éab", ends: new Uint32Array([0, 1, 1, 3]) });
    // The ends move with the line numbers, rather than being copied.
    const ends = (packed.columns[1] as { ends: Uint32Array }).ends.buffer;
    expect(transfer).toContain(ends);
  });

  it("puts batches back together by row index, a file read again replacing its rows", () => {
    const batch = (first: number, ids: string[], months: string[]): RowBatch => ({
      first,
      columns: [ids, months],
      lines: Int32Array.from(ids, (_, i) => first + i + 2),
    });
    const rows = new RowAssembler();
    const send = (b: RowBatch) => rows.add(clone(packBatch(b).packed));
    const ids = Array.from({ length: 300 }, (_, i) => `id-${i}-ŵ`);
    const months = ids.map((_, i) => `2024-0${(i % 9) + 1}`);
    send(batch(0, ids.slice(0, 100), months.slice(0, 100)));
    send(batch(100, ["wrong"], ["2024-12"])); // then the file is read again from row 100
    send(batch(100, ids.slice(100, 200), months.slice(100, 200)));
    send(batch(200, ids.slice(200), months.slice(200)));
    const info = {
      allHeaders: ["Crime ID", "Location", "Month"],
      kept: [0, 2],
      files: [{ name: "a.csv", bytes: 1, rows: 300, encoding: "utf-8" as const, firstRow: 0 }],
      notices: [],
    };
    const data = rows.finish(info);
    expect(data.rowCount).toBe(300);
    expect(data.column(0)).toEqual(ids);
    expect(data.column(2)).toEqual(months);
    expect(data.column(1)).toBeUndefined();
    expect(data.rowLabel?.(299)).toBe("a.csv, line 301");
    // One string per month on the page, shared by every batch.
    const seen = new Set(data.column(2));
    expect(seen.size).toBe(9);
    // However the worker guessed the number of rows, the columns hold exactly the rows sent.
    for (const hint of [1, 150, 300, 1000]) {
      const hinted = new RowAssembler();
      const sendHinted = (b: RowBatch) => hinted.add({ ...clone(packBatch(b).packed), rowsHint: hint });
      sendHinted(batch(0, ids.slice(0, 100), months.slice(0, 100)));
      sendHinted(batch(100, ["wrong"], ["2024-12"]));
      sendHinted(batch(100, ids.slice(100, 200), months.slice(100, 200)));
      sendHinted(batch(200, ids.slice(200), months.slice(200)));
      const got = hinted.finish(info);
      expect(got.rowCount).toBe(300);
      expect(got.column(0)).toEqual(ids);
      expect(got.column(2)).toEqual(months);
      expect(got.rowLabel?.(299)).toBe("a.csv, line 301");
    }
    expect(() => new RowAssembler().add(clone(packBatch(batch(5, ["x"], ["y"])).packed))).toThrow(
      /rows from 5 arrived before rows 0/,
    );
  });
});

describe("reading police.uk files for the pane", () => {
  const june = readPoliceUkText("2024-06");
  const july = readPoliceUkText("2024-07");
  const independent = [...splitCsv(june).slice(1), ...splitCsv(july).slice(1)].filter((r) => r.length > 1);

  it("keeps the guessed columns only, with every row's file and line, through the batches the worker sends", async () => {
    const files = [file("2024-06.csv", june), file("2024-07.csv", july)];
    const rows = new RowAssembler();
    let batches = 0;
    const { table, kept } = await readIncidentTable(files, {
      keep: "guessed",
      yieldBetween: false,
      onRows: (b) => {
        batches++;
        const { packed, transfer } = packBatch(b);
        expect(transfer.length).toBeGreaterThanOrEqual(1); // the line numbers (and dictionary codes) move, not copy
        rows.add(clone(packed));
      },
    });
    expect(table.rowCount).toBe(0); // the worker holds none of them at the end
    expect(batches).toBeGreaterThan(0);
    const data = rows.finish({
      allHeaders: table.allHeaders,
      kept,
      files: clone(table.files),
      notices: clone(table.notices),
    });
    expect(data.headers).toEqual(POLICE_UK_HEADERS);
    expect(data.rowCount).toBe(independent.length);
    expect(data.column(POLICE_UK_HEADERS.indexOf("Location"))).toBeUndefined();
    for (const h of ["Crime ID", "Month", "LSOA code", "LSOA name", "Crime type"]) {
      const k = POLICE_UK_HEADERS.indexOf(h);
      expect(tableColumn(data, k)).toEqual(independent.map((r) => r[k]));
    }
    expect(() => tableColumn(data, POLICE_UK_HEADERS.indexOf("Location"))).toThrow(
      /"Location" was not kept when the files were read/,
    );
    // A July row is named by its own file and line (the header is line 1), not by its place in both files.
    const i = independent.length - 1;
    const lastLine = july.split("\n").filter((l) => l.trim() !== "").length;
    expect(data.rowLabel?.(i)).toBe(`2024-07.csv, line ${lastLine.toLocaleString("en-GB")}`);
  });

  it("keeps chosen positions when asked, and every column by default", async () => {
    const one = await readCsvFiles([file("2024-06.csv", june)], { keep: [7], yieldBetween: false });
    expect(one.column(7)).toEqual(
      splitCsv(june)
        .slice(1)
        .filter((r) => r.length > 1)
        .map((r) => r[7]),
    );
    expect(one.column(1)).toBeUndefined();
    const all = await readCsvFiles([file("2024-06.csv", june)], { yieldBetween: false });
    expect(POLICE_UK_HEADERS.every((_, k) => all.column(k) !== undefined)).toBe(true);
  });

  it("gives the evaluation the same columns as row-shaped data would", async () => {
    const data = await readCsvFiles([file("2024-06.csv", june)], { keep: "guessed", yieldBetween: false });
    const map = { date: 1, area: 7, offenceType: 9, id: 0 };
    const rows = splitCsv(june)
      .slice(1)
      .filter((r) => r.length > 1);
    expect(tableColumns(data, map)).toEqual(tableColumns({ headers: POLICE_UK_HEADERS.slice(), rows }, map));
  });
});
