import { blankOperation, type Operation } from "../../src/core/operation";
import { buildWorkbook, buildSheet } from "../../src/sheets/build";
import { isFormulaCell } from "../../src/sheets/model";
import { MemoryWorkbook } from "../../src/taskpane/port/memory";
import { PortError } from "../../src/taskpane/port/types";
import {
  HARM_TOTAL,
  evaluate,
  readHarmWeights,
  weightsFromTable,
  type ColumnMap,
} from "../../src/taskpane/evaluate/results";

const OP: Operation = {
  ...blankOperation(),
  name: "Op",
  before: { start: "2024-01-01", end: "2024-06-30" },
  after: { start: "2024-07-01", end: "2024-12-31" },
};
const COLS: ColumnMap = { date: 0, area: 1, offenceType: 2 };
const AREAS = { target: ["T"], buffer: ["B"], control: ["C"] };

// [month, area, type, how many]
const SPEC: [string, string, string, number][] = [
  ["2024-02", "T", "Burglary", 6],
  ["2024-08", "T", "Burglary", 2],
  ["2024-02", "T", "Drugs", 3],
  ["2024-08", "T", "Drugs", 5],
  ["2024-03", "B", "Burglary", 4],
  ["2024-09", "B", "Burglary", 4],
  ["2024-03", "B", "Drugs", 1],
  ["2024-09", "B", "Drugs", 2],
  ["2024-02", "C", "Burglary", 20],
  ["2024-08", "C", "Burglary", 18],
  ["2024-02", "C", "Drugs", 10],
  ["2024-08", "C", "Drugs", 12],
  ["2024-04", "T", "Shoplifting", 3],
];
const ROWS = SPEC.flatMap(([m, a, t, n]) => Array.from({ length: n }, () => [m, a, t]));
const count = (area: string, type: string, half: "before" | "after") =>
  SPEC.filter(([m, a, t]) => a === area && t === type && m < "2024-07" === (half === "before")).reduce(
    (s, x) => s + x[3],
    0,
  );

describe("harm-weighted totals in the evaluation", () => {
  const weights = new Map([
    ["Burglary", 10],
    ["Drugs", 2],
  ]);

  it("adds a harm-total row: Σ weight × count, and the harm-weighted WDD (not the WDD of the totals)", () => {
    const { results } = evaluate({ rows: ROWS, columns: COLS, areas: AREAS, operation: OP, weights });
    const harm = results.find((r) => r.measure === HARM_TOTAL)!;
    const total = (area: string, half: "before" | "after") =>
      10 * count(area, "Burglary", half) + 2 * count(area, "Drugs", half);
    expect(harm.target).toEqual({ before: total("T", "before"), after: total("T", "after") });
    expect(harm.buffer).toEqual({ before: total("B", "before"), after: total("B", "after") });
    expect(harm.control).toEqual({ before: total("C", "before"), after: total("C", "after") });

    // Independent: Σ w·WDD_k and Var Σ w²·Var_k (Wheeler & Ratcliffe 2018).
    let est = 0;
    let variance = 0;
    for (const [type, w] of weights) {
      const [t0, t1, b0, b1, c0, c1] = ["T", "B", "C"].flatMap((a) => [
        count(a, type, "before"),
        count(a, type, "after"),
      ]);
      est += w * (t1 - t0 - (c1 - c0) + (b1 - b0));
      variance += w * w * (t0 + t1 + c0 + c1 + b0 + b1);
    }
    expect(harm.harmWeighted?.wdd?.estimate).toBeCloseTo(est, 9);
    expect(harm.harmWeighted!.wdd!.upper - harm.harmWeighted!.wdd!.estimate).toBeCloseTo(
      1.959963985 * Math.sqrt(variance),
      6,
    );
    // The naive WDD of the totals would have a different interval: the point of storing it.
    const naiveVar = [harm.target, harm.buffer!, harm.control].reduce((s, p) => s + p.before + p.after, 0);
    expect(naiveVar).not.toBeCloseTo(variance, 0);
    expect(harm.note).toMatch(/Left out for want of a weight: Shoplifting/);
  });

  it("adds no harm-total row when every weight is 1 (the total would just repeat the count)", () => {
    const ones = new Map([
      ["Burglary", 1],
      ["Drugs", 1],
    ]);
    const { results } = evaluate({ rows: ROWS, columns: COLS, areas: AREAS, operation: OP, weights: ones });
    expect(results.some((r) => r.harmWeighted)).toBe(false);
  });

  it("writes the harm row's count-based statistics as n/a and its WDD as stored values, not formulas", () => {
    const { results } = evaluate({ rows: ROWS, columns: COLS, areas: AREAS, operation: OP, weights });
    const sheet = buildSheet("results", { operation: OP, results });
    const t = sheet.tables[0];
    const at = (measure: string, key: string) => {
      const row = t.rows.find((r) => r[0] === measure)!;
      return row[t.columns.findIndex((c) => c.key === key)];
    };
    const harm = results.find((r) => r.measure === HARM_TOTAL)!;
    expect(at(HARM_TOTAL, "z")).toBe("n/a");
    expect(at(HARM_TOTAL, "eTestP")).toBe("n/a");
    expect(at(HARM_TOTAL, "wdd")).toBeCloseTo(harm.harmWeighted!.wdd!.estimate, 9);
    expect(isFormulaCell(at(HARM_TOTAL, "wddLower"))).toBe(false);
    // Ratio measures stay live formulas, and plain-count rows keep every formula.
    expect(isFormulaCell(at(HARM_TOTAL, "change"))).toBe(true);
    expect(isFormulaCell(at(HARM_TOTAL, "wdq"))).toBe(true);
    expect(isFormulaCell(at("Drugs", "wdd"))).toBe(true);
  });
});

describe("reading the Operation sheet's harm weights", () => {
  it("reads the weights the analyst typed, and falls back to the operation's list without the sheet", async () => {
    const mem = new MemoryWorkbook();
    expect((await readHarmWeights(mem, OP)).get("Drugs")).toBe(1);
    const op = {
      ...OP,
      harmWeights: [
        { offenceType: "Drugs", weight: 7 },
        { offenceType: "Burglary", weight: 30 },
      ],
    };
    await mem.insertSheets(buildWorkbook({ operation: op, include: ["operation"] }), "rename");
    const w = await readHarmWeights(mem, OP);
    expect(w).toEqual(
      new Map([
        ["Drugs", 7],
        ["Burglary", 30],
      ]),
    );
  });

  it("refuses a weight that is not a number of 0 or more, naming its row; blank rows are skipped", () => {
    const headers = ["Offence type", "Weight", "Note"];
    expect(
      weightsFromTable({
        headers,
        rows: [
          ["Drugs", "3", ""],
          ["", "", ""],
        ],
      }),
    ).toEqual(new Map([["Drugs", 3]]));
    expect(() =>
      weightsFromTable({
        headers,
        rows: [
          ["Drugs", 2, ""],
          ["Robbery", "lots", ""],
        ],
      }),
    ).toThrow(/row 2 \(Robbery\): the weight must be a number of 0 or more; got 'lots'/);
    expect(() => weightsFromTable({ headers, rows: [["Robbery", -1, ""]] })).toThrow(PortError);
    expect(() => weightsFromTable({ headers: ["Type", "Note"], rows: [] })).toThrow(
      /lost its Offence type or Weight/,
    );
  });
});
