import { readFileSync } from "fs";
import { join } from "path";
import { IncidentFileReader } from "../../../src/core/incidents/fileReader";
import { ContentHasher } from "../../../src/core/incidents/hash";
import { readBuffers, readCounts, refusal, text, type NamedBytes } from "./readFiles";

const HEADER = "Crime ID,Month,LSOA code,Crime type\n";

describe("readIncidentFiles: one table from several files", () => {
  test("the header once, every row with its file and line", async () => {
    const a = HEADER + "id1,2024-01,W01001685,Drugs\n\nid2,2024-01,W01001687,Robbery\n";
    const b = HEADER.replace(/\n/, "\r\n") + ",2024-02,W01001685,Anti-social behaviour\r\n";
    const t = await readBuffers(
      [
        ["a.csv", text(a)],
        ["b.csv", text(b)],
      ],
      {},
      5,
    );
    expect(t.headers).toEqual(["Crime ID", "Month", "LSOA code", "Crime type"]);
    expect(t.rowCount).toBe(3);
    expect(t.column("Month")).toEqual(["2024-01", "2024-01", "2024-02"]);
    expect([0, 1, 2].map((i) => t.rowLabel(i))).toEqual(["a.csv, line 2", "a.csv, line 4", "b.csv, line 2"]);
    expect(t.files.map((f) => [f.name, f.rows, f.firstRow, f.bytes, f.encoding])).toEqual([
      ["a.csv", 2, 0, a.length, "utf-8"],
      ["b.csv", 1, 2, b.length, "utf-8"],
    ]);
    expect(t.rows()[2]).toEqual(["", "2024-02", "W01001685", "Anti-social behaviour"]);
    expect(t.notices).toEqual([]);
  });

  test("line numbers above 999 are written with a thousands separator", async () => {
    const body = Array.from({ length: 1500 }, (_, i) => `id${i},2024-01,W01,Drugs\n`).join("");
    const t = await readBuffers([["big.csv", text(HEADER + body)]]);
    expect(t.rowLabel(1498)).toBe("big.csv, line 1,500");
    expect(t.lineOf(1499)).toBe(1501);
  });

  test("keepColumns: by name (any case), by position, or chosen once the header is known", async () => {
    const file: NamedBytes = ["a.csv", text(HEADER + "id1,2024-01,W01,Drugs\n")];
    const byName = await readBuffers([file], { keepColumns: ["lsoa code", "Month"] });
    expect(byName.headers).toEqual(["LSOA code", "Month"]);
    expect(byName.allHeaders).toHaveLength(4);
    expect(byName.columns).toEqual([["W01"], ["2024-01"]]);
    const byFunction = await readBuffers([file], { keepColumns: (h) => [h.indexOf("Crime type"), 0] });
    expect(byFunction.rows()).toEqual([["Drugs", "id1"]]);
    expect(await refusal(readBuffers([file], { keepColumns: ["Falls within"] }))).toBe(
      "a.csv has no column 'Falls within'",
    );
    expect(await refusal(readBuffers([file], { keepColumns: [4] }))).toBe(
      "a.csv has 4 columns, so there is no column 5",
    );
  });

  test("a record of one blank field (a line of spaces) is skipped, not refused", async () => {
    const t = await readBuffers([["a.csv", text(HEADER + "   \nid1,2024-01,W01,Drugs\n")]]);
    expect(t.rowCount).toBe(1);
    expect(t.lineOf(0)).toBe(3);
  });

  test("a quoted field may hold commas and line breaks when the record still fits the header", async () => {
    const csv = HEADER + 'id1,2024-01,W01,"Drugs, \r\nsupply"\nid2,2024-02,W01,Robbery\n';
    const t = await readBuffers([["a.csv", text(csv)]]);
    expect(t.column("Crime type")).toEqual(["Drugs, \r\nsupply", "Robbery"]);
    expect([t.lineOf(0), t.lineOf(1)]).toEqual([2, 4]);
  });
});

describe("readIncidentFiles: files that are refused", () => {
  test("a header but no rows", async () => {
    expect(await refusal(readBuffers([["head.csv", text(HEADER)]]))).toBe(
      "head.csv has a header but no rows.",
    );
  });

  test.each([
    ["nothing at all", ""],
    ["blank lines", "\r\n\n\n"],
    ["a byte-order mark only", "\ufeff"],
  ])("an empty file (%s)", async (_, content) => {
    expect(await refusal(readBuffers([["empty.csv", text(content)]]))).toBe(
      "empty.csv is empty; it has no header and no rows.",
    );
  });

  test("different column headings from the first file", async () => {
    const message = await refusal(
      readBuffers([
        ["jan.csv", text(HEADER + "a,2024-01,W01,Drugs\n")],
        ["feb.csv", text("Month,LSOA code\n2024-02,W01\n")],
      ]),
    );
    expect(message).toBe(
      "feb.csv has different column headings from jan.csv, so the files cannot be combined; load it on its own.",
    );
  });

  test("a record with more or fewer fields than the header, named by file and line", async () => {
    const csv = HEADER + "a,2024-01,W01,Drugs\n\nb,2024-01,W01\n";
    expect(await refusal(readBuffers([["short.csv", text(csv)]]))).toBe(
      "short.csv, line 4: this row has 3 fields but the header has 4, so short.csv was refused; " +
        "a comma or quote may be missing or extra. Correct that line and load the files again.",
    );
    const long = HEADER + "a,2024-01,W01,Drugs,extra\n";
    expect(await refusal(readBuffers([["long.csv", text(long)]]))).toMatch(
      /^long\.csv, line 2: this row has 5 fields but the header has 4/,
    );
  });

  test("a stray quote that a later quote closes: the line where the quoted field starts", async () => {
    const csv =
      HEADER + 'a,2024-01,W01,Drugs\nb,2024-01,"W01,Drugs\nc,2024-02,W01,Drugs\nd,2024-02,"W02",x\n';
    expect(await refusal(readBuffers([["stray.csv", text(csv)]]))).toBe(
      "stray.csv, lines 3 to 5: a quoted field starts on line 3 and runs on over line ends to line 5; a closing " +
        'quote (") is probably missing, and stray.csv was refused. Correct that line and load the files again.',
    );
  });

  test("a stray quote that nothing closes runs to the end of the file", async () => {
    const csv = HEADER + 'a,2024-01,W01,Drugs\nb,2024-01,W01,"On or near Mill Lane\nc,2024-02,W01,Drugs\n';
    expect(await refusal(readBuffers([["open.csv", text(csv)]], {}, 7))).toBe(
      'open.csv, line 3: a quoted field starts here and runs on over line ends to the end of the file; a closing quote (") ' +
        "is missing, so open.csv was refused. Correct that line and load the files again.",
    );
  });

  test("the same bytes twice, whatever the names, however they are read", async () => {
    const bytes = text(HEADER + "a,2024-01,W01,Drugs\n");
    expect(
      await refusal(
        readBuffers(
          [
            ["jan.csv", bytes],
            ["feb.csv", text(HEADER + "a,2024-02,W01,Drugs\n")],
            ["jan (1).csv", bytes.slice()],
          ],
          {},
          3,
        ),
      ),
    ).toBe("jan (1).csv is identical to jan.csv; remove one of them and load the files again.");
  });

  test("with sizes known, only files that share a size are fingerprinted, and a copy is still refused", async () => {
    const update = jest.spyOn(ContentHasher.prototype, "update");
    try {
      const jan = text(HEADER + "a,2024-01,W01,Drugs\n");
      const feb = text(HEADER + "b,2024-02,W02,Drugs\n"); // the same size as jan, other bytes
      const mar = text(HEADER + "c,2024-03,W003,Drugs\n");
      const t = await readBuffers(
        [
          ["jan.csv", jan],
          ["feb.csv", feb],
          ["mar.csv", mar],
        ],
        {},
        8,
        true,
      );
      expect(t.rowCount).toBe(3);
      // jan and feb share a size, so both were fingerprinted (and differ); mar, alone in its size, was not.
      const hashed = update.mock.calls.reduce((n, [b]) => n + b.length, 0);
      expect(hashed).toBe(jan.length + feb.length);
      expect(
        await refusal(
          readBuffers(
            [
              ["jan.csv", jan],
              ["mar.csv", mar],
              ["jan (1).csv", jan.slice()],
            ],
            {},
            8,
            true,
          ),
        ),
      ).toBe("jan (1).csv is identical to jan.csv; remove one of them and load the files again.");
    } finally {
      update.mockRestore();
    }
  });

  test("a PNG (one of the add-in's own icons) is refused by name", async () => {
    const png = new Uint8Array(readFileSync(join(__dirname, "..", "..", "..", "assets", "icon-32.png")));
    expect(await refusal(readBuffers([["icon-32.png", png]]))).toBe(
      "icon-32.png is a PNG image, not a CSV text file; choose the CSV file of incidents instead.",
    );
  });
});

describe("readIncidentFiles: encodings", () => {
  test("Windows-1252: 'Caf\\xe9' reads as 'Café', with a notice naming the file", async () => {
    const bytes = new Uint8Array([...Buffer.from("Name,Month\nCaf"), 0xe9, ...Buffer.from(",2024-01\n")]);
    const t = await readBuffers([["cafes.csv", bytes]]);
    expect(t.column("Name")).toEqual(["Café"]);
    expect(t.files[0].encoding).toBe("windows-1252");
    expect(t.notices).toEqual(["cafes.csv was read as Windows-1252 because it is not valid UTF-8."]);
  });

  test("not UTF-8 after UTF-8 text: the file is read again, whole, as Windows-1252 (no rows twice)", async () => {
    readCounts.clear();
    const first = text(HEADER + "a,2024-01,W01,Drugs\n");
    // Longer than the bytes looked at to recognise the file, so UTF-8 decoding is under way at the 0xE9.
    const padding = "p,2024-02,W01,Drugs\n".repeat(40);
    const mixed = new Uint8Array([
      ...Buffer.from(HEADER + "b,2024-02,W01,Caf\u00e9\n" + padding, "utf8"),
      ...Buffer.from("c,2024-02,W01,Caf"),
      0xe9,
      0x0a,
    ]);
    const t = await readBuffers(
      [
        ["first.csv", first],
        ["mixed.csv", mixed],
      ],
      {},
      16,
    );
    expect(readCounts.get("mixed.csv")).toBe(2);
    expect(t.rowCount).toBe(43);
    expect(t.column("Crime ID").filter((id) => id !== "p")).toEqual(["a", "b", "c"]);
    expect(t.column("Crime type").filter((c) => c !== "Drugs")).toEqual(["CafÃ©", "Café"]);
    expect(t.rowLabel(42)).toBe("mixed.csv, line 43");
    expect(t.notices).toEqual(["mixed.csv was read as Windows-1252 because it is not valid UTF-8."]);
  });

  test("… also when it is the first file (its header is read again too)", async () => {
    const mixed = new Uint8Array([
      ...Buffer.from("Nom\u00e9,Month\n" + "x,2024-01\n".repeat(60), "utf8"),
      ...[0xe9, 0x2c, 0x31, 0x0a],
    ]);
    readCounts.clear();
    const t = await readBuffers([["only.csv", mixed]], {}, 64);
    expect(readCounts.get("only.csv")).toBe(2);
    expect(t.headers).toEqual(["NomÃ©", "Month"]);
    expect(t.rowCount).toBe(61);
    expect(t.rows()[60]).toEqual(["é", "1"]);
  });
});

describe("IncidentFileReader used directly", () => {
  test("push() before beginFile() and finish() without files are mistakes", () => {
    const r = new IncidentFileReader();
    expect(() => r.push(text("a"))).toThrow(/without beginFile/);
    expect(() => r.finish()).toThrow(/no incident files were read/);
    r.beginFile("a.csv");
    expect(() => r.beginFile("b.csv")).toThrow(/before endFile/);
  });
});
