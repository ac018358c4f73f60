#!/usr/bin/env node
/**
 * npm run bench: runs every bench/*.bench.ts in its own Node process (so
 * memory figures don't bleed between benchmarks) and prints each figure as a
 * JSON line: {"bench":"<file>", ...figures}. A filter argument picks files.
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.join(__dirname, "..");
const dir = path.join(root, "bench");
const filter = process.argv[2] || "";
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
  .sort();
let failed = 0;
for (const f of files) {
  const r = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      "--max-old-space-size=8192",
      "--import",
      "tsx",
      path.join(__dirname, "bench-one.ts"),
      path.join(dir, f),
    ],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  process.stdout.write(r.stdout || "");
  if (r.status !== 0) {
    failed++;
    console.log(JSON.stringify({ bench: f.replace(/\.bench\.ts$/, ""), error: `exited with ${r.status}` }));
  }
}
process.exit(failed ? 1 : 0);
