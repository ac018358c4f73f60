/**
 * Runs real LibreOffice (soffice --headless) on generated files. Each run gets
 * its own throwaway user profile, so parallel runs don't clash, and the
 * profile forces a full recalculation on load so the values we read back are
 * LibreOffice's own, not the cached results stored in the file.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SOFFICE } from "../support/tools";

export { SOFFICE };

/** 0 = always recalculate on load (OOXML and ODF). */
const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Converts `file` with soffice; returns the output directory. */
export function convert(file: string, filter: string, outDir: string): void {
  const profile = tempDir("lo-profile-");
  try {
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_PROFILE);
    const r = spawnSync(
      SOFFICE,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        filter,
        "--outdir",
        outDir,
        file,
      ],
      { encoding: "utf8", timeout: 180_000 },
    );
    if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr || r.error}`);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** The CSV filter: UTF-8, raw values (not as shown), every sheet to its own file (sheet -1). */
export const CSV_ALL_SHEETS =
  "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1";

import { splitCsv as parseCsv } from "../support/csvSplit";

export { parseCsv };

/** Every sheet of an .xlsx as LibreOffice calculates it, by sheet name. */
export function sheetsAsCsv(xlsxFile: string): Record<string, string[][]> {
  const out = tempDir("lo-csv-");
  try {
    convert(xlsxFile, CSV_ALL_SHEETS, out);
    const base = path.basename(xlsxFile).replace(/\.xlsx$/, "");
    const sheets: Record<string, string[][]> = {};
    for (const f of fs.readdirSync(out)) {
      if (!f.startsWith(`${base}-`) || !f.endsWith(".csv")) continue;
      sheets[f.slice(base.length + 1, -4)] = parseCsv(fs.readFileSync(path.join(out, f), "utf8"));
    }
    return sheets;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
