/**
 * `harm-planner template` and the people targeted: the Cohort sheet is blank
 * unless the analyst gives --cohort and confirms with --include-cohort, and
 * even then only the recognised columns (never a name or date of birth) are written.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { main } from "../../src/cli/main";

async function run(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const CSV = [
  "Surname,Person ref,Date of birth,Group,Window days,Offences before,Offences after,Custody days after",
  "Smith,P-001,01/02/1990,Enforcement,365,12,4,30",
  "Jones,P-002,03/04/1985,Treatment,365,8,6,",
  "Brown,C-001,05/06/1979,Comparison,365,9,8,0",
].join("\n");

const xml = (file: string) =>
  Object.entries(unzipSync(new Uint8Array(fs.readFileSync(file))))
    .filter(([k]) => k.endsWith(".xml"))
    .map(([, v]) => strFromU8(v))
    .join("\n");

describe("harm-planner template and the Cohort sheet", () => {
  let dir: string;
  let cohort: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-cli-cohort-"));
    cohort = path.join(dir, "cohort.csv");
    fs.writeFileSync(cohort, CSV);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes Net Benefit and a blank Cohort sheet by default", async () => {
    const out = path.join(dir, "plain.xlsx");
    const r = await run(["template", "--out", out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["Net Benefit", "Cohort"]));
    expect(xml(out)).not.toMatch(/P-00\d/);
  });

  it("refuses --cohort without --include-cohort, and writes nothing", async () => {
    const out = path.join(dir, "refused.xlsx");
    const r = await run(["template", "--out", out, "--cohort", cohort]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--cohort writes each person's row into the file\. Add --include-cohort/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("writes the people with --include-cohort: only the recognised columns, never names or dates of birth", async () => {
    const out = path.join(dir, "people.xlsx");
    const r = await run(["template", "--out", out, "--cohort", cohort, "--include-cohort"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/The Cohort sheet holds 3 people's rows/);
    const text = xml(out);
    for (const ref of ["P-001", "P-002", "C-001"]) expect(text).toContain(ref);
    for (const secret of ["Smith", "Jones", "Brown", "01/02/1990", "Surname", "Date of birth"])
      expect(text).not.toContain(secret);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const values: unknown[] = [];
    wb.getWorksheet("Cohort")!.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(values).toContain("Enforcement");
  });

  it("says which line of the cohort file is wrong", async () => {
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "Reference,Group,Window,Offences before,Offences after\nX1,Enforcement,365,,2\n");
    const r = await run([
      "template",
      "--out",
      path.join(dir, "bad.xlsx"),
      "--cohort",
      bad,
      "--include-cohort",
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv, line 2: Offences before is blank/);
  });
});
