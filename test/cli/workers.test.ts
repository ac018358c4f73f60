/**
 * `harm-planner evaluate` reading in worker threads gives what one thread
 * gives, byte for byte (its lines and its workbook), whatever order the files
 * are named in and whichever thread finishes first. The progress line shows
 * only on a terminal, and never under --quiet.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { POLICE_UK_ALL_MONTHS, POLICE_UK_DIR, readPoliceUkText } from "../support/policeUk";

const root = path.join(__dirname, "..", "..");
const bin = path.join(root, "bin", "harm-planner.js");
const scenario = JSON.parse(fs.readFileSync(path.join(POLICE_UK_DIR, "scenario.json"), "utf8"));

describe("harm-planner evaluate in worker threads", () => {
  let dir: string;
  let files: string[];
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  /** Evaluates `data` (paths) with `extra` options into its own workbook; its lines without the last, which names it. */
  const evaluate = (op: string, data: string[], extra: string[], name: string) => {
    const out = path.join(dir, `${name}.xlsx`);
    const r = run(["evaluate", "--data", data.join(","), "--operation", op, "--out", out, ...extra]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines[lines.length - 1]).toMatch(/^Wrote .* to /);
    return { lines: lines.slice(0, -1), workbook: fs.readFileSync(out) };
  };
  const operation = (name: string, extra: Record<string, unknown>) => {
    const f = path.join(dir, `${name}.json`);
    const { targetAreas, bufferAreas, before, after } = scenario;
    fs.writeFileSync(
      f,
      JSON.stringify({ name: "Workers", targetAreas, bufferAreas, before, after, ...extra }),
    );
    return f;
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-workers-"));
    // Two folders, months alternating between them, so files named by folder come in another order.
    for (const sub of ["a", "b"]) fs.mkdirSync(path.join(dir, sub));
    files = POLICE_UK_ALL_MONTHS.map((m, k) => {
      const f = path.join(dir, k % 2 ? "b" : "a", `${m}-gwent-street.csv`);
      fs.writeFileSync(f, readPoliceUkText(m));
      return f;
    });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["every other area as the control", {}],
    ["a control by authority", { controlAuthority: "Torfaen" }],
  ])(
    "gives the same lines and workbook bytes on 1 and 2 threads, files in any order (%s)",
    (name, extra) => {
      const key = name.replace(/\W+/g, "-");
      const op = operation(key, extra);
      const one = evaluate(op, [path.join(dir, "a"), path.join(dir, "b")], ["--workers", "1"], `${key}-one`);
      expect(one.lines.join("\n")).toMatch(/^[\d,]+ rows read: /m);
      expect(one.lines).toContain("Read 24 files.");
      const shuffled = [...files].sort((x, y) => (x.slice(-20) < y.slice(-20) ? 1 : -1));
      for (const [data, name2] of [
        [[path.join(dir, "b"), path.join(dir, "a")], "two-folders"],
        [shuffled, "two-files"],
      ] as const) {
        const two = evaluate(op, [...data], ["--workers", "2"], `${key}-${name2}`);
        expect(two.lines).toEqual(one.lines);
        expect(Buffer.compare(two.workbook, one.workbook)).toBe(0);
      }
    },
    120_000,
  );

  it("says repeats are looked for only among the rows counted", () => {
    const r = evaluate(operation("plain", {}), [path.join(dir, "a")], ["--workers", "2"], "note");
    expect(r.lines.join("\n")).toMatch(/repeated crime references \(counted once\)/);
    expect(r.lines).toContain(
      "Repeated crime references are looked for only among the rows counted (the chosen areas, in the months counted): a repeat anywhere else cannot change a figure.",
    );
  }, 60_000);

  it("prints no progress when stderr is not a terminal; on a terminal, one line, gone under --quiet", () => {
    const op = operation("progress", {});
    const data = path.join(dir, "a");
    const piped = run(["evaluate", "--data", data, "--operation", op, "--out", path.join(dir, "p.xlsx")]);
    expect(piped.code).toBe(0);
    expect(piped.err).toBe("");
    // script(1) gives the command a terminal; what the terminal shows comes back on its stdout.
    const onTerminal = (extra: string) => {
      const cmd = [process.execPath, bin, "evaluate", "--data", data, "--operation", op, "--out"]
        .concat([path.join(dir, `t${extra}.xlsx`), extra])
        .map((a) => `'${a}'`)
        .join(" ");
      const r = spawnSync("script", ["-qec", cmd, "/dev/null"], { encoding: "utf8", timeout: 120_000 });
      expect(r.status).toBe(0);
      return r.stdout;
    };
    const shown = onTerminal("--force");
    expect(shown).toMatch(/\rReading 12 of 12 files: [\d,]+ rows/);
    expect(shown).toContain("\r\x1b[K"); // the line is cleared before the results are printed
    const quiet = onTerminal("--quiet");
    expect(quiet).not.toMatch(/Reading \d+ of/);
    expect(quiet).toMatch(/rows read: /);
  }, 120_000);
});
