/**
 * The browser preview in real headless Chromium, on real police.uk data:
 * set up an operation, insert the sheets, import 12 monthly Gwent street-crime
 * files, count, write Results, build the Summary and use the function help.
 * The counts shown in the Results and Summary grids are checked against an
 * independent count of the CSV rows made here. Also: axe-core, keyboard-only
 * use, no console errors and no request leaving 127.0.0.1. Screenshots go to
 * test-output/screenshots; UPDATE_DOC_SCREENSHOTS=1 also refreshes docs/screenshots.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gunzipSync } from "zlib";
import type { Page } from "playwright-core";
import {
  DIST,
  ROOT,
  axeSerious,
  ensureBuilt,
  guardPage,
  launchChromium,
  serveStatic,
  type Launched,
  type PageGuard,
  type StaticServer,
} from "../support/browser";
import { POLICE_UK_MONTHS, policeUkFile } from "../support/policeUk";
import { splitCsv } from "../support/csvSplit";
import { SHEET_ORDER } from "../../src/sheets/build";

const SHOTS = path.join(ROOT, "test-output", "screenshots");
const DOC_SHOTS = path.join(ROOT, "docs", "screenshots");
const SCENARIO = JSON.parse(
  fs.readFileSync(path.join(ROOT, "test", "fixtures", "police-uk", "scenario.json"), "utf8"),
) as {
  targetAreas: string[];
  bufferAreas: string[];
  before: { start: string; end: string };
  after: { start: string; end: string };
};
const TYPES = ["Drugs", "Anti-social behaviour"];

interface Expected {
  rows: number;
  noArea: number;
  all: Record<"target" | "buffer" | "control", { before: number; after: number }>;
  byType: Record<string, Record<"target" | "buffer" | "control", { before: number; after: number }>>;
}

function independentCount(files: string[]): Expected {
  const target = new Set(SCENARIO.targetAreas);
  const buffer = new Set(SCENARIO.bufferAreas);
  const zero = () => ({
    target: { before: 0, after: 0 },
    buffer: { before: 0, after: 0 },
    control: { before: 0, after: 0 },
  });
  const out: Expected = {
    rows: 0,
    noArea: 0,
    all: zero(),
    byType: Object.fromEntries(TYPES.map((t) => [t, zero()])),
  };
  const beforeEnd = SCENARIO.before.end.slice(0, 7);
  // A police.uk Crime ID seen on a row already counted is counted once (anti-social behaviour has none).
  const seen = new Set<string>();
  for (const f of files) {
    const [head, ...rows] = splitCsv(fs.readFileSync(f, "utf8")).filter((r) => r.length > 1);
    const iMonth = head.indexOf("Month");
    const iArea = head.indexOf("LSOA code");
    const iType = head.indexOf("Crime type");
    const iId = head.indexOf("Crime ID");
    for (const r of rows) {
      out.rows++;
      const area = r[iArea].trim();
      if (area === "") {
        out.noArea++;
        continue;
      }
      if (!TYPES.includes(r[iType])) continue;
      const id = r[iId].trim();
      if (id !== "" && seen.has(id)) continue;
      if (id !== "") seen.add(id);
      const set = target.has(area) ? "target" : buffer.has(area) ? "buffer" : "control";
      const period = r[iMonth] <= beforeEnd ? "before" : "after";
      out.all[set][period]++;
      out.byType[r[iType]][set][period]++;
    }
  }
  return out;
}

/** The cached value shown in the preview grid for a row (found by its first cell) and column header. */
async function gridRow(page: Page, firstCell: string): Promise<Record<string, string>> {
  return page.evaluate((label) => {
    const table = document.querySelector("table[data-sheet]") as HTMLTableElement;
    const rows = Array.from(table.tBodies[0].rows);
    // The header row of an Excel table is the row whose cells carry the column names.
    const at = rows.findIndex((r) => Array.from(r.cells).some((c) => c.textContent === "Measure"));
    if (at < 0) throw new Error("no table header row");
    const headers = Array.from(rows[at].cells).map((c) => c.textContent ?? "");
    // The table's own row (the Summary also names the headline measure above its table).
    const row = rows.slice(at + 1).find((r) => Array.from(r.cells).some((c) => c.textContent === label));
    if (!row) throw new Error(`no row ${label}`);
    const out: Record<string, string> = {};
    Array.from(row.cells).forEach((c, i) => {
      if (headers[i]) out[headers[i]] = (c as HTMLElement).dataset.value ?? c.textContent ?? "";
    });
    return out;
  }, firstCell);
}

async function showSheet(page: Page, name: string): Promise<void> {
  await page
    .getByRole("tablist", { name: "Sheets in the workbook" })
    .getByRole("tab", { name, exact: true })
    .click();
  await page.locator(`table[data-sheet="${name}"]`).waitFor();
}

/** docs/screenshots are refreshed only on request, so ordinary test runs leave the working tree clean. */
const UPDATE_DOCS = process.env.UPDATE_DOC_SCREENSHOTS === "1";

/**
 * How far two screenshots differ, 0 to 255: the mean difference of their 64 × 40 grey thumbnails, drawn by
 * Chromium on a blank page. Antialiasing moves it by under 0.3; a pane step laid out anew moved it by 4.8.
 */
async function shotDifference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(
      async ([x, y]) => {
        const grey = async (b64: string) => {
          const img = new Image();
          img.src = `data:image/png;base64,${b64}`;
          await img.decode();
          const c = document.createElement("canvas");
          [c.width, c.height] = [64, 40];
          const g = c.getContext("2d")!;
          g.drawImage(img, 0, 0, 64, 40);
          const d = g.getImageData(0, 0, 64, 40).data;
          return Array.from({ length: 64 * 40 }, (_, i) => (d[4 * i] + d[4 * i + 1] + d[4 * i + 2]) / 3);
        };
        const [gx, gy] = [await grey(x), await grey(y)];
        return gx.reduce((sum, v, i) => sum + Math.abs(v - gy[i]), 0) / gx.length;
      },
      [a.toString("base64"), b.toString("base64")],
    );
  } finally {
    await blank.close();
  }
}

/** The README's screenshots must show the pane as it is: each is compared with the one just taken. */
const STALE_AT = 2;

async function shot(page: Page, name: string, doc = false): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const png = await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  if (!doc) return;
  const docShot = path.join(DOC_SHOTS, `${name}.png`);
  if (UPDATE_DOCS) {
    fs.mkdirSync(DOC_SHOTS, { recursive: true });
    fs.writeFileSync(docShot, png);
    return;
  }
  const difference = await shotDifference(page, png, fs.readFileSync(docShot));
  if (difference >= STALE_AT)
    throw new Error(
      `docs/screenshots/${name}.png no longer shows the pane (difference ${difference.toFixed(1)} of 255): ` +
        "refresh it with UPDATE_DOC_SCREENSHOTS=1 npx jest test/browser/preview",
    );
}

const pane = (page: Page) => page.getByTestId("pane");

/** Scrolls the pane so `text` is at its top (for readable screenshots). */
async function scrollPaneTo(page: Page, text: string): Promise<void> {
  await pane(page)
    .getByText(text, { exact: true })
    .first()
    .evaluate((el) => {
      const box = el.closest('[data-testid="pane"]') as HTMLElement;
      box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    });
}

describe("browser preview on real police.uk data", () => {
  let server: StaticServer;
  let chrome: Launched;
  let page: Page;
  let guard: PageGuard;
  let csvDir: string;
  let csvFiles: string[];
  let expected: Expected;

  beforeAll(async () => {
    ensureBuilt();
    csvDir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-csv-"));
    csvFiles = POLICE_UK_MONTHS.map((m) => {
      const f = path.join(csvDir, `${m}-gwent-street.csv`);
      fs.writeFileSync(f, gunzipSync(fs.readFileSync(policeUkFile(m))));
      return f;
    });
    expected = independentCount(csvFiles);
    server = await serveStatic(DIST);
    chrome = await launchChromium();
    page = await chrome.context.newPage();
    guard = guardPage(page);
    // A fixed "today" so the Operation sheet's prepared-on date (and the screenshots) do not change daily.
    await page.clock.setFixedTime(new Date("2025-01-15T09:00:00Z"));
    await page.goto(`${server.url}/preview.html`);
    await pane(page).getByRole("tab", { name: "Operation" }).waitFor();
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.close();
    if (csvDir) fs.rmSync(csvDir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.foreignRequests).toEqual([]);
  });

  it("has no serious or critical axe-core violations on first load", async () => {
    expect(await axeSerious(page)).toEqual([]);
  });

  it("flow 1: sets up the operation and writes the Operation sheet", async () => {
    const p = pane(page);
    await p.getByLabel("Operation name").fill("Operation Clearwater (illustrative)");
    await p.getByLabel("Force or area").fill("Gwent Police");
    await p.getByLabel("Analyst").fill("A. Analyst");
    await p.getByLabel("Target areas").fill(SCENARIO.targetAreas.join("\n"));
    await p.getByLabel("Buffer areas").fill(SCENARIO.bufferAreas.join(", "));
    const gb = (iso: string) => iso.split("-").reverse().join("/");
    await p.getByRole("textbox", { name: "From" }).first().fill(gb(SCENARIO.before.start));
    await p.locator("#op-before-end").fill(gb(SCENARIO.before.end));
    await p.locator("#op-after-start").fill(gb(SCENARIO.after.start));
    await p.locator("#op-after-end").fill(gb(SCENARIO.after.end));
    await expect(p.locator("#op-after-end").inputValue()).resolves.toBe("31/12/2024");
    // A date that does not exist is flagged, and fixing it clears the message.
    await p.locator("#op-after-end").fill("31/02/2024");
    await p.getByText("Enter a real date as dd/mm/yyyy, e.g. 31/01/2024.").waitFor();
    await p.locator("#op-after-end").fill(gb(SCENARIO.after.end));
    await expect(p.getByText("Enter a real date as dd/mm/yyyy").count()).resolves.toBe(0);
    await p.getByRole("button", { name: "Save to Operation sheet" }).click();
    await p.getByTestId("operation-notice").getByText("Created the Operation sheet.").waitFor();
    // Start blank asks first, then clears the form; Load from workbook reads the Operation sheet's named cells back.
    await p.getByRole("button", { name: "Start blank" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Clear the form" }).click();
    await expect(p.getByLabel("Operation name").inputValue()).resolves.toBe("");
    await p.getByRole("button", { name: "Load from workbook" }).click();
    await p
      .getByTestId("operation-notice")
      .getByText('Loaded "Operation Clearwater (illustrative)"')
      .waitFor();
    await expect(p.getByLabel("Buffer areas").inputValue()).resolves.toBe(SCENARIO.bufferAreas.join("\n"));
    await expect(p.locator("#op-after-start").inputValue()).resolves.toBe("01/07/2024");
    // Closing and reopening the pane loses nothing: the operation comes back from the workbook.
    await page.getByRole("button", { name: "Close and reopen the pane" }).click();
    await p
      .getByTestId("operation-notice")
      .getByText('Picked up "Operation Clearwater (illustrative)"')
      .waitFor();
    await expect(p.getByLabel("Operation name").inputValue()).resolves.toBe(
      "Operation Clearwater (illustrative)",
    );
    await expect(p.locator("#op-before-end").inputValue()).resolves.toBe("30/06/2024");
    await showSheet(page, "Operation");
    const text = await page.locator('table[data-sheet="Operation"]').innerText();
    expect(text).toContain("Operation Clearwater (illustrative)");
    expect(text).toContain(SCENARIO.bufferAreas.join("; "));
    expect(text).toContain("01/07/2024"); // after start, shown en-GB
    expect(text).toContain("15/01/2025"); // prepared on: today, when left blank
    await scrollPaneTo(page, "Target areas");
    await shot(page, "setup", true);
  });

  it("flow 2: inserts all sheets, updating the Operation sheet Save made without asking", async () => {
    const p = pane(page);
    await p.getByRole("tab", { name: "Sheets" }).click();
    await p.getByRole("button", { name: "Insert sheets" }).click();
    const notice = p.getByTestId("insert-notice");
    await notice.getByText(`Inserted ${SHEET_ORDER.length} sheets.`).waitFor();
    expect(await page.getByRole("alertdialog").count()).toBe(0);
    await expect(notice.innerText()).resolves.toContain("Updated: Operation.");
    await expect(notice.innerText()).resolves.toContain("Created: Harm Matrix, Problem Analysis, 5WH");
    const sheetTabs = page.getByRole("tablist", { name: "Sheets in the workbook" });
    await sheetTabs.getByRole("tab", { name: "Summary" }).waitFor();
    const tabs = await sheetTabs.getByRole("tab").allInnerTexts();
    expect(tabs).toEqual(SHEET_ORDER.map((s) => s.name));
    await shot(page, "insert", true);
    // Once the analyst has typed on a sheet, inserting again asks about that sheet alone; a renamed copy of
    // it is added and the other sheets, still as Harm Planner made them, are updated.
    await page.evaluate(() =>
      (
        window as unknown as { harmPlannerPreview: { store: { apply(ops: unknown[]): void } } }
      ).harmPlannerPreview.store.apply([
        { op: "write", sheet: "Responses", range: "A1", cells: [["My plan"]] },
      ]),
    );
    await p.getByRole("button", { name: "Insert sheets" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("Responses is already in this workbook").waitFor();
    await dialog.getByRole("button", { name: "Insert renamed copies" }).click();
    await notice.getByText("Added as copies: Responses (2) (copy of Responses).").waitFor();
    await expect(notice.innerText()).resolves.toContain(
      "Updated: Operation, Harm Matrix, Problem Analysis, 5WH",
    );
    await sheetTabs.getByRole("tab", { name: "Responses (2)" }).waitFor(); // the dialog's aria-hidden lifts
  });

  it("flow 3: imports 12 police.uk files, counts and writes Results that match an independent count", async () => {
    const p = pane(page);
    await p.getByRole("tab", { name: "Evaluate" }).click();
    await p.locator("#csv-files").setInputFiles(csvFiles);
    const notice = p.getByTestId("evaluate-notice");
    await notice
      .getByText(`Read ${expected.rows.toLocaleString("en-GB")} incident rows from 12 files.`)
      .waitFor();
    // Columns guessed from the police.uk headers.
    await expect(p.getByTestId("col-date").inputValue()).resolves.toBe("1");
    await expect(p.getByTestId("col-area").inputValue()).resolves.toBe("7");
    await expect(p.getByTestId("col-offenceType").inputValue()).resolves.toBe("9");
    // Areas from the Operation tab are already chosen.
    await expect(p.getByTestId("target-picker").innerText()).resolves.toContain(
      `${SCENARIO.targetAreas[0]} – Newport 014B`,
    );
    for (const t of TYPES) await p.getByRole("checkbox", { name: new RegExp(`^${t} \\(`) }).check();
    await scrollPaneTo(page, "Columns in 12 files");
    await shot(page, "evaluate", true);
    await p.getByRole("button", { name: "Count and write Results" }).click();
    await notice.getByText("Updated the Results sheet.").waitFor();
    // The grid shows the sheet just written, without choosing its tab.
    await page.locator('table[data-sheet="Results"]').waitFor();
    const rejected = p.getByTestId("evaluate-rejected");
    await rejected.getByText(`${expected.noArea.toLocaleString("en-GB")} rows could not be used`).waitFor();
    await rejected.locator("summary").click(); // a note about the data, opened on demand
    await expect(rejected.innerText()).resolves.toContain("no area code");

    await showSheet(page, "Results");
    const all = await gridRow(page, "All selected crime");
    expect(Number(all["Target before"])).toBe(expected.all.target.before);
    expect(Number(all["Target after"])).toBe(expected.all.target.after);
    expect(Number(all["Buffer before"])).toBe(expected.all.buffer.before);
    expect(Number(all["Buffer after"])).toBe(expected.all.buffer.after);
    expect(Number(all["Control before"])).toBe(expected.all.control.before);
    expect(Number(all["Control after"])).toBe(expected.all.control.after);
    for (const t of TYPES) {
      const row = await gridRow(page, t);
      expect(Number(row["Target before"])).toBe(expected.byType[t].target.before);
      expect(Number(row["Target after"])).toBe(expected.byType[t].target.after);
      expect(Number(row["Control after"])).toBe(expected.byType[t].control.after);
    }
    await scrollPaneTo(page, "Updated the Results sheet.");
    // The change shown is the change in the counts.
    const change = (expected.all.target.after - expected.all.target.before) / expected.all.target.before;
    expect(Number(all["Change %"])).toBeCloseTo(change, 10);
    // The third row was added below the sheet's two blank rows: it is formatted as they are.
    const third = await page.evaluate(() => {
      const table = document.querySelector('table[data-sheet="Results"]') as HTMLTableElement;
      const rows = Array.from(table.tBodies[0].rows);
      const header = rows.findIndex((r) => Array.from(r.cells).some((c) => c.textContent === "Measure"));
      return Array.from(rows[header + 3].cells).map((c) => c.textContent ?? "");
    });
    expect(third.some((t) => /^-?\d+\.\d%$/.test(t))).toBe(true);
    await shot(page, "results", true);
  });

  it("flow 4: builds the Summary from Results and explains the portable copy in the preview", async () => {
    const p = pane(page);
    await p.getByRole("tab", { name: "Summary" }).click();
    await p.getByRole("button", { name: "Build or refresh Summary" }).click();
    await p.getByTestId("summary-notice").getByText("Refreshed the Summary sheet from 3 results.").waitFor();
    await page.locator('table[data-sheet="Summary"]').waitFor(); // shown without choosing its tab
    const all = await gridRow(page, "All selected crime");
    const change = (expected.all.target.after - expected.all.target.before) / expected.all.target.before;
    expect(Number(all.Change)).toBeCloseTo(change, 10);
    // The net effect (Bowers & Johnson 2003): each area's before count × the control's trend, less its
    // after count; positive = fewer crimes than the trend predicts.
    const trend = expected.all.control.after / expected.all.control.before;
    const netEffect =
      expected.all.target.before * trend -
      expected.all.target.after +
      (expected.all.buffer.before * trend - expected.all.buffer.after);
    expect(Number(all["Net effect"])).toBeCloseTo(netEffect, 10);
    // Each measure has a status word and the footnotes that apply to it; its interval in brackets.
    expect(all.Status).toMatch(/^(Credited|No clear change|Not credited|Not judged)$/);
    expect(all.Checks).toMatch(/^\d/);
    expect(all["95% interval"]).toMatch(/^\(-?[\d,.]+ to -?[\d,.]+\)$/);
    // The first line, in the pane and on the sheet: the verdict on the headline measure in one sentence.
    const sentence = await p.getByTestId("summary-sentence").innerText();
    expect(sentence).toMatch(/^All selected crime: target (up|down) \d+% a month \(/);
    // The README's walkthrough quotes this sentence.
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain(`Here the sentence reads: _${sentence}_`);
    expect(await p.getByTestId("summary-status").innerText()).toBe(all.Status);
    const text = await page.locator('table[data-sheet="Summary"]').innerText();
    expect(text).toContain(sentence);
    // The control is far larger than the target: a footnote says the WDD is not shown, once.
    expect(text.match(/Control is \d+ \(All selected crime\)/g)).toHaveLength(1);
    // Save → Insert → Refresh: the operation's line is a formula over the Operation sheet's names.
    expect(text).toContain("Operation Clearwater (illustrative) · Gwent Police · target 1 area, buffer 4");
    // The control was every other area in the data: the line says so, as the Results note records it.
    expect(text).toMatch(/buffer 4, comparison: every other area in the data \([\d,]+ areas\) · before/);
    expect(text).toContain("before 01/01/2024 to 30/06/2024, after 01/07/2024 to 31/12/2024");
    await page.getByTestId("preview-charts").locator("figure").nth(1).waitFor();
    await shot(page, "summary", true);
    // Said before anyone tries, and the button cannot be pressed.
    await expect(p.getByRole("button", { name: "Make portable copy" }).isDisabled()).resolves.toBe(true);
    await expect(p.getByTestId("portable-unsupported").innerText()).resolves.toContain(
      "Open Harm Planner in Excel",
    );
  });

  it("flow 5: finds a function and inserts its example into the active cell", async () => {
    const p = pane(page);
    await p.getByRole("tab", { name: "Functions" }).click();
    await p.getByLabel("Search functions").fill("WDD");
    const item = p.getByRole("listitem").filter({ hasText: "HARM.WDD" }).first();
    // An occupied cell is never overwritten.
    await showSheet(page, "Results");
    await page.getByLabel(/Active cell/).fill("A1");
    await item.getByRole("button", { name: /Insert into active cell: HARM\.WDD example/ }).click();
    await p.getByTestId("functions-notice").getByText("The formula was not inserted.").waitFor();
    await page.getByLabel(/Active cell/).fill("B40");
    await item.getByRole("button", { name: /Insert into active cell: HARM\.WDD example/ }).click();
    await p
      .getByTestId("functions-notice")
      .getByText(/^Inserted =HARM\.WDD\(.*\) into Results!B40\.$/)
      .waitFor();
    await expect(page.locator('td[data-address="B40"]').getAttribute("title")).resolves.toMatch(
      /^=HARM\.WDD\(/,
    );
  });

  it("takes only real cell addresses in the active cell box, and never freezes on a far one", async () => {
    const box = page.getByLabel(/Active cell/);
    const message = () =>
      page.locator("#active-cell-error, [role=alert]").filter({ hasText: "active cell stays" });
    for (const [typed, why] of [
      ["hello", "is not a cell address"],
      ["A1048577", "rows run from 1 to 1,048,576"],
      ["ZZZ99999999", "is not a cell address"],
      ["XFE1", "last column is XFD"],
    ]) {
      await box.fill(typed);
      await expect(message().innerText()).resolves.toContain(why);
      await expect(message().innerText()).resolves.toContain("The active cell stays at B40.");
    }
    // The farthest cell Excel has: accepted, written to, and the grid still answers at once.
    await box.fill("xfd1048576");
    await expect(message().count()).resolves.toBe(0);
    const p = pane(page);
    const item = p.getByRole("listitem").filter({ hasText: "HARM.WDD" }).first();
    await item.getByRole("button", { name: /Insert into active cell: HARM\.WDD example/ }).click();
    await p
      .getByTestId("functions-notice")
      .getByText(/into Results!XFD1048576\.$/)
      .waitFor();
    const caption = await page.locator('table[data-sheet="Results"] caption').innerText();
    expect(caption).toContain("columns A to BH of XFD");
    expect(caption).toContain("the active cell XFD1048576 is beyond what is shown");
    const cells = await page.locator('table[data-sheet="Results"] tbody tr').first().locator("td").count();
    expect(cells).toBeLessThanOrEqual(60);
  });

  it("has no serious or critical axe-core violations after every flow, and every step fits the pane", async () => {
    // Every step the pane has (its tabs), so a new step is checked too; the README names them all.
    const tabs = await pane(page)
      .getByRole("tab")
      .evaluateAll((els) => els.map((el) => el.firstChild?.textContent ?? ""));
    const count = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    const bold = tabs.map((t) => `**${t}**`);
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain(
      `The pane has ${count[tabs.length]} steps, shown as tabs: ${bold.slice(0, -1).join(", ")} and ${bold.at(-1)}.`,
    );
    for (const tab of tabs) {
      await pane(page).getByRole("tab", { name: tab }).click();
      // Its panel loads and offers an action: a step missing from App's panels shows an empty section.
      await pane(page).getByRole("tabpanel", { name: tab }).getByRole("button").first().waitFor();
      expect({ tab, violations: await axeSerious(page) }).toEqual({ tab, violations: [] });
      // Everything fits Office's 360 px pane: nothing sticks out sideways.
      const overflow = await pane(page).evaluate((el) => el.scrollWidth - el.clientWidth);
      expect({ tab, overflow }).toEqual({ tab, overflow: 0 });
    }
  });

  it("can be used with the keyboard alone: Tab reaches the main controls, arrows switch steps", async () => {
    const fresh = await chrome.context.newPage();
    const g = guardPage(fresh);
    await fresh.goto(`${server.url}/preview.html`);
    await pane(fresh).getByRole("tab", { name: "Operation" }).waitFor();
    const reached = new Set<string>();
    for (let i = 0; i < 30; i++) {
      await fresh.keyboard.press("Tab");
      const label = await fresh.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return "";
        const byFor = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : "";
        return `${el.getAttribute("role") || el.tagName}:${el.getAttribute("aria-label") || byFor || el.textContent || ""}`.trim();
      });
      reached.add(label);
    }
    const list = [...reached].join("\n");
    expect(list).toMatch(/tab:.*Operation/);
    expect(list).toMatch(/Load from workbook/);
    expect(list).toMatch(/Operation name/);
    expect(list).toMatch(/Save to Operation sheet/);
    // Arrow keys move between the steps (Fluent TabList), Enter/Space is not needed.
    await pane(fresh).getByRole("tab", { name: "Operation" }).focus();
    await fresh.keyboard.press("ArrowRight");
    await fresh.keyboard.press("Enter");
    await expect(
      pane(fresh).getByRole("tab", { name: "Sheets" }).getAttribute("aria-selected"),
    ).resolves.toBe("true");
    await pane(fresh).getByRole("checkbox", { name: "All sheets" }).waitFor(); // the step loads on first use
    await fresh.keyboard.press("Tab");
    const focused = await fresh.evaluate(
      () => document.activeElement?.closest("label, .fui-Checkbox")?.textContent ?? "",
    );
    expect(focused).toContain("All sheets");
    // Focus is visible: the focused element draws an outline or a focus ring.
    const ring = await fresh.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      const after = getComputedStyle(el.parentElement ?? el, "::after");
      return s.outlineStyle !== "none" || s.boxShadow !== "none" || after.borderStyle !== "none";
    });
    expect(ring).toBe(true);
    expect(g.consoleErrors).toEqual([]);
    expect(g.foreignRequests).toEqual([]);
    await fresh.close();
  });
});
