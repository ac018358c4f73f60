/** The harm-planner command, run as a user would (node bin/harm-planner.js …). */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { SHEET_ORDER } from "../../src/sheets/build";
import { main } from "../../src/cli/main";
import { assertFresh } from "../support/build";

const root = path.join(__dirname, "..", "..");
const bin = path.join(root, "bin", "harm-planner.js");
// The command runs lib/: test the code as it is, not an older build of it.
beforeAll(() => assertFresh("lib"));

/** In-process run (fast) for the many error cases; the spawned runs prove the real command works. */
async function runInProcess(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("harm-planner CLI", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-cli-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints usage on --help", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/harm-planner template --out/);
    expect(r.out).toMatch(/harm-planner evaluate --data/);
    // Every sheet the template writes is named, from the same list the writer uses.
    const help = r.out.replace(/\s+/g, " ");
    expect(help).toContain(`writes the ${SHEET_ORDER.length} Harm Planner sheets`);
    for (const s of SHEET_ORDER) expect(help).toContain(s.name);
  });

  it("exits non-zero with usage on bad arguments", async () => {
    const noOut = run(["template"]);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/--out <file.xlsx> is required/);
    const unknown = await runInProcess(["frobnicate", "--out", "x.xlsx"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown command "frobnicate"/);
  });

  it("refuses a confidence level the workbook does not judge at, so the lines never say what the workbook does not", async () => {
    const args = ["evaluate", "--data", "d", "--operation", "o.json", "--out", "x.xlsx", "--confidence"];
    const ninety = await runInProcess([...args, "0.9"]);
    expect(ninety.code).toBe(2);
    expect(ninety.err).toMatch(
      /--confidence can only be 0\.95 for now: the workbook's Results and Summary judge at 95%/,
    );
    const wrong = await runInProcess([...args, "1.5"]);
    expect(wrong.err).toMatch(/--confidence must be between 0 and 1/);
  });

  it("writes every sheet from an operation file", async () => {
    const op = path.join(dir, "operation.json");
    fs.writeFileSync(
      op,
      JSON.stringify({
        name: "Op Clearwater",
        force: "Example Constabulary",
        targetAreas: ["E01000001"],
        before: { start: "2024-01-01", end: "2024-06-30" },
        after: { start: "2024-07-01", end: "2024-12-31" },
      }),
    );
    const out = path.join(dir, "sub", "plan.xlsx");
    const r = run(["template", "--out", out, "--operation", op]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(SHEET_ORDER.map((s) => s.name));
    const cells: unknown[] = [];
    wb.getWorksheet("Operation")!.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain("Op Clearwater");
  });

  it.each([
    ["not JSON", "{ name: ", /not valid JSON/],
    ["a wrong type", JSON.stringify({ name: 42 }), /operation\.name must be text/],
    [
      "an impossible date",
      JSON.stringify({ name: "Op", before: { start: "31/02/2024", end: "" } }),
      /real date/,
    ],
    [
      "overlapping periods",
      JSON.stringify({
        name: "Op",
        before: { start: "2024-01-01", end: "2024-07-31" },
        after: { start: "01/07/2024", end: "31/12/2024" },
      }),
      /before period must end before the after period starts/,
    ],
    [
      "an infinite weight",
      '{"name":"Op","harmWeights":[{"offenceType":"Drugs","weight":1e999}]}',
      /got Infinity/,
    ],
    [
      "deeply nested JSON",
      `{"name":"Op","notes":${"[".repeat(20000)}${"]".repeat(20000)}}`,
      /nested too deeply|notes must be text/,
    ],
    ["a misspelt field", JSON.stringify({ name: "Op", targetArea: ["X"] }), /Unknown field\(s\).*targetArea/],
    [
      "a negative weight",
      JSON.stringify({ name: "Op", harmWeights: [{ offenceType: "Drugs", weight: -1 }] }),
      /weight/,
    ],
  ])("rejects an operation file with %s, clearly", async (_what, text, message) => {
    const op = path.join(dir, "bad.json");
    fs.writeFileSync(op, text);
    const out = path.join(dir, "bad.xlsx");
    const r = await runInProcess(["template", "--out", out, "--operation", op]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    expect(fs.existsSync(out)).toBe(false);
  });

  it("reports a missing operation file with exit code 1 from the real command", () => {
    const r = run([
      "template",
      "--out",
      path.join(dir, "x.xlsx"),
      "--operation",
      path.join(dir, "nope.json"),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Cannot read the operation file/);
  });
});
