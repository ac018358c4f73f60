/**
 * `harm-planner evaluate` on police.uk data as an analyst has it: the
 * download zip as it is (the same counts as its unpacked folder), and a
 * control of "every area in Torfaen" as one line of operation.json (the same
 * evaluation as listing those areas one by one).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadPoliceUkRows, POLICE_UK_DIR, POLICE_UK_MONTHS, readPoliceUkText } from "../support/policeUk";
import { policeUkZip, policeUkZipNote } from "../support/policeUkZip";

const root = path.join(__dirname, "..", "..");
const bin = path.join(root, "bin", "harm-planner.js");
const scenario = JSON.parse(fs.readFileSync(path.join(POLICE_UK_DIR, "scenario.json"), "utf8"));

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("harm-planner evaluate on a police.uk download", () => {
  let dir: string;
  let folder: string;
  let zip: string;
  const operation = (extra: Record<string, unknown> = {}) => {
    const f = path.join(dir, `op-${Object.keys(extra).join("-") || "plain"}.json`);
    fs.writeFileSync(
      f,
      JSON.stringify({
        name: "Download",
        targetAreas: scenario.targetAreas,
        bufferAreas: scenario.bufferAreas,
        before: scenario.before,
        after: scenario.after,
        ...extra,
      }),
    );
    return f;
  };
  const evaluate = (data: string, op: string, out: string) =>
    run(["evaluate", "--data", data, "--operation", op, "--out", path.join(dir, out)]);
  /** Output lines but the last ("Wrote … to <file>"). */
  const body = (out: string) => out.trim().split("\n").slice(0, -1);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-download-"));
    folder = path.join(dir, "unpacked");
    fs.mkdirSync(folder);
    for (const m of POLICE_UK_MONTHS)
      fs.writeFileSync(path.join(folder, `${m}-gwent-street.csv`), readPoliceUkText(m));
    zip = path.join(dir, "gwent-2024.zip");
    fs.writeFileSync(zip, policeUkZip());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads the zip as downloaded: the same counts and figures as the unpacked folder, and a note of what it skipped", () => {
    const op = operation();
    const unpacked = evaluate(folder, op, "folder.xlsx");
    const zipped = evaluate(zip, op, "zip.xlsx");
    expect(unpacked.err).toBe("");
    expect(zipped.err).toBe("");
    expect([unpacked.code, zipped.code]).toEqual([0, 0]);
    const lines = body(zipped.out);
    const note = policeUkZipNote("gwent-2024.zip");
    expect(lines).toContain("Read 12 files.");
    expect(lines).toContain(note);
    const rest = lines.filter((l) => l !== note);
    // The same lines, rows named by the file inside the zip ("2024-01/2024-01-gwent-street.csv, line …").
    const inFolders = (ls: string[]) => ls.map((l) => l.replace(/^(\d{4}-\d{2})\/\1-/, "$1-"));
    expect(inFolders(rest)).toEqual(body(unpacked.out));
    expect(rest.join("\n")).toMatch(/^72,040 rows read: /m);
    expect(zipped.out).toMatch(/^2024-01\/2024-01-gwent-street\.csv, line [\d,]+: no area code/m);
    // A folder holding the zip takes it too.
    const inFolder = path.join(dir, "downloads");
    fs.mkdirSync(inFolder);
    fs.copyFileSync(zip, path.join(inFolder, "gwent-2024.zip"));
    expect(body(evaluate(inFolder, op, "in-folder.xlsx").out)).toEqual(body(zipped.out));
  });

  it('takes "controlAuthority": the same evaluation as listing every Torfaen area but the target and buffer', () => {
    // Independently: the areas whose police.uk LSOA name is "Torfaen" and a number.
    const { headers, rows } = loadPoliceUkRows();
    const [code, name] = [headers.indexOf("LSOA code"), headers.indexOf("LSOA name")];
    const torfaen = [
      ...new Set(rows.filter((r) => /^Torfaen \d{3}[A-Z]$/.test(r[name])).map((r) => r[code])),
    ];
    expect(torfaen.length).toBeGreaterThan(50);
    const listed = evaluate(folder, operation({ controlAreas: torfaen }), "listed.xlsx");
    const oneLine = evaluate(zip, operation({ controlAuthority: "Torfaen" }), "one-line.xlsx");
    const restOfForce = evaluate(folder, operation(), "rest.xlsx");
    expect(oneLine.err).toBe("");
    expect(oneLine.code).toBe(0);
    const unzipped = (lines: string[]) => lines.map((l) => l.replace(/^\d{4}-\d{2}\//, ""));
    const withoutNote = (out: string) => body(out).filter((l) => l !== policeUkZipNote("gwent-2024.zip"));
    expect(unzipped(withoutNote(oneLine.out))).toEqual(body(listed.out));
    expect(body(oneLine.out)).not.toEqual(body(restOfForce.out));
    // The other authorities' rows are now outside the chosen areas.
    expect(oneLine.out).not.toMatch(/ 0 outside the chosen areas/);
    expect(oneLine.out).toMatch(/ [1-9][\d,]* outside the chosen areas/);
  });

  it('takes "bufferAuthority" less the target, and names the authorities in the data for one not there', () => {
    const { headers, rows } = loadPoliceUkRows();
    const [code, name] = [headers.indexOf("LSOA code"), headers.indexOf("LSOA name")];
    const areasOf = (authority: string) => [
      ...new Set(rows.filter((r) => r[name].startsWith(`${authority} `)).map((r) => r[code])),
    ];
    const newportBuffer = areasOf("Newport").filter((a) => !scenario.targetAreas.includes(a));
    const listed = evaluate(
      folder,
      operation({ bufferAreas: newportBuffer, controlAreas: areasOf("Torfaen") }),
      "listed-buffer.xlsx",
    );
    const byName = evaluate(
      folder,
      operation({ bufferAreas: [], bufferAuthority: "newport", controlAuthority: "Torfaen" }),
      "newport.xlsx",
    );
    expect(byName.err).toBe("");
    expect(byName.code).toBe(0);
    expect(body(byName.out)).toEqual(body(listed.out));
    const bad = evaluate(folder, operation({ controlAuthority: "Torfean" }), "bad.xlsx");
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(
      'harm-planner: operation.controlAuthority: No area in the data is in "Torfean". The authorities in the data are: ' +
        "Blaenau Gwent, Caerphilly, Cardiff, Forest of Dean, Herefordshire, Merthyr Tydfil, Monmouthshire, Newport, " +
        "Pembrokeshire, Powys, Rhondda Cynon Taf, Torfaen, Vale of Glamorgan.\n",
    );
    expect(fs.existsSync(path.join(dir, "bad.xlsx"))).toBe(false);
    const template = run([
      "template",
      "--operation",
      operation({ controlAuthority: "Torfaen" }),
      "--out",
      path.join(dir, "t.xlsx"),
    ]);
    expect(template.code).toBe(1);
    expect(template.err).toMatch(
      /controlAuthority pick areas from incident data: use them with harm-planner evaluate/,
    );
  });
});
