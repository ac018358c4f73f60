#!/usr/bin/env node
/**
 * Advisory check for production dependencies: runs `npm audit --omit=dev --json`
 * and lists high and critical advisories. Each one must be explained in
 * SECURITY.md (by its GHSA id), otherwise the check fails. When the audit
 * endpoint cannot be reached (offline build machine, proxy that refuses the
 * bulk endpoint) it says so plainly and passes: a missing answer is not a
 * finding, but it is reported.
 *
 * Usage: node scripts/audit.js [--json]
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SERIOUS = new Set(["high", "critical"]);

/** GHSA id from an advisory URL, else the npm source number. */
function advisoryId(via) {
  const m = /GHSA(-[0-9a-z]{4}){3}/i.exec(String(via.url || ""));
  return m ? m[0] : `npm-${via.source}`;
}

/**
 * Pulls the high/critical advisories out of an npm audit (v2, npm 7+) report.
 * Each advisory appears once even when several packages depend on it.
 */
function seriousAdvisories(report) {
  const byId = new Map();
  for (const [pkg, vuln] of Object.entries(report.vulnerabilities || {})) {
    for (const via of vuln.via || []) {
      if (typeof via !== "object" || via === null) continue; // a string is "through package X"
      if (!SERIOUS.has(via.severity)) continue;
      const id = advisoryId(via);
      if (!byId.has(id)) {
        byId.set(id, {
          id,
          package: via.name || pkg,
          severity: via.severity,
          title: via.title || "",
          url: via.url || "",
        });
      }
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Advisories that SECURITY.md does not mention by id. */
function unexplained(advisories, securityText) {
  return advisories.filter((a) => !securityText.toLowerCase().includes(a.id.toLowerCase()));
}

/**
 * Runs the audit. status "ok": the registry answered; "unreachable": it did
 * not, and `reason` says why.
 */
function runAudit(rootDir = ROOT, runner = defaultRunner) {
  const { stdout, error } = runner(rootDir);
  let report = null;
  try {
    report = JSON.parse(stdout);
  } catch {
    report = null;
  }
  if (!report || !report.vulnerabilities) {
    const reason =
      (report && (report.message || (report.error && report.error.summary))) || error || "no report";
    return { status: "unreachable", reason: String(reason), advisories: [], unexplained: [] };
  }
  const advisories = seriousAdvisories(report);
  let securityText = "";
  try {
    securityText = fs.readFileSync(path.join(rootDir, "SECURITY.md"), "utf8");
  } catch {
    securityText = "";
  }
  const counts = (report.metadata && report.metadata.vulnerabilities) || {};
  return { status: "ok", counts, advisories, unexplained: unexplained(advisories, securityText) };
}

function defaultRunner(rootDir) {
  // npm exits 1 when it finds advisories, so the exit code alone means little.
  const r = spawnSync(
    "npm",
    ["audit", "--omit=dev", "--json", "--fetch-retries=0", "--fetch-timeout=20000"],
    {
      cwd: rootDir,
      encoding: "utf8",
      timeout: 60000,
      shell: process.platform === "win32",
    },
  );
  return {
    stdout: r.stdout || "",
    error: r.error ? r.error.message : (r.stderr || "").split("\n").find(Boolean),
  };
}

if (require.main === module) {
  const result = runAudit();
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(result, null, 2));
  } else if (result.status === "unreachable") {
    console.log(
      `npm audit could not reach the advisory endpoint, so no advisories were checked: ${result.reason}`,
    );
  } else {
    console.log(`npm audit (production dependencies): ${JSON.stringify(result.counts)}`);
    for (const a of result.advisories) {
      const explained = result.unexplained.includes(a) ? "NOT in SECURITY.md" : "explained in SECURITY.md";
      console.log(`${a.severity.padEnd(8)} ${a.id}  ${a.package}: ${a.title} (${explained})`);
    }
    if (result.unexplained.length) {
      console.log(
        "\nAdd each advisory above to SECURITY.md with why it does or does not affect Harm Planner.",
      );
    }
  }
  process.exitCode = result.unexplained.length ? 1 : 0;
}

module.exports = { runAudit, seriousAdvisories, unexplained, advisoryId };
