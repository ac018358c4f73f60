import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { stripHarmFormulas, stripSheetXml } from "../../src/sheets/portable";

async function bookWithFormulas(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Results");
  ws.getCell("A1").value = {
    formula: "HARM.WDQ(100,50,100,150,100,100)",
    result: -1,
  } as ExcelJS.CellFormulaValue;
  ws.getCell("A2").value = {
    formula: "HARM.READING(A1)",
    result: "Displacement cancelled the gain",
  } as ExcelJS.CellFormulaValue;
  ws.getCell("A3").value = { formula: "SUM(A1,1)", result: 0 } as ExcelJS.CellFormulaValue;
  ws.getCell("A4").value = {
    formula: "_xldudf_HARM_CHANGE(100,50)",
    result: -0.5,
  } as ExcelJS.CellFormulaValue;
  ws.getCell("A5").value = "HARM.WDQ is text here";
  wb.addWorksheet("Other").getCell("B2").value = {
    formula: "HARM.CHANGE(10,5)",
    result: -0.5,
  } as ExcelJS.CellFormulaValue;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("stripHarmFormulas", () => {
  it("replaces every HARM.* formula with its cached value and leaves native formulas", async () => {
    const { bytes, replaced } = stripHarmFormulas(await bookWithFormulas());
    expect(replaced).toBe(4);
    const files = unzipSync(bytes);
    const all = Object.keys(files)
      .filter((k) => k.startsWith("xl/worksheets/"))
      .map((k) => strFromU8(files[k]))
      .join("\n");
    expect(all).not.toMatch(/<f>[^<]*(HARM\.|_xldudf_HARM_)/);
    expect(all).toMatch(/<f>SUM\(A1,1\)<\/f>/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Results")!;
    expect(ws.getCell("A1").value).toBe(-1);
    expect(ws.getCell("A2").value).toBe("Displacement cancelled the gain");
    expect(ws.getCell("A4").value).toBe(-0.5);
    expect(ws.getCell("A5").value).toBe("HARM.WDQ is text here");
    expect((ws.getCell("A3").value as ExcelJS.CellFormulaValue).formula).toBe("SUM(A1,1)");
    expect(wb.getWorksheet("Other")!.getCell("B2").value).toBe(-0.5);
  });

  it("keeps text results typed as text and handles shared formulas and missing caches", () => {
    const xml =
      '<sheetData><row r="1">' +
      '<c r="A1" t="str"><f>HARM.READING(B1)</f><v>Diffusion of benefits</v></c>' +
      '<c r="B1"><f t="shared" ref="B1:B3" si="0">HARM.CHANGE(C1,D1)</f><v>0.5</v></c>' +
      '<c r="E1" t="e"><f>HARM.WDQ(1,1,1,1,0,0)</f><v>#DIV/0!</v></c>' +
      '<c r="F1" t="str"><f>HARM.NOTE()</f></c>' +
      '<c r="G1"><f t="shared" ref="G1:G2" si="1">C1*2</f><v>4</v></c>' +
      '</row><row r="2"><c r="B2"><f t="shared" si="0"/><v>0.25</v></c><c r="G2"><f t="shared" si="1"/><v>6</v></c></row></sheetData>';
    const out = stripSheetXml(xml);
    expect(out.replaced).toBe(5);
    expect(out.xml).toContain('<c r="A1" t="str"><v>Diffusion of benefits</v></c>');
    expect(out.xml).toContain('<c r="B1"><v>0.5</v></c>');
    expect(out.xml).toContain('<c r="B2"><v>0.25</v></c>');
    expect(out.xml).toContain('<c r="E1" t="e"><v>#DIV/0!</v></c>');
    expect(out.xml).toContain('<c r="F1"/>');
    expect(out.xml).toContain('<c r="G2"><f t="shared" si="1"/><v>6</v></c>');
    expect(out.xml).toContain('<f t="shared" ref="G1:G2" si="1">C1*2</f>');
  });

  it("drops a stale calculation chain and returns the input untouched when nothing changes", async () => {
    const files = unzipSync(await bookWithFormulas());
    files["xl/calcChain.xml"] = strToU8('<calcChain><c r="A1" i="1"/></calcChain>');
    files["[Content_Types].xml"] = strToU8(
      strFromU8(files["[Content_Types].xml"]).replace(
        "</Types>",
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
      ),
    );
    const { bytes } = stripHarmFormulas(zipSync(files));
    const out = unzipSync(bytes);
    expect(out["xl/calcChain.xml"]).toBeUndefined();
    expect(strFromU8(out["[Content_Types].xml"])).not.toContain("calcChain");

    const plain = zipSync({
      "xl/worksheets/sheet1.xml": strToU8('<worksheet><c r="A1"><f>SUM(1)</f><v>1</v></c></worksheet>'),
    });
    const again = stripHarmFormulas(plain);
    expect(again.replaced).toBe(0);
    expect(again.bytes).toBe(plain);
  });

  it("is pure: imports fflate only, no Node or DOM APIs", () => {
    const src = fs.readFileSync(path.join(__dirname, "../../src/sheets/portable.ts"), "utf8");
    const imports = [...src.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    // ./portableCohort is pure too (test/sheets/portableCohort.test.ts checks it the same way).
    expect(imports).toEqual(["fflate", "./portableCohort"]);
    expect(src).not.toMatch(/\b(Buffer|require|process|window|document)\b/);
  });
});
