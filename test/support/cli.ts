/** Running harm-planner in tests: in this process (fast), or spawned as a user would run it. */
import { spawnSync, type SpawnSyncOptions } from "child_process";
import * as path from "path";
import { main } from "../../src/cli/main";

export const ROOT = path.join(__dirname, "..", "..");
export const BIN = path.join(ROOT, "bin", "harm-planner.js");

/** main() with its output captured. */
export async function runCli(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** bin/harm-planner.js in a child process (needs lib/, built by npm run build:cli); status null when killed. */
export function spawnCli(args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    ...options,
  });
  return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
}
