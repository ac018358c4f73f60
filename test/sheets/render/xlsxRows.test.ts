/**
 * The .xlsx writer's own part writing: table rows after the first go straight
 * into the worksheet part (shared formulas for filled-down columns), every
 * part stays well-formed XML whatever characters the text holds, and text
 * too long for a cell is refused with a message that says where it is.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { CellInput, SheetModel } from "../../../src/sheets/model";
import { writeWorkbookXlsx } from "../../../src/sheets/render/xlsx";
import { sameShifted } from "../../../src/sheets/render/xlsxRows";
import { xmlSafe } from "../../../src/sheets/render/xmlText";
import { PortError } from "../../../src/sheets/plan/errors";
import { fixtureSheets } from "./fixtures";
import { strictParts } from "./strictXml";

const BAD = "a\u0001b\u0007c\u000Bd\uFFFEe\uFFFFf\uD800g\uDC00h\u001Fi";
const GOOD = "abcdefghi";

function table(rows: CellInput[][]): SheetModel {
  return {
    key: "t",
    name: "Data",
    tabColour: "#1F4E79",
    columnWidths: [20, 10, 10, 12],
    cells: [{ address: "A1", value: "Data", style: "title" }],
    tables: [
      {
        name: "HP_Data",
        topLeft: "A3",
        style: "TableStyleMedium2",
        columns: [
          { key: "a", header: "Area", help: "Area.", computed: false, wrap: true },
          { key: "b", header: "Before", help: "Before.", computed: false, format: "0" },
          { key: "c", header: "After", help: "After.", computed: false, format: "0" },
          { key: "d", header: "Change", help: "Change.", computed: true, format: "0.0" },
        ],
        rows,
      },
    ],
    names: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
  };
}

/** Rows 4… of sheet "Data": formula "=C{r}-B{r}+$B$4*0" filled down, with a cached value. */
const filled = (n: number): CellInput[][] =>
  Array.from({ length: n }, (_, i) => {
    const r = 4 + i;
    return [`Area ${i + 1}`, 10 + i, 20 + 2 * i, { formula: `=C${r}-B${r}+$B$4*0`, value: 10 + i }];
  });

describe("sameShifted", () => {
  it("accepts relative row numbers moved by the fill and nothing else", () => {
    expect(sameShifted("=C4-B4+$B$4*0", "=C9-B9+$B$4*0", 5)).toBe(true);
    expect(sameShifted("=SUM(A4:A8)/D3", "=SUM(A14:A18)/D13", 10)).toBe(true);
    // Row-absolute references and mixed $A4 references.
    expect(sameShifted("=A$4+$A4", "=A$4+$A5", 1)).toBe(true);
    expect(sameShifted("=A$4+$A4", "=A$5+$A5", 1)).toBe(false);
    // Digits of function names, defined names and numbers never move.
    expect(sameShifted("=LOG10(A4)+HP_A4+4", "=LOG10(A5)+HP_A4+4", 1)).toBe(true);
    expect(sameShifted("=LOG10(A4)", "=LOG11(A5)", 1)).toBe(false);
    expect(sameShifted("=HP_A4+A4", "=HP_A5+A5", 1)).toBe(false);
    expect(sameShifted("=A4*4", "=A5*5", 1)).toBe(false);
    // Text inside string literals stays as it is.
    expect(sameShifted('=IF(A4>0,"Q4",A4)', '=IF(A5>0,"Q4",A5)', 1)).toBe(true);
    expect(sameShifted('=IF(A4>0,"Q4",A4)', '=IF(A5>0,"Q5",A5)', 1)).toBe(false);
    // A different formula, or extra digits, is not a fill.
    expect(sameShifted("=C4-B4", "=C5+B5", 1)).toBe(false);
    expect(sameShifted("=C4-B4", "=C50-B5", 1)).toBe(false);
    expect(sameShifted("=C4", "=C5", 2)).toBe(false);
    expect(sameShifted("=C9", "=C10", 1)).toBe(true);
  });

  it("agrees with an independent shift for random formulas (property)", () => {
    // Independent: rebuild the expected formula from parts with the row numbers moved.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("A", "BC", "XFD"), fc.integer({ min: 1, max: 999 }), fc.boolean())),
        fc.integer({ min: 0, max: 50 }),
        (refs, delta) => {
          const text = (d: number) =>
            "=" + refs.map(([c, r, abs]) => (abs ? `${c}$${r}` : `${c}${r + d}`)).join("+");
          return (
            sameShifted(text(0), text(delta), delta) &&
            (delta === 0 || refs.every((x) => x[2]) || !sameShifted(text(0), text(delta), delta + 1))
          );
        },
      ),
    );
  });
});

describe("table rows written into the part", () => {
  let xml: Record<string, string>;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    const rows = filled(6);
    // Row 5 of the table breaks the fill: the shared range must end before it.
    rows[4][3] = { formula: "=C8*2", value: 48 };
    const model = table(rows);
    model.cells.push({ address: "F7", value: "Beside the table", style: "label" });
    const buf = await writeWorkbookXlsx([model]);
    xml = strictParts(buf);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  });

  it("stores a filled-down column as one shared formula, ending where the fill breaks", () => {
    const sheet = xml["xl/worksheets/sheet1.xml"];
    expect(sheet).toContain('<c r="D4" s=');
    expect(sheet).toMatch(
      /<c r="D5" s="\d+"><f t="shared" ref="D5:D7" si="0">C5-B5\+\$B\$4\*0<\/f><v>11<\/v><\/c>/,
    );
    expect(sheet).toMatch(/<c r="D6" s="\d+"><f t="shared" si="0"\/><v>12<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="D8" s="\d+"><f>C8\*2<\/f><v>48<\/v><\/c>/);
    // After the break, formulas are written in full (the shared range stays unbroken).
    expect(sheet).toMatch(/<c r="D9" s="\d+"><f>C9-B9\+\$B\$4\*0<\/f><v>15<\/v><\/c>/);
  });

  it("gives every row the first row's styles, the cells beside the table their place, and the table its full range", () => {
    const ws = wb.getWorksheet("Data")!;
    for (let r = 4; r <= 9; r++) {
      expect(ws.getCell(`B${r}`).numFmt).toBe("0");
      expect(ws.getCell(`D${r}`).numFmt).toBe("0.0");
      expect(ws.getCell(`A${r}`).alignment).toMatchObject({ wrapText: true, vertical: "top" });
    }
    expect(ws.getCell("A9").value).toBe("Area 6");
    expect(ws.getCell("C9").value).toBe(30);
    expect(ws.getCell("F7").value).toBe("Beside the table");
    expect(ws.getCell("F7").font).toMatchObject({ bold: true });
    const tablePart = Object.entries(xml).find(([k]) => k.startsWith("xl/tables/"))![1];
    expect(tablePart).toMatch(/ref="A3:D9"/);
    expect(tablePart).toMatch(/<autoFilter ref="A3:D9"/);
    expect(xml["xl/worksheets/sheet1.xml"]).toMatch(/<dimension ref="A1:F9"\/>/);
    const rowNumbers = [...xml["xl/worksheets/sheet1.xml"].matchAll(/<row r="(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(rowNumbers).toEqual([...rowNumbers].sort((a, b) => a - b));
    expect(new Set(rowNumbers).size).toBe(rowNumbers.length);
  });
});

describe("two tables side by side", () => {
  it("keep every row of both, with a cell beside them (each row holds every cell, in column order)", async () => {
    const model = table(filled(5));
    // A cell in a row both tables cross: the Operation sheet has one (its details block beside its tables).
    model.cells.push({ address: "I6", value: "Beside both", style: "label" });
    model.tables.push({
      name: "HP_Beside",
      topLeft: "F3",
      style: "TableStyleMedium2",
      columns: [
        { key: "k", header: "Key", help: "Key.", computed: false },
        { key: "w", header: "Weight", help: "Weight.", computed: false, format: "0" },
      ],
      rows: Array.from({ length: 7 }, (_, i) => [`Key ${i + 1}`, i + 1]),
    });
    const buf = await writeWorkbookXlsx([model]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Data")!;
    for (let i = 0; i < 5; i++) expect(ws.getCell(`A${4 + i}`).value).toBe(`Area ${i + 1}`);
    for (let i = 0; i < 7; i++) {
      expect(ws.getCell(`F${4 + i}`).value).toBe(`Key ${i + 1}`);
      expect(ws.getCell(`G${4 + i}`).value).toBe(i + 1);
    }
    const sheet = strictParts(buf)["xl/worksheets/sheet1.xml"];
    const cols = [...sheet.matchAll(/<row r="6"[^>]*>(.*?)<\/row>/g)][0][1].match(/r="([A-Z]+)6"/g);
    expect(cols).toEqual(["A", "B", "C", "D", "F", "G", "I"].map((c) => `r="${c}6"`));
    expect(ws.getCell("I6").value).toBe("Beside both");
  });
});

describe("text the XML cannot hold", () => {
  it("xmlSafe drops C0 controls (not tab, CR, LF), U+FFFE, U+FFFF and lone surrogates, and keeps pairs", () => {
    expect(xmlSafe(BAD)).toBe(GOOD);
    expect(xmlSafe("tab\tcr\rlf\n")).toBe("tab\tcr\rlf\n");
    expect(xmlSafe("emoji \uD83D\uDE00 ok")).toBe("emoji \uD83D\uDE00 ok");
    expect(xmlSafe("clean")).toBe("clean");
  });

  it("never reaches any part of the file: cells, headers, table rows, prompts, names' comments, chart titles", async () => {
    const sheets = fixtureSheets(4);
    const hm = sheets[1];
    hm.cells.push({ address: "A3", value: BAD, style: "help" });
    hm.tables[0].columns[0].header = `Harm${BAD}`;
    hm.tables[0].columns[1].help = `Severity ${BAD}`;
    hm.tables[0].rows[0][0] = `First ${BAD}`;
    hm.tables[0].rows[2][0] = `Third ${BAD}`;
    hm.tables[0].rows[1][3] = { formula: '="x"&"y"', value: `cached ${BAD}` };
    hm.names[0].comment = BAD;
    sheets[0].validations[0].prompt = `Prompt ${BAD}`;
    sheets[4].charts[0].title = `Chart ${BAD}`;
    sheets[3].tables[0].rows[3][0] = `Fourth ${BAD}`;
    const buf = await writeWorkbookXlsx(sheets);
    const xml = strictParts(buf);
    const all = Object.values(xml).join("\n");
    expect(all).toContain(`First ${GOOD}`);
    expect(all).toContain(`Third ${GOOD}`);
    expect(all).toContain(`Fourth ${GOOD}`);
    expect(all).toContain(`cached ${GOOD}`);
    expect(all).toContain(`Chart ${GOOD}`);
    expect(all).toContain(`Harm${GOOD}`);
    expect(all).toContain(`Prompt ${GOOD}`);
  });
});

describe("text too long for a cell", () => {
  const long = "x".repeat(32_768);

  it.each([
    [
      "a cell outside tables",
      (s: SheetModel[]) => s[0].cells.push({ address: "C9", value: long }),
      /Operation!C9 is 32,768 characters long; Excel allows 32,767/,
    ],
    [
      "the first table row",
      (s: SheetModel[]) => (s[1].tables[0].rows[0][0] = long),
      /Harm Matrix, column "Harm", row 1 \(cell A5\) is 32,768 characters/,
    ],
    [
      "a later table row",
      (s: SheetModel[]) => (s[3].tables[0].rows[7][0] = long),
      /Results, column "Area", row 8 \(cell A12\) is 32,768 characters/,
    ],
    [
      "a formula's cached text",
      (s: SheetModel[]) => (s[3].tables[0].rows[5][3] = { formula: "=1", value: long }),
      /Results, column "Change", row 6/,
    ],
  ])("is refused with the place named: %s", async (_what, plant, message) => {
    const sheets = fixtureSheets(10);
    plant(sheets);
    const err = await writeWorkbookXlsx(sheets).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortError);
    expect((err as Error).message).toMatch(message);
  });

  it("accepts exactly 32,767 characters", async () => {
    const sheets = fixtureSheets(3);
    sheets[3].tables[0].rows[2][0] = "y".repeat(32_767);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbookXlsx(sheets)) as unknown as ArrayBuffer);
    expect(String(wb.getWorksheet("Results")!.getCell("A7").value)).toHaveLength(32_767);
  });
});
