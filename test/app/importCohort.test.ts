/**
 * Importing a cohort: the column guess never picks a column headed like
 * personal data, mapping one is refused, only mapped columns
 * reach the workbook, rows are upserted by reference, and the results on the
 * sheet are the core's for every person now there.
 */
import { cohortSummary } from "../../src/core/stats/cohort";
import { eTest } from "../../src/core/stats/poisson";
import {
  COHORT_FIELDS,
  guessCohortColumns,
  importCohort,
  looksPersonal,
  type CohortColumnMap,
} from "../../src/app/importCohort";
import { cohortRowsFrom } from "../../src/app/cohortColumns";
import { PortError } from "../../src/workbook/port";
import type { TableData } from "../../src/sheets/plan/snapshot";
import { memoryHarness } from "../workbook/harness";

const HEADERS = [
  "Nominal name",
  "Person ref",
  "Date of birth",
  "Group",
  "Arrest date",
  "Window",
  "Offences before",
  "Offences after",
  "Custody days before",
  "Custody days after",
  "Notes",
];
const FILE: TableData = {
  headers: HEADERS,
  rows: [
    [
      "Jane Doe",
      "R-001",
      "01/02/1990",
      "Enforcement",
      "2024-03-01",
      "365",
      "14",
      "5",
      "0",
      "45",
      "lives at 1 High St",
    ],
    ["John Roe", "R-002", "03/04/1985", "Treatment", "2024-03-04", "365", "9", "3", "20", "", ""],
    ["Ann Poe", "R-003", "05/06/1979", "both", "2024-03-09", "365", "11", "2", "", "", ""],
    ["Bob Loe", "R-004", "07/08/1992", "Comparison", "2024-03-11", "365", "10", "9", "", "", ""],
    ["Cy Moe", "R-005", "09/10/1994", "Control", "2024-03-12", "365", "7", "6", "", "", ""],
  ],
};

/** Every value and formula on every sheet of the harness's workbook, as text. */
function everything(h: ReturnType<typeof memoryHarness>): string {
  const out: string[] = [];
  for (const s of h.store.sheets)
    for (const c of s.cells.values()) out.push(String(c.formula ?? c.value ?? ""));
  return out.join("\n");
}

/** The cached value right of a label on the Cohort sheet, in the given results column (1 = Enforcement). */
function result(h: ReturnType<typeof memoryHarness>, label: string, column: number) {
  const s = h.store.sheet("Cohort")!;
  // The results block's label, not the table header of the same name: the right-most match.
  const found = [...s.cells]
    .filter(([, c]) => c.value === label)
    .map(([k]) => k.split(",").map(Number))
    .sort((a, b) => b[1] - a[1])[0];
  if (!found) throw new Error(`no ${label}`);
  return h.store.cellAt(s, found[0], found[1] + column)?.value;
}

describe("the column step", () => {
  it("never guesses a column headed like a name or a date of birth", () => {
    const map = guessCohortColumns(HEADERS);
    expect(HEADERS[map.reference]).toBe("Person ref");
    expect(HEADERS[map.startDate]).toBe("Arrest date");
    expect(HEADERS[map.daysNotAtLibertyAfter]).toBe("Custody days after");
    expect(Object.values(map)).not.toContain(0);
    expect(Object.values(map)).not.toContain(2);
    expect(map.harmBefore).toBe(-1);
  });

  it("knows the headings that look personal", () => {
    for (const h of [
      "Name",
      "Forename",
      "Surname",
      "Full name",
      "DOB",
      "D.O.B.",
      "Date of birth",
      "Birth date",
      "Born",
    ])
      expect([h, looksPersonal(h)]).toEqual([h, true]);
    for (const h of ["Person ref", "Group", "Offences before", "Window", "Doubled"])
      expect([h, looksPersonal(h)]).toEqual([h, false]);
  });
});

describe("importCohort", () => {
  const columns = guessCohortColumns(HEADERS);

  it("refuses a name column mapped as the reference, and writes nothing", async () => {
    const h = memoryHarness();
    const byName: CohortColumnMap = { ...columns, reference: 0 };
    const err = (await importCohort(h.port, { data: FILE, columns: byName }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err.message).toMatch(/"Nominal name" looks like a name, which the Cohort sheet must never hold/);
    for (const r of FILE.rows) expect(err.message).not.toContain(r[0]);
    expect(h.store.sheets).toHaveLength(0);
  });

  it("writes only the mapped columns: names, dates of birth and notes never reach the workbook", async () => {
    const h = memoryHarness();
    const report = await importCohort(h.port, { data: FILE, columns });
    expect(report).toEqual({
      sheet: "Cohort",
      createdSheet: true,
      added: 5,
      updated: 0,
      people: 5,
      rowsToFix: 0,
      resultsRefreshed: true,
    });
    const text = everything(h);
    for (const r of FILE.rows) for (const secret of [r[0], r[2]]) expect(text).not.toContain(secret);
    expect(text).not.toContain("High St");
    expect(text).toContain("R-003");
  });

  it("gives the core's figures for the people imported, E-test stored", async () => {
    const h = memoryHarness();
    await importCohort(h.port, { data: FILE, columns });
    const { rows } = cohortRowsFrom(FILE, columns);
    const s = cohortSummary(
      rows.map((r) => ({
        group: String(r.group).toLowerCase() as "both",
        windowDays: 365,
        offencesBefore: r.offencesBefore as number,
        offencesAfter: r.offencesAfter as number,
        daysNotAtLibertyBefore: (r.daysNotAtLibertyBefore as number) ?? 0,
        daysNotAtLibertyAfter: (r.daysNotAtLibertyAfter as number) ?? 0,
      })),
    );
    // All targeted: 34 → 10 offences over 1,075 and 1,050 days at liberty.
    expect(result(h, "Offences before", 4)).toBe(34);
    expect(result(h, "Days at liberty before", 4)).toBe(365 * 3 - 20);
    expect(result(h, "Rate ratio (after ÷ before)", 4)).toBeCloseTo((10 / 34) * (1075 / 1050), 12);
    expect(result(h, "Lower 95% (exact)", 4)).toBe(s.overall.rateRatio!.lower);
    expect(result(h, "E-test p (stored when built or imported)", 4)).toBe(eTest(10, 34, 1050, 1075));
    expect(result(h, "People", 5)).toBe(2); // "Control" is the comparison group
  });

  it("updates people by reference and recalculates the results for the whole table", async () => {
    const h = memoryHarness();
    await importCohort(h.port, { data: FILE, columns });
    const again: TableData = {
      headers: HEADERS,
      rows: [
        ["", "R-002", "", "Treatment", "2024-03-04", "365", "9", "1", "20", "", ""],
        ["", "R-006", "", "Enforcement", "2024-04-01", "365", "6", "6", "", "", ""],
      ],
    };
    const report = await importCohort(h.port, { data: again, columns });
    expect([report.updated, report.added, report.people]).toEqual([1, 1, 6]);
    expect(result(h, "Offences after", 2)).toBe(1);
    expect(result(h, "People", 1)).toBe(2);
    const s = h.store.sheet("Cohort")!;
    const refs = [...s.cells.values()]
      .map((c) => c.value)
      .filter((v) => typeof v === "string" && /^R-00/.test(v));
    expect(refs).toEqual(["R-001", "R-002", "R-003", "R-004", "R-005", "R-006"]);
  });

  it("takes one window for everyone when the file has none", async () => {
    const h = memoryHarness();
    const noWindow = { ...columns, windowDays: -1 };
    await expect(importCohort(h.port, { data: FILE, columns: noWindow })).rejects.toThrow(
      /Choose the column for Window/,
    );
    await importCohort(h.port, { data: FILE, columns: noWindow, windowDays: 182 });
    expect(result(h, "Days at liberty before", 5)).toBe(364);
  });

  it("refuses what it cannot read, naming the line, and writes nothing", async () => {
    const h = memoryHarness();
    const bad: TableData = {
      headers: HEADERS,
      rows: [
        ["", "R-1", "", "Enforcement", "2024-01-01", "365", "", "1", "", "", ""],
        ["", "R-2", "", "Enforcment", "2024-01-01", "365", "1", "1", "", "", ""],
        ["", "R-1", "", "Both", "31/02/2024", "365", "two", "1", "", "", ""],
      ],
    };
    const err = await importCohort(h.port, { data: bad, columns }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortError);
    const text = (err as Error).message;
    expect(text).toMatch(/^Nothing was imported\./);
    expect(text).toContain("line 2: Offences before is blank; enter 0 if there were none");
    expect(text).toContain("line 3: the group is not one of Enforcement, Treatment, Both, Comparison");
    expect(text).toContain("line 4: the reference is also on line 2");
    expect(text).toContain("line 4: the start date is not a date");
    expect(text).toContain("line 4: Offences before is not a number");
    // Lines and headings only: no value from the file is repeated.
    for (const v of ["Enforcment", "R-1", "31/02/2024", "two"]) expect(text).not.toContain(v);
    expect(h.store.sheets).toHaveLength(0);
  });

  it("lists a field for every Cohort column", () => {
    expect(COHORT_FIELDS.map((f) => f.field)).toEqual([
      "reference",
      "group",
      "startDate",
      "windowDays",
      "offencesBefore",
      "offencesAfter",
      "daysNotAtLibertyBefore",
      "daysNotAtLibertyAfter",
      "harmBefore",
      "harmAfter",
    ]);
  });
});
