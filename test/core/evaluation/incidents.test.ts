import { blankOperation, periodSerials, type Operation } from "../../../src/core/operation";
import {
  ALL_SELECTED,
  HARM_TOTAL,
  columnsOf,
  evaluateIncidents as evaluateColumns,
  harmTotalRow,
  type ColumnMap,
} from "../../../src/core/evaluation";
import { rowFigures } from "../../../src/core/evaluation/figures";
import { buildSheet } from "../../../src/sheets/build";
import { isFormulaCell } from "../../../src/sheets/model";
import { operation } from "../../support/operation";

type Input = Parameters<typeof evaluateColumns>[0];
/** The evaluation over row-shaped data (a table or parsed CSV), as the task pane and the CLI call it. */
const evaluateIncidents = ({
  rows,
  columns,
  ...rest
}: Omit<Input, "incidents"> & { rows: unknown[][]; columns: ColumnMap }) =>
  evaluateColumns({ incidents: columnsOf(rows, columns), ...rest });

describe("evaluateIncidents", () => {
  const periods = periodSerials(operation());
  const rows = [
    ["2024-01", "T1", "Drugs"],
    ["2024-02", "T1", "Burglary"],
    ["2024-08", "T1", "Drugs"],
    ["2024-03", "B1", "Drugs"],
    ["2024-09", "C1", "Drugs"],
    ["2024-09", "C1", "Drugs"],
    ["2024-02", "", "Drugs"],
    ["2025-03", "C1", "Drugs"],
    ["2024-05", "X9", "Drugs"],
  ];
  const areas = { target: ["T1"], buffer: ["B1"], control: ["C1"] };

  it("counts every selected row once and lists the unusable ones", () => {
    const { aggregate, results } = evaluateIncidents({
      rows,
      columns: { date: 0, area: 1, offenceType: 2 },
      areas,
      periods,
    });
    expect(results[0]).toMatchObject({
      measure: ALL_SELECTED,
      target: { before: 2, after: 1 },
      buffer: { before: 1, after: 0 },
      control: { before: 0, after: 2 },
    });
    expect(results.map((r) => r.measure)).toEqual([ALL_SELECTED, "Burglary", "Drugs"]);
    expect(aggregate.rejectedCount).toBe(1);
    expect(aggregate.rowsOutsideAreas).toBe(1);
    expect(aggregate.rowsOutsidePeriods).toBe(1);
    expect(results[0].note).toBe("Counted from 6 incident rows.");
  });

  it("filters offence types, leaves out the buffer when there is none, and says how the control was chosen", () => {
    const { results } = evaluateIncidents({
      rows,
      columns: { date: 0, area: 1, offenceType: 2 },
      areas: { ...areas, buffer: [] },
      periods,
      offenceTypes: ["Drugs"],
      controlNote: "1 chosen area",
    });
    expect(results[0]).toMatchObject({ target: { before: 1, after: 1 }, control: { before: 0, after: 2 } });
    expect(results[0].buffer).toBeUndefined();
    expect(results.map((r) => r.measure)).toEqual([ALL_SELECTED, "Drugs"]);
    expect(results[0].note).toBe("Counted from 4 incident rows; control: 1 chosen area.");
  });

  it("gives one row only when there is no offence-type column", () => {
    const { results } = evaluateIncidents({
      rows,
      columns: { date: 0, area: 1, offenceType: null },
      areas,
      periods,
    });
    expect(results.map((r) => r.measure)).toEqual([ALL_SELECTED]);
    expect(results[0].target).toEqual({ before: 2, after: 1 });
  });

  it("cannot start without both periods: the operation's periods are asked for first", () => {
    const op = { ...operation(), after: { start: "", end: "" } };
    expect(() =>
      evaluateIncidents({
        rows,
        columns: { date: 0, area: 1, offenceType: null },
        areas,
        periods: periodSerials(op),
      }),
    ).toThrow(/before and after periods/);
  });
});

describe("harm-weighted totals in the evaluation", () => {
  const OP: Operation = {
    ...blankOperation(),
    name: "Op",
    before: { start: "2024-01-01", end: "2024-06-30" },
    after: { start: "2024-07-01", end: "2024-12-31" },
  };
  const COLS: ColumnMap = { date: 0, area: 1, offenceType: 2 };
  const AREAS = { target: ["T"], buffer: ["B"], control: ["C"] };
  // [month, area, type, how many]; target and control baselines within a factor of 2 for each weighted type,
  // so each type's WDD is reported.
  const SPEC: [string, string, string, number][] = [
    ["2024-02", "T", "Burglary", 6],
    ["2024-08", "T", "Burglary", 2],
    ["2024-02", "T", "Drugs", 3],
    ["2024-08", "T", "Drugs", 5],
    ["2024-03", "B", "Burglary", 4],
    ["2024-09", "B", "Burglary", 4],
    ["2024-03", "B", "Drugs", 1],
    ["2024-09", "B", "Drugs", 2],
    ["2024-02", "C", "Burglary", 9],
    ["2024-08", "C", "Burglary", 10],
    ["2024-02", "C", "Drugs", 4],
    ["2024-08", "C", "Drugs", 6],
    ["2024-04", "T", "Shoplifting", 3],
  ];
  const ROWS = SPEC.flatMap(([m, a, t, n]) => Array.from({ length: n }, () => [m, a, t]));
  const count = (area: string, type: string, half: "before" | "after") =>
    SPEC.filter(([m, a, t]) => a === area && t === type && m < "2024-07" === (half === "before")).reduce(
      (s, x) => s + x[3],
      0,
    );
  const weights = new Map([
    ["Burglary", 10],
    ["Drugs", 2],
  ]);
  const evaluate = (w: ReadonlyMap<string, number>) =>
    evaluateIncidents({ rows: ROWS, columns: COLS, areas: AREAS, periods: periodSerials(OP), weights: w });

  it("adds a harm-total row: Σ weight × count, and the harm-weighted WDD (not the WDD of the totals)", () => {
    const { results } = evaluate(weights);
    const harm = results.find((r) => r.measure === HARM_TOTAL)!;
    expect(results.map((r) => r.measure)).toEqual([
      ALL_SELECTED,
      HARM_TOTAL,
      "Burglary",
      "Drugs",
      "Shoplifting",
    ]);
    const total = (area: string, half: "before" | "after") =>
      10 * count(area, "Burglary", half) + 2 * count(area, "Drugs", half);
    expect(harm.target).toEqual({ before: total("T", "before"), after: total("T", "after") });
    expect(harm.buffer).toEqual({ before: total("B", "before"), after: total("B", "after") });
    expect(harm.control).toEqual({ before: total("C", "before"), after: total("C", "after") });

    // Independent: Σ w·WDD_k and Var Σ w²·Var_k (Wheeler & Ratcliffe 2018). With a buffer but no buffer
    // control, each WDD_k is T1 − T0 − (C1 − C0) + B1 − B0·C1/C0 (the control's trend applied to the
    // buffer's baseline), and its variance follows by the delta method from the partial derivatives.
    let est = 0;
    let variance = 0;
    for (const [type, w] of weights) {
      const [t0, t1, b0, b1, c0, c1] = ["T", "B", "C"].flatMap((a) => [
        count(a, type, "before"),
        count(a, type, "after"),
      ]);
      est += w * (t1 - t0 - (c1 - c0) + b1 - (b0 * c1) / c0);
      const gradient: [number, number][] = [
        [1, t1],
        [-1, t0],
        [1, b1],
        [-c1 / c0, b0],
        [-1 - b0 / c0, c1],
        [1 + (b0 * c1) / (c0 * c0), c0],
      ];
      variance += w * w * gradient.reduce((s, [d, n]) => s + d * d * n, 0);
    }
    // The row keeps the counts per offence type, so the figures are harm-weighted, not those of the totals.
    expect(harm.kind).toBe("harm");
    expect(harm.harmParts?.map((p) => [p.offenceType, p.weight])).toEqual([
      ["Burglary", 10],
      ["Drugs", 2],
    ]);
    const wdd = rowFigures(harm, OP).wdd;
    if (!wdd.defined) throw new Error(wdd.reason);
    expect(wdd.value.estimate).toBeCloseTo(est, 9);
    expect(wdd.value.upper - wdd.value.estimate).toBeCloseTo(1.959963985 * Math.sqrt(variance), 6);
    // The naive WDD of the totals would have a different interval: the point of storing it.
    const naiveVar = [harm.target, harm.buffer!, harm.control].reduce((s, p) => s + p.before + p.after, 0);
    expect(naiveVar).not.toBeCloseTo(variance, 0);
    expect(harm.note).toMatch(/Left out for want of a weight: Shoplifting/);
  });

  it("stores no WDD (n/a) when a weighted type's target and control baselines differ by more than a factor of 2", () => {
    const uneven = ROWS.concat(Array.from({ length: 30 }, () => ["2024-02", "C", "Drugs"]));
    const { results } = evaluateIncidents({
      rows: uneven,
      columns: COLS,
      areas: AREAS,
      periods: periodSerials(OP),
      weights,
    });
    const harm = results.find((r) => r.measure === HARM_TOTAL)!;
    expect(harm.control.before).toBe(
      10 * count("C", "Burglary", "before") + 2 * (count("C", "Drugs", "before") + 30),
    );
    const wdd = rowFigures(harm, OP).wdd;
    expect(wdd.defined).toBe(false);
    expect(!wdd.defined && wdd.reason).toMatch(/Drugs.*not shown/);
  });

  it("adds no harm-total row when every weight is 1 (the total would just repeat the count)", () => {
    const ones = new Map([
      ["Burglary", 1],
      ["Drugs", 1],
    ]);
    expect(evaluate(ones).results.some((r) => r.kind === "harm")).toBe(false);
  });

  it("stores no WDD (n/a) when every weighted count is zero, rather than failing the evaluation", () => {
    const zero = { before: 0, after: 0 };
    const byType = new Map([["Drugs", { target: zero, buffer: zero, control: zero }]]);
    const row = harmTotalRow(byType, new Map([["Drugs", 3]]), false);
    expect(row).toMatchObject({ measure: HARM_TOTAL, target: zero, control: zero, kind: "harm" });
    expect(row?.buffer).toBeUndefined();
    // Its figures are undefined with a reason, never an error that stops the evaluation.
    const f = rowFigures(row!, OP);
    expect(f.wdd.defined || f.netEffect.defined).toBe(false);
    expect(f.verdict).toMatch(/^Not judged/);
  });

  it("writes the harm row's count-based statistics as n/a and its WDD as stored values, not formulas", () => {
    const { results } = evaluate(weights);
    const sheet = buildSheet("results", { operation: OP, results });
    const t = sheet.tables[0];
    const at = (measure: string, key: string) => {
      const row = t.rows.find((r) => r[0] === measure)!;
      return row[t.columns.findIndex((c) => c.key === key)];
    };
    const harm = results.find((r) => r.measure === HARM_TOTAL)!;
    const f = rowFigures(harm, OP);
    expect(at(HARM_TOTAL, "z")).toBe("n/a");
    expect(at(HARM_TOTAL, "eTestP")).toBe("n/a");
    expect(at(HARM_TOTAL, "wdd")).toBeCloseTo(f.wdd.defined ? f.wdd.value.estimate : NaN, 9);
    expect(at(HARM_TOTAL, "tne")).toBeCloseTo(f.netEffect.defined ? f.netEffect.value.estimate : NaN, 9);
    expect(at(HARM_TOTAL, "verdict")).toBe(f.verdict);
    expect(isFormulaCell(at(HARM_TOTAL, "wddLower"))).toBe(false);
    // Ratio measures stay live formulas, and plain-count rows keep every formula.
    expect(isFormulaCell(at(HARM_TOTAL, "change"))).toBe(true);
    expect(isFormulaCell(at(HARM_TOTAL, "wdq"))).toBe(true);
    expect(isFormulaCell(at("Drugs", "wdd"))).toBe(true);
  });
});

describe("months missing from the data", () => {
  const op = operation();
  it("counts a month as present when any row falls in it, whatever its area; a quiet area is a real zero", () => {
    const rows = [
      ["2024-01", "T1", "Drugs"],
      ["2024-02", "X9", "Drugs"], // outside every chosen area, but February was loaded
      ["2024-08", "T1", "Drugs"],
      ["2024-09", "C1", "Drugs"],
    ];
    const { results } = evaluateIncidents({
      rows,
      columns: { date: 0, area: 1, offenceType: 2 },
      areas: { target: ["T1"], buffer: [], control: ["C1"] },
      periods: periodSerials(op),
    });
    expect(results[0].coverage).toEqual({
      before: { missing: ["2024-03", "2024-04", "2024-05", "2024-06"] },
      after: { missing: ["2024-07", "2024-10", "2024-11", "2024-12"] },
    });
  });
});
