/**
 * The .xlsx writer's own rows in real LibreOffice: text with characters XML
 * cannot hold opens cleaned, and a filled-down column written as a shared
 * formula recalculates row by row (LibreOffice ignores the cached values).
 */
import * as fs from "fs";
import * as path from "path";
import type { CellInput, SheetModel } from "../../src/sheets/model";
import { writeWorkbookXlsx } from "../../src/sheets/render/xlsx";
import { describeWith, libreOffice } from "../support/tools";
import { sheetsAsCsv, tempDir } from "./lo";

const maybe = describeWith("the LibreOffice text tests", [libreOffice()]);

const BAD = "a\u0001b\uFFFEc\uFFFFd\uD800e\u001Ff";

function model(): SheetModel {
  const rows: CellInput[][] = Array.from({ length: 8 }, (_, i) => {
    const r = 4 + i;
    // The cached value is deliberately wrong: only a recalculation gives After − Before.
    return [`Area ${i + 1} ${BAD}`, 10 + i, 20 + 3 * i, { formula: `=C${r}-B${r}+$B$4*0`, value: -1 }];
  });
  return {
    key: "d",
    name: "Data",
    tabColour: "#1F4E79",
    columnWidths: [24, 10, 10, 10],
    cells: [{ address: "A1", value: `Title ${BAD}`, style: "title" }],
    tables: [
      {
        name: "HP_Data",
        topLeft: "A3",
        style: "TableStyleMedium2",
        columns: [
          { key: "a", header: `Area ${BAD}`, help: "Area.", computed: false },
          { key: "b", header: "Before", help: "Before.", computed: false },
          { key: "c", header: "After", help: "After.", computed: false },
          { key: "d", header: "Change", help: "Change.", computed: true },
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

maybe("writer text and shared formulas in LibreOffice", () => {
  let csv: string[][];
  beforeAll(async () => {
    const dir = tempDir("hp-xlsx-text-");
    try {
      const file = path.join(dir, "text.xlsx");
      fs.writeFileSync(file, await writeWorkbookXlsx([model()]));
      csv = sheetsAsCsv(file).Data;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("opens the cleaned text in every place it was written", () => {
    expect(csv[0][0]).toBe("Title abcdef");
    expect(csv[2][0]).toBe("Area abcdef");
    expect(csv[3][0]).toBe("Area 1 abcdef");
    expect(csv[10][0]).toBe("Area 8 abcdef");
  });

  it("recalculates every row of the shared formula from its own row", () => {
    for (let i = 0; i < 8; i++) expect(Number(csv[3 + i][3])).toBe(10 + 2 * i);
  });
});
