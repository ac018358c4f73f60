import * as fs from "fs";
import * as path from "path";
import { INJECTION_PREFIXES } from "../../src/core/text";

const doc = fs.readFileSync(path.join(__dirname, "..", "..", "SECURITY.md"), "utf8");

describe("SECURITY.md", () => {
  it("has the threat model, reporting route, storage statement and figures", () => {
    for (const heading of [
      "## Reporting a problem",
      "## Threat model",
      "## What the add-in stores, and where",
      "## Figures",
    ])
      expect(doc).toContain(heading);
    expect(doc).toMatch(/information-security team/);
    for (const topic of ["Formula injection", "workbook content", "Supply chain", "Data exfiltration"])
      expect(doc.toLowerCase()).toContain(topic.toLowerCase());
  });

  it("links nowhere: the only address in it is the Office.js origin the CSP allows", () => {
    const urls = doc.match(/https?:\/\/[^\s)"'`|]+/g) ?? [];
    for (const u of urls) expect(u).toMatch(/^https:\/\/appsforoffice\.microsoft\.com\/?$|^http:\/\/…$/);
  });

  it("states the injection figures for every prefix the code guards against", () => {
    expect(doc).toContain(`${INJECTION_PREFIXES.length} prefixes`);
    expect(doc).toMatch(/1,000,000/);
  });
});
