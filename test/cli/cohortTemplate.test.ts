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

  it("never takes an 'Ethnic group' column as the Group, nor prints what it holds", async () => {
    const ethnic = ["White British", "Black Caribbean", "Asian Pakistani", "Mixed White/Black", "Irish"];
    const file = path.join(dir, "ethnic.csv");
    fs.writeFileSync(
      file,
      [
        "Person ref,Ethnic group,Window days,Offences before,Offences after",
        ...ethnic.map((e, i) => `P-00${i + 1},${e},365,5,3`),
      ].join("\n"),
    );
    const out = path.join(dir, "ethnic.xlsx");
    const r = await run(["template", "--out", out, "--cohort", file, "--include-cohort"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Choose the column for Group/);
    expect(r.err).toMatch(/Columns never read, as personal data: "Ethnic group" \(ethnicity\)/);
    for (const e of ethnic) expect(r.err + r.out).not.toContain(e);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("refuses names under a Reference heading without printing them, and writes nothing", async () => {
    const file = path.join(dir, "names.csv");
    fs.writeFileSync(
      file,
      "Reference,Group,Window,Offences before,Offences after\nJohn Smith,Enforcement,365,4,2\nMary Jones,Comparison,365,3,3\n",
    );
    const out = path.join(dir, "names.xlsx");
    const r = await run(["template", "--out", out, "--cohort", file, "--include-cohort"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /"Reference" holds what look like names, with no digits \(names\.csv, line 2, names\.csv, line 3\)/,
    );
    expect(r.err + r.out).not.toMatch(/Smith|Jones|John|Mary/);
    expect(fs.existsSync(out)).toBe(false);
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
