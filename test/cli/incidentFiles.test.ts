/**
 * The command line's incident files: their sizes go to the reader, so only
 * files that share a size are fingerprinted, and a copy is still refused.
 * Area names are read into a map of areas by authority, not kept as a column.
 * Each file's count is taken in the files' order whatever order the counts
 * come in (as worker threads finish them).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { sizeOf } from "../../src/cli/incidentFiles";
import { countFile, type CountPlan } from "../../src/cli/countFile";
import { countIncidentFiles, fileTasks, FileMerger } from "../../src/cli/countFiles";
import { ContentHasher } from "../../src/core/incidents/hash";
import { cubeFrame } from "../../src/core/incidents/cube";
import { isoToSerial } from "../../src/core/incidents";

const HEADER = "Crime ID,Month,LSOA code,Crime type\n";

const plan = (over: Partial<CountPlan> = {}): CountPlan => ({
  frame: cubeFrame(isoToSerial("2024-01-01"), isoToSerial("2024-03-31")),
  keepAreas: null,
  keepAuthorities: null,
  onsOnly: false,
  names: true,
  maxListed: 20,
  ...over,
});
const readIncidentData = (files: string[], p = plan()) => countIncidentFiles(files, p, { workers: 1 });

describe("countIncidentFiles", () => {
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
      expect(data.files).toBe(2);
      expect(data.cube.accounting.rowsRead).toBe(2);
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
    expect(data.cube.areas).toEqual(["W01001900", "W01001685", "W01001901"]);
    expect(data.cube.types).toEqual(["Drugs", "Burglary"]);
    expect(data.census.codes).toEqual(["W01001900", "W01001685", "W01001901"]);
    expect([...data.byAuthority]).toEqual([
      ["Newport", ["W01001685"]],
      ["Torfaen", ["W01001900", "W01001901"]],
    ]);
    expect(data.cube.accounting.rejected.map((r) => r.where)).toEqual(["jan.csv, line 4"]);
    // Only Torfaen's areas kept, by each row's name: every authority is still named.
    const torfaen = await readIncidentData([jan, feb], plan({ keepAreas: [], keepAuthorities: ["torfaen"] }));
    expect(torfaen.cube.areas).toEqual(["W01001900", "W01001901"]);
    expect([...torfaen.byAuthority.keys()]).toEqual(["Newport", "Torfaen"]);
    expect(torfaen.cube.accounting.rowsNotKept).toBe(1);
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
    expect(data.cube.accounting.rowsRead).toBe(200_002);
    expect(data.byAuthority.get("Café")).toEqual(["W09"]);
    expect(data.notices.join(" ")).toMatch(/Windows-1252/);
  });

  it("takes each file's count in the files' order, whatever order they come in", async () => {
    const head = "Crime ID,Month,LSOA code,Crime type\n";
    const files = ["2024-01", "2024-02", "2024-03"].map((m, k) =>
      write(
        `${m}.csv`,
        head +
          Array.from(
            { length: 50 + k },
            (_, i) => `r${(i * (k + 1)) % 60},${m},W0100000${i % 4},T${i % (3 + k)}\n`,
          ).join(""),
      ),
    );
    const { tasks } = await fileTasks(files);
    const counts = await Promise.all(tasks.map((t) => countFile(t, plan())));
    const merged = (order: number[]) => {
      const m = new FileMerger(plan(), []);
      for (const k of order) m.add(counts[k]);
      return m.finish();
    };
    const inOrder = merged([0, 1, 2]);
    expect(inOrder.cube.accounting.rowsDuplicate).toBeGreaterThan(0);
    expect(inOrder.cube.accounting.rowsRead).toBe(50 + 51 + 52);
    for (const order of [
      [2, 1, 0],
      [1, 2, 0],
      [2, 0, 1],
    ])
      expect(merged(order)).toEqual(inOrder);
    expect(() => new FileMerger(plan(), []).add(counts[1])).not.toThrow();
    const early = new FileMerger(plan(), []);
    early.add(counts[0]);
    early.add(counts[2]);
    expect(() => early.finish()).toThrow();
    expect(() => early.finish()).toThrow(/came without those before it/);
  });
});
