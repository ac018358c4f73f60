/**
 * The Summary chart added by addCharts survives a real LibreOffice load: it
 * becomes an embedded chart object over the Summary totals, and it is drawn
 * when the sheet is printed to PDF.
 */
import { execFileSync } from "child_process";
import { strFromU8, unzipSync } from "fflate";
import * as fs from "fs";
import * as path from "path";
import { blankOperation } from "../../src/core/operation";
import { cellAddress, parseRange } from "../../src/sheets/a1";
import { buildWorkbook, SHEET_ORDER } from "../../src/sheets/build";
import { writeWorkbookXlsx } from "../../src/sheets/render/xlsx";
import { describeWith, itWith, libreOffice, pdftotext } from "../support/tools";
import { convert, tempDir } from "./lo";

const maybe = describeWith("the LibreOffice chart tests", [libreOffice()]);
const printed = itWith("the printed chart test", [pdftotext()]);

const attrs = (xml: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`${name}="([^"]*)"`, "g"))].map((m) => m[1]);

maybe("Summary chart in LibreOffice", () => {
  let dir: string;
  let ods: Record<string, Uint8Array>;
  let range: ReturnType<typeof parseRange>;

  beforeAll(async () => {
    dir = tempDir("hp-lo-chart-");
    const sheets = buildWorkbook({
      // The Monitoring sheet's line charts are checked in monitoring.test.ts.
      include: SHEET_ORDER.map((s) => s.key).filter((k) => k !== "monitoring"),
      operation: { ...blankOperation(), name: "Op Chart" },
      results: [
        {
          measure: "Q1",
          target: { before: 100, after: 50 },
          buffer: { before: 100, after: 150 },
          control: { before: 100, after: 100 },
        },
      ],
    });
    range = parseRange(sheets.find((s) => s.key === "summary")!.charts[0].dataRange);
    const file = path.join(dir, "chart.xlsx");
    fs.writeFileSync(file, await writeWorkbookXlsx(sheets));
    convert(file, "ods", dir);
    ods = unzipSync(fs.readFileSync(path.join(dir, "chart.ods")));
  }, 300_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("loads the chart as an embedded column chart over the Summary's index by area", () => {
    const content = strFromU8(ods["content.xml"]);
    const objects = [...content.matchAll(/<draw:object\b[^>]*xlink:href="\.\/([^"]+)"/g)].map((m) => m[1]);
    expect(objects).toHaveLength(1);
    const chart = strFromU8(ods[`${objects[0]}/content.xml`]);
    expect(chart).toMatch(/<chart:chart\b[^>]*chart:class="chart:bar"/);
    expect(chart).toContain("<text:p>Q1 by area (before = 100)</text:p>");
    // Columns, not horizontal bars: LibreOffice marks horizontal bars as vertical="true".
    expect(chart).not.toMatch(/chart:vertical="true"/);
    const at = (row: number, col: number) => `Summary.${cellAddress(range.top + row, range.left + col)}`;
    expect(attrs(chart, "chart:values-cell-range-address")).toEqual([
      `${at(1, 1)}:${at(3, 1)}`,
      `${at(1, 2)}:${at(3, 2)}`,
    ]);
    expect(attrs(chart, "chart:label-cell-address")).toEqual([
      `${at(0, 1)}:${at(0, 1)}`,
      `${at(0, 2)}:${at(0, 2)}`,
    ]);
    expect(chart).toContain(`<chart:categories table:cell-range-address="${at(1, 0)}:${at(3, 0)}"/>`);
    // LibreOffice's own copy of the data, after recalculating: before = 100, after = index (T 50, B 150, C 100).
    const values = attrs(chart, "office:value").map(Number);
    expect(values).toEqual([100, 50, 100, 150, 100, 100]);
  });

  printed("prints the chart on the Summary page", () => {
    convert(path.join(dir, "chart.xlsx"), "pdf", dir);
    const text = execFileSync("pdftotext", [path.join(dir, "chart.pdf"), "-"], { encoding: "utf8" });
    const summary = text.split("\f").find((p) => p.includes("Summary for managers"));
    expect(summary).toBeDefined();
    expect(summary).toContain("Q1 by area (before = 100)");
  });
});
