/**
 * A portable copy leaves the Cohort sheet's people out unless the analyst
 * chooses them: the table body is blank, no reference is left in the shared
 * strings, and the results by group stay as values.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { strFromU8, unzipSync } from "fflate";
import { blankOperation } from "../../src/core/operation";
import { buildWorkbook, type BuildInput } from "../../src/sheets/build";
import { writeWorkbookXlsx } from "../../src/sheets/render/xlsx";
import { stripHarmFormulas } from "../../src/sheets/portable";
import { isFormulaCell } from "../../src/sheets/model";
import { parseCell } from "../../src/sheets/a1";
import { makePortableCopy } from "../../src/app/portable";
import type { OfficeHost } from "../../src/workbook/officeHost";
import { createFakeExcel } from "../support/fakeExcel";
import { officeHarness } from "../workbook/harness";

const PEOPLE: BuildInput["cohort"] = [
  {
    reference: "REF-SECRET-001",
    group: "Enforcement",
    windowDays: 365,
    offencesBefore: 12,
    offencesAfter: 4,
  },
  { reference: "REF-SECRET-002", group: "Treatment", windowDays: 365, offencesBefore: 8, offencesAfter: 6 },
  { reference: "REF-SECRET-003", group: "Comparison", windowDays: 365, offencesBefore: 9, offencesAfter: 8 },
];
const input: BuildInput = { operation: { ...blankOperation(), name: "Op Share" }, cohort: PEOPLE };

async function file(): Promise<Uint8Array> {
  return new Uint8Array(await writeWorkbookXlsx(buildWorkbook(input)));
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const allXml = (bytes: Uint8Array) =>
  Object.entries(unzipSync(bytes))
    .filter(([k]) => k.endsWith(".xml"))
    .map(([, v]) => strFromU8(v))
    .join("\n");

describe("portable copy and the Cohort sheet", () => {
  it("leaves the people out by default, and says how many", async () => {
    const before = await file();
    expect(allXml(before)).toContain("REF-SECRET-001");
    const { bytes, peopleLeftOut } = stripHarmFormulas(before);
    expect(peopleLeftOut).toBe(3);
    expect(allXml(bytes)).not.toMatch(/REF-SECRET/);
    const ws = (await load(bytes)).getWorksheet("Cohort")!;
    const model = buildWorkbook(input).find((m) => m.key === "cohort")!;
    const t = model.tables[0];
    const tl = parseCell(t.topLeft);
    for (let i = 0; i < t.rows.length; i++)
      for (let j = 0; j < t.columns.length; j++)
        expect(ws.getRow(tl.row + 2 + i).getCell(tl.col + 1 + j).value ?? null).toBeNull();
    // The header stays, so the analyst receiving the copy can type rows in.
    expect(ws.getRow(tl.row + 1).getCell(tl.col + 1).value).toBe("Reference");
  });

  it("keeps the results by group as values: the copy still reads the same", async () => {
    const { bytes } = stripHarmFormulas(await file());
    const ws = (await load(bytes)).getWorksheet("Cohort")!;
    const model = buildWorkbook(input).find((m) => m.key === "cohort")!;
    const formulas = model.cells.filter((c) => isFormulaCell(c.value));
    expect(formulas.length).toBeGreaterThan(50);
    for (const c of formulas) {
      const v = ws.getCell(c.address).value;
      const want = isFormulaCell(c.value) ? c.value.value : null;
      expect([c.address, typeof v === "object" && v !== null && "formula" in v]).toEqual([c.address, false]);
      if (typeof want === "number") expect(v).toBeCloseTo(want, 9);
      else expect([c.address, v ?? ""]).toEqual([c.address, want ?? ""]);
    }
  });

  it("keeps the people, and the live formulas, when the analyst chooses them", async () => {
    const before = await file();
    const { bytes, peopleLeftOut } = stripHarmFormulas(before, { includeCohort: true });
    expect(peopleLeftOut).toBeUndefined();
    expect(bytes).toBe(before); // nothing to change: the same file
    expect(allXml(bytes)).toContain("REF-SECRET-002");
  });

  it("leaves other sheets' native formulas alone", async () => {
    const { bytes } = stripHarmFormulas(await file());
    const wb = await load(bytes);
    let formulas = 0;
    wb.getWorksheet("Results")!.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === "object" && c.value !== null && "formula" in c.value) formulas++;
      }),
    );
    expect(formulas).toBeGreaterThan(10);
  });

  it("the pane's choice reaches the copy through the workbook port (left out unless ticked)", async () => {
    const bytes = await file();
    const opened: string[] = [];
    const host: OfficeHost = {
      getFileBytes: async () => bytes,
      createWorkbook: async (b64) => {
        opened.push(strFromU8(unzipSync(new Uint8Array(Buffer.from(b64, "base64")))["xl/sharedStrings.xml"]));
      },
    };
    const h = officeHarness(createFakeExcel(), host);
    expect(await makePortableCopy(h.port)).toEqual({ replaced: 0, peopleLeftOut: 3 });
    expect(await makePortableCopy(h.port, { includeCohort: true })).toEqual({ replaced: 0 });
    expect(opened[0]).not.toContain("REF-SECRET-001");
    expect(opened[1]).toContain("REF-SECRET-001");
  });

  it("is pure: imports fflate, the A1 helpers, the group labels and the scrubber only, no Node or DOM APIs", () => {
    const read = (f: string) => fs.readFileSync(path.join(__dirname, "../../src/sheets", f), "utf8");
    const src = read("portableCohort.ts");
    expect([...src.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1])).toEqual([
      "fflate",
      "./a1",
      "./specs/cohortColumns",
      "./portableScrub",
    ]);
    const scrub = read("portableScrub.ts");
    expect(scrub).not.toMatch(/\bfrom\s+"/);
    for (const s of [src, scrub]) expect(s).not.toMatch(/\b(Buffer|require|process|window|document)\b/);
  });

  it("changes nothing in a workbook without a Cohort sheet", async () => {
    const plain = new Uint8Array(await writeWorkbookXlsx(buildWorkbook({ ...input, include: ["results"] })));
    expect(stripHarmFormulas(plain)).toEqual({ bytes: plain, replaced: 0 });
  });
});
