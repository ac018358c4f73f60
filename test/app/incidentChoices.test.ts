/**
 * The Evaluate step's pick-lists count rows as the evaluation will: only in
 * the chosen periods, and (for areas) only of the chosen offence types.
 * Checked against an independent count of the police.uk fixture.
 */
import { areaChoices, offenceTypeChoices } from "../../src/app/incidentChoices";
import { ColumnTable } from "../../src/app/incidentData";
import { blankOperation, type Operation } from "../../src/core/operation";
import { loadPoliceUkRows, loadScenario } from "../support/policeUk";

const { headers, rows } = loadPoliceUkRows();
const col = (h: string) => headers.indexOf(h);
const cols = {
  date: col("Month"),
  area: col("LSOA code"),
  offenceType: col("Crime type"),
  areaName: col("LSOA name"),
};
const scenario = loadScenario();
const op: Operation = { ...blankOperation(), before: scenario.before, after: scenario.after };
const target = scenario.targetAreas[0];

/** Independent: rows of `area` whose month is inside [from, to] (yyyy-mm) and whose type passes. */
const count = (area: string, from: string, to: string, type?: (t: string) => boolean) =>
  rows.filter(
    (r) =>
      r[cols.area] === area &&
      r[cols.date] >= from &&
      r[cols.date] <= to &&
      (!type || type(r[cols.offenceType])),
  ).length;

describe("area pick-list counts", () => {
  const data = { headers, rows };

  it("count every type in both periods when no type is chosen", () => {
    const got = areaChoices(data, cols, op, new Set()).find((c) => c.value === target)!;
    expect(got.count).toBe(count(target, "2024-01", "2024-12"));
    expect(got.name).toBe(scenario.targetName);
  });

  it("count only the chosen offence types", () => {
    const types = new Set(["Drugs", "Robbery"]);
    const got = areaChoices(data, cols, op, types).find((c) => c.value === target)!;
    expect(got.count).toBe(count(target, "2024-01", "2024-12", (t) => types.has(t)));
    expect(got.count).toBeLessThan(count(target, "2024-01", "2024-12"));
  });

  it("count only the chosen periods (a gap between them leaves its months out)", () => {
    const gap: Operation = {
      ...op,
      before: { start: "2024-01-01", end: "2024-03-31" },
      after: { start: "2024-10-01", end: "2024-12-31" },
    };
    const got = areaChoices(data, cols, gap, new Set(["Drugs"])).find((c) => c.value === target)!;
    const drugs = (t: string) => t === "Drugs";
    expect(got.count).toBe(
      count(target, "2024-01", "2024-03", drugs) + count(target, "2024-10", "2024-12", drugs),
    );
  });

  it("list the busiest first, and count the same from columns as from rows", () => {
    const fromRows = areaChoices(data, cols, op, new Set(["Drugs"]));
    for (let i = 1; i < fromRows.length; i++)
      expect(fromRows[i - 1].count).toBeGreaterThanOrEqual(fromRows[i].count);
    const columns = ColumnTable.ofRows(data);
    expect(areaChoices(columns, cols, op, new Set(["Drugs"]))).toEqual(fromRows);
  });

  it("offence-type counts follow the periods", () => {
    const gap: Operation = { ...op, after: { start: "2024-10-01", end: "2024-12-31" } };
    const drugs = offenceTypeChoices(data, cols, gap).find((c) => c.value === "Drugs")!;
    const independent = rows.filter(
      (r) => r[cols.offenceType] === "Drugs" && (r[cols.date] <= "2024-06" || r[cols.date] >= "2024-10"),
    ).length;
    expect(drugs.count).toBe(independent);
  });
});
