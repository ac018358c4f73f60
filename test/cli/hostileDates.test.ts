/**
 * Far-out dates on the command line: an after period ending 9999-12-31 hung
 * `template` and crashed `evaluate` (a month loop that never ended). They are
 * refused at once, and so is a period reaching years beyond the data.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readPoliceUkText } from "../support/policeUk";
import { ROOT, spawnCli } from "../support/cli";

const farFuture = path.join(ROOT, "test", "fixtures", "hostile", "operation-9999.json");

/** Spawned with a time limit: before the fix these runs never ended (status null when killed). */
const run = (args: string[]) => spawnCli(args, { timeout: 30_000 });

describe("harm-planner with dates far out", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-dates-"));
    fs.mkdirSync(path.join(dir, "data"));
    for (const m of ["2024-01", "2024-07"])
      fs.writeFileSync(path.join(dir, "data", `${m}-gwent-street.csv`), readPoliceUkText(m));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(["template", "evaluate"])("%s refuses an after period ending 9999-12-31 at once", (command) => {
    const out = path.join(dir, `${command}.xlsx`);
    const data = command === "evaluate" ? ["--data", path.join(dir, "data")] : [];
    const r = run([command, ...data, "--operation", farFuture, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "harm-planner: The operation file has problems: The after period's end (31/12/9999) is outside 1900–2100; " +
        "give the dates the operation really starts and ends.\n",
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it("evaluate refuses a period reaching years beyond the data", () => {
    const op = path.join(dir, "op-2099.json");
    const json = JSON.parse(fs.readFileSync(farFuture, "utf8"));
    fs.writeFileSync(op, JSON.stringify({ ...json, after: { start: "2024-07-01", end: "2099-12-31" } }));
    const out = path.join(dir, "2099.xlsx");
    const r = run(["evaluate", "--data", path.join(dir, "data"), "--operation", op, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /The after period \(July 2024 to December 2099\) reaches more than 12 months beyond the data \(January 2024 to July 2024\)/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });
});
