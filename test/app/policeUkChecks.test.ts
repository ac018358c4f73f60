/**
 * The evaluation on real police.uk data (Gwent 2024, test/fixtures/police-uk)
 * under the ordinary conditions that used to mislead: periods of different
 * length, a control about 40 times the target, and the same month loaded twice.
 * Each figure is checked against an independent count of the CSV rows.
 */
import { evaluateAndWrite } from "../../src/app/evaluateIncidents";
import { insertSheets } from "../../src/app/insertSheets";
import { ALL_SELECTED } from "../../src/core/evaluation";
import { blankOperation, type Operation } from "../../src/core/operation";
import { readCsvFiles } from "../../src/taskpane/evaluate/csvImport";
import { loadPoliceUkRows, readPoliceUkText } from "../support/policeUk";
import { memoryHarness } from "../workbook/harness";

const TARGET = "W01001685";
const COLUMNS = { date: 1, area: 7, offenceType: 9, id: 0 };

const op = (after: { start: string; end: string }): Operation => ({
  ...blankOperation(),
  name: "Real data",
  targetAreas: [TARGET],
  before: { start: "2024-01-01", end: "2024-06-30" },
  after,
});

/** Independent count: rows with an area, in a month range, target vs every other area, repeated Crime IDs once. */
function count(months: { before: [string, string]; after: [string, string] }) {
  const { rows } = loadPoliceUkRows();
  const seen = new Set<string>();
  const out = { target: { before: 0, after: 0 }, control: { before: 0, after: 0 } };
  for (const r of rows) {
    const area = r[7].trim();
    if (area === "") continue;
    const m = r[1];
    const period =
      m >= months.before[0] && m <= months.before[1]
        ? "before"
        : m >= months.after[0] && m <= months.after[1]
          ? "after"
          : null;
    if (!period) continue;
    const id = r[0].trim();
    if (id !== "" && seen.has(id)) continue;
    if (id !== "") seen.add(id);
    out[area === TARGET ? "target" : "control"][period]++;
  }
  return out;
}

async function evaluate(operation: Operation) {
  const h = memoryHarness();
  await insertSheets(h.port, operation, ["operation", "results"], "update");
  const outcome = await evaluateAndWrite(h.port, {
    data: loadPoliceUkRows(),
    columns: COLUMNS,
    operation,
    restOfForce: true,
    offenceTypes: [],
  });
  const data = await h.port.readTable("HP_Results");
  const row = data.rows.find((r) => r[0] === ALL_SELECTED)!;
  const at = (header: string) => row[data.headers.indexOf(header)];
  return { outcome, at };
}

describe("real police.uk data: unequal periods", () => {
  const operation = op({ start: "2024-07-01", end: "2024-10-31" });
  const expected = count({ before: ["2024-01", "2024-06"], after: ["2024-07", "2024-10"] });

  it("compares rates over equal time (6 months before, 4 after) and says so", async () => {
    const { at } = await evaluate(operation);
    expect([at("Target before"), at("Target after")]).toEqual([
      expected.target.before,
      expected.target.after,
    ]);
    const rateChange = expected.target.after / 4 / (expected.target.before / 6) - 1;
    expect(at("Change %")).toBeCloseTo(rateChange, 12);
    // The raw counts fall simply because the after period is shorter; the rate does not.
    expect(expected.target.after).toBeLessThan(expected.target.before);
    expect(rateChange).toBeGreaterThan(-0.2);
    expect(at("Checks")).toMatch(/Periods differ \(6 vs 4 months\): rates compared over equal time/);
    const r = 4 / 6;
    const z =
      2 * (Math.sqrt(expected.target.after) - Math.sqrt(r * expected.target.before)) * Math.sqrt(2 / (1 + r));
    expect(at("Poisson Z")).toBeCloseTo(z, 12);
  });
});

describe("real police.uk data: a control about 40 times the target", () => {
  const operation = op({ start: "2024-07-01", end: "2024-12-31" });
  const expected = count({ before: ["2024-01", "2024-06"], after: ["2024-07", "2024-12"] });

  it("refuses the unweighted WDD, scales the control's trend to the target, and says why", async () => {
    const ratio = expected.control.before / expected.target.before;
    expect(ratio).toBeGreaterThan(35);
    expect(ratio).toBeLessThan(45);
    const { at, outcome } = await evaluate(operation);
    expect(at("WDD")).toBe("n/a");
    expect(at("Checks")).toMatch(
      new RegExp(`^Control is ${Math.round(ratio)} times the target's size: the WDD is not shown`),
    );
    const trend = expected.control.after / expected.control.before;
    const netEffect = expected.target.before * trend - expected.target.after;
    expect(at("Net effect")).toBeCloseTo(netEffect, 9);
    // The headline's sign agrees with the relative effect size.
    expect(Math.sign(netEffect)).toBe(Math.sign((at("RES") as number) - 1));
    expect(outcome.headline?.verdict).toBe(at("Verdict"));
  });
});

describe("real police.uk data: the same month loaded twice", () => {
  const file = (name: string, text: string) => {
    const blob = new Blob([text]);
    return { name, size: blob.size, slice: (a: number, b: number) => blob.slice(a, b) };
  };

  it("is refused by name instead of being counted twice", async () => {
    const may = readPoliceUkText("2024-05");
    await expect(
      readCsvFiles([file("2024-05-gwent-street.csv", may), file("2024-05-gwent-street (1).csv", may)]),
    ).rejects.toThrow("2024-05-gwent-street (1).csv is identical to 2024-05-gwent-street.csv");
  });

  it("names the month that is missing from a period instead of judging it", async () => {
    const operation = op({ start: "2024-07-01", end: "2024-12-31" });
    const h = memoryHarness();
    await insertSheets(h.port, operation, ["operation", "results"], "update");
    // Drop every row of September 2024, as if that file had not been downloaded.
    const all = loadPoliceUkRows();
    const data = { headers: all.headers, rows: all.rows.filter((r) => r[1] !== "2024-09") };
    await evaluateAndWrite(h.port, {
      data,
      columns: COLUMNS,
      operation,
      restOfForce: true,
      offenceTypes: [],
    });
    const table = await h.port.readTable("HP_Results");
    const row = table.rows.find((r) => r[0] === ALL_SELECTED)!;
    expect(row[table.headers.indexOf("Months missing")]).toBe(
      "1 month missing in the after period (2024-09)",
    );
    expect(row[table.headers.indexOf("Verdict")]).toBe(
      "Not judged: 1 month missing in the after period (2024-09)",
    );
  });
});
