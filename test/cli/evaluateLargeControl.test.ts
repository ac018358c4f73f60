/**
 * `harm-planner evaluate` for a force the size of the Met: with no control
 * areas given, the control is every other area in the data, here 3,200
 * LSOAs. Their codes are far more than Excel's 32,767 characters in one cell,
 * so the Operation sheet keeps them in its Areas table; the run succeeds,
 * the workbook reads back with every area, and real LibreOffice shows the
 * table and the Summary's count of the areas once it has recalculated.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { operationFromSnapshot, operationNamesRequest } from "../../src/sheets/specs/operationRead";
import { xlsxSnapshot } from "../support/xlsxSnapshot";
import { sheetsAsCsv } from "../libreoffice/lo";
import { itWith, libreOffice } from "../support/tools";

const AREAS = 3200;
const code = (i: number) => `E01${String(i).padStart(6, "0")}`;
const MONTHS = Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, "0")}`);
const HEADER =
  "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";

/** One month of police.uk street crime: two crimes in each area, more in the target after it starts. */
function month(m: string, k: number): string {
  const lines = [HEADER];
  for (let i = 0; i < AREAS; i++) {
    const n = i === 0 && k >= 6 ? 1 : 2;
    for (let j = 0; j < n; j++)
      lines.push(
        `${m}-${i}-${j},${m},Metropolitan Police Service,Metropolitan Police Service,-0.1,51.5,On or near a street,${code(i)},Somewhere ${i},Drugs,Under investigation,`,
      );
  }
  return lines.join("\n") + "\n";
}

describe("harm-planner evaluate with thousands of control areas", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-met-"));
    fs.mkdirSync(path.join(dir, "data"));
    MONTHS.forEach((m, k) => fs.writeFileSync(path.join(dir, "data", `${m}-met-street.csv`), month(m, k)));
    fs.writeFileSync(
      path.join(dir, "operation.json"),
      JSON.stringify({
        name: "Op Large",
        targetAreas: [code(0)],
        before: { start: "2024-01-01", end: "2024-06-30" },
        after: { start: "2024-07-01", end: "2024-12-31" },
      }),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("succeeds, and the workbook holds every control area", async () => {
    let out = "";
    let err = "";
    const file = path.join(dir, "plan.xlsx");
    const code0 = await main(
      [
        "evaluate",
        "--data",
        path.join(dir, "data"),
        "--operation",
        path.join(dir, "operation.json"),
        "--out",
        file,
      ],
      { out: (s) => (out += s), err: (s) => (err += s) },
    );
    expect(err).toBe("");
    expect(code0).toBe(0);
    expect(out).toMatch(/Wrote \d+ Results rows? and \d+ sheets/);
    const bytes = new Uint8Array(fs.readFileSync(file));
    const op = operationFromSnapshot(await xlsxSnapshot(bytes, operationNamesRequest));
    expect(op?.controlAreas).toHaveLength(AREAS - 1);
    expect(op?.controlAreas).toEqual(Array.from({ length: AREAS - 1 }, (_, i) => code(i + 1)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Operation")!.getCell("B13").value).toBe("3,199 areas: see the Areas table");
  }, 120_000);

  itWith("the large-control workbook in LibreOffice", [libreOffice()])(
    "opens in LibreOffice with the Areas table and the Summary's count of the areas",
    () => {
      const csv = sheetsAsCsv(path.join(dir, "plan.xlsx"));
      const rows = csv.Operation.filter((r) => r[1] === "Control");
      expect(rows.map((r) => r[0])).toEqual(Array.from({ length: AREAS - 1 }, (_, i) => code(i + 1)));
      // The Summary's operation line counts the areas from the cell's short text once recalculated.
      expect(csv.Summary.flat().join("\n")).toMatch(/target 1 area, buffer 0, comparison 3,199 · /);
    },
    180_000,
  );
});
