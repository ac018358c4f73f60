#!/usr/bin/env node
/**
 * npm run validate: the local manifest checks (always), then Microsoft's
 * online validator when this machine can reach it.
 */
const path = require("path");
const fs = require("fs");
const { spawnSync } = require("child_process");
const { checkManifest } = require("./manifest-checks");

const root = path.join(__dirname, "..");
const dist = path.join(root, "dist");
if (!fs.existsSync(path.join(dist, "functions.json"))) {
  console.log("Building dist/ first …");
  const b = spawnSync("npx", ["webpack", "--mode", "production"], { cwd: root, stdio: "inherit" });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const problems = checkManifest({ manifestPath: path.join(root, "manifest.xml"), distDir: dist });
if (problems.length) {
  console.error("Local manifest checks failed:\n" + problems.map((p) => "  - " + p).join("\n"));
  process.exit(1);
}
console.log("Local manifest checks passed.");

// The online validator lives in the office-addin-manifest package and calls Microsoft's service.
// It is fetched on demand (not a project dependency) and given one minute.
const online = spawnSync("npx", ["--yes", "office-addin-manifest@2", "validate", "manifest.xml"], {
  cwd: root,
  encoding: "utf8",
  timeout: 60_000,
});
const out = `${online.stdout ?? ""}${online.stderr ?? ""}`;
if (online.status === 0) {
  console.log(out.trim());
  console.log("Microsoft's online manifest validation passed.");
} else if (
  /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|network|fetch failed|getaddrinfo/i.test(out) ||
  online.error
) {
  console.log(
    "Microsoft's online manifest validation service could not be reached from this machine, so only the local checks ran.",
  );
} else {
  console.error(out.trim());
  console.error("Microsoft's online manifest validation reported problems.");
  process.exit(1);
}
