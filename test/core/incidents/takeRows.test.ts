/**
 * Rows handed over as they are read (readIncidentFiles' onRows, the reader's
 * takeRows), so a large import need not hold every row twice: put back
 * together by index, the batches are exactly the table a plain read gives,
 * also when a file must be read again after rows of it were handed over.
 */
import { IncidentFileReader, IncidentTable, type RowBatch } from "../../../src/core/incidents/fileReader";
import { nativeUtf8, policeUkBytes, policeUkName, readBuffers, text, type NamedBytes } from "./readFiles";

const HEADER = "Crime ID,Month,LSOA code,Crime type\n";

/** A consumer as the pane's is: drop what it holds from `first` on, then add the batch. */
function collect() {
  let columns: string[][] = [];
  let lines: number[] = [];
  const batches: RowBatch[] = [];
  return {
    batches,
    onRows(b: RowBatch) {
      batches.push(b);
      if (b.first === 0) columns = b.columns.map(() => []);
      columns = columns.map((c, k) => [...c.slice(0, b.first), ...b.columns[k]]);
      lines = [...lines.slice(0, b.first), ...b.lines];
    },
    table(t: IncidentTable) {
      return new IncidentTable(t.headers, t.allHeaders, columns, t.files, t.notices, Int32Array.from(lines));
    },
  };
}

const same = (a: IncidentTable, b: IncidentTable) => {
  expect(b.headers).toEqual(a.headers);
  expect(b.rowCount).toBe(a.rowCount);
  expect(b.columns).toEqual(a.columns);
  for (const i of [0, a.rowCount >> 1, a.rowCount - 1]) expect(b.rowLabel(i)).toBe(a.rowLabel(i));
  expect(b.files).toEqual(a.files);
  expect(b.notices).toEqual(a.notices);
};

describe("rows handed over as they are read", () => {
  it("in batches that put back together make the same table as a plain read (two police.uk months)", async () => {
    const files: NamedBytes[] = ["2024-06", "2024-07"].map((m) => [policeUkName(m), policeUkBytes(m)]);
    const options = { createUtf8Decoder: nativeUtf8, keepColumns: ["Crime ID", "Month", "LSOA code"] };
    const plain = await readBuffers(files, options);
    const c = collect();
    const t = await readBuffers(files, { ...options, onRows: (b) => c.onRows(b), batchRows: 1000 }, 16_384);
    expect(t.rowCount).toBe(0); // every row went to onRows
    expect(c.batches.length).toBeGreaterThan(10);
    expect(Math.max(...c.batches.map((b) => b.lines.length))).toBeLessThan(1000 + 200);
    same(plain, c.table(t));
  });

  it("hands a file's rows over again from its first row when it must be read as Windows-1252", async () => {
    const first = text(HEADER + "a,2024-01,W01,Drugs\n");
    const padding = "p,2024-02,W01,Drugs\n".repeat(40);
    const mixed = new Uint8Array([
      ...Buffer.from(HEADER + "b,2024-02,W01,Caf\u00e9\n" + padding, "utf8"),
      ...Buffer.from("c,2024-02,W01,Caf"),
      0xe9,
      0x0a,
    ]);
    const files: NamedBytes[] = [
      ["first.csv", first],
      ["mixed.csv", mixed],
    ];
    const plain = await readBuffers(files, {}, 16);
    const c = collect();
    const t = await readBuffers(files, { onRows: (b) => c.onRows(b), batchRows: 5 }, 16);
    // Rows of mixed.csv were handed over before it turned out not to be UTF-8, then again from its first row.
    const firsts = c.batches.map((b) => b.first);
    expect(firsts.some((f, i) => i > 0 && f < firsts[i - 1])).toBe(true);
    expect(Math.min(...firsts.filter((f, i) => i > 0 && f < firsts[i - 1]))).toBe(1);
    same(plain, c.table(t));
    expect(
      c
        .table(t)
        .column("Crime type")
        .filter((x) => x !== "Drugs"),
    ).toEqual(["CafÃ©", "Café"]);
  });

  it("will not finish with rows partly taken (the table would name them wrongly)", () => {
    const r = new IncidentFileReader();
    r.beginFile("a.csv");
    // More than the bytes looked at to recognise the text encoding, so these rows are read at once.
    r.push(text(HEADER + "a,2024-01,W01,Drugs\n".repeat(100)));
    const taken = r.takeRows();
    expect(taken.first).toBe(0);
    expect(taken.lines.length).toBe(100);
    r.push(text("b,2024-01,W01,Drugs\n"));
    r.endFile();
    expect(r.heldRows).toBe(1);
    expect(() => r.finish()).toThrow(/rows not yet taken/);
    expect(r.takeRows()).toEqual({
      first: 100,
      columns: [["b"], ["2024-01"], ["W01"], ["Drugs"]],
      lines: new Int32Array([102]),
    });
    expect(r.finish().rowCount).toBe(0);
  });
});
