/**
 * The workbook contract for the Net Benefit and Cohort sheets: inserting
 * them, and importing a cohort (new sheet, then an update by reference into
 * it), leave the same workbook on the in-memory and the Office.js adapters,
 * compared cell by cell.
 */
import { operation } from "../support/operation";
import { insertSheets, sheetClashes } from "../../src/app/insertSheets";
import { importCohort } from "../../src/app/importCohort";
import { guessCohortColumns } from "../../src/app/cohortColumns";
import type { TableData } from "../../src/sheets/plan/snapshot";
import { memoryHarness, officeHarness, type Harness } from "./harness";

const HEADERS = [
  "Person ref",
  "Group",
  "Start date",
  "Window days",
  "Offences before",
  "Offences after",
  "Custody days after",
];
const first: TableData = {
  headers: HEADERS,
  rows: [
    ["P1", "Enforcement", "2024-03-01", "365", "12", "4", "30"],
    ["P2", "treatment", "01/04/2024", "365", "8", "6", ""],
    ["C1", "Comparison", "2024-03-10", "365", "9", "8", "0"],
  ],
};
const second: TableData = {
  headers: HEADERS,
  rows: [
    ["P2", "Treatment", "01/04/2024", "365", "8", "2", "10"],
    ["P3", "Both", "2024-05-01", "365", "15", "3", ""],
  ],
};

const scenarios: { name: string; run: (h: Harness) => Promise<unknown> }[] = [
  {
    name: "insert the Results, Net Benefit, Cohort and Summary sheets",
    run: (h) => insertSheets(h.port, operation(), ["results", "net-benefit", "cohort", "summary"], "update"),
  },
  {
    name: "import a cohort into a workbook without a Cohort sheet, then update it by reference",
    run: async (h) => {
      const columns = guessCohortColumns(HEADERS);
      const a = await importCohort(h.port, { data: first, columns });
      const b = await importCohort(h.port, { data: second, columns });
      return [a, b];
    },
  },
  {
    name: "import a cohort into the inserted Cohort sheet (its blank rows are filled first)",
    run: async (h) => {
      await insertSheets(h.port, operation(), ["cohort"], "update");
      return importCohort(h.port, { data: first, columns: guessCohortColumns(HEADERS) });
    },
  },
];

describe.each([
  ["memory", () => memoryHarness()],
  ["office", () => officeHarness()],
])("Net Benefit and Cohort on the %s adapter", (_label, make) => {
  it("are updated without asking until the analyst changes them; a Cohort with people is the analyst's", async () => {
    const h = make();
    await insertSheets(h.port, operation(), ["results", "net-benefit", "cohort"], "update");
    expect(await sheetClashes(h.port, ["net-benefit", "cohort"], operation())).toEqual([]);
    await importCohort(h.port, { data: first, columns: guessCohortColumns(HEADERS) });
    expect(await sheetClashes(h.port, ["net-benefit", "cohort"], operation())).toEqual(["Cohort"]);
  });
});

describe("workbook contract: Net Benefit and Cohort on both adapters", () => {
  it.each(scenarios.map((s) => [s.name, s] as const))("%s", async (_name, s) => {
    const memory = memoryHarness();
    const office = officeHarness();
    const a = await s.run(memory);
    const b = await s.run(office);
    expect(a).toEqual(b);
    const dm = memory.dump();
    const dx = office.dump();
    expect(dm.sheets).toEqual(dx.sheets);
    expect(dm.tables).toEqual(dx.tables);
    const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
    expect(dm.names.sort(byName)).toEqual(dx.names.sort(byName));
    for (const sheet of dm.sheets) expect([sheet, dm.cells[sheet]]).toEqual([sheet, dx.cells[sheet]]);
    expect(dm.sheets.length).toBeGreaterThan(0);
  });
});
