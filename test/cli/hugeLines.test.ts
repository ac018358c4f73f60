/**
 * Huge lines on the command line: a 100 MB line gave a 100 MB error message,
 * and a 600 MB one "something went wrong: Invalid string length". The files
 * are made here and removed after.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { POLICE_UK_HEADERS, readPoliceUkText } from "../support/policeUk";
import { runCli as run } from "../support/cli";

/** Writes `head`, then `size` bytes of "x", then `tail`, 8 MB at a time. */
function writeHuge(file: string, head: string, size: number, tail = ""): void {
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, head);
    const block = Buffer.alloc(8 << 20, "x");
    for (let left = size; left > 0; left -= block.length)
      fs.writeSync(fd, block, 0, Math.min(left, block.length));
    fs.writeSync(fd, tail);
  } finally {
    fs.closeSync(fd);
  }
}

describe("harm-planner evaluate on huge lines", () => {
  let dir: string;
  let op: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-huge-"));
    op = path.join(dir, "operation.json");
    fs.writeFileSync(
      op,
      JSON.stringify({
        name: "Op",
        targetAreas: ["W01001685"],
        before: { start: "2024-01-01", end: "2024-01-31" },
        after: { start: "2024-02-01", end: "2024-02-29" },
      }),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const evaluate = (data: string) =>
    run(["evaluate", "--data", data, "--operation", op, "--out", path.join(dir, `out${++n}.xlsx`)]);

  it("a 100 MB first line: a short message naming the file and line, and nothing else", async () => {
    const file = path.join(dir, "one-line.csv");
    writeHuge(file, "", 100e6);
    const r = await evaluate(file);
    fs.rmSync(file);
    expect(r.code).toBe(1);
    expect(r.err.length).toBeLessThan(300);
    expect(r.err).toBe(
      "harm-planner: one-line.csv, line 1: this line is over 1,048,576 characters long, far longer than any " +
        "incident record, so one-line.csv was refused. Is it a CSV file with a line for each record?\n",
    );
    expect(r.out).toBe("");
  });

  it("a 600 MB line after the header: the same short message, not “Invalid string length”", async () => {
    const file = path.join(dir, "2024-01-gwent-street.csv");
    writeHuge(file, `${POLICE_UK_HEADERS.join(",")}\r\n,2024-01,`, 600e6, "\r\n");
    const r = await evaluate(file);
    fs.rmSync(file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^harm-planner: 2024-01-gwent-street\.csv, line 2: this line is over 1,048,576 characters/,
    );
    expect(r.err.length).toBeLessThan(300);
  });

  it("a long value that is read is cut short where a message shows it", async () => {
    const data = path.join(dir, "data");
    fs.mkdirSync(data);
    const [head, ...rows] = readPoliceUkText("2024-01").split("\n");
    const long = rows[0].split(",");
    long[1] = "y".repeat(50_000); // the Month
    fs.writeFileSync(path.join(data, "2024-01.csv"), [head, long.join(","), ...rows].join("\n"));
    fs.writeFileSync(path.join(data, "2024-02.csv"), readPoliceUkText("2024-02"));
    const r = await evaluate(data);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^2024-01\.csv, line 2: date not recognised \(“y{80}… \(50,000 characters\)”\)\.$/m,
    );
    expect(r.out.length).toBeLessThan(5000);
  });

  it("a header of 50,000 columns is not printed whole", async () => {
    const file = path.join(dir, "wide.csv");
    fs.writeFileSync(file, `${Array.from({ length: 50_000 }, (_, i) => `column ${i}`).join(",")}\n1\n`);
    const r = await evaluate(file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/among: column 0, column 1, .*, column 29 and 49,970 more\.\n$/);
    expect(r.err.length).toBeLessThan(600);
  });
});
