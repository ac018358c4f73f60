/**
 * operation.json as Windows tools save it: with a UTF-8 byte-order mark
 * (Notepad), or in UTF-16 (PowerShell's Out-File). Both were refused unclearly.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { ROOT, runCli as run } from "../support/cli";

const hostile = (name: string) => path.join(ROOT, "test", "fixtures", "hostile", name);

describe("harm-planner reads JSON in any Unicode encoding", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-json-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(["operation-utf8-bom.json", "operation-utf16le.json", "operation-utf16be.json"])(
    "reads %s",
    async (name) => {
      const out = path.join(dir, `${name}.xlsx`);
      const r = await run(["template", "--operation", hostile(name), "--out", out]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const cells: unknown[] = [];
      wb.getWorksheet("Operation")!.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
      expect(cells).toContain("Opération Café");
    },
  );

  it("reads a results file with a byte-order mark, and names a file that is not JSON text", async () => {
    const results = path.join(dir, "results.json");
    fs.writeFileSync(results, "\ufeff[]", "utf8");
    expect((await run(["template", "--results", results, "--out", path.join(dir, "r.xlsx")])).code).toBe(0);
    const png = path.join(dir, "operation.json");
    fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    const r = await run(["template", "--operation", png, "--out", path.join(dir, "p.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`harm-planner: The operation file "${png}" is not JSON text.\n`);
  });
});
