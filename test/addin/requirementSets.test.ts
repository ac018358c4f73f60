/**
 * Requirement-set audit: every Excel and Office API member the add-in uses,
 * the requirement set each needs (from @types/office-js), and a failure for
 * any above the manifest's minimum (ExcelApi 1.10) that is not guarded by
 * isSetSupported. The table is written to test-output/requirement-sets.md.
 */
import * as fs from "fs";
import * as path from "path";
import {
  auditedFiles,
  auditRequirementSets,
  manifestMinimum,
  requirementTable,
  versionAtLeast,
} from "../support/requirementSets";

const ROOT = path.join(__dirname, "..", "..");
const PLANTED = path.join(ROOT, "src", "workbook", "__planted__.ts");

describe("requirement sets", () => {
  const min = manifestMinimum("ExcelApi");
  const uses = auditRequirementSets(auditedFiles());

  it("finds the Office.js members the source uses, with their sets", () => {
    const members = new Set(uses.map((u) => `${u.member} (${u.set} ${u.version})`));
    // Independent spot checks against the Office.js reference.
    expect(members).toContain("Excel.PageLayout.setPrintArea (ExcelApi 1.9)");
    expect(members).toContain("Excel.Workbook.getActiveCell (ExcelApi 1.7)");
    expect([...members].some((m) => /^Excel\.Range\.values \(ExcelApi 1\.1\)$/.test(m))).toBe(true);
    expect(uses.length).toBeGreaterThan(30);
  });

  it(`uses nothing above ExcelApi ${min} (the manifest's minimum) without an isSetSupported guard`, () => {
    const table = requirementTable(uses);
    fs.mkdirSync(path.join(ROOT, "test-output"), { recursive: true });
    fs.writeFileSync(
      path.join(ROOT, "test-output", "requirement-sets.md"),
      `# Office.js requirement sets used by Harm Planner\n\nManifest minimum: ExcelApi ${min}. Written by test/addin/requirementSets.test.ts.\n\n${table}\n`,
    );
    console.log(table);
    const above = uses.filter((u) => u.set === "ExcelApi" && !versionAtLeast(min, u.version) && !u.guarded);
    expect(above.map((u) => `${u.member} (ExcelApi ${u.version}) at ${u.file}:${u.line}`)).toEqual([]);
  });

  it("reports a planted call above 1.10 without a guard, and not one behind isSetSupported", () => {
    const source = (guarded: boolean) => `
      export function planted(range: Excel.Range): void {
        ${guarded ? 'if (!Office.context.requirements.isSetSupported("ExcelApi", "1.11")) return;' : ""}
        range.moveTo("B1");
      }`;
    const bare = auditRequirementSets([], { [PLANTED]: source(false) });
    expect(bare).toEqual([
      expect.objectContaining({
        member: "Excel.Range.moveTo",
        set: "ExcelApi",
        version: "1.11",
        guarded: false,
      }),
    ]);
    const safe = auditRequirementSets([], { [PLANTED]: source(true) });
    expect(safe.find((u) => u.member === "Excel.Range.moveTo")?.guarded).toBe(true);
    // A guard for a lower version does not cover it.
    const low = auditRequirementSets([], { [PLANTED]: source(true).replace('"1.11"', '"1.10"') });
    expect(low.find((u) => u.member === "Excel.Range.moveTo")?.guarded).toBe(false);
  });
});
