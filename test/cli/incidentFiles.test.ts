/**
 * The command line's incident files: their sizes go to the reader, so only
 * files that share a size are fingerprinted, and a copy is still refused.
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
});
