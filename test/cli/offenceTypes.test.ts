/**
 * Offence types and harm weights named on the command line or in
 * operation.json match the data whatever their case; a name that matches
 * nothing is an error listing the types present (`--offence-types drugs`
 * wrote an all-zero workbook, and a weight for "Drug" was ignored).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readPoliceUkText } from "../support/policeUk";
import { runCli as run } from "../support/cli";

describe("harm-planner evaluate: offence types and weights", () => {
  let dir: string;
  let data: string;
  const op = (extra: object = {}) => {
    const file = path.join(dir, `op-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: "Op",
        targetAreas: ["W01001685"],
        before: { start: "2024-01-01", end: "2024-01-31" },
        after: { start: "2024-02-01", end: "2024-02-29" },
        ...extra,
      }),
    );
    return file;
  };
  const out = () => path.join(dir, `out-${Math.random().toString(36).slice(2)}.xlsx`);
  /** evaluate over the two months, with these extra arguments and operation fields. */
  const evaluate = (extra: string[] = [], opExtra: object = {}) =>
    run(["evaluate", "--data", data, "--operation", op(opExtra), "--out", out(), ...extra]);
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-types-"));
    data = path.join(dir, "data");
    fs.mkdirSync(data);
    for (const m of ["2024-01", "2024-02"])
      fs.writeFileSync(path.join(data, `${m}-gwent-street.csv`), readPoliceUkText(m));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("counts --offence-types drugs as Drugs", async () => {
    const exact = await evaluate(["--offence-types", "Drugs"]);
    const lower = await evaluate(["--offence-types", " drugs "]);
    expect(lower.err).toBe("");
    expect(lower.code).toBe(0);
    const counted = (s: string) => /rows read: ([\d,]+) counted/.exec(s)![1];
    expect(Number(counted(lower.out).replace(/,/g, ""))).toBeGreaterThan(0);
    expect(counted(lower.out)).toBe(counted(exact.out));
  });

  it("refuses a type that matches nothing, listing the types present, and writes nothing", async () => {
    const written = () => fs.readdirSync(dir).filter((f) => f.endsWith(".xlsx")).length;
    const before = written();
    const r = await evaluate(["--offence-types", "drugz"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^harm-planner: No offence type in the data matches 'drugz'\. The data hold: Anti-social behaviour, Bicycle theft, .*Drugs, /,
    );
    expect(written()).toBe(before);
  });

  it("refuses a harm weight for a type not in the data, and an absurd weight", async () => {
    const unknown = await evaluate([], { harmWeights: [{ offenceType: "Drug", weight: 5 }] });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(
      /The harm weights name an offence type not in the data: 'Drug'\. The data hold: .*Drugs/,
    );
    const huge = await evaluate([], { harmWeights: [{ offenceType: "Drugs", weight: 1e308 }] });
    expect(huge.code).toBe(1);
    expect(huge.err).toMatch(
      /operation\.harmWeights\[0\]: the weight for 'Drugs' is 1e\+308; a harm weight may be at most 1,000,000/,
    );
  });

  it("weighs 'drugs' as Drugs: the harm-weighted row is written", async () => {
    const rows = (s: string) => Number(/Wrote (\d+) Results rows/.exec(s)![1]);
    const plain = await evaluate();
    const weighted = await evaluate([], { harmWeights: [{ offenceType: "drugs", weight: 5 }] });
    expect(weighted.err).toBe("");
    expect(rows(weighted.out)).toBe(rows(plain.out) + 1);
  });

  it("template notes weights that are not police.uk types (no data to match them against)", async () => {
    const r = await run([
      "template",
      "--operation",
      op({ harmWeights: [{ offenceType: "Burglary dwelling", weight: 30 }] }),
      "--out",
      out(),
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /Note: the harm weights for 'Burglary dwelling' will weigh only data that use that name; the police\.uk crime types are Anti-social behaviour, /,
    );
  });
});
