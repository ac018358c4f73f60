/**
 * --out never harms a file already there: it replaced any file without asking
 * (inputs included), made a private file world-readable, followed a link
 * planted at plan.xlsx.part, and a killed run left its .part behind.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { removeStaleTemps, writeOutSafely } from "../../src/cli/safeOutput";
import { readPoliceUkText } from "../support/policeUk";
import { runCli as run, spawnCli } from "../support/cli";

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
/** As root, permissions would not bite: the files are given to "nobody", who then runs the command. */
const NOBODY = 65534;
function giveToUser(dir: string): void {
  if (!asRoot) return;
  fs.chownSync(dir, NOBODY, NOBODY);
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[])
    fs.lchownSync(path.join(dir, f), NOBODY, NOBODY);
}

/** The command as a user without special rights. */
const spawnAsUser = (args: string[]) => spawnCli(args, asRoot ? { uid: NOBODY, gid: NOBODY } : {});

/**
 * "nobody" must reach the checkout to run it, and a clone made under `mktemp -d` sits in a folder only its
 * owner may enter. As root, each folder above the checkout that others cannot pass through is opened for
 * passing through only (not listing) while these tests run, then put back as it was.
 */
const reopened: { dir: string; mode: number }[] = [];
beforeAll(() => {
  if (!asRoot) return;
  for (let d = path.resolve(__dirname, "..", ".."); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(d, mode | 0o001);
      reopened.push({ dir: d, mode });
    }
    if (path.dirname(d) === d) break;
  }
});
afterAll(() => {
  for (const { dir, mode } of reopened.reverse()) fs.chmodSync(dir, mode);
});

const OPERATION = {
  name: "Op",
  targetAreas: ["W01001685"],
  before: { start: "2024-01-01", end: "2024-01-31" },
  after: { start: "2024-02-01", end: "2024-02-29" },
};
const temps = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith(".harm-planner-tmp"));

describe("harm-planner --out", () => {
  let dir: string;
  let data: string;
  let op: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-out-"));
    data = path.join(dir, "data");
    fs.mkdirSync(data);
    for (const m of ["2024-01", "2024-02"])
      fs.writeFileSync(path.join(data, `${m}-gwent-street.csv`), readPoliceUkText(m));
    op = path.join(dir, "operation.json");
    fs.writeFileSync(op, JSON.stringify(OPERATION));
  });
  afterEach(() => {
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const evaluate = (out: string, ...extra: string[]) =>
    run(["evaluate", "--data", data, "--operation", op, "--out", out, ...extra]);

  it("does not replace an existing file unless --force is given", async () => {
    const out = path.join(dir, "plan.xlsx");
    fs.writeFileSync(out, "the analyst's own workbook");
    const r = await run(["template", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `harm-planner: ${out} already exists; choose another --out, or add --force to replace it.\n`,
    );
    expect(fs.readFileSync(out, "utf8")).toBe("the analyst's own workbook");
    const forced = await run(["template", "--out", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    expect(temps(dir)).toEqual([]);
  });

  it("never replaces an input, even with --force: by name, by symbolic link or by hard link", async () => {
    const csv = path.join(data, "2024-01-gwent-street.csv");
    const before = fs.readFileSync(csv, "utf8");
    fs.symlinkSync(op, path.join(dir, "link.xlsx"));
    fs.linkSync(csv, path.join(dir, "hard.xlsx"));
    for (const out of [op, csv, path.join(dir, "link.xlsx"), path.join(dir, "hard.xlsx")]) {
      const r = await evaluate(out, "--force");
      expect(r.code).toBe(1);
      expect(r.err).toMatch(
        /^harm-planner: --out ".*" is the input file ".*"; write the workbook under another name/,
      );
    }
    expect(fs.readFileSync(csv, "utf8")).toBe(before);
    expect(JSON.parse(fs.readFileSync(op, "utf8"))).toEqual(OPERATION);
    // The template's inputs too: its operation, results and cohort files.
    const results = path.join(dir, "results.json");
    fs.writeFileSync(results, "[]");
    const r = await run(["template", "--operation", op, "--results", results, "--out", results, "--force"]);
    expect(r.err).toMatch(/is the input file/);
    expect(fs.readFileSync(results, "utf8")).toBe("[]");
  });

  it("keeps a replaced file's permissions (a 0600 file came back 0644)", async () => {
    const out = path.join(dir, "private.xlsx");
    fs.writeFileSync(out, "old", { mode: 0o600 });
    fs.chmodSync(out, 0o600);
    expect((await run(["template", "--out", out, "--force"])).code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    fs.chmodSync(out, 0o640);
    expect((await run(["template", "--out", out, "--force"])).code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o640);
  });

  it("never follows a link planted where the temporary file might be", async () => {
    const victim = path.join(dir, "victim.txt");
    fs.writeFileSync(victim, "precious");
    fs.symlinkSync(victim, path.join(dir, "plan.xlsx.part"));
    const r = await run(["template", "--out", path.join(dir, "plan.xlsx")]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious");
    expect(temps(dir)).toEqual([]);
  });

  it("refuses to replace a read-only file, even with --force", async () => {
    const out = path.join(dir, "locked.xlsx");
    fs.writeFileSync(out, "signed off");
    fs.chmodSync(out, 0o444);
    giveToUser(dir);
    const r = spawnAsUser(["template", "--out", out, "--force"]);
    expect(r.err).toMatch(/Cannot replace .*locked\.xlsx: it is read-only\./);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(out, "utf8")).toBe("signed off");
  });

  it("says plainly when the folder cannot be written (it said: something went wrong: EACCES)", () => {
    giveToUser(dir);
    fs.chmodSync(dir, 0o555);
    const r = spawnAsUser(["template", "--out", path.join(dir, "plan.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`harm-planner: Cannot write ${path.join(dir, "plan.xlsx")}: permission denied.\n`);
    const sub = spawnAsUser(["template", "--out", path.join(dir, "new", "plan.xlsx")]);
    expect(sub.err).toBe(
      `harm-planner: Cannot write ${path.join(dir, "new", "plan.xlsx")}: permission denied.\n`,
    );
  });

  it("says plainly when part of the path is a file", async () => {
    fs.writeFileSync(path.join(dir, "notes"), "a file, not a folder");
    const out = path.join(dir, "notes", "plan.xlsx");
    const r = await run(["template", "--out", out]);
    expect(r.err).toBe(`harm-planner: Cannot write ${out}: part of the path is a file, not a folder.\n`);
    expect(r.code).toBe(1);
  });

  it("says plainly when an input cannot be read", () => {
    giveToUser(dir);
    fs.chmodSync(path.join(data, "2024-02-gwent-street.csv"), 0o200);
    const out = path.join(dir, "x.xlsx");
    const r = spawnAsUser(["evaluate", "--data", data, "--operation", op, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `harm-planner: Cannot read ${path.join(data, "2024-02-gwent-street.csv")}: permission denied.\n`,
    );
  });
});

describe("writeOutSafely", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-write-"))));
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const request = (name = "plan.xlsx") => ({ out: path.join(dir, name), force: false, inputs: [] });

  it("removes its temporary file when the run is interrupted (Ctrl-C, kill), and writes nothing", async () => {
    const signals: string[] = [];
    const open = fs.promises.open;
    // The signal arrives while the file is being written.
    jest.spyOn(fs.promises, "open").mockImplementation(async (...a: Parameters<typeof open>) => {
      const handle = await open(...a);
      expect(temps(dir)).toHaveLength(1);
      process.emit("SIGTERM", "SIGTERM");
      return handle;
    });
    await expect(
      writeOutSafely(request(), new Uint8Array(1 << 20), { die: (s) => signals.push(s) }),
    ).rejects.toThrow("Stopped by SIGTERM; ");
    expect(signals).toEqual(["SIGTERM"]);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(process.listenerCount("SIGTERM")).toBe(0);
  });

  it.each([
    ["ENOSPC", "the disk is full"],
    ["EROFS", "the disk or folder is read-only"],
    ["EDQUOT", "the disk quota is used up"],
    ["EISDIR", "that is a folder, not a file"],
  ])("says %s plainly, and leaves nothing behind", async (code, words) => {
    const open = fs.promises.open;
    jest.spyOn(fs.promises, "open").mockImplementation(async (...a: Parameters<typeof open>) => {
      const handle = await open(...a);
      handle.writeFile = () =>
        Promise.reject(Object.assign(new Error(`${code}: oops`), { code, syscall: "write" }));
      return handle;
    });
    await expect(writeOutSafely(request(), new Uint8Array(10))).rejects.toThrow(
      `Cannot write ${path.join(dir, "plan.xlsx")}: ${words}.`,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("removes temporary files left by killed runs: a dead process's, or any over ten minutes old", () => {
    const name = (pid: number, hex: string) => `.plan.xlsx.${pid}.${hex}.harm-planner-tmp`;
    const finished = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const dead = name(finished, "0123456789abcdef");
    const live = name(process.ppid, "fedcba9876543210");
    const old = name(process.ppid, "00000000aaaaaaaa");
    const linked = name(finished, "1111111111111111");
    for (const f of [dead, live, old, "notes.harm-planner-tmp.txt"]) fs.writeFileSync(path.join(dir, f), "x");
    fs.symlinkSync(path.join(dir, "notes.harm-planner-tmp.txt"), path.join(dir, linked));
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(path.join(dir, old), hourAgo, hourAgo);
    removeStaleTemps(dir);
    expect(fs.readdirSync(dir).sort()).toEqual([live, linked, "notes.harm-planner-tmp.txt"].sort());
  });
});
