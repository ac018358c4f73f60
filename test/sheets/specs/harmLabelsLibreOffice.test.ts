/**
 * The harm drop-down in real LibreOffice: the OFFSET…COUNTA list source
 * survives the .xlsx import as a list validation, and it resolves to the
 * built labels plus one the analyst added, with no trailing blanks.
 * (HyperFormula cannot evaluate OFFSET over a name, so this runs soffice.)
 */
import * as fs from "fs";
import * as path from "path";
import { blankOperation } from "../../../src/core/operation";
import { buildWorkbook } from "../../../src/sheets/build";
import { writeWorkbookXlsx } from "../../../src/sheets/render/xlsx";
import { HARM_LABEL_LIST } from "../../../src/sheets/specs/common";
import { convert, tempDir } from "../../libreoffice/lo";
import { describeWith, libreOffice } from "../../support/tools";
import { appendRow, sheet, table } from "./workbookHelpers";

const maybe = describeWith("the harm labels test in LibreOffice", [libreOffice()]);

maybe("harm labels drop-down in LibreOffice", () => {
  it("lists an added harm and no blanks", async () => {
    if (HARM_LABEL_LIST.kind !== "listRef") throw new Error("expected a listRef rule");
    const list = HARM_LABEL_LIST.source.replace(/^=/, "");
    const wb = buildWorkbook({ operation: blankOperation(), include: ["harm-matrix", "problem-analysis"] });
    const t = table(sheet(wb, "harm-matrix"), "HP_HarmMatrix");
    const built = t.rows.length;
    appendRow(t, { id: "MY-01", harm: "Cuckooing of vulnerable tenants" });
    const pa = sheet(wb, "problem-analysis");
    pa.cells.push(
      { address: "J1", value: { formula: `=ROWS(${list})` } },
      { address: "J2", value: { formula: `=INDEX(${list},ROWS(${list}))` } },
      { address: "J3", value: { formula: `=INDEX(${list},1)` } },
    );

    const dir = tempDir("hp-lo-labels-");
    try {
      const file = path.join(dir, "labels.xlsx");
      fs.writeFileSync(file, await writeWorkbookXlsx(wb));
      convert(file, "fods", dir);
      const xml = fs.readFileSync(path.join(dir, "labels.fods"), "utf8");
      // The validation kept its formula as a list source.
      expect(xml).toMatch(/table:condition="of:cell-content-is-in-list\(OFFSET\(/);
      const cell = (n: number) => {
        const rows = xml.split(/<table:table table:name="/).find((x) => x.startsWith("Problem Analysis"))!;
        const row = rows.split(/<table:table-row\b/)[n];
        const cells = [...row.matchAll(/<table:table-cell\b[^>]*?(?:\/>|>[\s\S]*?<\/table:table-cell>)/g)];
        const withFormula = cells.map((c) => c[0]).find((c) => c.includes("table:formula"))!;
        const num = /office:value="([^"]+)"/.exec(withFormula);
        return num ? Number(num[1]) : /<text:p>([^<]*)<\/text:p>/.exec(withFormula)?.[1];
      };
      expect(cell(1)).toBe(built + 1);
      expect(cell(2)).toBe("Cuckooing of vulnerable tenants");
      expect(cell(3)).toBe("Physical/diseases");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
