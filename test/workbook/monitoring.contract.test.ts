/**
 * The workbook contract for the Monitoring sheet and the Planning block
 * (issue 11): the Evaluate step, run on the in-memory workbook and on the
 * Office.js adapter (fake Excel), leaves the same cells, tables and names,
 * and draws the same line charts; a recount keeps what the analyst typed.
 */
import { evaluateAndWrite, type EvaluateRequest } from "../../src/app/evaluateIncidents";
import { insertSheets } from "../../src/app/insertSheets";
import type { Operation } from "../../src/core/operation";
import { MONITORING_TABLE } from "../../src/sheets/specs/monitoring";
import { PLANNING_NAMES } from "../../src/sheets/specs/planning";
import { operation } from "../support/operation";
import { memoryHarness, officeHarness, type Harness } from "./harness";

/** Police.uk-shaped rows: two of every month in the target, more in the buffer and the control. */
const MONTHS = [
  "2023-11",
  "2023-12",
  ...Array.from({ length: 10 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`),
];
const rows = MONTHS.flatMap((m, i) => [
  [m, "W01001685", "Drugs"],
  [m, "W01001685", i % 2 ? "Burglary" : "Drugs"],
  ...Array.from({ length: 3 + (i % 4) }, () => [m, "W01001601", "Drugs"]),
  ...Array.from({ length: 20 + i }, () => [m, "W01000001", "Drugs"]),
]);

const request = (op: Operation): EvaluateRequest => ({
  data: { headers: ["Month", "LSOA code", "Crime type"], rows },
  columns: { date: 0, area: 1, offenceType: 2 },
  operation: op,
  restOfForce: false,
  offenceTypes: [],
});

/** Writes one cell as the analyst would type it, on either adapter. */
async function type(h: Harness, header: string, month: number, value: string | number) {
  const snap = await h.port.read({ tables: [MONITORING_TABLE] });
  const t = snap.tableData[0];
  const i = t.values.findIndex((r) => r[0] === month);
  const j = t.headers.indexOf(header);
  await h.port.change({}, () => ({
    ops: [
      {
        op: "write",
        sheet: t.sheet,
        range: `${String.fromCharCode(65 + t.left + j)}${t.top + 2 + i}`,
        cells: [[value]],
      },
    ],
    result: null,
  }));
}

const scenarios: { name: string; run: (h: Harness) => Promise<unknown> }[] = [
  {
    name: "insert the sheets, evaluate (Monitoring and Planning written), type into a month without data, recount",
    run: async (h) => {
      // The after period runs past the data: November and December 2024 have none.
      const op = { ...operation(), after: { start: "2024-07-01", end: "2024-12-31" } };
      await insertSheets(h.port, op, ["operation", "monitoring", "results", "summary"], "update");
      const first = await evaluateAndWrite(h.port, request(op));
      const november = 45597; // 1 November 2024
      await type(h, "Target", november, 4);
      await type(h, "Control", november, 30);
      await type(h, "Buffer", november, 5);
      await type(h, "Note", november, "Typed from the force's own system");
      const again = await evaluateAndWrite(h.port, request(op));
      return [first.monitoring, first.planning, again.monitoring];
    },
  },
  {
    name: "evaluate into a workbook with no Monitoring sheet: it is created with its charts",
    run: async (h) => (await evaluateAndWrite(h.port, request(operation()))).monitoring,
  },
];

describe("Monitoring contract: the same workbook on both adapters", () => {
  it.each(scenarios.map((s) => [s.name, s] as const))("%s", async (_name, s) => {
    const memory = memoryHarness();
    const office = officeHarness();
    expect(await s.run(memory)).toEqual(await s.run(office));
    const dm = memory.dump();
    const dx = office.dump();
    expect(dm.sheets).toEqual(dx.sheets);
    expect(dm.tables).toEqual(dx.tables);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(dm.names.sort(byName)).toEqual(dx.names.sort(byName));
    for (const sheet of dm.sheets) expect([sheet, dm.cells[sheet]]).toEqual([sheet, dx.cells[sheet]]);
    expect(dm.sheets).toContain("Monitoring");
    // The line charts: the same series, types and ranges in the preview and through Office.js.
    const memoryCharts = memory.store.sheet("Monitoring")!.charts;
    const officeCharts = office.fake.sheet("Monitoring").charts;
    expect(memoryCharts.map((c) => c.title)).toEqual(officeCharts.map((c) => c.title));
    memoryCharts.forEach((c, k) => {
      const kinds = { line: "Line", area: "AreaStacked", column: "ColumnClustered" };
      expect(officeCharts[k].series!.map((x) => [x.name, x.values, x.categories, x.chartType])).toEqual(
        c.series!.map((x) => [x.name, x.values, c.categories, kinds[x.kind]]),
      );
      expect(officeCharts[k]).toMatchObject({ from: c.anchor.from, to: c.anchor.to, title: c.title });
    });
    // The band's hidden base: no fill, no line, and out of the legend.
    expect(officeCharts[0].series![0]).toMatchObject({ fill: "none", lineStyle: "None", inLegend: false });
  });

  it("keeps the counts and note typed for a month the data do not cover", async () => {
    const h = memoryHarness();
    await scenarios[0].run(h);
    const data = await h.port.readTable(MONITORING_TABLE);
    const col = (name: string) => data.headers.indexOf(name);
    const november = data.rows.find((r) => r[col("Month")] === 45597)!;
    expect([november[col("Target")], november[col("Control")], november[col("Note")]]).toEqual([
      4,
      30,
      "Typed from the force's own system",
    ]);
    const december = data.rows.find((r) => r[col("Month")] === 45627)!;
    expect(december[col("Outside range?")]).toBe("no data");
    const snap = await h.port.read({ names: [PLANNING_NAMES.targetBefore] });
    // January to June 2024: two target rows a month.
    expect(snap.nameData[0].values[0][0]).toBe(12);
  });
});
