/**
 * National data through the command line: `harm-planner evaluate` (as built
 * to lib/) on about 1 and 5 million police.uk rows, timed as whole processes
 * with their peak memory (the process's own maximum resident set, worker
 * threads included).
 *
 * The rows are the Gwent fixture (test/fixtures/police-uk, 24 months,
 * 139,810 rows) copied as 7 and 36 forces, each copy with its own area codes,
 * area names, force name and crime IDs, written as monthly CSV files in a
 * temporary folder (5 million rows: 864 files, about 1 GB). The operation is
 * the fixture's: a Newport target and buffer, the rest of Gwent as a listed
 * control; also at 5 million rows, every other area in the data as the
 * control (the largest set of areas an evaluation can choose).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gunzipSync } from "zlib";

const root = path.join(__dirname, "..");
const fixtures = path.join(root, "test", "fixtures", "police-uk");
const bin = path.join(root, "bin", "harm-planner.js");
const RUNS = 3;

/** One force's copy of a fixture line: its own codes ("E1100…"), names, force and crime IDs. */
function copyLine(line: string, force: number): string {
  if (force === 0) return line;
  const c = line.split(",");
  // Crime ID (64 hex digits): the force in its first two, so no copy repeats another's.
  if (c[0].length === 64) c[0] = (force + 16).toString(16) + c[0].slice(2);
  const name = `Force ${force}`;
  c[2] = name;
  c[3] = name;
  // LSOA code "W01001685" → "E" + (10 + force) + its last six digits; its name takes the force's number.
  if (c[7]) c[7] = `E${10 + force}${c[7].slice(3)}`;
  if (c[8]) c[8] = `F${force} ${c[8]}`;
  return c.join(",");
}

/** The fixture's months as `forces` forces, each month of each force one file; returns the rows written. */
export function writeForces(dir: string, forces: number): number {
  let rows = 0;
  const months = fs.readdirSync(fixtures).filter((f) => f.endsWith("-street.csv.gz"));
  for (const file of months) {
    const text = gunzipSync(fs.readFileSync(path.join(fixtures, file))).toString("utf8");
    const [header, ...lines] = text.split("\n").filter((l) => l !== "");
    for (let f = 0; f < forces; f++) {
      const out = [header, ...lines.map((l) => copyLine(l, f))].join("\n") + "\n";
      fs.writeFileSync(
        path.join(dir, file.replace("gwent", `force${String(f).padStart(2, "0")}`).replace(".gz", "")),
        out,
      );
      rows += lines.length;
    }
  }
  return rows;
}

/** The fixture's operation; `listed`: the rest of Gwent as the control, listed, rather than every other area. */
export function operation(dir: string, listed: boolean): string {
  const scenario = JSON.parse(fs.readFileSync(path.join(fixtures, "scenario.json"), "utf8"));
  const taken = new Set<string>([...scenario.targetAreas, ...scenario.bufferAreas]);
  const gwent = new Set<string>();
  for (const file of fs.readdirSync(fixtures).filter((f) => f.endsWith(".csv.gz")))
    for (const line of gunzipSync(fs.readFileSync(path.join(fixtures, file)))
      .toString("utf8")
      .split("\n")) {
      const code = line.split(",")[7];
      if (/^W01\d{6}$/.test(code ?? "") && !taken.has(code)) gwent.add(code);
    }
  const op = {
    name: "National bench",
    targetAreas: scenario.targetAreas,
    bufferAreas: scenario.bufferAreas,
    ...(listed ? { controlAreas: [...gwent].sort() } : {}),
    before: scenario.before,
    after: scenario.after,
  };
  const file = path.join(dir, `operation-${listed ? "listed" : "every-other"}.json`);
  fs.writeFileSync(file, JSON.stringify(op));
  return file;
}

interface Run {
  seconds: number;
  peakRssMB: number;
  rowsRead: number;
}

/** One whole run of the command; its peak memory from the process itself as it exits (rssOnExit.cjs). */
function evaluate(data: string, op: string, out: string, workers?: number): Run {
  const rssFile = path.join(path.dirname(out), "rss.txt");
  const args = [
    "--require",
    path.join(__dirname, "rssOnExit.cjs"),
    bin,
    "evaluate",
    "--data",
    data,
    "--operation",
    op,
    "--out",
    out,
    "--force",
    "--quiet",
    ...(workers ? ["--workers", String(workers)] : []),
  ];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, HP_RSS_FILE: rssFile },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`evaluate failed (${r.status}): ${r.stderr}`);
  const read = /^([\d,]+) rows read:/m.exec(r.stdout);
  return {
    seconds,
    peakRssMB: Math.round(Number(fs.readFileSync(rssFile, "utf8")) / 1024),
    rowsRead: read ? Number(read[1].replace(/,/g, "")) : NaN,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** RUNS runs: the median time, the largest peak. */
function measure(label: string, data: string, op: string, tmp: string, files: number, workers?: number) {
  const runs = Array.from({ length: RUNS }, () => evaluate(data, op, path.join(tmp, "out.xlsx"), workers));
  const seconds = median(runs.map((r) => r.seconds));
  const rows = runs[0].rowsRead;
  return {
    figure: label,
    rows,
    files,
    workers: workers ?? "default",
    seconds: +seconds.toFixed(2),
    rowsPerSecond: Math.round(rows / seconds),
    peakRssMB: Math.max(...runs.map((r) => r.peakRssMB)),
  };
}

export default async function run(): Promise<Record<string, number | string>[]> {
  if (!fs.existsSync(path.join(root, "lib", "cli", "main.js")))
    spawnSync("npm", ["run", "build:cli"], { cwd: root, stdio: "inherit" });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hp-national-"));
  try {
    const out: Record<string, number | string>[] = [];
    const listed = operation(tmp, true);
    const sizes: [string, number][] = [
      ["1m", 7],
      ["5m", 36],
    ];
    const peaks: number[] = [];
    for (const [name, forces] of sizes) {
      const dir = path.join(tmp, name);
      fs.mkdirSync(dir);
      const t0 = performance.now();
      const rows = writeForces(dir, forces);
      const files = fs.readdirSync(dir).length;
      const made = ((performance.now() - t0) / 1000).toFixed(1);
      const f = measure(
        `${rows.toLocaleString("en-GB")} rows (${forces} forces), listed control`,
        dir,
        listed,
        tmp,
        files,
      );
      out.push({ ...f, generateSecondsExcluded: +made });
      peaks.push(f.peakRssMB);
      if (name === "5m") {
        out.push(measure(`${rows.toLocaleString("en-GB")} rows, one thread`, dir, listed, tmp, files, 1));
        out.push(
          measure(
            `${rows.toLocaleString("en-GB")} rows, every other area as the control`,
            dir,
            operation(tmp, false),
            tmp,
            files,
          ),
        );
      }
      if (name === "1m") fs.rmSync(dir, { recursive: true, force: true });
    }
    out.push({ figure: "peak RSS, 5 million rows over 1 million", ratio: +(peaks[1] / peaks[0]).toFixed(2) });
    out.push({
      figure: "machine",
      node: process.version,
      cores: os.availableParallelism?.() ?? os.cpus().length,
    });
    return out;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
