/**
 * The shareable template in real LibreOffice: every sheet opens, nothing
 * shows an error, and LibreOffice's own recalculation of the native formulas
 * gives the published worked examples (formulas.md Q1 and R1).
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { blankOperation } from "../../src/core/operation";
import { buildWorkbook, SHEET_ORDER, type ResultsRow } from "../../src/sheets/build";
import { isFormulaCell, type SheetModel } from "../../src/sheets/model";
import { writeWorkbookXlsx } from "../../src/sheets/render/xlsx";
import { stripHarmFormulas } from "../../src/sheets/portable";
import { describeWith, libreOffice } from "../support/tools";
import { sheetsAsCsv, tempDir } from "./lo";

const maybe = describeWith("the LibreOffice template tests", [libreOffice()]);

// formulas.md: Q1 (Guerette 2009 / streetlamp tests) and R1 (Wheeler, WDD vs log IRR).
const RESULTS: ResultsRow[] = [
  {
    measure: "Q1 worked example",
    target: { before: 100, after: 50 },
    buffer: { before: 100, after: 150 },
    control: { before: 100, after: 100 },
  },
  { measure: "R1 worked example", target: { before: 50, after: 30 }, control: { before: 60, after: 55 } },
];

const ERROR = /#NAME\?|#VALUE!|#DIV\/0!|#REF!|#N\/A|#NUM!|#NULL!|Err:\d+/;

/** The same sheets with every cached formula result removed, so only a recalculation can fill them. */
function withoutCaches(sheets: SheetModel[]): SheetModel[] {
  const strip = <T>(v: T): T => (isFormulaCell(v) ? ({ formula: v.formula } as T) : v);
  return sheets.map((s) => ({
    ...s,
    cells: s.cells.map((c) => ({ ...c, value: strip(c.value) })),
    tables: s.tables.map((t) => ({ ...t, rows: t.rows.map((r) => r.map(strip)) })),
  }));
}

/** CSV numbers; LibreOffice keeps the % sign on percentage-formatted cells. */
const num = (s: string): number => (s.endsWith("%") ? Number(s.slice(0, -1)) / 100 : Number(s));

function tableRow(csv: string[][], measure: string): Record<string, string> {
  const h = csv.findIndex((r) => r.includes("Measure") && r.includes("WDQ"));
  expect(h).toBeGreaterThanOrEqual(0);
  const header = csv[h];
  const row = csv.slice(h + 1).find((r) => r[header.indexOf("Measure")] === measure);
  expect(row).toBeDefined();
  return Object.fromEntries(header.map((k, i) => [k, row![i]]));
}

maybe("template in LibreOffice", () => {
  let dir: string;
  let calculated: Record<string, string[][]>;
  let cached: Record<string, string[][]>;

  beforeAll(async () => {
    dir = tempDir("hp-lo-");
    const sheets = buildWorkbook({ operation: { ...blankOperation(), name: "Op Test" }, results: RESULTS });
    const fresh = path.join(dir, "fresh.xlsx");
    fs.writeFileSync(fresh, await writeWorkbookXlsx(withoutCaches(sheets)));
    const normal = path.join(dir, "normal.xlsx");
    fs.writeFileSync(normal, await writeWorkbookXlsx(sheets));
    calculated = sheetsAsCsv(fresh);
    cached = sheetsAsCsv(normal);
  }, 300_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("has every sheet", () => {
    for (const s of SHEET_ORDER) {
      expect(Object.keys(calculated)).toContain(s.name);
      expect(Object.keys(cached)).toContain(s.name);
    }
  });

  it("shows no error value in any cell of any sheet", () => {
    const errors: string[] = [];
    for (const [name, rows] of [...Object.entries(calculated), ...Object.entries(cached)])
      rows.forEach((r, i) =>
        r.forEach((v, j) => {
          if (ERROR.test(v)) errors.push(`${name}!R${i + 1}C${j + 1}: ${v}`);
        }),
      );
    expect(errors).toEqual([]);
  });

  it("recalculates the worked examples to the published values", () => {
    const q1 = tableRow(calculated.Results, "Q1 worked example");
    expect(num(q1["WDQ"])).toBeCloseTo(-1, 6);
    expect(num(q1["Change %"])).toBeCloseTo(-0.5, 6);
    expect(num(q1["Net effect"])).toBeCloseTo(0, 6);
    expect(q1["Displacement reading"]).toBe("Displacement cancelled the gain");
    const r1 = tableRow(calculated.Results, "R1 worked example");
    expect(num(r1["RES"])).toBeCloseTo(1.5278, 4);
    expect(r1["WDQ"]).toBe(""); // no buffer: blank, not an error
  });

  it("gives the same values from the cached file as from a fresh calculation", () => {
    for (const m of ["Q1 worked example", "R1 worked example"]) {
      const a = tableRow(calculated.Results, m);
      const b = tableRow(cached.Results, m);
      for (const k of ["Change %", "RES", "WDQ", "Total net effect", "WDD"]) expect(b[k]).toBe(a[k]);
    }
  });
});

maybe("portable files in LibreOffice", () => {
  it("shows the cached values where HARM.* formulas were, with no #NAME?", async () => {
    const dir = tempDir("hp-lo-portable-");
    try {
      // A live workbook as Excel saves it: custom functions stored as _xldudf_ calls.
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Live");
      ws.getCell("A1").value = {
        formula: "_xldudf_HARM_CHANGE(100,50)",
        result: -0.5,
      } as ExcelJS.CellFormulaValue;
      ws.getCell("A2").value = {
        formula: "HARM.READING(1)",
        result: "Diffusion of benefits",
      } as ExcelJS.CellFormulaValue;
      ws.getCell("A3").value = { formula: "A1*2", result: -1 } as ExcelJS.CellFormulaValue;
      const { bytes, replaced } = stripHarmFormulas(new Uint8Array(await wb.xlsx.writeBuffer()));
      expect(replaced).toBe(2);
      const file = path.join(dir, "portable.xlsx");
      fs.writeFileSync(file, bytes);
      const csv = sheetsAsCsv(file);
      expect(csv.Live.slice(0, 3).map((r) => r[0])).toEqual(["-0.5", "Diffusion of benefits", "-1"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
