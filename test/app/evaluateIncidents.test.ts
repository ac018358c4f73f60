import { blankOperation, type Operation } from "../../src/core/operation";
import { HarmError } from "../../src/core/errors";
import { cellAddress } from "../../src/sheets/a1";
import type { Snapshot } from "../../src/sheets/plan/snapshot";
import { insertSheets } from "../../src/app/insertSheets";
import {
  HARM_WEIGHTS_TABLE,
  evaluateAndWrite,
  harmWeightsFrom,
  restOfForceControl,
} from "../../src/app/evaluateIncidents";
import { PortError } from "../../src/workbook/port";
import { memoryHarness } from "../workbook/harness";
import { operation } from "../support/operation";

const OP: Operation = {
  ...blankOperation(),
  name: "Op",
  before: { start: "2024-01-01", end: "2024-06-30" },
  after: { start: "2024-07-01", end: "2024-12-31" },
};

/** A snapshot holding only a harm weights table with these headers and rows. */
const weightsTable = (headers: string[], values: unknown[][]): Snapshot => ({
  sheets: ["Operation"],
  names: [],
  tables: [{ name: HARM_WEIGHTS_TABLE, sheet: "Operation" }],
  tableData: [
    {
      name: HARM_WEIGHTS_TABLE,
      sheet: "Operation",
      top: 0,
      left: 0,
      headers,
      values: values as Snapshot["tableData"][number]["values"],
      formulas: values as Snapshot["tableData"][number]["formulas"],
    },
  ],
  nameData: [],
  rangeData: [],
});

describe("reading the Operation sheet's harm weights", () => {
  const read = (h: ReturnType<typeof memoryHarness>) => h.port.read({ tables: [HARM_WEIGHTS_TABLE] });

  it("reads the weights the analyst typed, and falls back to the operation's list without the sheet", async () => {
    const h = memoryHarness();
    expect(harmWeightsFrom(await read(h), OP).get("Drugs")).toBe(1);
    const op = {
      ...OP,
      harmWeights: [
        { offenceType: "Drugs", weight: 7 },
        { offenceType: "Burglary", weight: 30 },
      ],
    };
    await insertSheets(h.port, op, ["operation"], "rename");
    // The table wins over the operation passed in: it is what the analyst sees and edits.
    expect(harmWeightsFrom(await read(h), OP)).toEqual(
      new Map([
        ["Drugs", 7],
        ["Burglary", 30],
      ]),
    );
    // An edit in the sheet, typed as text, is read as the number it shows.
    const t = (await read(h)).tableData[0];
    const weightCol = t.headers.indexOf("Weight");
    h.store.apply([
      { op: "write", sheet: t.sheet, range: cellAddress(t.top + 1, t.left + weightCol), cells: [["12.5"]] },
    ]);
    expect(harmWeightsFrom(await read(h), OP).get("Drugs")).toBe(12.5);
  });

  it("refuses a weight that is not a number of 0 or more, naming its row; blank rows are skipped", () => {
    const headers = ["Offence type", "Weight", "Note"];
    expect(
      harmWeightsFrom(
        weightsTable(headers, [
          ["Drugs", "3", ""],
          ["", "", ""],
        ]),
        OP,
      ),
    ).toEqual(new Map([["Drugs", 3]]));
    const bad = weightsTable(headers, [
      ["Drugs", 2, ""],
      ["Robbery", "lots", ""],
    ]);
    expect(() => harmWeightsFrom(bad, OP)).toThrow(HarmError);
    expect(() => harmWeightsFrom(bad, OP)).toThrow(
      "Harm weights table, row 2: the weight for 'Robbery' must be a number of 0 or more; got 'lots'.",
    );
    expect(() => harmWeightsFrom(weightsTable(headers, [["Robbery", -1, ""]]), OP)).toThrow(
      /must not be negative/,
    );
    expect(() => harmWeightsFrom(weightsTable(["Type", "Note"], []), OP)).toThrow(PortError);
    expect(() => harmWeightsFrom(weightsTable(["Type", "Note"], []), OP)).toThrow(
      /lost its Offence type or Weight/,
    );
  });

  it("stops an evaluation before anything is written when a weight is wrong", async () => {
    const h = memoryHarness();
    await insertSheets(h.port, operation(), ["operation"], "rename");
    const t = (await read(h)).tableData[0];
    h.store.apply([
      {
        op: "write",
        sheet: t.sheet,
        range: cellAddress(t.top + 1, t.left + t.headers.indexOf("Weight")),
        cells: [["lots"]],
      },
    ]);
    await expect(
      evaluateAndWrite(h.port, {
        data: { headers: ["Month", "LSOA code", "Crime type"], rows: [["2024-01", "W01001685", "Drugs"]] },
        columns: { date: 0, area: 1, offenceType: 2 },
        operation: operation(),
        restOfForce: false,
        offenceTypes: [],
      }),
    ).rejects.toThrow(/got 'lots'/);
    expect((await h.port.read()).sheets).toEqual(["Operation"]);
  });
});

describe("periods far beyond the data", () => {
  it("are refused before anything is written (9999-12-31 froze the pane)", async () => {
    const h = memoryHarness();
    const data = {
      headers: ["Month", "LSOA code"],
      rows: [
        ["2024-01", "W01001685"],
        ["2024-12", "W01000001"],
      ],
    };
    const request = (after: Operation["after"]) => ({
      data,
      columns: { date: 0, area: 1, offenceType: null },
      operation: { ...operation(), after },
      restOfForce: false,
      offenceTypes: [],
    });
    await expect(
      evaluateAndWrite(h.port, request({ start: "2024-07-01", end: "9999-12-31" })),
    ).rejects.toThrow("The after period's end (31/12/9999) is outside 1900–2100");
    await expect(
      evaluateAndWrite(h.port, request({ start: "2024-07-01", end: "2031-12-31" })),
    ).rejects.toThrow(
      "The after period (July 2024 to December 2031) reaches more than 12 months beyond the data",
    );
    expect((await h.port.read()).sheets).toEqual([]);
  });
});

describe("offence types named in another case", () => {
  const data = {
    headers: ["Month", "LSOA code", "Crime type"],
    rows: [
      ["2024-01", "W01001685", "Drugs"],
      ["2024-07", "W01001685", "Drugs"],
      ["2024-01", "W01000001", "Drugs"],
      ["2024-08", "W01000001", "Burglary"],
    ],
  };
  const request = (offenceTypes: string[]) => ({
    data,
    columns: { date: 0, area: 1, offenceType: 2 },
    operation: operation(),
    restOfForce: false,
    offenceTypes,
  });

  it("count as the data's own spelling", async () => {
    const outcome = await evaluateAndWrite(memoryHarness().port, request([" drugs"]));
    expect(outcome.evaluation.aggregate.rowsUsed).toBe(3);
  });

  it("are refused, with the types present, when they match nothing; nothing is written", async () => {
    const h = memoryHarness();
    await expect(evaluateAndWrite(h.port, request(["robbery"]))).rejects.toThrow(
      "No offence type in the data matches 'robbery'. The data hold: Burglary, Drugs.",
    );
    expect((await h.port.read()).sheets).toEqual([]);
  });
});

describe("restOfForceControl", () => {
  it("is every other area in the data, each once, however it was typed", () => {
    const op = { ...operation(), targetAreas: ["W01001685"], bufferAreas: ["w01 001601"] };
    expect(
      restOfForceControl(["W01000002", "w01001685", "W01001601", "", null, "w01 000002", "W01000003"], op),
    ).toEqual(["W01000002", "W01000003"]);
  });

  it("takes in no code that is not of the ONS form when the data are ONS-coded (a slip joined the control)", () => {
    const data = [...Array.from({ length: 20 }, (_, i) => `W0100${2000 + i}`), "W0100168", "W01-002000"];
    const control = restOfForceControl(data, operation());
    expect(control).toHaveLength(20);
    expect(control).not.toContain("W0100168");
  });
});
