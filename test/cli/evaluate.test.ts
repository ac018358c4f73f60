/**
 * `harm-planner evaluate` runs the task pane's evaluation: on the README
 * walkthrough (police.uk, Gwent 2024) its workbook, opened and recalculated
 * in real LibreOffice, has the same Results as the pane writes into a workbook.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evaluateAndWrite } from "../../src/app/evaluateIncidents";
import { insertSheets } from "../../src/app/insertSheets";
import { blankOperation, type Operation } from "../../src/core/operation";
import { ALL_SELECTED } from "../../src/core/evaluation";
import { sheetsAsCsv } from "../libreoffice/lo";
import { assertFresh } from "../support/build";
import { itWith, libreOffice } from "../support/tools";
import { loadPoliceUkRows, POLICE_UK_DIR, POLICE_UK_MONTHS, writeCliInputs } from "../support/policeUk";
import { memoryHarness } from "../workbook/harness";

const root = path.join(__dirname, "..", "..");
const bin = path.join(root, "bin", "harm-planner.js");
// The command runs lib/: test the code as it is, not an older build of it.
beforeAll(() => assertFresh("lib"));
const scenario = JSON.parse(fs.readFileSync(path.join(POLICE_UK_DIR, "scenario.json"), "utf8"));
const TYPES = ["Anti-social behaviour", "Drugs"];

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/**
 * LibreOffice's CSV keeps the % sign on percentage cells but otherwise writes
 * full precision: a value agrees when it matches to the precision shown.
 */
function shownAgrees(shown: string, value: number): boolean {
  const pct = shown.endsWith("%");
  const n = Number(pct ? shown.slice(0, -1) : shown);
  const decimals = (shown.replace("%", "").split(".")[1] ?? "").length;
  const want = pct ? value * 100 : value;
  return (
    Number.isFinite(n) && Math.abs(n - want) <= 0.5 * 10 ** -decimals + 1e-9 * Math.max(1, Math.abs(want))
  );
}

const operation = (): Operation => ({
  ...blankOperation(),
  name: "Walkthrough",
  targetAreas: scenario.targetAreas,
  bufferAreas: scenario.bufferAreas,
  before: scenario.before,
  after: scenario.after,
});

describe("harm-planner evaluate", () => {
  let dir: string;
  let data: string;
  let opFile: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-evaluate-"));
    ({ data, opFile } = writeCliInputs(dir, POLICE_UK_MONTHS, operation()));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints the pane's row accounting and writes the workbook", () => {
    const out = path.join(dir, "plan.xlsx");
    const r = run([
      "evaluate",
      "--data",
      data,
      "--operation",
      opFile,
      "--out",
      out,
      "--offence-types",
      TYPES.join(","),
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Read 12 files\.$/m);
    expect(r.out).toMatch(
      /72,040 rows read: .* counted, .* 200 repeated crime references \(counted once\), 1,356 unusable\./,
    );
    expect(r.out).toMatch(/1,356 rows: no area code\./);
    expect(r.out).toMatch(/2024-01-gwent-street\.csv, line [\d,]+: no area code/);
    // The verdict first, then the pane's headline, its checks, each area's counts and rates, and the planning figure.
    expect(r.out.split("\n")[0]).toBe("Verdict: No clear change — the interval includes zero.");
    expect(r.out).toMatch(
      /^All selected crime: target down 3% a month \(27 → 26\); comparison areas up 4%: about 25 fewer than their trend predicts \(95% interval: \d+ more to \d+ fewer\)\. No clear change: the interval includes zero\.$/m,
    );
    expect(r.out).toMatch(/^Checks: Control is 38 times the target's size/m);
    expect(r.out).toMatch(/^Target +161 before \(26\.8 a month\), 156 after \(26\.0 a month\)$/m);
    expect(r.out).toMatch(/^Control +6,180 before \(1,030\.0 a month\), 6,412 after \(1,068\.7 a month\)$/m);
    expect(r.out).toMatch(
      /^With these areas and periods, the evaluation can detect a fall of \d+% \(about \d+ crimes\)/m,
    );
    // The figure itself (the planning tests count its inputs independently: 161 and the verdict's dispersion).
    expect(r.out).toMatch(
      /can detect a fall of 66% \(about 106 crimes\) or more\. That is larger than any plausible effect/m,
    );
    expect(fs.existsSync(out)).toBe(true);
  });

  const maybe = itWith("the CLI's LibreOffice check", [libreOffice()]);
  maybe("reproduces the pane's Results, as LibreOffice recalculates them", async () => {
    const out = path.join(dir, "walkthrough.xlsx");
    const r = run([
      "evaluate",
      "--data",
      data,
      "--operation",
      opFile,
      "--out",
      out,
      "--offence-types",
      TYPES.join(","),
    ]);
    expect(r.code).toBe(0);

    // The pane: the same rows into a workbook with the sheets inserted, as in the README.
    const h = memoryHarness();
    await insertSheets(h.port, operation(), ["operation", "results", "summary"], "update");
    const table = loadPoliceUkRows();
    await evaluateAndWrite(h.port, {
      data: table,
      columns: { date: 1, area: 7, offenceType: 9, id: 0 },
      operation: operation(),
      restOfForce: true,
      offenceTypes: TYPES,
    });
    const pane = await h.port.readTable("HP_Results");

    const csv = sheetsAsCsv(out);
    const results = csv.Results;
    const headerRow = results.findIndex((row) => row[0] === "Measure");
    const lo = results.slice(headerRow + 1).filter((row) => row[0] !== "");
    const headers = results[headerRow];
    expect(headers.slice(0, pane.headers.length)).toEqual(pane.headers);
    expect(lo.map((row) => row[0])).toEqual(pane.rows.map((row) => row[0]));
    expect(lo[0][0]).toBe(ALL_SELECTED);
    // Walkthrough figures (README): target 161 → 156.
    const col = (h: string) => headers.indexOf(h);
    expect([lo[0][col("Target before")], lo[0][col("Target after")]]).toEqual(["161", "156"]);
    for (let i = 0; i < lo.length; i++)
      pane.headers.forEach((header, j) => {
        const mine = pane.rows[i][j];
        const theirs = lo[i][j];
        if (header === "Note") return;
        if (typeof mine === "number") expect([header, shownAgrees(theirs, mine)]).toEqual([header, true]);
        else expect([header, theirs]).toEqual([header, String(mine ?? "")]);
      });

    // The Monitoring sheet is filled as the pane fills it: its running net effect ends on the Results figure.
    const mon = csv.Monitoring;
    const mh = mon.findIndex((row) => row[0] === "Month");
    const months = mon.slice(mh + 1).filter((row) => row[0] !== "");
    expect(months.map((row) => row[1])).toEqual([...Array(6).fill("before"), ...Array(6).fill("after")]);
    const sum = (c: string, from: number, to: number) =>
      months.slice(from, to).reduce((s, row) => s + Number(row[mon[mh].indexOf(c)]), 0);
    expect([sum("Target", 0, 6), sum("Target", 6, 12), sum("Control", 0, 6)]).toEqual([161, 156, 6180]);
    const last = months[11][mon[mh].indexOf("Net effect so far")];
    expect(shownAgrees(last, pane.rows[0][pane.headers.indexOf("Net effect")] as number)).toBe(true);
    // And the Operation sheet carries the planning figure.
    expect(csv.Operation.flat().join(" ")).toMatch(/can detect a fall of \d+% \(about \d+ crimes\)/);
    expect(csv.Operation.flat().join(" ")).toMatch(/can detect a fall of 66% \(about 106 crimes\)/);
  });

  it.each([
    [
      ["evaluate", "--operation", "x.json", "--out", "x.xlsx"],
      2,
      /--data <csv files or a folder> is required/,
    ],
    [
      ["evaluate", "--data", "nowhere", "--operation", "x.json", "--out", "x.xlsx"],
      1,
      /Cannot read the operation file/,
    ],
  ])("refuses bad input with a message and no stack trace: %j", (args, code, message) => {
    const r = run(args as string[]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("refuses an operation whose periods overlap, and an area in two sets, as the pane does", () => {
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(
      bad,
      JSON.stringify({
        name: "Bad",
        targetAreas: ["W01001685"],
        controlAreas: ["w01 001685"],
        before: { start: "2024-01-01", end: "2024-07-31" },
        after: { start: "01/07/2024", end: "31/12/2024" },
      }),
    );
    const r = run(["evaluate", "--data", data, "--operation", bad, "--out", path.join(dir, "bad.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/before period must end before the after period starts/);
    expect(r.err).toMatch(/'W01001685' is in both the target and control areas/);
    expect(fs.existsSync(path.join(dir, "bad.xlsx"))).toBe(false);
  });

  it("refuses --out naming a folder, without a stack trace", () => {
    const r = run(["evaluate", "--data", data, "--operation", opFile, "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is a folder/);
  });
});
