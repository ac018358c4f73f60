/**
 * HARM.MONTHLYCOUNTS (issue 11): counts by calendar month for the target,
 * buffer and control areas, from the core's single pass (monthlyCounts), with
 * the same row accounting and errors as HARM.PERIODCOUNTS. Checked against a
 * naive count of the real police.uk fixture (Gwent, 2024) and against
 * HARM.PERIODCOUNTS over the same rows.
 */
import { ExcelError } from "../../src/functions/excel";
import { monthlyCounts, periodCounts } from "../../src/functions/functions";
import { evaluateSpill } from "../support/hyperformulaPlugin";
import { loadPoliceUkRows, loadScenario } from "../support/policeUk";

const c = (x: unknown): unknown[][] => [[x]];
const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);
const none = null as never;

/** Excel's serial for the 1st of a month: days since 1899-12-30 (the 1900 system after February 1900). */
const serial = (y: number, m: number): number => (Date.UTC(y, m - 1, 1) - Date.UTC(1899, 11, 30)) / 86400000;

function expectError(v: unknown, code: string, message: RegExp): void {
  expect(v).toBeInstanceOf(ExcelError);
  expect((v as ExcelError).code).toBe(code);
  expect((v as ExcelError).message).toMatch(message);
}

describe("HARM.MONTHLYCOUNTS", () => {
  const dates = col("2024-01", "2024-01", "2024-03", 45300, "2024-03", "2024-04");
  const areas = col("A", "C", "A", "B", "X", "X");
  const types = col("Drugs", "Drugs", "Burglary", "Drugs", "Drugs", "Drugs");
  /** These rows with target A, buffer B, control C, from `first` to `last`. */
  const run = (
    first: unknown,
    last: unknown,
    offenceTypes?: unknown[][],
    filter?: unknown[][],
  ): unknown[][] =>
    monthlyCounts(
      dates,
      areas,
      c("A"),
      c("B"),
      c("C"),
      c(first),
      c(last),
      offenceTypes ?? none,
      filter ?? none,
    );

  it("gives a header, then the 1st of each month as a date serial and its counts", () => {
    const r = run("2024-01", "2024-04");
    expect(r).toEqual([
      ["Month", "Target", "Buffer", "Control"],
      [serial(2024, 1), 1, 1, 1], // 45300 is 2024-01-09, in the buffer
      [serial(2024, 2), "no data", "no data", "no data"],
      [serial(2024, 3), 1, 0, 0],
      // Only a row outside the areas (X) in April: no data for these areas, never 0.
      [serial(2024, 4), "no data", "no data", "no data"],
    ]);
    expect(r[1][0]).toBe(45292);
  });

  it("accepts the bounds as any date in the month, and a blank buffer", () => {
    const r = monthlyCounts(dates, areas, c("A"), c(""), c("C"), c(45300), c("2024-03-31"));
    expect(r.map((row) => row[0])).toEqual(["Month", 45292, 45323, 45352]);
    expect(r[1]).toEqual([45292, 1, 0, 1]);
  });

  it("counts only the offence types in the filter, a range or a list in one cell", () => {
    expect(run("2024-01", "2024-03", types, c("Drugs"))[3]).toEqual([45352, 0, 0, 0]);
    const both = run("2024-01", "2024-03", types, col("Drugs", "Burglary"));
    expect(run("2024-01", "2024-03", types, c(" Drugs, Burglary "))).toEqual(both);
    expect(both[3]).toEqual([45352, 1, 0, 0]);
  });

  it("refuses an unusable row, naming it, as HARM.PERIODCOUNTS does", () => {
    const r = monthlyCounts(
      col("2024-01", "next week", "2024-02", null),
      col("A", "A", "C", "A"),
      c("A"),
      c(""),
      c("C"),
      c("2024-01"),
      c("2024-02"),
    );
    expect(r).toHaveLength(1);
    expectError(
      r[0][0],
      "#VALUE!",
      /^row 2 \(date not recognised: 'next week'\) and 1 other row could not be used/,
    );
    // Rows with no area code belong to no area and change nothing.
    const blankArea = monthlyCounts(
      col("2024-01", "2024-02"),
      col("A", null),
      c("A"),
      c(""),
      c("C"),
      c("2024-01"),
      c("2024-02"),
    );
    expect(blankArea[2]).toEqual([45323, "no data", "no data", "no data"]);
  });

  it("first month after last, or more than 240 months, is #VALUE! with what to change", () => {
    expectError(
      run("2024-04", "2024-01")[0][0],
      "#VALUE!",
      /the first month \(2024-04\) is after the last month \(2024-01\); swap them/,
    );
    expectError(
      run("2000-01", "2024-12")[0][0],
      "#VALUE!",
      /300 months; monthly counts cover at most 240 months/,
    );
  });

  it("an offence filter needs the offence types, and must match some row", () => {
    expectError(
      run("2024-01", "2024-03", undefined, c("Drugs"))[0][0],
      "#VALUE!",
      /needs the offenceTypes column/,
    );
    expectError(
      run("2024-01", "2024-03", types, c("Drgus"))[0][0],
      "#VALUE!",
      /No row has an offence type in offenceFilter \(Drgus\)/,
    );
  });

  it("as a formula: the months typed in, the incident rows as ranges", () => {
    const data = [
      ["2024-01", "A"],
      ["2024-01", "C"],
      ["2024-03", "A"],
    ];
    const values = evaluateSpill('=HARM.MONTHLYCOUNTS(A1:A3,B1:B3,"A","B","C","2024-01","2024-03")', data);
    expect(values).toEqual([
      ["Month", "Target", "Buffer", "Control"],
      [45292, 1, 0, 1],
      [45323, "no data", "no data", "no data"],
      [45352, 1, 0, 0],
    ]);
  });
});

describe("HARM.MONTHLYCOUNTS over the police.uk fixture", () => {
  const { headers, rows } = loadPoliceUkRows();
  const scenario = loadScenario();
  const MONTH = headers.indexOf("Month");
  const LSOA = headers.indexOf("LSOA code");
  const asColumn = (i: number): unknown[][] => rows.map((r) => [r[i]]);
  const list = (codes: string[]): unknown[][] => codes.map((x) => [x]);
  // The first five arguments of both functions: incident columns and the area groups.
  const incidents = [
    asColumn(MONTH),
    asColumn(LSOA),
    list(scenario.targetAreas),
    list(scenario.bufferAreas),
    list(scenario.controlAreas),
  ] as const;
  const r = monthlyCounts(...incidents, c("2024-01"), c("2024-12"));

  it("agrees with a naive count, month by month", () => {
    const group = new Map<string, number>();
    scenario.targetAreas.forEach((a) => group.set(a, 1));
    scenario.bufferAreas.forEach((a) => group.set(a, 2));
    scenario.controlAreas.forEach((a) => group.set(a, 3));
    const expected = new Map<string, number[]>();
    for (const row of rows) {
      const g = group.get(row[LSOA]);
      if (g === undefined) continue;
      const counts = expected.get(row[MONTH]) ?? [0, 0, 0, 0];
      counts[g]++;
      expected.set(row[MONTH], counts);
    }
    expect(r).toHaveLength(13);
    for (let m = 1; m <= 12; m++) {
      const key = `2024-${String(m).padStart(2, "0")}`;
      expect(r[m]).toEqual([serial(2024, m), ...expected.get(key)!.slice(1)]);
    }
    expect(expected.get("2024-06")![1]).toBeGreaterThan(0);
  });

  it("sums to HARM.PERIODCOUNTS over the same before and after periods", () => {
    const periods = periodCounts(...incidents, c("2024-01"), c("2024-06"), c("2024-07"), c("2024-12"));
    const sum = (from: number, to: number, column: number): number =>
      r.slice(from, to + 1).reduce((s, row) => s + (row[column] as number), 0);
    expect([1, 2, 3].map((g) => [sum(1, 6, g), sum(7, 12, g)])).toEqual(periods);
  });
});
