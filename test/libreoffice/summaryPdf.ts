/**
 * The Summary as a manager prints it: an evaluation of the committed
 * police.uk fixture (24 months of Gwent) run as the command line runs it,
 * the workbook written, and LibreOffice's PDF of it read back page by page:
 * each word with its box, so tests can measure the printed size of the text
 * and find overlaps. Also a quick look: `npx tsx test/libreoffice/summaryPdf.ts`
 * writes test-output/summary-*.png.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { runEvaluation } from "../../src/app/evaluation";
import { tableColumns } from "../../src/app/incidentData";
import { workbookInput } from "../../src/cli/evaluate";
import { CsvParser } from "../../src/core/incidents/csv";
import type { Operation } from "../../src/core/operation";
import { buildWorkbook } from "../../src/sheets/build";
import type { SheetModel } from "../../src/sheets/model";
import { writeWorkbookXlsx } from "../../src/sheets/render/xlsx";
import { POLICE_UK_ALL_MONTHS, readPoliceUkText, scenarioOperation } from "../support/policeUk";
import { convert, tempDir } from "./lo";

export interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: Word[];
}

/** Words of each page of a PDF with their boxes (points), from pdftotext -bbox. */
export function pdfPages(pdf: string): PdfPage[] {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 28 });
  return html
    .split("<page ")
    .slice(1)
    .map((page) => {
      const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
      const words = [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        x0: +m[1],
        y0: +m[2],
        x1: +m[3],
        y1: +m[4],
        text: m[5]
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&apos;/g, "'")
          .replace(/&amp;/g, "&"),
      }));
      return { width: +size[1], height: +size[2], words };
    });
}

/**
 * How tall LibreOffice's word box is per point of text: one 11 pt cell printed at 100%
 * (the box includes the font's ascent and descent).
 */
export async function boxPerPoint(): Promise<number> {
  const sheet: SheetModel = {
    key: "c",
    name: "Calibration",
    tabColour: "#000000",
    columnWidths: [30],
    cells: [{ address: "A1", value: "Calibration" }],
    tables: [],
    names: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
    print: { area: "A1:A1", orientation: "portrait", fitToPagesWide: 1, fitToPagesTall: 1, scale: 100 },
  };
  const pages = await printedSheet([sheet], "Calibration", "calibration");
  const w = pages[0].words.find((x) => x.text === "Calibration")!;
  return (w.y1 - w.y0) / 11;
}

let rows: { headers: string[]; rows: string[][] } | null = null;

/** All 24 months of the fixture as one table (cached per test file). */
export function allMonths(): { headers: string[]; rows: string[][] } {
  if (rows) return rows;
  let headers: string[] = [];
  const out: string[][] = [];
  for (const month of POLICE_UK_ALL_MONTHS) {
    const parser = new CsvParser();
    const text = readPoliceUkText(month);
    const parsed = [...parser.push(text), ...parser.finish()];
    headers = parsed[0];
    for (const r of parsed.slice(1)) out.push(r);
  }
  rows = { headers, rows: out };
  return rows;
}

/** The sheets the command line writes for `operation` over the fixture, counting `types`. */
export function evaluatedSheets(operation: Operation, types: string[]): SheetModel[] {
  const data = allMonths();
  const columns = tableColumns(data, { date: 1, area: 7, offenceType: 9, id: 0 });
  const report = runEvaluation({
    operation,
    source: { columns },
    dataAreas: columns.areas,
    restOfForce: operation.controlAreas.length === 0,
    offenceTypes: types,
    weights: new Map(),
  });
  return buildWorkbook(workbookInput(report));
}

/** The README walkthrough: Newport 014B, its four neighbours, the rest of Gwent; anti-social behaviour and drugs. */
export const walkthroughSheets = (): SheetModel[] =>
  evaluatedSheets(
    { ...scenarioOperation("Operation Clearwater (illustrative)", true), force: "Gwent Police" },
    ["Anti-social behaviour", "Drugs"],
  );

/** Six measures: all selected crime and five offence types. */
export const SIX_TYPES = ["Anti-social behaviour", "Drugs", "Burglary", "Shoplifting", "Vehicle crime"];

/** The workbook as LibreOffice prints it, and the pages that belong to the sheet titled `title`. */
export async function printedSheet(
  sheets: SheetModel[],
  title: string,
  name = "summary",
  keep?: string,
): Promise<PdfPage[]> {
  const dir = tempDir("hp-summary-pdf-");
  try {
    const file = path.join(dir, `${name}.xlsx`);
    fs.writeFileSync(file, await writeWorkbookXlsx(sheets));
    convert(file, "pdf", dir);
    const pdf = path.join(dir, `${name}.pdf`);
    const pages = pdfPages(pdf);
    const starts = (p: PdfPage, t: string) =>
      p.words
        .slice(0, t.split(" ").length)
        .map((w) => w.text)
        .join(" ") === t;
    const first = pages.findIndex((p) => starts(p, title));
    if (first < 0) throw new Error(`No page starts with "${title}"`);
    // The sheet runs until the next page that starts with another sheet's title.
    const titles = sheets.map((s) => String(s.cells.find((c) => c.address === "A1")?.value ?? ""));
    let last = first;
    while (last + 1 < pages.length && !titles.some((t) => t && starts(pages[last + 1], t))) last++;
    if (keep) {
      fs.mkdirSync(keep, { recursive: true });
      execFileSync("pdftoppm", [
        "-r",
        "80",
        "-f",
        String(first + 1),
        "-l",
        String(last + 1),
        "-png",
        pdf,
        path.join(keep, name),
      ]);
    }
    return pages.slice(first, last + 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const out = path.join(__dirname, "..", "..", "test-output");
  void (async () => {
    for (const [name, sheets] of [
      ["summary-walkthrough", walkthroughSheets()],
      [
        "summary-six",
        evaluatedSheets({ ...scenarioOperation("Six measures", true), force: "Gwent Police" }, SIX_TYPES),
      ],
    ] as const) {
      const pages = await printedSheet(sheets, "Summary for managers", name, out);
      console.log(`${name}: ${pages.length} page(s)`);
      for (const p of pages)
        console.log(
          p.words
            .map((w) => w.text)
            .join(" ")
            .slice(0, 3000),
          "\n---",
        );
    }
  })();
}
