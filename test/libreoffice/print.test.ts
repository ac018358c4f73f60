/**
 * Every sheet prints legibly: the built template goes through LibreOffice to
 * PDF, and the size of each printed word (pdftotext -bbox) shows the
 * effective font size. No text may print under 8 pt, and every page of a
 * sheet repeats its main table's header. Works from the built models, so new
 * columns or sheets are covered without changing this test.
 *
 * Column widths only match Excel's when LibreOffice has Calibri's metric
 * twin, Carlito (Debian: fonts-crosextra-carlito); without it the test is
 * skipped with a warning (under CI it fails: test/support/tools.ts).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { blankOperation } from "../../src/core/operation";
import { buildWorkbook, type ResultsRow } from "../../src/sheets/build";
import type { SheetModel } from "../../src/sheets/model";
import { writeWorkbookXlsx } from "../../src/sheets/render/xlsx";
import { MIN_PRINTED_POINTS } from "../../src/sheets/specs/layout/print";
import { carlito, describeWith, libreOffice, pdftotext } from "../support/tools";
import { convert, tempDir } from "./lo";
import { calibrationSheet } from "./summaryPdf";

const maybe = describeWith("the print tests", [libreOffice(), pdftotext(), carlito()]);

interface Word {
  text: string;
  height: number;
}

/** Words of each page of a PDF, with their box heights. */
function pdfWords(pdf: string): Word[][] {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 28 });
  return html
    .split("<page ")
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({ text: m[3], height: Number(m[2]) - Number(m[1]) })),
    );
}

async function pdfOf(sheets: SheetModel[], dir: string, name: string): Promise<Word[][]> {
  const file = path.join(dir, `${name}.xlsx`);
  fs.writeFileSync(file, await writeWorkbookXlsx(sheets));
  convert(file, "pdf", dir);
  return pdfWords(path.join(dir, `${name}.pdf`));
}

const RESULTS: ResultsRow[] = Array.from({ length: 120 }, (_, i) => ({
  measure: `Measure ${i + 1}`,
  target: { before: 100 + (i % 11), after: 60 + (i % 7) },
  buffer: { before: 90, after: 95 + (i % 5) },
  control: { before: 100, after: 98 },
}));

const firstWords = (s: string, n: number) => s.split(/\s+/).slice(0, n).join(" ");

maybe("printing the template (LibreOffice PDF)", () => {
  let sheets: SheetModel[];
  let bySheet: Map<string, Word[][]>;
  let perPoint: number;

  beforeAll(async () => {
    const dir = tempDir("hp-print-");
    try {
      const cal = await pdfOf([calibrationSheet()], dir, "calibration");
      perPoint = cal[0].find((w) => w.text === "Calibration")!.height / 11;
      sheets = buildWorkbook({ operation: { ...blankOperation(), name: "Print test" }, results: RESULTS });
      const pages = await pdfOf(sheets, dir, "template");
      // A sheet's pages run from the one that starts with its title to the next sheet's.
      bySheet = new Map();
      let at = -1;
      for (const page of pages) {
        const text = page.map((w) => w.text).join(" ");
        const next = sheets[at + 1];
        if (next && text.startsWith(firstWords(String(next.cells[0].value), 3))) at++;
        expect(at).toBeGreaterThanOrEqual(0);
        const s = sheets[at].name;
        bySheet.set(s, [...(bySheet.get(s) ?? []), page]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it("prints every sheet", () => {
    expect([...bySheet.keys()]).toEqual(sheets.map((s) => s.name));
  });

  it(`prints no text under ${MIN_PRINTED_POINTS} pt on any page of any sheet`, () => {
    const report = sheets.map((s) => {
      const heights = bySheet.get(s.name)!.flatMap((p) => p.map((w) => w.height));
      return {
        sheet: s.name,
        pages: bySheet.get(s.name)!.length,
        smallest: +(Math.min(...heights) / perPoint).toFixed(1),
      };
    });
    console.log(
      report.map((r) => `${r.sheet}: ${r.pages} page(s), smallest text ${r.smallest} pt`).join("\n"),
    );
    for (const r of report)
      expect({ ...r, legible: r.smallest >= MIN_PRINTED_POINTS - 0.1 }).toMatchObject({ legible: true });
  });

  it("repeats the header row on every page of a sheet", () => {
    for (const s of sheets) {
      const rows = s.print!.titleRows;
      expect(rows).toBeDefined();
      // Every header on the repeated row (the main table's, and any table beside it).
      const onRow = s.tables.filter((t) => Number(t.topLeft.replace(/\D/g, "")) - 1 === rows!.first);
      expect(onRow.length).toBeGreaterThan(0);
      const headers = new Set(onRow.flatMap((t) => t.columns.map((c) => firstWords(c.header, 1))));
      bySheet.get(s.name)!.forEach((page, i) =>
        expect({ sheet: s.name, page: i + 1, header: page.some((w) => headers.has(w.text)) }).toEqual({
          sheet: s.name,
          page: i + 1,
          header: true,
        }),
      );
    }
  });

  it("spreads the 120-row Results sheet over several pages", () => {
    expect(bySheet.get("Results")!.length).toBeGreaterThan(1);
  });
});
