/**
 * The Evaluate step's shortcuts, in the built preview in real headless
 * Chromium on police.uk data: the download zip chosen as it is; the default
 * control's count; a control of "every area in Torfaen" as one choice; every
 * match of a search selected at once; and, after the count, the result first
 * with notes about the data after it, in groups that open on demand.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Locator, Page } from "playwright-core";
import { expectQuietPage, openPreview, type OpenPreview, type PageGuard } from "../support/browser";
import { loadPoliceUkRows, loadScenario } from "../support/policeUk";
import { policeUkZip, policeUkZipNote } from "../support/policeUkZip";

const scenario = loadScenario();
const gb = (iso: string) => iso.split("-").reverse().join("/");

/** The labels of the ticked boxes in a pick-list. */
const ticked = (picker: Locator) =>
  picker
    .getByRole("checkbox", { checked: true })
    .evaluateAll((boxes) => boxes.map((b) => b.closest(".fui-Checkbox")?.textContent ?? ""));

describe("Evaluate step shortcuts in the browser preview", () => {
  let preview: OpenPreview;
  let page: Page;
  let guard: PageGuard;
  let dir: string;
  let zip: string;
  // Independently, from the fixture's rows: every area, and each authority's areas by LSOA name.
  const { headers, rows } = loadPoliceUkRows();
  const [iCode, iName] = [headers.indexOf("LSOA code"), headers.indexOf("LSOA name")];
  const names = new Map(rows.filter((r) => r[iCode] !== "").map((r) => [r[iCode], r[iName]]));
  const taken = new Set([...scenario.targetAreas, ...scenario.bufferAreas]);
  const authority = (a: string) => [...names].filter(([, name]) => name.startsWith(`${a} `)).map(([c]) => c);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-shortcuts-"));
    zip = path.join(dir, "gwent-2024.zip");
    fs.writeFileSync(zip, policeUkZip());
    preview = await openPreview("Operation", "#op-before-start");
    ({ page, guard } = preview);
    await page.getByLabel("Operation name").fill("Shortcuts");
    await page.getByLabel("Target areas").fill(scenario.targetAreas.join("\n"));
    await page.getByLabel("Buffer areas").fill(scenario.bufferAreas.join(", "));
    await page.locator("#op-before-start").fill(gb(scenario.before.start));
    await page.locator("#op-before-end").fill(gb(scenario.before.end));
    await page.locator("#op-after-start").fill(gb(scenario.after.start));
    await page.locator("#op-after-end").fill(gb(scenario.after.end));
    await page.getByRole("tab", { name: "Evaluate" }).click();
  });

  afterAll(async () => {
    await preview?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => expectQuietPage(guard));

  it("reads a police.uk zip as downloaded: every row of its street files, and a note of what it skipped", async () => {
    await page.locator("#csv-files").setInputFiles(zip);
    const notice = page.getByTestId("evaluate-notice");
    await notice
      .getByText(`Read ${rows.length.toLocaleString("en-GB")} incident rows from gwent-2024.zip.`)
      .waitFor({ timeout: 60_000 });
    await expect(notice.innerText()).resolves.toContain(policeUkZipNote("gwent-2024.zip"));
    // The target's count in the pick-list is its rows in the periods, as in the unpacked files.
    const target = rows.filter((r) => r[iCode] === scenario.targetAreas[0]).length;
    const [label] = await ticked(page.getByTestId("target-picker"));
    expect(label).toMatch(
      new RegExp(`^${scenario.targetAreas[0]} – Newport 014B \\(${target.toLocaleString("en-GB")}\\)$`),
    );
  });

  it("counts every other area for the default control, whether or not it is ticked", async () => {
    const everyOther = [...names.keys()].filter((c) => !taken.has(c)).length;
    expect(everyOther).toBeGreaterThan(400);
    const box = page.getByRole("checkbox", { name: /^Control: every other area in the data/ });
    const label = `Control: every other area in the data (${everyOther.toLocaleString("en-GB")} areas)`;
    await page.getByText(label).waitFor();
    await box.uncheck();
    // Unticked, with no control picked yet: still the areas it would mean, not the 0 picked.
    await page.getByText(label).waitFor();
  });

  it("makes every area in Torfaen the control in one choice, and selects every match of a search at once", async () => {
    const picker = page.getByTestId("control-picker");
    await picker
      .getByRole("combobox", { name: "Control areas: add every area in an authority" })
      .selectOption("Torfaen");
    await picker.getByRole("button", { name: "Add areas" }).click();
    const torfaen = authority("Torfaen");
    expect(torfaen.length).toBeGreaterThan(50);
    await picker.getByText(`Control areas (${torfaen.length} chosen)`).waitFor();
    const chosen = await ticked(picker);
    expect(chosen.map((l) => l.split(" – ")[0]).sort()).toEqual([...torfaen].sort());
    expect(chosen.every((l) => / – Torfaen \d{3}[A-Z] \(/.test(l))).toBe(true);
    // A search, then every match selected with one click (more than the list shows).
    const blaenau = authority("Blaenau Gwent");
    await picker.getByRole("searchbox").fill("Blaenau Gwent");
    await picker.getByRole("button", { name: `Select all ${blaenau.length} matches` }).click();
    await picker.getByText(`Control areas (${torfaen.length + blaenau.length} chosen)`).waitFor();
    // The buffer's list offers authorities too, and never an area already in the target.
    const buffer = page.getByTestId("buffer-picker");
    const offered = await buffer
      .getByRole("combobox", { name: "Buffer areas: add every area in an authority" })
      .locator("option")
      .allInnerTexts();
    expect(offered).toContain(`Newport (${authority("Newport").length} areas)`);
  });

  it("shows the result first, then notes about the data in groups that open on demand", async () => {
    await page.getByRole("button", { name: "Count and write Results" }).click();
    const result = page.getByTestId("evaluate-notice");
    await result.getByText("Created the Results sheet.").waitFor({ timeout: 60_000 });
    const lines = await result.locator("li").allInnerTexts();
    // The verdict is the notice's title; the headline sentence leads its lines.
    await expect(result.innerText()).resolves.toMatch(
      /^Verdict: (Credited|No clear change|Not credited|Not judged)/,
    );
    expect(lines[0]).toMatch(/^All selected crime: target /);
    expect(lines[1]).toMatch(/^Checks: /);
    expect(lines.join("\n")).not.toMatch(/no area code|could not be used/);
    const notes = page.getByTestId("evaluate-notes");
    // In the page, the result comes before the notes.
    const order = await result.evaluate(
      (r, n) => (r.compareDocumentPosition(n as Node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
      await notes.elementHandle(),
    );
    expect(order).toBe(true);
    const noArea = rows.filter((r) => r[iCode] === "").length;
    const rejected = page.getByTestId("evaluate-rejected");
    await rejected
      .getByText(`${noArea.toLocaleString("en-GB")} rows could not be used and were not counted.`)
      .waitFor();
    // Closed until asked for: the examples are not shown until the group is opened.
    const example = rejected
      .getByText(/^2024-01\/2024-01-gwent-street\.csv, line [\d,]+: no area code\.$/)
      .first();
    await expect(example.isVisible()).resolves.toBe(false);
    await rejected.locator("summary").click();
    await expect(example.isVisible()).resolves.toBe(true);
    // What reading the zip found is a note about the data too.
    const files = notes.locator("details", { hasText: "Reading the files" });
    await files.locator("summary").click();
    await files.getByText(policeUkZipNote("gwent-2024.zip")).waitFor();
  });
});
