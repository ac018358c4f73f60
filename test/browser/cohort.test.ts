/**
 * Importing a cohort in real headless Chromium (the browser preview): the
 * pane reads a synthetic force-system CSV, guesses the columns, refuses a
 * column headed like a name (there is no override), and writes only the
 * mapped columns to the Cohort sheet. Nothing is requested from anywhere.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page } from "playwright-core";
import {
  axeSerious,
  type PageGuard,
  openPreview,
  expectQuietPage,
  type OpenPreview,
} from "../support/browser";

const CSV = [
  "Surname,Person ref,DOB,Group,Window,Offences before,Offences after,Custody days after",
  "Smith,P-001,01/02/1990,Enforcement,365,14,5,45",
  "Jones,P-002,03/04/1985,Treatment,365,9,3,",
  "Brown,P-003,05/06/1979,Both,365,11,2,",
  "Green,C-001,07/08/1992,Comparison,365,10,9,",
].join("\r\n");

/** Every value and formula in the preview's workbook. */
const workbookText = (page: Page) =>
  page.evaluate(() => {
    type Store = { sheets: { name: string; cells: Map<string, { value: unknown; formula?: string }> }[] };
    const store = (window as unknown as { harmPlannerPreview: { store: Store } }).harmPlannerPreview.store;
    return store.sheets
      .map((s) =>
        [s.name, ...[...s.cells.values()].map((c) => String(c.formula ?? c.value ?? ""))].join("\n"),
      )
      .join("\n");
  });

describe("cohort import in the browser preview", () => {
  let preview: OpenPreview;
  let page: Page;
  let guard: PageGuard;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-cohort-"));
    file = path.join(dir, "cohort.csv");
    fs.writeFileSync(file, CSV);
    preview = await openPreview("Cohort", "#cohort-file");
    ({ page, guard } = preview);
  });

  afterAll(async () => {
    await preview?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => expectQuietPage(guard));

  it("reads the file and guesses the columns, never a name or date of birth", async () => {
    await page.locator("#cohort-file").setInputFiles(file);
    await page.getByTestId("cohort-notice").getByText("Read 4 rows from cohort.csv.").waitFor();
    await expect(page.getByTestId("cohort-col-reference").inputValue()).resolves.toBe("1");
    await expect(page.getByTestId("cohort-col-group").inputValue()).resolves.toBe("3");
    await expect(page.getByTestId("cohort-col-daysNotAtLibertyAfter").inputValue()).resolves.toBe("7");
    await expect(page.getByTestId("cohort-col-startDate").inputValue()).resolves.toBe("-1");
  });

  it("has no serious accessibility problem and fits Office's 360 px pane", async () => {
    expect(await axeSerious(page)).toEqual([]);
    const overflow = await page.getByTestId("pane").evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBe(0);
  });

  it("refuses a column headed like a name, without a way round it", async () => {
    const button = page.getByRole("button", { name: "Import into the Cohort sheet" });
    await page.getByTestId("cohort-col-reference").selectOption("0");
    await page
      .getByTestId("cohort-personal")
      .getByText(/"Surname" looks like a name, which the Cohort sheet must never hold/)
      .waitFor();
    await expect(button.isDisabled()).resolves.toBe(true);
    await expect(page.getByRole("checkbox").count()).resolves.toBe(0);
    await expect(page.getByTestId("pane").innerText()).resolves.not.toMatch(/Smith|Jones|Brown|Green/);
    // Back to the pseudonymous reference: the warning goes, and nothing was written meanwhile.
    await page.getByTestId("cohort-col-reference").selectOption("1");
    await expect(page.getByTestId("cohort-personal").count()).resolves.toBe(0);
    await expect(workbookText(page)).resolves.toBe("");
  });

  it("imports the people into the Cohort sheet, mapped columns only", async () => {
    await page.getByRole("button", { name: "Import into the Cohort sheet" }).click();
    await page.getByTestId("cohort-notice").getByText("Created the Cohort sheet: 4 people on it.").waitFor();
    const text = await workbookText(page);
    for (const ref of ["P-001", "P-002", "P-003", "C-001"]) expect(text).toContain(ref);
    for (const secret of ["Smith", "Jones", "01/02/1990", "Surname", "DOB"])
      expect(text).not.toContain(secret);
    expect(text).toContain("Cohort: did the people targeted offend less?");
    // The file's rows are not kept in the pane after the import.
    await expect(page.getByTestId("cohort-col-reference").count()).resolves.toBe(0);
  });
});
