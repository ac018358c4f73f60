/**
 * A large import in real headless Chromium: 24 police.uk monthly files
 * (the 12 fixture months twice, 144,080 rows, about 28 MB). The pane keeps
 * answering while it reads (the Cancel button works mid-import), and a full
 * read completes. Reading from a workbook table is covered too.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gunzipSync } from "zlib";
import type { Page } from "playwright-core";
import { type PageGuard, openPreview, expectQuietPage, type OpenPreview } from "../support/browser";
import { POLICE_UK_MONTHS, policeUkFile } from "../support/policeUk";
import { pairedStrayQuotes } from "../support/hostileCsv";

describe("large CSV import in the browser preview", () => {
  let preview: OpenPreview;
  let page: Page;
  let guard: PageGuard;
  let dir: string;
  let files: string[];
  let dataRows = 0;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-big-"));
    files = [];
    for (const copy of ["a", "b"])
      for (const m of POLICE_UK_MONTHS) {
        // The second copy is another force's: a month of a force held by two files is refused, as are identical files.
        const raw = gunzipSync(fs.readFileSync(policeUkFile(m)));
        const text =
          copy === "a"
            ? raw
            : Buffer.from(
                raw
                  .toString("utf8")
                  .replace(/,Gwent Police,Gwent Police,/g, ",Dyfed-Powys Police,Dyfed-Powys Police,"),
              );
        const f = path.join(dir, `${copy}-${m}.csv`);
        fs.writeFileSync(f, text);
        files.push(f);
        dataRows +=
          text
            .toString("utf8")
            .split("\n")
            .filter((l) => l.trim() !== "").length - 1;
      }
    preview = await openPreview("Evaluate", "#csv-files");
    ({ page, guard } = preview);
  });

  afterAll(async () => {
    await preview?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => expectQuietPage(guard));

  it("can be cancelled part-way: the page keeps handling clicks while it reads", async () => {
    await page.locator("#csv-files").setInputFiles(files);
    const progress = page.getByTestId("evaluate-progress");
    await progress.waitFor();
    await progress.getByRole("button", { name: "Cancel" }).click();
    await page.getByTestId("evaluate-notice").getByText("Import cancelled. Nothing was changed.").waitFor();
    await expect(page.getByTestId("evaluate-progress").count()).resolves.toBe(0);
    expect(dataRows).toBeGreaterThan(100_000);
  });

  it(`reads more than 100,000 rows from 24 files`, async () => {
    await page.locator("#csv-files").setInputFiles([]);
    await page.locator("#csv-files").setInputFiles(files);
    await page
      .getByTestId("evaluate-notice")
      .getByText(`Read ${dataRows.toLocaleString("en-GB")} incident rows from 24 files.`)
      .waitFor({ timeout: 60_000 });
    await expect(page.getByTestId("col-area").inputValue()).resolves.toBe("7");
  });

  it("refuses the same monthly file chosen twice, naming both", async () => {
    const twice = path.join(dir, "again", path.basename(files[0]));
    fs.mkdirSync(path.dirname(twice), { recursive: true });
    fs.copyFileSync(files[0], twice);
    await page.locator("#csv-files").setInputFiles([]);
    await page.locator("#csv-files").setInputFiles([files[0], twice]);
    await page
      .getByTestId("evaluate-notice")
      .getByText(`${path.basename(files[0])} is identical to ${path.basename(files[0])}`)
      .waitFor();
  });

  it("refuses a month saved again with other line endings, naming both files", async () => {
    const resaved = path.join(dir, "again", "resaved.csv");
    fs.mkdirSync(path.dirname(resaved), { recursive: true });
    fs.writeFileSync(resaved, fs.readFileSync(files[0], "utf8").replace(/\n/g, "\r\n"));
    await page.locator("#csv-files").setInputFiles([]);
    await page.locator("#csv-files").setInputFiles([files[0], resaved]);
    await page
      .getByTestId("evaluate-notice")
      .getByText(`${path.basename(files[0])} and resaved.csv both hold 2024-01 for Gwent Police`)
      .waitFor();
  });

  it("refuses a stray quote paired with another further down, naming both lines", async () => {
    const { text, lines } = pairedStrayQuotes("2024-07");
    const stray = path.join(dir, "again", "2024-07-stray.csv");
    fs.writeFileSync(stray, text);
    await page.locator("#csv-files").setInputFiles([]);
    await page.locator("#csv-files").setInputFiles([stray]);
    await page
      .getByTestId("evaluate-notice")
      .getByText(
        `2024-07-stray.csv, lines ${lines[0]} to ${lines[1]}: a quoted field starts on line ${lines[0]}`,
      )
      .waitFor();
  });

  it("shows a failure as a message with something to do, never a stack trace", async () => {
    type Hook = { failNext: string; store: { apply(ops: unknown[]): void } };
    const busy = "The workbook is busy. Finish editing the cell, then try again.";
    const failNext = (message: string) =>
      page.evaluate((m) => {
        (window as unknown as { harmPlannerPreview: Hook }).harmPlannerPreview.failNext = m;
      }, message);
    const notice = page.getByTestId("insert-notice");
    const shows = async (title: string) => {
      await notice.getByText(title).waitFor();
      const text = await notice.innerText();
      expect(text).toContain(busy);
      expect(text).not.toMatch(/\bat .*\.(js|ts):\d+/);
    };
    // Failing on the first read: the pane cannot tell which sheets are already there.
    await failNext(busy);
    await page.getByRole("tab", { name: "Sheets" }).click();
    await page.getByRole("button", { name: "Insert sheets" }).click();
    await shows("Could not read the workbook's sheets.");
    // Failing on the change itself, after the pane has asked what to do about a sheet already there.
    await page.evaluate(() =>
      (window as unknown as { harmPlannerPreview: Hook }).harmPlannerPreview.store.apply([
        { op: "addSheet", sheet: "Operation", tabColour: "" },
      ]),
    );
    await page.getByRole("button", { name: "Insert sheets" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("Operation is already in this workbook").waitFor();
    await failNext(busy);
    await dialog.getByRole("button", { name: "Update existing" }).click();
    await shows("The sheets were not inserted.");
    await page.getByRole("tab", { name: "Evaluate" }).click();
  });

  it("reads an incident table already in the workbook", async () => {
    // An analyst's table, put in place as the preview's MemoryStore carries out plan ops (see seedOps in
    // test/workbook/harness.ts): a sheet, the header and rows, then the table over them.
    await page.evaluate(() => {
      const wb = (window as unknown as { harmPlannerPreview: { store: { apply(ops: unknown[]): void } } })
        .harmPlannerPreview;
      wb.store.apply([
        { op: "addSheet", sheet: "Incidents", tabColour: "" },
        {
          op: "write",
          sheet: "Incidents",
          range: "A1:C4",
          cells: [
            ["Date", "Beat", "Offence"],
            [45300, "N1", "Drugs"],
            [45480, "N1", "Drugs"],
            [45300, "N2", "Drugs"],
          ],
        },
        {
          op: "addTable",
          sheet: "Incidents",
          range: "A1:C4",
          name: "tblIncidents",
          style: "TableStyleMedium2",
        },
      ]);
    });
    await page.getByRole("radio", { name: "Use a table in this workbook" }).check();
    await page.getByRole("button", { name: "Refresh list" }).click();
    await page.getByLabel("Incident table").selectOption("tblIncidents");
    await page.getByRole("button", { name: "Read table" }).click();
    await page
      .getByTestId("evaluate-notice")
      .getByText("Read 3 incident rows from table tblIncidents.")
      .waitFor();
    await expect(page.getByTestId("col-area").inputValue()).resolves.toBe("1");
  });
});
