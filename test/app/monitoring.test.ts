/**
 * The Monitoring sheet from incident data (issue 11): the README scenario on
 * the police.uk fixture (Gwent, 2024-01 to 2024-12) counted month by month
 * by hand from the CSV rows, against the counted months, the sheet's cached
 * values and the in-memory workbook after the Evaluate step; months the data
 * do not cover; what is kept on a recount; and bad month ranges.
 */
import { evaluateAndWrite } from "../../src/app/evaluateIncidents";
import { insertSheets } from "../../src/app/insertSheets";
import { mergeMonths, monitoringMonths, monitoringSummary } from "../../src/app/monitoring";
import { blankOperation, type Operation } from "../../src/core/operation";
import { buildSheet } from "../../src/sheets/build";
import { isFormulaCell } from "../../src/sheets/model";
import { PortError } from "../../src/sheets/plan/errors";
import { MONITORING_TABLE, monthSerial } from "../../src/sheets/specs/monitoring";
import { POLICE_UK_MONTHS, loadPoliceUkRows, loadScenario, scenarioOperation } from "../support/policeUk";
import { memoryHarness } from "../workbook/harness";

const COLUMNS = { date: 1, area: 7, offenceType: 9, id: 0 };
const scenario = loadScenario();
const OPERATION = scenarioOperation("README scenario");

/** By hand: every CSV row with an area, by month and area set, repeated Crime IDs once among counted rows. */
function handCount(types?: string[]) {
  const { rows } = loadPoliceUkRows();
  const target = new Set(scenario.targetAreas);
  const buffer = new Set(scenario.bufferAreas);
  const control = new Set(scenario.controlAreas);
  const out = new Map(POLICE_UK_MONTHS.map((m) => [m, { target: 0, buffer: 0, control: 0 }]));
  const seen = new Set<string>();
  for (const r of rows) {
    const area = r[7].trim();
    const set = target.has(area)
      ? "target"
      : buffer.has(area)
        ? "buffer"
        : control.has(area)
          ? "control"
          : null;
    if (!set || (types && !types.includes(r[9]))) continue;
    if (r[0] !== "") {
      if (seen.has(r[0])) continue;
      seen.add(r[0]);
    }
    out.get(r[1])![set]++;
  }
  return POLICE_UK_MONTHS.map((month) => ({ month, ...out.get(month)! }));
}

async function evaluated(operation = OPERATION, offenceTypes: string[] = []) {
  const h = memoryHarness();
  await insertSheets(h.port, operation, ["operation", "results"], "update");
  const outcome = await evaluateAndWrite(h.port, {
    data: loadPoliceUkRows(),
    columns: COLUMNS,
    operation,
    restOfForce: false,
    offenceTypes,
  });
  const data = await h.port.readTable(MONITORING_TABLE);
  const col = (header: string) => data.headers.indexOf(header);
  const rows = data.rows.filter((r) => typeof r[col("Month")] === "number");
  return { h, outcome, rows, at: (r: unknown[], header: string) => r[col(header)] };
}

describe("Monitoring from the police.uk fixture (README scenario)", () => {
  const hand = handCount();

  it("counts each month as an independent count of the CSV rows does", () => {
    const months = monitoringMonths({
      data: loadPoliceUkRows(),
      columns: COLUMNS,
      operation: OPERATION,
      controlAreas: OPERATION.controlAreas,
      offenceTypes: [],
    });
    // The data start in January 2024, the baseline's first month: no earlier history to add.
    expect(months.map((m) => m.month)).toEqual(POLICE_UK_MONTHS);
    expect(months.map(({ month, target, buffer, control }) => ({ month, target, buffer, control }))).toEqual(
      hand,
    );
    expect(hand.reduce((s, m) => s + m.target, 0)).toBeGreaterThan(100);
  });

  it("writes the same counts to the Monitoring sheet, and the cached net effect so far from them", async () => {
    const { rows, at, outcome } = await evaluated();
    expect(outcome.monitoring).toMatchObject({
      sheet: "Monitoring",
      createdSheet: true,
      history: 0,
      noData: [],
    });
    expect(rows.map((r) => [at(r, "Month"), at(r, "Target"), at(r, "Buffer"), at(r, "Control")])).toEqual(
      hand.map((m) => [monthSerial(m.month), m.target, m.buffer, m.control]),
    );
    // Independently: T0, B0, C0 over January to June, then month by month from July.
    const sum = (list: typeof hand, key: "target" | "buffer" | "control") =>
      list.reduce((s, m) => s + m[key], 0);
    const before = hand.slice(0, 6);
    const [t0, b0, c0] = [sum(before, "target"), sum(before, "buffer"), sum(before, "control")];
    hand.slice(6).forEach((_, k) => {
      const sofar = hand.slice(6, 7 + k);
      const [t1, b1, c1] = [sum(sofar, "target"), sum(sofar, "buffer"), sum(sofar, "control")];
      const row = rows[6 + k];
      expect(at(row, "Period")).toBe("after");
      expect(at(row, "Target so far")).toBe(t1);
      expect(at(row, "Net effect so far") as number).toBeCloseTo(
        t0 * (c1 / c0) - t1 + (b0 * (c1 / c0) - b1),
        9,
      );
    });
    // The expected range from the six baseline months (Wheeler's limits at z = 3), widened by the
    // headline measure's dispersion from the data.
    const mean = sum(before, "target") / 6;
    const D = outcome.evaluation.results[outcome.evaluation.headline].context!.dispersion.value;
    expect(at(rows[0], "Expected high") as number).toBeCloseTo(
      (Math.sqrt(mean) + 1.5 * Math.sqrt(D * (7 / 6))) ** 2,
      9,
    );
  });

  it("the Monitoring sheet built from the counted months caches the hand counts", () => {
    const model = buildSheet("monitoring", {
      operation: OPERATION,
      monitoring: hand.map((m) => ({ ...m })),
    });
    const t = model.tables[0];
    const j = (key: string) => t.columns.findIndex((c) => c.key === key);
    const cached = (i: number, key: string) => {
      const v = t.rows[i][j(key)];
      return isFormulaCell(v) ? v.value : v;
    };
    expect(t.rows.map((_, i) => cached(i, "target"))).toEqual(hand.map((m) => m.target));
    expect(cached(11, "tSoFar")).toBe(hand.slice(6).reduce((s, m) => s + m.target, 0));
  });

  it("marks months the data do not cover as no data, never 0", async () => {
    const longer = { ...OPERATION, after: { start: "2024-07-01", end: "2025-02-28" } };
    const { rows, at, outcome } = await evaluated(longer);
    expect(outcome.monitoring.noData).toEqual(["2025-01", "2025-02"]);
    expect(monitoringSummary(outcome.monitoring)).toBe(
      "Created the Monitoring sheet: 14 months. 2 without data, left blank: 2025-01, 2025-02.",
    );
    const jan = rows.find((r) => at(r, "Month") === monthSerial("2025-01"))!;
    expect([at(jan, "Target"), at(jan, "Control"), at(jan, "Outside range?")]).toEqual(["", "", "no data"]);
    expect(at(jan, "Net effect so far")).toBe("#N/A");
  });

  it("on a recount keeps counts typed for months without data and the analyst's notes", async () => {
    const longer = { ...OPERATION, after: { start: "2024-07-01", end: "2025-01-31" } };
    const { h, rows, at } = await evaluated(longer);
    const data = await h.port.readTable(MONITORING_TABLE);
    const snap = await h.port.read({ tables: [MONITORING_TABLE] });
    const t = snap.tableData[0];
    const cell = (i: number, header: string) => ({
      top: t.top + 1 + i,
      left: t.left + data.headers.indexOf(header),
    });
    const janRow = rows.findIndex((r) => at(r, "Month") === monthSerial("2025-01"));
    const write = (i: number, header: string, v: string | number) => {
      const c = cell(i, header);
      h.store.apply([
        {
          op: "write",
          sheet: t.sheet,
          range: `${String.fromCharCode(65 + c.left)}${c.top + 1}`,
          cells: [[v]],
        },
      ]);
    };
    write(janRow, "Target", 17);
    write(janRow, "Buffer", 40);
    write(janRow, "Control", 900);
    write(0, "Note", "Data checked");
    await evaluateAndWrite(h.port, {
      data: loadPoliceUkRows(),
      columns: COLUMNS,
      operation: longer,
      restOfForce: false,
      offenceTypes: [],
    });
    const again = await h.port.readTable(MONITORING_TABLE);
    const col = (header: string) => again.headers.indexOf(header);
    expect(again.rows[janRow][col("Target")]).toBe(17);
    expect(again.rows[janRow][col("Control")]).toBe(900);
    expect(again.rows[0][col("Note")]).toBe("Data checked");
    expect(again.rows[0][col("Target")]).toBe(hand[0].target);
    expect(again.rows.filter((r) => typeof r[col("Month")] === "number")).toHaveLength(13);
  });

  it("merges: counted months win, typed counts stay where the data have none, other typed months are kept", () => {
    const counted = [
      { month: "2024-01", target: 3, buffer: null, control: 9 },
      { month: "2024-02", target: null, buffer: null, control: null },
    ];
    const onSheet = new Map([
      ["2024-01", { month: "2024-01", target: 1, buffer: null, control: 1 }],
      ["2024-02", { month: "2024-02", target: 5, buffer: null, control: 6 }],
      ["2023-12", { month: "2023-12", target: 7, buffer: null, control: 8 }],
    ]);
    expect(mergeMonths(counted, onSheet).map((m) => [m.month, m.target])).toEqual([
      ["2023-12", 7],
      ["2024-01", 3],
      ["2024-02", 5],
    ]);
  });
});

describe("Monitoring: bad month ranges", () => {
  const request = (operation: Operation) => ({
    data: { headers: ["Month", "Area"], rows: [["2024-01", "T1"]] },
    columns: { date: 0, area: 1, offenceType: null },
    operation,
    controlAreas: ["C1"],
    offenceTypes: [],
  });
  const op = (before: [string, string], after: [string, string]): Operation => ({
    ...blankOperation(),
    name: "Bad",
    targetAreas: ["T1"],
    before: { start: before[0], end: before[1] },
    after: { start: after[0], end: after[1] },
  });

  it("refuses more than 240 months with the core's message", () => {
    const long = op(["2000-01-01", "2010-12-31"], ["2011-01-01", "2024-12-31"]);
    expect(() => monitoringMonths(request(long))).toThrow(PortError);
    expect(() => monitoringMonths(request(long))).toThrow(
      /2000-01 to 2024-12 is 300 months; monthly counts cover at most 240 months \(20 years\)/,
    );
  });

  it("refuses periods out of order, and keeps history within the 240-month limit", () => {
    expect(() =>
      monitoringMonths(request(op(["2024-07-01", "2024-12-31"], ["2024-01-01", "2024-06-30"]))),
    ).toThrow(/Enter the before and after periods, in order/);
    // 235 months of operation leave room for 5 months of history (from 2004-08), not 12;
    // history starts at the first month with data.
    const months = monitoringMonths({
      ...request(op(["2005-01-01", "2014-12-31"], ["2015-01-01", "2024-07-31"])),
      data: {
        headers: ["Month", "Area"],
        rows: [
          ["2004-03", "T1"],
          ["2004-09", "T1"],
        ],
      },
    });
    expect(months[0]).toEqual({ month: "2004-09", target: 1, buffer: null, control: 0 });
    expect(months).toHaveLength(239);
  });
});
