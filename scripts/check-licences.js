#!/usr/bin/env node
/**
 * Licence check for what ships to analysts: walks the production dependency
 * tree (package.json "dependencies", then each package's dependencies,
 * optional and installed peer dependencies) through node_modules and fails on
 * GPL, AGPL, LGPL or any licence it cannot recognise. Dev-only tools (e.g.
 * hyperformula, GPL) are never bundled, so they are out of scope.
 *
 * Usage: node scripts/check-licences.js [--json]
 * Exit code 0 when every package is allowed, 1 otherwise.
 */
const fs = require("fs");
const path = require("path");

/** Permissive licences (SPDX ids) that we may bundle. */
const ALLOWED = new Set([
  "MIT",
  "MIT-0",
  "ISC",
  "0BSD",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "Apache-2.0",
  "BlueOak-1.0.0",
  "CC0-1.0",
  "CC-BY-4.0",
  "Unlicense",
  "Zlib",
  "Python-2.0",
]);

/** Non-SPDX spellings seen in old packages, mapped to their SPDX id. */
const ALIASES = {
  "MIT/X11": "MIT",
  "MIT License": "MIT",
  "Apache 2.0": "Apache-2.0",
  "Apache License 2.0": "Apache-2.0",
};

/**
 * Packages checked by hand, keyed name@version, each with the reason. A new
 * version of one of these is checked afresh. SECURITY.md repeats this list.
 */
const REVIEWED = {
  "buffers@0.1.1":
    "No licence declared (upstream substack/node-buffers has an open 'Create LICENSE' pull request). " +
    "Reached only through exceljs > unzipper > binary, which ExcelJS uses for its Node streaming reader; " +
    "Harm Planner never calls that reader and the browser bundles do not contain it (test/security/licences.test.ts checks dist/).",
};

/** Copyleft families we must not bundle in a closed force deployment. */
const FORBIDDEN = /^(A?GPL|LGPL)/i;

/** Reads package.json, or null when the folder is not an installed package. */
function readPackage(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  } catch {
    return null;
  }
}

/** Node's lookup: <dir>/node_modules/<name>, then each parent's node_modules. */
function resolvePackageDir(fromDir, name, rootDir) {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.resolve(dir) === path.resolve(rootDir)) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The licence field in any of the shapes npm has allowed over the years. */
function licenceOf(pkg) {
  const l = pkg.license ?? pkg.licenses;
  if (typeof l === "string") return l.trim();
  if (Array.isArray(l)) {
    const types = l.map((x) => (typeof x === "string" ? x : x && x.type)).filter(Boolean);
    return types.length ? "(" + types.join(" OR ") + ")" : "";
  }
  if (l && typeof l === "object" && typeof l.type === "string") return l.type.trim();
  return "";
}

/**
 * Verdict for an SPDX expression: "allowed", "forbidden" or "unknown".
 * "A OR B" needs one acceptable side; "A AND B" / "A WITH x" needs all sides.
 */
function judge(expr) {
  const e = String(expr || "")
    .trim()
    .replace(/^\((.*)\)$/, "$1")
    .trim();
  if (e === "") return "unknown";
  const ors = splitTop(e, "OR");
  if (ors.length > 1) {
    const vs = ors.map(judge);
    if (vs.includes("allowed")) return "allowed";
    return vs.includes("unknown") ? "unknown" : "forbidden";
  }
  const ands = splitTop(e, "AND");
  if (ands.length > 1) {
    const vs = ands.map(judge);
    if (vs.includes("forbidden")) return "forbidden";
    return vs.every((v) => v === "allowed") ? "allowed" : "unknown";
  }
  const raw = e.split(/\s+WITH\s+/i)[0].trim();
  const id = ALIASES[raw] || raw;
  if (FORBIDDEN.test(id)) return "forbidden";
  return ALLOWED.has(id) ? "allowed" : "unknown";
}

/** Splits on a top-level (unparenthesised) SPDX operator. */
function splitTop(expr, op) {
  const parts = [];
  let depth = 0;
  let start = 0;
  const re = new RegExp(`\\s${op}\\s`, "iy");
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0) {
      re.lastIndex = i;
      const m = re.exec(expr);
      if (m) {
        parts.push(expr.slice(start, i).trim());
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(expr.slice(start).trim());
  return parts;
}

/**
 * Walks the production tree from rootDir. Returns one row per installed
 * package (name@version at a path) plus the names of required dependencies
 * that are not installed.
 */
function checkLicences(rootDir = path.resolve(__dirname, "..")) {
  const root = readPackage(rootDir);
  if (!root) throw new Error(`No package.json in ${rootDir}`);
  const rows = [];
  const missing = [];
  const seen = new Set();
  const queue = [{ dir: rootDir, pkg: root, isRoot: true }];
  while (queue.length) {
    const { dir, pkg, isRoot } = queue.shift();
    const wanted = [
      ...Object.keys(pkg.dependencies || {}).map((n) => [n, false]),
      ...Object.keys(pkg.optionalDependencies || {}).map((n) => [n, true]),
      // npm 7+ installs peers alongside; they ship too when present.
      ...(isRoot ? [] : Object.keys(pkg.peerDependencies || {}).map((n) => [n, true])),
    ];
    for (const [name, optional] of wanted) {
      const depDir = resolvePackageDir(dir, name, rootDir);
      if (!depDir) {
        if (!optional) missing.push(`${name} (needed by ${pkg.name || "root"})`);
        continue;
      }
      const real = fs.realpathSync(depDir);
      if (seen.has(real)) continue;
      seen.add(real);
      const depPkg = readPackage(depDir);
      const licence = licenceOf(depPkg);
      const key = `${depPkg.name || name}@${depPkg.version || "?"}`;
      const verdict = judge(licence);
      rows.push({
        name: depPkg.name || name,
        version: depPkg.version || "?",
        licence,
        verdict: verdict !== "allowed" && REVIEWED[key] ? "reviewed" : verdict,
        note: REVIEWED[key],
      });
      queue.push({ dir: depDir, pkg: depPkg, isRoot: false });
    }
  }
  rows.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const problems = rows.filter((r) => r.verdict !== "allowed" && r.verdict !== "reviewed");
  return { rows, problems, missing, ok: problems.length === 0 && missing.length === 0 };
}

function formatTable(rows) {
  const head = ["Package", "Version", "Licence", "Verdict"];
  const body = rows.map((r) => [r.name, r.version, r.licence || "(none)", r.verdict]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)]
    .map((l) => l.trimEnd())
    .join("\n");
}

if (require.main === module) {
  const result = checkLicences();
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(formatTable(result.rows));
    const counts = {};
    for (const r of result.rows) counts[r.licence || "(none)"] = (counts[r.licence || "(none)"] || 0) + 1;
    console.log(`\n${result.rows.length} production packages: ${JSON.stringify(counts)}`);
    for (const r of result.rows.filter((x) => x.verdict === "reviewed")) {
      console.log(`Reviewed by hand: ${r.name}@${r.version}: ${r.note}`);
    }
    for (const m of result.missing) console.log(`Not installed: ${m}`);
    if (result.problems.length) {
      console.log("\nNot allowed (GPL/AGPL/LGPL or unknown licence):");
      console.log(formatTable(result.problems));
    }
  }
  process.exitCode = result.ok ? 0 : 1;
}

module.exports = { checkLicences, judge, licenceOf, formatTable, ALLOWED, REVIEWED };
