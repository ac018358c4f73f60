/**
 * taskpane.html as Office shows it, 350 × 800, in real headless Chromium (the
 * in-memory workbook: Office.js answers with no host). After Save, Insert,
 * Count and Refresh the message must be where the analyst is looking: in
 * view, focused and announced. Also the Operation form's warnings, dates and
 * Start blank; the area pick-list counts; unusable rows named by file and
 * line; and Use a table leaving out Harm Planner's own tables.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Locator, Page } from "playwright-core";
import {
  DIST,
  OFFICE_JS_URL,
  ensureBuilt,
  guardPage,
  launchChromium,
  serveStatic,
  type Launched,
  type PageGuard,
  type StaticServer,
} from "../support/browser";
import { readPoliceUkText } from "../support/policeUk";
import { splitCsv } from "../support/csvSplit";

const OFFICE_STUB = `window.Office = {
  onReady: function (cb) { var info = { host: null, platform: null }; if (cb) cb(info); return Promise.resolve(info); }
};`;

const TARGET = "W01001685";
const AREA = 7; // "LSOA code"
const TYPE = 9; // "Crime type"
const MONTH = 1;

/** Waits until `read()` matches `re` (the pane recounts after a change), failing with the last value read. */
async function until(read: () => Promise<string>, re: RegExp, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  let last = "";
  while (Date.now() < end) {
    last = await read();
    if (re.test(last)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(last).toMatch(re);
}

/** Whether the element is inside the viewport (wholly, or filling it), and whether focus is in it. */
async function seen(el: Locator): Promise<{ inView: boolean; focused: boolean }> {
  return el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const inView = r.top >= 0 && r.top < window.innerHeight && r.bottom > 0 && r.height > 0;
    return { inView, focused: node.contains(document.activeElement) };
  });
}

describe("the task pane at 350 × 800", () => {
  let server: StaticServer;
  let chrome: Launched;
  let page: Page;
  let guard: PageGuard;
  let dir: string;
  let files: string[];
  let rows: string[][]; // data rows of both files, in order
  let firstNoArea: { file: string; line: number };

  beforeAll(async () => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-pane-"));
    // A first file with no unusable rows (June rows that have an area code), then the real July file:
    // the first unusable row is then in the second file, at that file's own line.
    const june = readPoliceUkText("2024-06").split("\n");
    const juneKept = [
      june[0],
      ...june.slice(1).filter((l) => l.trim() !== "" && splitCsv(l)[0][AREA] !== ""),
    ];
    const part = juneKept.slice(0, 400).join("\n") + "\n";
    const july = readPoliceUkText("2024-07");
    files = [path.join(dir, "2024-06-part-gwent-street.csv"), path.join(dir, "2024-07-gwent-street.csv")];
    fs.writeFileSync(files[0], part);
    fs.writeFileSync(files[1], july);
    rows = [...splitCsv(part).slice(1), ...splitCsv(july).slice(1)].filter((r) => r.length > 1);
    // Independently: the first July line (1 = the header) whose area code is blank.
    const julyLines = july.split("\n");
    const at = julyLines.findIndex((l, i) => i > 0 && l.trim() !== "" && splitCsv(l)[0][AREA] === "");
    expect(at).toBeGreaterThan(0);
    expect(julyLines.slice(0, at).some((l) => (l.match(/"/g) ?? []).length % 2 === 1)).toBe(false);
    firstNoArea = { file: "2024-07-gwent-street.csv", line: at + 1 };

    server = await serveStatic(DIST);
    chrome = await launchChromium();
    page = await chrome.context.newPage();
    await page.setViewportSize({ width: 350, height: 800 });
    guard = guardPage(page);
    await page.route(OFFICE_JS_URL, (r) =>
      r.fulfill({ status: 200, contentType: "text/javascript", body: OFFICE_STUB }),
    );
    await page.clock.setFixedTime(new Date("2025-01-15T09:00:00Z"));
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByLabel("Operation name").waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.foreignRequests.filter((u) => u !== OFFICE_JS_URL)).toEqual([]);
  });

  const save = () => page.getByRole("button", { name: "Save to Operation sheet" }).click();
  const notice = (id: string) => page.getByTestId(id);

  it("takes an ISO date, and a blocked save's warning follows the form and goes once it is fixed", async () => {
    await page.getByLabel("Target areas").fill(TARGET);
    // Typed as yyyy-mm-dd: accepted, and shown as dd/mm/yyyy once the field is left.
    await page.locator("#op-before-start").fill("2024-01-01");
    await page.locator("#op-before-end").fill("30/06/2024");
    await page.locator("#op-after-start").fill("2024-07-01");
    await page.locator("#op-after-end").fill("31/12/2024");
    await expect(page.locator("#op-before-start").inputValue()).resolves.toBe("01/01/2024");
    await expect(page.getByText("Enter a real date").count()).resolves.toBe(0);
    await save();
    const warning = notice("operation-notice");
    await warning.getByText("Nearly there: check these first.").waitFor();
    await expect(warning.innerText()).resolves.toContain("Give the operation a name.");
    expect(await warning.innerText()).not.toMatch(/Enter both dates/);
    expect(await seen(warning)).toEqual({ inView: true, focused: true });
    // Fixing the problem clears the warning without another save.
    await page.getByLabel("Operation name").fill("Operation Pane Check");
    await warning.waitFor({ state: "detached" });
  });

  it("Save: the message is in view, focused and announced", async () => {
    await page.mouse.wheel(0, 2000); // the analyst is at the bottom of the form, by the Save button
    await save();
    const done = notice("operation-notice");
    await done.getByText("Created the Operation sheet.").waitFor();
    expect(await seen(done)).toEqual({ inView: true, focused: true });
    await expect(page.getByTestId("live-polite").innerText()).resolves.toContain(
      "Created the Operation sheet.",
    );
  });

  it("Start blank asks first, says what it clears, and Keep the form keeps it", async () => {
    await page.getByRole("button", { name: "Start blank" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("Start a blank operation?").waitFor();
    const text = await dialog.innerText();
    expect(text).toContain("the operation name “Operation Pane Check”");
    expect(text).toContain("1 target area");
    expect(text).toContain("the before-period dates");
    expect(text).toContain("The Operation sheet in the workbook is not changed");
    await dialog.getByRole("button", { name: "Keep the form" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect(page.getByLabel("Operation name").inputValue()).resolves.toBe("Operation Pane Check");
  });

  it("Insert after Save updates the Operation sheet without asking; the message is in view and focused", async () => {
    await page.getByRole("tab", { name: "Sheets" }).click();
    await page.mouse.wheel(0, 2000);
    await page.getByRole("button", { name: "Insert sheets" }).click();
    const done = notice("insert-notice");
    await done.getByText(/^Inserted \d+ sheets\.$/).waitFor({ timeout: 30_000 });
    expect(await page.getByRole("alertdialog").count()).toBe(0);
    await expect(done.innerText()).resolves.toContain("Updated: Operation.");
    expect(await seen(done)).toEqual({ inView: true, focused: true });
  });

  it("Use a table offers no Harm Planner table as incident data", async () => {
    await page.getByRole("tab", { name: "Evaluate" }).click();
    await page.getByRole("radio", { name: "Use a table in this workbook" }).check();
    const list = page.getByLabel("Incident table");
    await list.getByText("No tables found").waitFor({ state: "attached" });
    expect(await list.locator("option").allInnerTexts()).toEqual(["No tables found"]);
    await page.getByRole("radio", { name: /Import CSV files/ }).check();
  });

  it("counts the target's rows for the chosen periods and offence types in the pick-list", async () => {
    const workers: string[] = [];
    page.on("worker", (w) => workers.push(w.url()));
    await page.locator("#csv-files").setInputFiles(files);
    await notice("evaluate-notice")
      .getByText(`Read ${rows.length.toLocaleString("en-GB")} incident rows from 2 files.`)
      .waitFor({ timeout: 60_000 });
    // Read off the page's thread, by the add-in's own worker script.
    expect(workers).toEqual([`${server.url}/import-worker.js`]);
    const label = async () =>
      (await page
        .getByTestId("target-picker")
        .getByRole("checkbox")
        .first()
        .evaluate((el) => {
          const box = el.closest(".fui-Checkbox");
          return box?.textContent ?? "";
        })) as string;
    const countIn = (keep: (r: string[]) => boolean) =>
      rows.filter((r) => r[AREA] === TARGET && keep(r)).length.toLocaleString("en-GB");
    const all = countIn(() => true);
    expect(await label()).toContain(`${TARGET}`);
    expect(await label()).toMatch(new RegExp(`\\(${all}\\)$`));
    await page.getByRole("checkbox", { name: /^Drugs \(/ }).check();
    const drugs = countIn((r) => r[TYPE] === "Drugs");
    expect(drugs).not.toBe(all);
    await until(label, new RegExp(`\\(${drugs}\\)$`));
    // A later after period leaves July out of the count.
    await page.getByRole("tab", { name: "Operation" }).click();
    await page.locator("#op-after-start").fill("01/08/2024");
    await page.getByRole("tab", { name: "Evaluate" }).click();
    const juneDrugs = countIn((r) => r[TYPE] === "Drugs" && r[MONTH] === "2024-06");
    await until(label, new RegExp(`\\(${juneDrugs}\\)$`));
    await page.getByRole("tab", { name: "Operation" }).click();
    await page.locator("#op-after-start").fill("01/07/2024");
    await page.getByRole("tab", { name: "Evaluate" }).click();
    await until(label, new RegExp(`\\(${drugs}\\)$`));
  });

  it("Count: the message is in view and focused, and unusable rows are named by file and line", async () => {
    const count = page.getByRole("button", { name: "Count and write Results" });
    await count.scrollIntoViewIfNeeded();
    await count.click();
    const done = notice("evaluate-notice");
    await done.getByText("Updated the Results sheet.").waitFor({ timeout: 60_000 });
    expect(await seen(done)).toEqual({ inView: true, focused: true });
    await expect(page.getByTestId("live-polite").innerText()).resolves.toContain(
      "Updated the Results sheet.",
    );
    await notice("evaluate-rejected").locator("summary").click(); // a note about the data, opened on demand
    const rejected = await notice("evaluate-rejected").innerText();
    // The first unusable row is in the second file: named by that file and its own line, not a record
    // number across both files.
    const where = `${firstNoArea.file}, line ${firstNoArea.line.toLocaleString("en-GB")}: no area code.`;
    expect(rejected).toContain(where);
    expect(rejected).not.toMatch(/\bRow \d/);
  });

  it("Refresh: the message is in view and focused", async () => {
    await page.getByRole("tab", { name: "Summary" }).click();
    await page.getByRole("button", { name: "Build or refresh Summary" }).click();
    const done = notice("summary-notice");
    await done.getByText(/^Refreshed the Summary sheet from \d+ results?\.$/).waitFor();
    expect(await seen(done)).toEqual({ inView: true, focused: true });
  });

  it("reads a column it did not keep again from the files when the analyst maps it", async () => {
    await page.getByRole("tab", { name: "Evaluate" }).click();
    const location = String(7 - 1); // "Location": not one of the columns guessed, so not kept at first
    await page.getByTestId("col-areaName").selectOption(location);
    await notice("evaluate-notice").getByText("Read the “Location” column from 2 files.").waitFor();
    await expect(page.getByTestId("col-areaName").inputValue()).resolves.toBe(location);
    // The pick-list now names areas by that column.
    const firstLocation = rows.find((r) => r[AREA] === TARGET)![6];
    await until(
      async () => (await page.getByTestId("target-picker").innerText()) as string,
      new RegExp(`${TARGET} – ${firstLocation.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
    );
  });
});
