/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read -- ExcelJS objects, not Office.js proxies */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { strFromU8, unzipSync } from "fflate";
import { blankOperation } from "../../../src/core/operation";
import { buildWorkbook, SHEET_ORDER } from "../../../src/sheets/build";
import {
  expandThisRow,
  prefixFutureFunctions,
  writeWorkbookXlsx,
  type XlsxStats,
} from "../../../src/sheets/render/xlsx";
import { fixtureSheets, INJECTION } from "./fixtures";

function parts(buf: Uint8Array): Record<string, string> {
  const files = unzipSync(buf);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

const formulasIn = (xml: string) => [...xml.matchAll(/<f\b[^>]*>([\s\S]*?)<\/f>/g)].map((m) => m[1]);

describe("writeWorkbookXlsx", () => {
  let fixture: Record<string, string>;
  let stats: XlsxStats;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    stats = { harmFormulasReplaced: 0, charts: 0 };
    const buf = await writeWorkbookXlsx(fixtureSheets(), stats);
    fixture = parts(buf);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  });

  it("writes every sheet with its tab colour, widths, frozen panes and print set-up", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Operation",
      "Harm Matrix",
      "Responses",
      "Results",
      "Summary",
    ]);
    const hm = wb.getWorksheet("Harm Matrix")!;
    expect(hm.properties.tabColor).toEqual({ argb: "FFC00000" });
    expect(hm.getColumn(1).width).toBe(30);
    expect(hm.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 4 });
    expect(hm.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 1,
    });
    expect(fixture["xl/workbook.xml"]).toMatch(
      /_xlnm\.Print_Area[^>]*>&apos;Harm Matrix&apos;!\$A\$1:\$D\$20</,
    );
  });

  it("writes real tables with long-form structured references and cached results", () => {
    const tables = Object.entries(fixture).filter(([k]) => k.startsWith("xl/tables/"));
    const hm = tables.find(([, x]) => x.includes('name="HP_HarmMatrix"'))![1];
    expect(hm).toMatch(/ref="A4:D7"/);
    expect(hm).toMatch(/TableStyleMedium2/);
    expect(tables.some(([, x]) => /name="HP_Responses"[^>]*ref="A4:D5"/.test(x))).toBe(true);
    const d5 = wb.getWorksheet("Harm Matrix")!.getCell("D5").value as ExcelJS.CellFormulaValue;
    expect(d5).toEqual({
      formula: "HP_HarmMatrix[[#This Row],[Severity]]*HP_HarmMatrix[[#This Row],[Extent]]",
      result: 12,
    });
    expect(wb.getWorksheet("Harm Matrix")!.getCell("D5").numFmt).toBe("0.0");
  });

  it("keeps text that looks like a formula as text", () => {
    const cell = wb.getWorksheet("Harm Matrix")!.getCell("A7");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(INJECTION);
    expect(wb.getWorksheet("Operation")!.getCell("B5").value).toBe("-started after a tip-off");
    for (const [k, x] of Object.entries(fixture))
      if (k.startsWith("xl/worksheets/sheet"))
        expect(formulasIn(x).join("\n")).not.toMatch(/HYPERLINK|started after/);
  });

  it("writes validation, names, colour scale and styles", () => {
    const responses = fixture["xl/worksheets/sheet3.xml"];
    expect(responses).toMatch(
      /<dataValidation type="list"[^>]*sqref="B5"><formula1>HP_HarmLabels<\/formula1>/,
    );
    expect(responses).toMatch(
      /<dataValidation type="list"[^>]*sqref="C5"><formula1>&quot;Police,Council,Health,Other&quot;<\/formula1>/,
    );
    expect(fixture["xl/worksheets/sheet2.xml"]).toMatch(
      /<dataValidation type="whole"[^>]*promptTitle="Severity"[^>]*sqref="B5:B7"><formula1>1<\/formula1><formula2>5<\/formula2>/,
    );
    expect(fixture["xl/workbook.xml"]).toMatch(
      /<definedName name="HP_HarmLabels">&apos;Harm Matrix&apos;!\$A\$5:\$A\$7</,
    );
    expect(fixture["xl/worksheets/sheet2.xml"]).toMatch(
      /<conditionalFormatting sqref="D5:D7"><cfRule type="colorScale"[\s\S]*FF63BE7B[\s\S]*FFF8696B/,
    );
    const title = wb.getWorksheet("Operation")!.getCell("A1");
    expect(title.font).toMatchObject({ bold: true, size: 16 });
    expect(wb.getWorksheet("Operation")!.getCell("B4").fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
    expect(fixture["xl/worksheets/sheet1.xml"]).toMatch(/<mergeCell ref="A1:D1"\/>/);
  });

  it("replaces HARM.* formulas with their cached value and draws the chart as a real chart part", () => {
    expect(stats.harmFormulasReplaced).toBe(1);
    expect(wb.getWorksheet("Results")!.getCell("G4").value).toBe(-1);
    for (const [k, x] of Object.entries(fixture))
      if (k.startsWith("xl/")) expect(formulasIn(x).join()).not.toMatch(/HARM\./i);
    expect(stats.charts).toBe(1);
    expect(wb.getWorksheet("Summary")!.getCell("E3").value).toBeNull();
    expect(fixture["xl/charts/chart1.xml"]).toContain("<c:barChart>");
  });
});

describe("writeWorkbookXlsx with the eight built sheets", () => {
  it("writes all eight, portable: no HARM.* formula and every native formula has a cached value", async () => {
    const sheets = buildWorkbook({
      operation: { ...blankOperation(), name: "Op Test" },
      results: [
        {
          measure: "Q1",
          target: { before: 100, after: 50 },
          buffer: { before: 100, after: 150 },
          control: { before: 100, after: 100 },
        },
      ],
    });
    const files = parts(await writeWorkbookXlsx(sheets));
    const wbXml = files["xl/workbook.xml"];
    const names = [...wbXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
    expect(names).toEqual(SHEET_ORDER.map((s) => s.name));
    let formulas = 0;
    for (const [k, x] of Object.entries(files)) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(k)) continue;
      expect(formulasIn(x).join("\n")).not.toMatch(/HARM\.|_xldudf_/i);
      for (const m of x.matchAll(
        /<c\b[^>]*>(?:(?!<\/c>)[\s\S])*?<f>[\s\S]*?<\/f>((?:(?!<\/c>)[\s\S])*)<\/c>/g,
      )) {
        formulas++;
        expect(m[1]).toMatch(/<v>/);
      }
    }
    expect(formulas).toBeGreaterThan(20);
  });
});

describe("every table's rows reach the file", () => {
  it("each text and number of every table body is at its cell in the .xlsx (the Operation sheet's tables sit side by side)", async () => {
    const sheets = buildWorkbook({
      operation: { ...blankOperation(), name: "Rows Test" },
      results: Array.from({ length: 30 }, (_, i) => ({
        measure: `M${i + 1}`,
        target: { before: 100 + i, after: 50 },
        buffer: { before: 100, after: 150 },
        control: { before: 100, after: 100 },
      })),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbookXlsx(sheets)) as unknown as ArrayBuffer);
    const missing: string[] = [];
    let checked = 0;
    for (const sheet of sheets) {
      const ws = wb.getWorksheet(sheet.name)!;
      for (const t of sheet.tables) {
        const tl = ws.getCell(t.topLeft);
        t.rows.forEach((row, i) =>
          row.forEach((v, j) => {
            if (typeof v !== "string" && typeof v !== "number") return;
            if (v === "") return;
            const cell = ws.getCell(Number(tl.row) + 1 + i, Number(tl.col) + j);
            checked++;
            if (cell.value !== v)
              missing.push(`${sheet.name}!${cell.address} ${t.name}: ${String(cell.value)} ≠ ${v}`);
          }),
        );
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });
});

describe("formula storage helpers", () => {
  it("expands [@Col] and [@[Col name]] to the long form", () => {
    expect(expandThisRow("[@Count]*[@[Harm weight]]", "T")).toBe(
      "T[[#This Row],[Count]]*T[[#This Row],[Harm weight]]",
    );
    expect(expandThisRow("SUM(T[Count])", "T")).toBe("SUM(T[Count])");
  });

  it("prefixes post-2007 functions with _xlfn. outside strings only", () => {
    expect(prefixFutureFunctions('NORM.S.INV(0.975)&"NORM.S.INV(x)"')).toBe(
      '_xlfn.NORM.S.INV(0.975)&"NORM.S.INV(x)"',
    );
    expect(prefixFutureFunctions("SUM(A1)+IFS(A1>0,1)")).toBe("SUM(A1)+_xlfn.IFS(A1>0,1)");
  });
});

describe("bundle boundary", () => {
  it("nothing under src/taskpane, src/commands or src/functions imports ExcelJS, the .xlsx renderer or the CLI", () => {
    const root = path.join(__dirname, "../../../src");
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
        const p = path.join(dir, d.name);
        return d.isDirectory() ? files(p) : /\.tsx?$/.test(d.name) ? [p] : [];
      });
    const checked = ["taskpane", "commands", "functions"].flatMap((d) => files(path.join(root, d)));
    expect(checked.length).toBeGreaterThan(3);
    const offenders = checked.filter((f) =>
      /from\s+["'](exceljs|[^"']*render\/xlsx|[^"']*\/cli\/[^"']*)["']/.test(fs.readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
