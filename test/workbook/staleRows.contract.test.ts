/**
 * Recounting with fewer offence types: Results rows the new count did not
 * write are marked as from an earlier count (in their "Months missing" cell,
 * which the verdict formula reads: "Not judged: …"), never deleted, never marked twice, and
 * cleared when the type is counted again. Rows the analyst typed are left
 * alone, and planUpsert without the option behaves as before. Both adapters
 * must leave the same workbook.
 */
import { buildSheet } from "../../src/sheets/build";
import { planUpsert, upsertRequest } from "../../src/sheets/plan/upsert";
import { evaluateAndWrite, STALE_MARK } from "../../src/app/evaluateIncidents";
import type { WorkbookPort } from "../../src/workbook/port";
import { operation } from "../support/operation";
import { memoryHarness, officeHarness, type Harness } from "./harness";
import type { ResultsRow } from "../../src/core/evaluation";

const incidents = {
  headers: ["Month", "LSOA code", "Crime type"],
  rows: [
    ["2024-01", "W01001685", "Drugs"],
    ["2024-02", "W01001685", "Burglary"],
    ["2024-08", "W01001685", "Drugs"],
    ["2024-03", "W01000001", "Drugs"],
    ["2024-09", "W01000001", "Drugs"],
    ["2024-10", "W01000001", "Burglary"],
    ["2024-05", "W01000001", "Robbery"],
  ],
};

const resultRow = (measure: string, t0: number, t1: number, note?: string): ResultsRow => ({
  measure,
  target: { before: t0, after: t1 },
  control: { before: 100, after: 98 },
  ...(note ? { note } : {}),
});

const count = (port: WorkbookPort, offenceTypes: string[], today = "2025-01-15") =>
  evaluateAndWrite(port, {
    data: incidents,
    columns: { date: 0, area: 1, offenceType: 2 },
    operation: operation(),
    restOfForce: false,
    offenceTypes,
    today,
  });

/** Measure → [Months missing, Note] for every filled row. */
async function rows(port: WorkbookPort): Promise<Record<string, [unknown, unknown]>> {
  const data = await port.readTable("HP_Results");
  const at = (h: string) => data.headers.indexOf(h);
  return Object.fromEntries(
    data.rows
      .filter((r) => r[at("Measure")] !== "" && r[at("Measure")] !== null)
      .map((r) => [String(r[at("Measure")]), [r[at("Months missing")], r[at("Note")]]]),
  );
}

/** An analyst's own row, typed below the table (the table grows over it, as in Excel). */
async function analystRow(port: WorkbookPort) {
  const model = buildSheet("results", {
    operation: operation(),
    results: [resultRow("Calls for service", 40, 31, "From the control room log")],
  });
  await port.change(upsertRequest("HP_Results"), (s) => planUpsert(s, model, "HP_Results"));
}

const scenario = async (h: Harness) => {
  const first = await count(h.port, []);
  await analystRow(h.port);
  const fewer = await count(h.port, ["Drugs"]);
  const again = await count(h.port, ["Drugs"], "2025-02-01");
  return { first: first.report, fewer: fewer.report, again: again.report, rows: await rows(h.port) };
};

describe("stale Results rows after a recount with fewer offence types", () => {
  it("are marked the same way on both adapters, once, and the analyst's row is left alone", async () => {
    const memory = memoryHarness();
    const office = officeHarness();
    const m = await scenario(memory);
    const o = await scenario(office);
    expect(m).toEqual(o);
    expect(memory.dump().cells.Results).toEqual(office.dump().cells.Results);

    expect(m.first.stale).toEqual([]);
    expect(m.fewer.stale).toEqual(["Burglary", "Robbery"]);
    const mark = `${STALE_MARK}, not in the count of 15/01/2025`;
    // The mark goes first; the months-missing words of that earlier count are kept after it.
    for (const t of ["Burglary", "Robbery"]) {
      expect(String(m.rows[t][0]).startsWith(`${mark}; `) || m.rows[t][0] === mark).toBe(true);
      expect(String(m.rows[t][0]).split(STALE_MARK).length).toBe(2);
    }
    // Still stale at the next recount, but marked once, with the date it was first left out.
    expect(m.again.stale).toEqual(["Burglary", "Robbery"]);
    expect(m.rows.Drugs[0]).not.toMatch(new RegExp(`^${STALE_MARK}`));
    expect(m.rows["Calls for service"]).toEqual(["", "From the control room log"]);
  });

  it("clears the mark when the type is counted again", async () => {
    for (const h of [memoryHarness(), officeHarness()]) {
      await count(h.port, []);
      await count(h.port, ["Drugs"]);
      expect((await rows(h.port)).Burglary[0]).toMatch(new RegExp(`^${STALE_MARK}`));
      await count(h.port, ["Drugs", "Burglary"]);
      expect((await rows(h.port)).Burglary[0]).not.toMatch(new RegExp(`^${STALE_MARK}`));
      expect((await rows(h.port)).Robbery[0]).toMatch(new RegExp(`^${STALE_MARK}`));
    }
  });

  it("planUpsert without the option leaves rows it does not write exactly as they were", async () => {
    for (const h of [memoryHarness(), officeHarness()]) {
      const model = (rs: ReturnType<typeof resultRow>[]) =>
        buildSheet("results", { operation: operation(), results: rs });
      const upsert = (rs: ReturnType<typeof resultRow>[]) =>
        h.port.change(upsertRequest("HP_Results"), (s) => planUpsert(s, model(rs), "HP_Results"));
      await upsert([resultRow("Drugs", 5, 3), resultRow("Burglary", 7, 8)]);
      const before = h.dump().cells.Results;
      const report = await upsert([resultRow("Drugs", 5, 3)]);
      expect(report).not.toHaveProperty("stale");
      expect(h.dump().cells.Results).toEqual(before);
    }
  });
});
