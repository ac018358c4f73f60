import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";

/* eslint-disable @typescript-eslint/no-require-imports */
const { checkLicences, judge, licenceOf, REVIEWED } = require("../../scripts/check-licences");
const { runAudit, seriousAdvisories, unexplained } = require("../../scripts/audit");
/* eslint-enable @typescript-eslint/no-require-imports */

const root = path.join(__dirname, "..", "..");

describe("licences of production dependencies (scripts/check-licences.js)", () => {
  const result = checkLicences(root);

  it("walks the whole production tree, including ExcelJS and React", () => {
    const names = result.rows.map((r: { name: string }) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(["exceljs", "react", "react-dom", "fflate", "@fluentui/react-components"]),
    );
    expect(result.rows.length).toBeGreaterThan(50);
    // Dev-only tools are out of scope: hyperformula (GPL) must not be reached.
    expect(names).not.toContain("hyperformula");
    expect(names).not.toContain("jest");
  });

  it("finds no GPL, AGPL, LGPL or unknown licence, and nothing missing", () => {
    expect(result.problems).toEqual([]);
    expect(result.missing).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("every hand-reviewed exception is still in the tree and mentioned in SECURITY.md", () => {
    const security = fs.readFileSync(path.join(root, "SECURITY.md"), "utf8");
    for (const key of Object.keys(REVIEWED)) {
      const [name, version] = [key.slice(0, key.lastIndexOf("@")), key.slice(key.lastIndexOf("@") + 1)];
      expect(result.rows).toEqual(
        expect.arrayContaining([expect.objectContaining({ name, version, verdict: "reviewed" })]),
      );
      expect(security).toContain(key);
    }
  });

  it.each([
    ["MIT", "allowed"],
    ["(MIT OR GPL-3.0-or-later)", "allowed"],
    ["(MIT AND Zlib)", "allowed"],
    ["MIT/X11", "allowed"],
    ["Apache-2.0 WITH LLVM-exception", "allowed"],
    ["GPL-3.0", "forbidden"],
    ["AGPL-3.0-only", "forbidden"],
    ["LGPL-2.1-or-later", "forbidden"],
    ["(MIT AND GPL-2.0)", "forbidden"],
    ["(GPL-2.0 OR LGPL-3.0)", "forbidden"],
    ["SEE LICENSE IN LICENSE.txt", "unknown"],
    ["", "unknown"],
    ["(MIT AND Proprietary)", "unknown"],
  ])("judges %p as %s", (expr, verdict) => {
    expect(judge(expr)).toBe(verdict);
  });

  it("reads every shape of licence field", () => {
    expect(licenceOf({ license: "ISC" })).toBe("ISC");
    expect(licenceOf({ license: { type: "MIT" } })).toBe("MIT");
    expect(licenceOf({ licenses: [{ type: "MIT" }, { type: "Apache-2.0" }] })).toBe("(MIT OR Apache-2.0)");
    expect(licenceOf({})).toBe("");
  });

  it("the command prints a table and exits 0", () => {
    const r = spawnSync(process.execPath, [path.join(root, "scripts", "check-licences.js")], {
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Package\s+Version\s+Licence\s+Verdict/m);
    expect(r.stdout).toMatch(/^exceljs\s+\S+\s+MIT\s+allowed/m);
  });
});

describe("advisories (scripts/audit.js)", () => {
  const report = {
    vulnerabilities: {
      lib: {
        severity: "high",
        via: [
          {
            source: 1,
            name: "lib",
            title: "Prototype pollution",
            url: "https://github.com/advisories/GHSA-aaaa-bbbb-cccc",
            severity: "high",
          },
          {
            source: 2,
            name: "lib",
            title: "ReDoS",
            url: "https://github.com/advisories/GHSA-dddd-2222-3333",
            severity: "moderate",
          },
        ],
      },
      parent: { severity: "high", via: ["lib"] },
      other: {
        severity: "critical",
        via: [{ source: 99, name: "other", title: "RCE", url: "", severity: "critical" }],
      },
    },
    metadata: { vulnerabilities: { high: 2, critical: 1 } },
  };

  it("lists only high and critical advisories, once each, by GHSA id (npm id when there is none)", () => {
    expect(seriousAdvisories(report).map((a: { id: string }) => a.id)).toEqual([
      "GHSA-aaaa-bbbb-cccc",
      "npm-99",
    ]);
  });

  it("requires each to be explained in SECURITY.md", () => {
    const found = seriousAdvisories(report);
    expect(unexplained(found, "GHSA-aaaa-bbbb-cccc: not reachable").map((a: { id: string }) => a.id)).toEqual(
      ["npm-99"],
    );
  });

  it("says plainly when the advisory endpoint cannot be reached, and passes", () => {
    const offline = runAudit(root, () => ({
      stdout: '{"message":"405 Method Not Allowed"}',
      error: undefined,
    }));
    expect(offline).toEqual(
      expect.objectContaining({ status: "unreachable", reason: "405 Method Not Allowed" }),
    );
    expect(runAudit(root, () => ({ stdout: "", error: "ENOTFOUND registry.npmjs.org" })).reason).toMatch(
      /ENOTFOUND/,
    );
  });

  it("the real audit of production dependencies has no unexplained high or critical advisory", () => {
    const real = runAudit(root);
    // An offline machine is reported, not failed.
    if (real.status === "unreachable") {
      expect(real.reason.length).toBeGreaterThan(0);
      return;
    }
    expect(real.unexplained).toEqual([]);
  });
});
