#!/usr/bin/env node
// Renders every sheet of the template to PNG so a person can check how the
// sheets read: harm-planner template → LibreOffice PDF → pdftoppm PNGs in
// out/sheets/. Not part of `npm test`. Needs soffice and pdftoppm (poppler-utils).
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.join(__dirname, "..");
const outDir = path.join(root, "out", "sheets");
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hp-pngs-"));

// Example inputs: the worked examples from the formulas digest (Q1, R1).
const operation = {
  name: "Operation Example",
  force: "Example Constabulary",
  analyst: "A. Analyst",
  preparedOn: "2025-01-15",
  targetAreas: ["E01000001"],
  bufferAreas: ["E01000002"],
  controlAreas: ["E01000003"],
  before: { start: "2024-01-01", end: "2024-06-30" },
  after: { start: "2024-07-01", end: "2024-12-31" },
};
const results = [
  {
    measure: "Drug offences recorded",
    harm: "",
    target: { before: 100, after: 50 },
    buffer: { before: 100, after: 150 },
    control: { before: 100, after: 100 },
  },
  {
    measure: "Violence near the market",
    target: { before: 50, after: 30 },
    control: { before: 60, after: 55 },
  },
];
fs.writeFileSync(path.join(tmp, "operation.json"), JSON.stringify(operation));
fs.writeFileSync(path.join(tmp, "results.json"), JSON.stringify(results));

const xlsx = path.join(outDir, "harm-planner.xlsx");
execFileSync(
  process.execPath,
  [
    path.join(root, "bin", "harm-planner.js"),
    "template",
    "--out",
    xlsx,
    "--force", // the previous run's render is replaced
    "--operation",
    path.join(tmp, "operation.json"),
    "--results",
    path.join(tmp, "results.json"),
  ],
  { stdio: "inherit" },
);

// A throwaway LibreOffice profile that recalculates on load.
const profile = path.join(tmp, "lo-profile");
fs.mkdirSync(path.join(profile, "user"), { recursive: true });
fs.writeFileSync(
  path.join(profile, "user", "registrymodifications.xcu"),
  `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
);
execFileSync(
  "soffice",
  [
    `-env:UserInstallation=file://${profile}`,
    "--headless",
    "--norestore",
    "--convert-to",
    "pdf",
    "--outdir",
    outDir,
    xlsx,
  ],
  { stdio: "inherit", timeout: 180000 },
);
execFileSync(
  "pdftoppm",
  ["-png", "-r", "70", path.join(outDir, "harm-planner.pdf"), path.join(outDir, "page")],
  {
    stdio: "inherit",
  },
);
fs.rmSync(tmp, { recursive: true, force: true });
const pngs = fs.readdirSync(outDir).filter((f) => f.endsWith(".png"));
console.log(
  `Wrote ${pngs.length} pages to ${path.relative(root, outDir)}/ (one sheet may span several pages).`,
);
