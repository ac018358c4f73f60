/**
 * The command line's incident files: their sizes go to the reader, so only
 * files that share a size are fingerprinted, and a copy is still refused.
 * Area names are read into a map of areas by authority, not kept as a column.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readIncidentData, sizeOf } from "../../src/cli/incidentFiles";
import { ContentHasher } from "../../src/core/incidents/hash";

const HEADER = "Crime ID,Month,LSOA code,Crime type\n";

describe("readIncidentData", () => {
  let dir = "";
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-cli-files-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("refuses a copy of a file, and fingerprints only the files that share a size", async () => {
    const jan = write("jan.csv", HEADER + "a,2024-01,W01,Drugs\n");
    const copy = write("jan (1).csv", HEADER + "a,2024-01,W01,Drugs\n");
    const mar = write("mar.csv", HEADER + "c,2024-03,W003,Drugs\n");
    expect(sizeOf(jan)).toBe(fs.statSync(jan).size);
    expect(sizeOf(path.join(dir, "missing.csv"))).toBeUndefined();
    await expect(readIncidentData([jan, mar, copy])).rejects.toThrow(
      "jan (1).csv is identical to jan.csv; remove one of them and load the files again.",
    );
    const update = jest.spyOn(ContentHasher.prototype, "update");
    try {
      const data = await readIncidentData([jan, mar]);
      expect(data.table.files.map((f) => f.rows)).toEqual([1, 1]);
      expect(update).not.toHaveBeenCalled(); // their sizes differ: neither can be a copy of the other
    } finally {
      update.mockRestore();
    }
  });

  it("keeps each area's authority, not a column of names, and still names rows by file and line", async () => {
    const head = "Crime ID,Month,LSOA code,LSOA name,Crime type\n";
    const jan = write(
      "jan.csv",
      head +
        "a,2024-01,W01001900,Torfaen 001A,Drugs\n" +
        "b,2024-01,W01001685,Newport 014B,Drugs\n" +
        "c,2024-01,,,Drugs\n" +
        "d,2024-01,W01001901,Torfaen 001B,Drugs\n",
    );
    const feb = write("feb.csv", head + "e,2024-02,W01001900,Torfaen 001A,Burglary\n");
    const data = await readIncidentData([jan, feb]);
    expect(data.table.headers).toEqual(["Month", "LSOA code", "Crime type", "Crime ID"]);
    expect(data.table.columns).toHaveLength(4);
    expect(data.areas).toEqual(["W01001900", "W01001685", "", "W01001901", "W01001900"]);
    expect(data.types).toEqual(["Drugs", "Drugs", "Drugs", "Drugs", "Burglary"]);
    expect(data.ids).toEqual(["a", "b", "c", "d", "e"]);
    expect([...data.byAuthority]).toEqual([
      ["Newport", ["W01001685"]],
      ["Torfaen", ["W01001900", "W01001901"]],
    ]);
    expect(data.table.rowLabel(2)).toBe("jan.csv, line 4");
    expect(data.table.rowLabel(4)).toBe("feb.csv, line 2");
  });

  it("reads a file again as Windows-1252 after rows were handed over, without keeping its first reading’s rows", async () => {
    const head = "Month,LSOA code,LSOA name\n";
    // Text that is UTF-8 first (so the reader starts as UTF-8), then, far on, a byte that is not.
    const first = "2024-01,W08,Tŷ Du 001A\n";
    const rows = Array.from({ length: 200_000 }, (_, i) => `2024-01,W0${i % 7},Torfaen 00${i % 7}A\n`).join(
      "",
    );
    const text = Buffer.concat([
      Buffer.from(head + first + rows),
      Buffer.from("2024-01,W09,Caf\xe9 001A\n", "latin1"),
    ]);
    const f = path.join(dir, "w.csv");
    fs.writeFileSync(f, text);
    const data = await readIncidentData([f]);
    expect(data.areas).toHaveLength(200_002);
    expect(data.table.rowLabel(200_001)).toBe("w.csv, line 200,003");
    expect(data.byAuthority.get("Café")).toEqual(["W09"]);
  });
});
