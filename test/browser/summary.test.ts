/**
 * The Summary step in real headless Chromium (the browser preview), on the
 * walkthrough's areas with three months of data missing (October to
 * December 2024): the Results sheet says "Not judged: 3 months missing", and
 * after Build or refresh Summary the pane shows the same status and sentence
 * as the Summary sheet's first line, which shows the Results sheet's verdict;
 * the sheet's two charts are drawn. Nothing is requested from anywhere.
 */
import type { Page } from "playwright-core";
import { runEvaluation } from "../../src/app/evaluation";
import { tableColumns } from "../../src/app/incidentData";
import { workbookInput } from "../../src/cli/evaluate";
import { CsvParser } from "../../src/core/incidents/csv";
import { buildWorkbook } from "../../src/sheets/build";
import { emptyRenames } from "../../src/sheets/cells";
import type { Op } from "../../src/sheets/plan/ops";
import { emptyPhases, newSheetOps } from "../../src/sheets/plan/sheet";
import { expectQuietPage, openPreview, type OpenPreview, type PageGuard } from "../support/browser";
import { readPoliceUkText, scenarioOperation } from "../support/policeUk";

/** Ops that write the Operation, Monitoring and Results sheets the Evaluate step writes, from 2024-01 to 2024-09. */
function evaluatedOps(): Op[] {
  let headers: string[] = [];
  const rows: string[][] = [];
  for (let m = 1; m <= 9; m++) {
    const parser = new CsvParser();
    const parsed = [...parser.push(readPoliceUkText(`2024-0${m}`)), ...parser.finish()];
    headers = parsed[0];
    rows.push(...parsed.slice(1));
  }
  const operation = {
    ...scenarioOperation("Operation Clearwater (illustrative)", true),
    force: "Gwent Police",
  };
  const columns = tableColumns({ headers, rows }, { date: 1, area: 7, offenceType: 9, id: 0 });
  const report = runEvaluation({
    operation,
    source: { columns },
    dataAreas: columns.areas,
    restOfForce: true,
    offenceTypes: ["Anti-social behaviour", "Drugs"],
    weights: new Map(),
  });
  const sheets = buildWorkbook({ ...workbookInput(report), include: ["operation", "monitoring", "results"] });
  const phases = emptyPhases();
  for (const s of sheets) newSheetOps(s, s.name, emptyRenames(), phases);
  return [...phases.structure, ...phases.values, ...phases.formats];
}

/** The shown text of the Summary grid's cell whose value is `value`, or whose text starts with `start`. */
const summaryCell = (page: Page, pick: { value?: string; start?: string }) =>
  page.evaluate((p) => {
    const cells = Array.from(document.querySelectorAll('table[data-sheet="Summary"] td')) as HTMLElement[];
    const c = cells.find((x) =>
      p.value !== undefined ? x.dataset.value === p.value : (x.dataset.value ?? "").startsWith(p.start!),
    );
    return c ? { value: c.dataset.value ?? "", background: getComputedStyle(c).backgroundColor } : null;
  }, pick);

describe("the Summary step agrees with the Summary sheet (browser preview)", () => {
  let preview: OpenPreview;
  let page: Page;
  let guard: PageGuard;

  beforeAll(async () => {
    preview = await openPreview("Summary", "text=Build or refresh Summary");
    ({ page, guard } = preview);
    const ops = evaluatedOps();
    await page.evaluate((o) => {
      const wb = (window as unknown as { harmPlannerPreview: { store: { apply(ops: unknown[]): void } } })
        .harmPlannerPreview;
      wb.store.apply(o);
    }, ops);
  }, 120_000);

  afterAll(async () => preview?.close());
  afterEach(() => expectQuietPage(guard));

  it("shows the Results verdict for three missing months, in the pane and on the sheet alike", async () => {
    const pane = page.getByTestId("pane");
    await pane.getByRole("button", { name: "Build or refresh Summary" }).click();
    await pane
      .getByTestId("summary-notice")
      .getByText(/Built the Summary sheet from 3 results\./)
      .waitFor();
    await page.locator('table[data-sheet="Summary"]').waitFor();

    const status = await pane.getByTestId("summary-status").innerText();
    const sentence = await pane.getByTestId("summary-sentence").innerText();
    expect(status).toBe("Not judged");
    expect(sentence).toMatch(
      /^All selected crime: target (up|down) \d+% a month \([\d.]+ → [\d.]+\); comparison areas .*\. Not judged: 3 months missing in the after period \(2024-10, 2024-11, 2024-12\)\.$/,
    );
    // The sheet's first line: the same sentence, and the status in words and colour.
    expect(await summaryCell(page, { value: sentence })).not.toBeNull();
    const onSheet = await summaryCell(page, { value: "Not judged" });
    expect(onSheet).not.toBeNull();
    expect(onSheet!.background).toBe("rgb(217, 217, 217)"); // #D9D9D9, the grey of "Not judged"
    // Every measure's status on the sheet is the Results sheet's verdict: none is judged.
    const statuses = await page
      .locator('table[data-sheet="Summary"] td')
      .evaluateAll((tds) =>
        tds
          .map((td) => (td as HTMLElement).dataset.value ?? "")
          .filter((v) => /^(Credited|No clear change|Not credited|Not judged)$/.test(v)),
      );
    expect(statuses).toEqual(["Not judged", "Not judged", "Not judged", "Not judged"]);
    // The footnotes say which months.
    expect(await summaryCell(page, { start: "1. 3 months missing in the after period" })).not.toBeNull();
  });

  it("draws the Summary's two charts with the charting library, labelled", async () => {
    const figures = page.getByTestId("preview-charts").locator("figure");
    await figures.nth(1).waitFor({ timeout: 30_000 });
    await expect(figures.count()).resolves.toBe(2);
    await expect(figures.nth(0).getAttribute("aria-label")).resolves.toBe(
      "All selected crime by area (before = 100)",
    );
    await expect(figures.nth(1).getAttribute("aria-label")).resolves.toBe(
      "Target crimes a month (Monitoring sheet)",
    );
    // Bars for the areas and lines for the months are drawn (SVG), with their legends, over the cells the
    // workbook anchors them to: side by side, below the verdict and above the table.
    const [a, b] = [await figures.nth(0).boundingBox(), await figures.nth(1).boundingBox()];
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 2);
    const table = await page
      .locator(
        'table[data-sheet="Summary"] td[data-value="Results by measure (net effect: crimes fewer (+) or more (−) than the comparison areas\' trend predicts)"]',
      )
      .boundingBox();
    expect(table!.y).toBeGreaterThan(a!.y + a!.height - 2);
    await expect(figures.nth(0).locator("svg rect").count()).resolves.toBeGreaterThan(3);
    await expect(figures.nth(1).locator("svg path").count()).resolves.toBeGreaterThan(2);
    await expect(figures.nth(1).innerText()).resolves.toMatch(/Expected range: low/i);
    await expect(figures.nth(1).innerText()).resolves.toMatch(/Operation starts/i);
  });
});
