/**
 * The manager's page as LibreOffice prints it (as Excel would): the Summary
 * of the README walkthrough and of evaluations with six and eight measures
 * prints on one A4 landscape page; no text under 8 pt, no error values, no
 * words printed over each other, and no check sentence printed twice. A
 * table of fourteen measures continues on a second page under the repeated
 * header, with the first page full. PNGs of the pages go to test-output/.
 *
 * Column widths only match Excel's when LibreOffice has Calibri's metric
 * twin, Carlito (Debian: fonts-crosextra-carlito); without it the test is
 * skipped with a warning, as print.test.ts is.
 */
import * as path from "path";
import { blankOperation } from "../../src/core/operation";
import type { SheetModel } from "../../src/sheets/model";
import { MIN_PRINTED_POINTS } from "../../src/sheets/specs/layout/print";
import { scenarioOperation } from "../support/policeUk";
import { carlito, describeWith, libreOffice, pdftotext } from "../support/tools";
import {
  SIX_TYPES,
  boxPerPoint,
  evaluatedSheets,
  printedSheet,
  walkthroughSheets,
  type PdfPage,
  type Word,
} from "./summaryPdf";

const maybe = describeWith("the Summary print test", [libreOffice(), pdftotext(), carlito()]);

const OUT = path.join(__dirname, "..", "..", "test-output");
const TITLE = "Summary for managers";
/** The sheets the Summary reads from, and itself: the rest only slow LibreOffice down. */
const NEEDED = new Set(["Operation", "Harm Matrix", "Monitoring", "Results", "Net Benefit", "Summary"]);
const A4_LANDSCAPE = { width: 841.89, height: 595.28 };

const operation = (name: string) => ({ ...scenarioOperation(name, true), force: "Gwent Police" });
const summaryOf = (sheets: SheetModel[]) => sheets.filter((s) => NEEDED.has(s.name));

/** Box height per point of text, measured once (boxPerPoint). */
let perPoint = 0;
const points = (w: Word) => (w.y1 - w.y0) / perPoint;

const text = (page: PdfPage) => page.words.map((w) => w.text).join(" ");

/** Words whose boxes cross by more than a sliver: text printed over other text. */
function overlaps(page: PdfPage): string[] {
  const out: string[] = [];
  const ws = page.words;
  for (let i = 0; i < ws.length; i++)
    for (let j = i + 1; j < ws.length; j++) {
      const a = ws[i];
      const b = ws[j];
      const x = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const y = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      // Lines of one paragraph touch (a word's box is taller than the line spacing): a third is text over text.
      if (x > 1 && y > 0.35 * Math.min(a.y1 - a.y0, b.y1 - b.y0)) out.push(`"${a.text}" over "${b.text}"`);
    }
  return out;
}

/** The numbered footnotes' sentences as printed (from "Checks behind the results" to the end). */
function footnoteSentences(pages: PdfPage[]): string[] {
  const all = pages.map(text).join(" ");
  const at = all.indexOf("Checks behind the results (numbered in the Checks column)");
  expect(at).toBeGreaterThanOrEqual(0);
  return all
    .slice(at)
    .split(/ \d+\. /)
    .slice(1)
    .flatMap((n) => n.split(/(?<=\.) (?=[A-Z])/))
    .map((s) => s.trim());
}

function checkPage(pages: PdfPage[], label: string) {
  const smallest = Math.min(...pages.flatMap((p) => p.words.map(points)));
  console.log(`${label}: ${pages.length} page(s), smallest text ${smallest.toFixed(1)} pt`);
  expect({ label, legible: smallest >= MIN_PRINTED_POINTS - 0.1 }).toEqual({ label, legible: true });
  for (const p of pages) {
    expect([p.width, p.height].map(Math.round)).toEqual(
      [A4_LANDSCAPE.width, A4_LANDSCAPE.height].map(Math.round),
    );
    expect(text(p)).not.toMatch(/#(N\/A|VALUE!|REF!|NAME\?|DIV\/0!|NUM!|NULL!)|Err:\d+/);
    expect({ label, overlaps: overlaps(p) }).toEqual({ label, overlaps: [] });
  }
  const sentences = footnoteSentences(pages);
  expect(sentences.length).toBeGreaterThan(2);
  expect(sentences.filter((s, i) => sentences.indexOf(s) !== i)).toEqual([]);
  // The verdict sentence is there, and its status word.
  expect(text(pages[0])).toMatch(/All selected crime: target (up|down|unchanged)/);
  expect(text(pages[0])).toMatch(/Credited|No clear change|Not credited|Not judged/);
}

maybe("the Summary printed by LibreOffice", () => {
  beforeAll(async () => {
    perPoint = await boxPerPoint();
  }, 120_000);

  it("prints the walkthrough on one A4 landscape page, legibly, once each", async () => {
    const pages = await printedSheet(summaryOf(walkthroughSheets()), TITLE, "summary-walkthrough", OUT);
    expect(pages).toHaveLength(1);
    checkPage(pages, "walkthrough");
    // Both charts, the net benefit and top harms lines, and all three measures.
    const t = text(pages[0]);
    for (const s of [
      "All selected crime by area (before = 100)",
      "Target crimes a month (Monitoring sheet)",
      "Same month last year",
      "Net benefit",
      "Not worked out yet: enter the operation's costs",
      "Top harms",
      "None scored yet: rate the harms' extent",
      "Anti-social behaviour",
      "Drugs",
    ])
      expect(t).toContain(s);
  }, 300_000);

  it.each([
    ["six", SIX_TYPES],
    ["eight", [...SIX_TYPES, "Public order", "Criminal damage and arson"]],
  ])(
    "prints %s measures on one page too",
    async (label, types) => {
      const sheets = evaluatedSheets(operation(`${label} measures`), types);
      expect(sheets.find((s) => s.name === "Summary")!.tables[0].rows).toHaveLength(types.length + 1);
      const pages = await printedSheet(summaryOf(sheets), TITLE, `summary-${label}`, OUT);
      expect(pages).toHaveLength(1);
      checkPage(pages, `${label} measures`);
    },
    300_000,
  );

  it("continues a longer table on a second page under its repeated header, the first page full", async () => {
    const types = [
      ...SIX_TYPES,
      "Public order",
      "Criminal damage and arson",
      "Violence and sexual offences",
      "Other theft",
      "Other crime",
      "Possession of weapons",
      "Robbery",
    ];
    const pages = await printedSheet(
      summaryOf(evaluatedSheets(operation("Fourteen measures"), types)),
      TITLE,
      "summary-fourteen",
      OUT,
    );
    expect(pages.length).toBe(2);
    checkPage(pages, "fourteen measures");
    // Page 2 starts with the table's header row, repeated.
    expect(text(pages[1])).toMatch(/^Measure Before a/);
    // The first page is filled: its last words sit in the bottom quarter.
    const bottom = Math.max(...pages[0].words.map((w) => w.y1));
    expect(bottom).toBeGreaterThan(0.75 * pages[0].height);
  }, 300_000);

  it("a blank template's Summary prints on one page and says what is missing", async () => {
    const { buildWorkbook } = await import("../../src/sheets/build");
    const sheets = buildWorkbook({ operation: { ...blankOperation(), name: "Blank" } });
    const pages = await printedSheet(summaryOf(sheets), TITLE, "summary-blank", OUT);
    expect(pages).toHaveLength(1);
    expect(text(pages[0])).toContain("No results yet: count incidents on the Evaluate step");
    expect(text(pages[0])).not.toMatch(/#(N\/A|VALUE!|REF!|NAME\?|DIV\/0!|NUM!)/);
  }, 300_000);
});
