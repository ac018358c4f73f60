/**
 * The built output some tests run: dist/ (webpack: the pane, the preview, the
 * functions) and lib/ (tsc: the harm-planner command). A test of a build older
 * than its sources would pass or fail for code that no longer exists, so those
 * tests check first. `npm test` builds before jest; running jest alone, the
 * projects that need a build make it once in their globalSetup (buildIfStale),
 * and each test file asserts it is fresh (assertFresh) before it starts.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");

export type Built = "dist" | "lib";

/** Sources of each build: a change to any of them makes the build stale. */
const INPUTS: Record<Built, string[]> = {
  // src/cli is not in the bundles; the metadata plugin writes functions.json.
  dist: [
    "src",
    "assets",
    "manifest.xml",
    "webpack.config.js",
    "tsconfig.json",
    "scripts/functions-metadata-plugin.js",
  ],
  lib: ["src", "tsconfig.json", "tsconfig.cli.json"],
};
const SKIP: Record<Built, string[]> = { dist: ["src/cli"], lib: [] };

/** What builds it, as a user types it. */
export const BUILD_COMMAND: Record<Built, string> = { dist: "npm run build", lib: "npm run build:cli" };

/** What must be there for the build to count as made at all. */
const MARKERS: Record<Built, string[]> = {
  dist: ["taskpane.html", "preview.html", "functions.json", "taskpane.js", "functions.js", "manifest.xml"],
  lib: ["cli/main.js"],
};

interface Stamp {
  file: string;
  mtimeMs: number;
}

function walk(p: string, skip: Set<string>, visit: (file: string, mtimeMs: number) => void): void {
  if (skip.has(p) || !fs.existsSync(p)) return;
  const st = fs.statSync(p);
  if (st.isFile()) return visit(p, st.mtimeMs);
  if (!st.isDirectory()) return;
  for (const name of fs.readdirSync(p)) walk(path.join(p, name), skip, visit);
}

/** The most recently changed source of `built` under `root`. */
export function newestInput(built: Built, root = ROOT): Stamp | undefined {
  let newest: Stamp | undefined;
  const skip = new Set(SKIP[built].map((s) => path.join(root, s)));
  for (const input of INPUTS[built])
    walk(path.join(root, input), skip, (file, mtimeMs) => {
      if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
    });
  return newest;
}

/**
 * The least recently written file of the build. Every build writes every file
 * (webpack's compareBeforeEmit is off; build:cli empties lib/ first), so this
 * is when the last build wrote its output.
 */
export function oldestOutput(built: Built, root = ROOT): Stamp | undefined {
  let oldest: Stamp | undefined;
  walk(path.join(root, built), new Set(), (file, mtimeMs) => {
    if (!oldest || mtimeMs < oldest.mtimeMs) oldest = { file, mtimeMs };
  });
  return oldest;
}

const when = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 19);

/** Why `built` cannot be tested as it is, or undefined when it is there and newer than its sources. */
export function staleness(built: Built, root = ROOT): string | undefined {
  const rel = (f: string) => path.relative(root, f);
  const missing = MARKERS[built].filter((m) => !fs.existsSync(path.join(root, built, m)));
  if (missing.length > 0)
    return `${built}/ is not built (no ${missing.map((m) => `${built}/${m}`).join(", ")}). Run \`${BUILD_COMMAND[built]}\` first (npm test does).`;
  const input = newestInput(built, root);
  const output = oldestOutput(built, root);
  if (input && output && input.mtimeMs > output.mtimeMs)
    return (
      `${built}/ is older than its sources: ${rel(input.file)} changed at ${when(input.mtimeMs)} UTC, ` +
      `after ${rel(output.file)} was built at ${when(output.mtimeMs)} UTC. Run \`${BUILD_COMMAND[built]}\` ` +
      `(npm test does), then the tests again.`
    );
  return undefined;
}

/** Throws, saying what to run, unless `built` is there and newer than every source. */
export function assertFresh(built: Built, root = ROOT): void {
  const why = staleness(built, root);
  if (why) throw new Error(why);
}

/** Builds `built` when it is missing or stale, then asserts it is fresh. For one process at a time (globalSetup). */
export function buildIfStale(built: Built, root = ROOT): void {
  const why = staleness(built, root);
  if (!why) return;
  const how = built === "dist" ? "webpack --mode production" : "tsc -p tsconfig.cli.json";
  process.stdout.write(`\n${why.split(". Run")[0]}: building it now (${how}).\n`);
  if (built === "dist") {
    const webpack = path.join(root, "node_modules", "webpack-cli", "bin", "cli.js");
    execFileSync(process.execPath, [webpack, "--mode", "production"], { cwd: root, stdio: "pipe" });
  } else {
    fs.rmSync(path.join(root, "lib"), { recursive: true, force: true });
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.cli.json"], { cwd: root, stdio: "pipe" });
  }
  assertFresh(built, root);
}
