// Sizes of what Excel downloads: each emitted script, minified and gzipped.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { execFileSync } from "child_process";

export default async function run(): Promise<Record<string, number | string>[]> {
  const root = path.join(__dirname, "..");
  const dist = path.join(root, "dist");
  if (!fs.existsSync(path.join(dist, "taskpane.js"))) {
    execFileSync("npx", ["webpack", "--mode", "production"], { cwd: root, stdio: "ignore" });
  }
  return ["functions.js", "commands.js", "taskpane.js", "preview.js"]
    .filter((f) => fs.existsSync(path.join(dist, f)))
    .map((f) => {
      const buf = fs.readFileSync(path.join(dist, f));
      return {
        figure: "bundle size",
        file: f,
        minifiedKB: +(buf.length / 1024).toFixed(1),
        gzippedKB: +(zlib.gzipSync(buf, { level: 9 }).length / 1024).toFixed(1),
      };
    });
}
