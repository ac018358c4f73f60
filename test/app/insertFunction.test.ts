/**
 * Insert into active cell on a Results row: the HARM function takes that
 * row's cells (and the operation's period lengths), not the example's
 * numbers; anywhere else, the example as before. Run on both adapters: the
 * in-memory workbook and Office.js over the fake Excel context.
 */
import { insertFunction, type FunctionToInsert } from "../../src/app/insertFunction";
import { insertSheets } from "../../src/app/insertSheets";
import { buildSheet } from "../../src/sheets/build";
import { cellAddress } from "../../src/sheets/a1";
import { planUpsert, upsertRequest } from "../../src/sheets/plan/upsert";
import { FUNCTION_CATALOGUE } from "../../src/functions/catalogue";
import { METADATA } from "../../src/functions/metadata";
import type { HarmFunctionId } from "../../src/functions/catalogue";
import { operation } from "../support/operation";
import { memoryHarness, officeHarness, type Harness } from "../workbook/harness";
import type { ResultsRow } from "../../src/core/evaluation";

const resultRow = (measure: string, t0: number, t1: number): ResultsRow => ({
  measure,
  target: { before: t0, after: t1 },
  buffer: { before: 10, after: 9 },
  control: { before: 100, after: 98 },
});

const fn = (id: HarmFunctionId): FunctionToInsert => ({
  id,
  example: FUNCTION_CATALOGUE.find((f) => f.id === id)!.example,
  parameters: METADATA[id].parameters,
});

const ROW = (t: string) => `HP_Results[@[${t}]]`;
const COUNTS = [
  "Target before",
  "Target after",
  "Buffer before",
  "Buffer after",
  "Control before",
  "Control after",
];

describe.each([
  ["memory", () => memoryHarness()],
  ["office", () => officeHarness()],
])("Insert into active cell on the %s adapter", (_label, make) => {
  let h: Harness;
  /** The Results table's header row and columns (0-based), once written. */
  let at: { top: number; left: number; headers: string[]; rows: number };

  const setUp = async (sheets: ("operation" | "results")[]) => {
    h = make();
    await insertSheets(h.port, operation(), sheets, "update");
    const model = buildSheet("results", {
      operation: operation(),
      results: [resultRow("Drugs", 5, 3), resultRow("Burglary", 7, 8)],
    });
    await h.port.change(upsertRequest("HP_Results"), (s) => planUpsert(s, model, "HP_Results"));
    const snap = await h.port.read({ tables: ["HP_Results"] });
    const t = snap.tableData[0];
    at = { top: t.top, left: t.left, headers: t.headers.map(String), rows: t.values.length };
  };
  /** The address of row `i` (0-based data row) in column `col` (a header, or a number of columns past the table). */
  const cellOf = (i: number, col: string | number) =>
    cellAddress(
      at.top + 1 + i,
      typeof col === "number" ? at.left + at.headers.length + col : at.left + at.headers.indexOf(col),
    );
  const insertAt = async (address: string, id: HarmFunctionId) => {
    h.select("Results", address);
    return insertFunction(h.port, fn(id));
  };

  it("beside a Results row: the row's cells, by the table's name", async () => {
    await setUp(["operation", "results"]);
    const where = cellOf(1, 1);
    const done = await insertAt(where, "HARM.WDQ");
    const formula = `=HARM.WDQ(${COUNTS.map(ROW).join(",")})`;
    expect(done).toEqual({ where: `Results!${where}`, formula });
    expect(h.cell("Results", where)).toBe(formula);
    // One area's change takes the target's counts and the operation's period lengths.
    const change = await insertAt(cellOf(0, 2), "HARM.CHANGE");
    expect(change.formula).toBe(
      `=HARM.CHANGE(${ROW("Target before")},${ROW("Target after")},HP_BeforeLength,HP_AfterLength)`,
    );
    // Optional arguments the row cannot give are left blank before ones it can.
    const wdd = await insertAt(cellOf(0, 3), "HARM.WDD");
    const [t0, t1, b0, b1, c0, c1] = COUNTS.map(ROW);
    expect(wdd.formula).toBe(
      `=HARM.WDD(${[t0, t1, c0, c1, b0, b1].join(",")},,,,HP_BeforeLength,HP_AfterLength)`,
    );
  });

  it("inside the table (an empty Note cell): this row's cells, [@[…]]", async () => {
    await setUp(["operation", "results"]);
    const note = cellOf(0, "Note");
    expect(h.cell("Results", note)).toBe("");
    const done = await insertAt(note, "HARM.NETEFFECT");
    expect(done.formula).toBe(`=HARM.NETEFFECT(${COUNTS.map((c) => `[@[${c}]]`).join(",")})`);
  });

  it("without an Operation sheet: no period lengths to refer to", async () => {
    await setUp(["results"]);
    const done = await insertAt(cellOf(0, 1), "HARM.POISSONZ");
    expect(done.formula).toBe(`=HARM.POISSONZ(${ROW("Target before")},${ROW("Target after")})`);
  });

  it("elsewhere, or for a function the row cannot feed: the worked example, as before", async () => {
    await setUp(["operation", "results"]);
    // The header row, a row below the table, another sheet.
    const header = cellAddress(at.top, at.left + at.headers.length + 1);
    expect((await insertAt(header, "HARM.WDQ")).formula).toBe(fn("HARM.WDQ").example);
    const below = cellAddress(at.top + at.rows + 3, at.left + at.headers.length + 1);
    expect((await insertAt(below, "HARM.WDQ")).formula).toBe(fn("HARM.WDQ").example);
    h.seedSheet("Notes");
    h.select("Notes", cellOf(0, 1));
    expect((await insertFunction(h.port, fn("HARM.WDQ"))).formula).toBe(fn("HARM.WDQ").example);
    // A Results row, but functions whose required arguments are not on it.
    expect((await insertAt(cellOf(0, 1), "HARM.PRIORITY")).formula).toBe(fn("HARM.PRIORITY").example);
    expect((await insertAt(cellOf(0, 2), "HARM.POISSONCI")).formula).toBe(fn("HARM.POISSONCI").example);
    // And never over a cell that holds something.
    await expect(insertAt(cellOf(0, 1), "HARM.WDQ")).rejects.toThrow(/not empty/);
  });
});
