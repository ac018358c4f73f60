/**
 * Hostile rows in police.uk files on the command line: each was counted
 * wrongly, silently. The files are made here from the committed fixture.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readPoliceUkText } from "../support/policeUk";
import { runCli as run } from "../support/cli";
import { pairedStrayQuotes } from "../support/hostileCsv";

const OPERATION = {
  name: "Op",
  targetAreas: ["W01001685"],
  before: { start: "2024-01-01", end: "2024-01-31" },
  after: { start: "2024-07-01", end: "2024-07-31" },
};

/** The file's lines, with `change` applied to the fields of data lines 1 to n (1-based). */
function editRows(text: string, change: (fields: string[], line: number) => void): string {
  const lines = text.split("\n");
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const f = lines[i].split(",");
    change(f, i);
    lines[i] = f.join(",");
  }
  return lines.join("\n");
}

const counted = (out: string) => Number(/rows read: ([\d,]+) counted/.exec(out)![1].replace(/,/g, ""));
const unusable = (out: string) => Number(/([\d,]+) unusable\./.exec(out)![1].replace(/,/g, ""));

describe("harm-planner evaluate on hostile rows", () => {
  let dir: string;
  let op: string;
  let n = 0;
  /** A data folder holding these files (name → text), and the evaluation over it. */
  const evaluate = async (files: Record<string, string>) => {
    const data = path.join(dir, `data${++n}`);
    fs.mkdirSync(data);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(data, name), text);
    return run(["evaluate", "--data", data, "--operation", op, "--out", path.join(dir, `out${n}.xlsx`)]);
  };
  const clean = { "2024-01.csv": readPoliceUkText("2024-01"), "2024-07.csv": readPoliceUkText("2024-07") };
  let baseline: Awaited<ReturnType<typeof evaluate>>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-rows-"));
    op = path.join(dir, "operation.json");
    fs.writeFileSync(op, JSON.stringify(OPERATION));
    baseline = await evaluate(clean);
    expect(baseline.code).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads area codes with hyphens and non-breaking spaces, and reports codes that are not ONS codes", async () => {
    const LSOA = 7;
    const mangled = editRows(clean["2024-07.csv"], (f, line) => {
      if (!/^W01\d{6}$/.test(f[LSOA] ?? "")) return;
      if (line <= 3) f[LSOA] = `${f[LSOA].slice(0, 3)}-${f[LSOA].slice(3)}`;
      else if (line <= 6) f[LSOA] = `${f[LSOA].slice(0, 3)}\u00a0${f[LSOA].slice(3)}`;
      else if (line <= 8) f[LSOA] = f[LSOA].slice(0, 8); // a digit lost
    });
    const r = await evaluate({ ...clean, "2024-07.csv": mangled });
    expect(r.code).toBe(0);
    // The two truncated codes no longer join the control as areas of their own: they are reported.
    expect(counted(r.out)).toBe(counted(baseline.out) - 2);
    expect(unusable(r.out)).toBe(unusable(baseline.out) + 2);
    expect(r.out).toMatch(
      /^2 rows: area code not in the ONS form of the chosen areas \(a letter and 8 digits, such as W01001685\)\.$/m,
    );
    expect(r.out).toMatch(/ 6 area codes matched after tidying/);
  });

  it("refuses a stray quote paired with another 164 lines down, naming both lines (it swallowed the rows between)", async () => {
    const { text, lines } = pairedStrayQuotes("2024-07");
    const r = await evaluate({ ...clean, "2024-07.csv": text });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `harm-planner: 2024-07.csv, lines ${lines[0]} to ${lines[1]}: a quoted field starts on line ${lines[0]} and runs on ` +
        `over line ends to line ${lines[1]}, but police.uk files hold no line breaks inside fields, so a quote (") on ` +
        `line ${lines[0]} is probably stray, and 2024-07.csv was refused. Correct that line and load the files again.\n`,
    );
  });

  it("refuses a month saved twice under another name with CRLF line endings, naming both files", async () => {
    const resaved = clean["2024-07.csv"].replace(/\n/g, "\r\n");
    const r = await evaluate({ ...clean, "2024-07 resaved.csv": resaved });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "harm-planner: 2024-07 resaved.csv and 2024-07.csv both hold 2024-07 for Gwent Police, so that month would be " +
        "counted twice; remove one of them and load the files again.\n",
    );
  });

  it("counts a repeated crime reference once, saying how many (identical rows without one are distinct incidents)", async () => {
    const [head, ...rows] = clean["2024-07.csv"].split("\n");
    const withId = rows.filter((l) => /^[0-9a-f]{64},/.test(l)).slice(0, 50);
    const r = await evaluate({ ...clean, "2024-07.csv": [head, ...rows, ...withId].join("\n") });
    expect(r.code).toBe(0);
    expect(counted(r.out)).toBe(counted(baseline.out));
    expect(r.out).toMatch(/ 50 repeated crime references \(counted once\)/);
  });

  it("counts a month pasted twice into one file once, rows without a crime reference too, naming the first copy", async () => {
    const text = clean["2024-07.csv"].replace(/\n$/, "");
    const [head, ...rows] = text.split("\n");
    const blank = rows.filter((l) => l.startsWith(",")).length;
    const r = await evaluate({ ...clean, "2024-07.csv": [head, ...rows, ...rows].join("\n") });
    expect(r.code).toBe(0);
    expect(counted(r.out)).toBe(counted(baseline.out));
    // Every row without a reference in the chosen areas and months came twice; the copies are counted once.
    const copied = Number(
      / ([\d,]+) copied rows without a crime reference \(counted once\)/.exec(r.out)![1].replace(/,/g, ""),
    );
    expect(copied).toBeGreaterThan(0);
    expect(copied).toBeLessThanOrEqual(blank);
    const first = /The first: 2024-07\.csv, line ([\d,]+) repeats 2024-07\.csv, line ([\d,]+)\./.exec(r.out)!;
    const [copyLine, originLine] = [first[1], first[2]].map((x) => Number(x.replace(/,/g, "")));
    expect(copyLine - originLine).toBe(rows.length);
    expect(r.out).toMatch(
      /police\.uk lists separate anti-social behaviour incidents at one map point as the same line/,
    );
  });
});
