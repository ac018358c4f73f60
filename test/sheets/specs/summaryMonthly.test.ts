/**
 * The Summary's small monthly chart and the Operation sheet's Planning
 * block: cached values against their native formulas in HyperFormula, and
 * where the chart and block sit.
 */
import { DetailedCellError } from "hyperformula";
import { blankOperation, type Operation } from "../../../src/core/operation";
import { buildWorkbook } from "../../../src/sheets/build";
import { isFormulaCell, type SheetModel } from "../../../src/sheets/model";
import { cellAddress, parseCell, parseRange } from "../../../src/sheets/a1";
import { NO_POINT, monthSerial } from "../../../src/sheets/specs/monitoring";
import { PLANNING_NAMES } from "../../../src/sheets/specs/planning";
import { evaluate, formulasOf, sheet } from "./workbookHelpers";

const OP: Operation = {
  ...blankOperation(),
  name: "Op Summary",
  targetAreas: ["T1"],
  controlAreas: ["C1"],
  before: { start: "2024-01-01", end: "2024-06-30" },
  after: { start: "2024-07-01", end: "2024-12-31" },
};

const MONTHS = [
  // The second half of 2023: last year's months for the operation's after period.
  ...Array.from({ length: 6 }, (_, i) => ({
    month: `2023-${String(i + 7).padStart(2, "0")}`,
    target: 8 + i,
    buffer: null,
    control: 190 + i,
  })),
  ...Array.from({ length: 12 }, (_, i) => ({
    month: `2024-${String(i + 1).padStart(2, "0")}`,
    target: i === 8 ? null : 10 + (i % 3),
    buffer: null,
    control: i === 8 ? null : 200 + i,
  })),
];

const shown = (v: unknown) => (v instanceof DetailedCellError ? v.value : v);

/** Formula cells in `range` (on `s`) whose HyperFormula value differs from the cached one. */
function wrong(wb: SheetModel[], s: SheetModel, range: string) {
  const ev = evaluate(wb);
  const r = parseRange(range);
  return formulasOf(s)
    .filter((f) => {
      const { row, col } = parseCell(f.address);
      return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
    })
    .map((f) => ({ at: f.address, native: shown(ev.value(s.name, f.address)), cached: f.value }))
    .filter((d) =>
      typeof d.cached === "number"
        ? typeof d.native !== "number" ||
          Math.abs(d.native - d.cached) > 1e-9 * Math.max(1, Math.abs(d.cached))
        : d.native !== d.cached,
    );
}

describe("Summary: the target's months against the expected range", () => {
  const wb = buildWorkbook({
    operation: OP,
    monitoring: MONTHS,
    include: ["operation", "harm-matrix", "monitoring", "results", "summary"],
  });
  const s = sheet(wb, "summary");
  const chart = s.charts.find((c) => c.type === "line")!;

  it("plots the operation's months as a band, the counts and the start, like the Monitoring sheet's first chart", () => {
    expect(chart.series!.map((x) => [x.name, x.kind])).toEqual([
      ["Expected low", "area"],
      ["Expected range", "area"],
      ["Target", "line"],
      ["Operation starts", "column"],
      ["Same month last year", "line"],
    ]);
    expect(chart.series![4].dash).toBe(true);
    const cats = parseRange(chart.categories!);
    expect(cats.bottom - cats.top + 1).toBe(12);
    const month = s.cells.find((c) => c.address === chart.categories!.split(":")[0])!;
    expect(month.value).toBe(monthSerial("2024-01"));
    // Beside the index by area, on the same rows of the printed page.
    const [areas] = s.charts;
    expect(parseCell(areas.anchor.from).row).toBe(parseCell(chart.anchor.from).row);
    expect(parseCell(areas.anchor.to).col + 1).toBe(parseCell(chart.anchor.from).col);
  });

  it("gives each month the same month a year earlier, where the Monitoring sheet lists it", () => {
    const ly = parseRange(chart.series![4].values);
    const value = (k: number) => {
      const c = s.cells.find((x) => x.address === cellAddress(ly.top + k, ly.left))!.value;
      return isFormulaCell(c) ? c.value : c;
    };
    expect([0, 5].map(value)).toEqual([NO_POINT, NO_POINT]); // January to June 2023 are not listed
    expect([6, 11].map(value)).toEqual([8, 13]); // July and December 2023
  });

  it("looks each month up on the Monitoring sheet: the native values equal the cached ones, #N/A for no data", () => {
    expect(wrong(wb, s, chart.dataRange)).toEqual([]);
    const target = parseRange(chart.series![2].values);
    const september = s.cells.find((c) => c.address === cellAddress(target.top + 8, target.left));
    expect(isFormulaCell(september?.value) && september.value.value).toBe(NO_POINT);
  });

  it("shows #N/A, not an error, in a workbook without a Monitoring sheet", () => {
    const alone = buildWorkbook({
      operation: OP,
      include: ["operation", "harm-matrix", "results", "summary"],
    });
    const ev = evaluate(alone);
    const sum = sheet(alone, "summary");
    const c = sum.charts.find((x) => x.type === "line")!;
    const cell = c.series![2].values.split(":")[0];
    expect(shown(ev.value("Summary", cell))).toBe("#N/A");
  });

  it("has no monthly chart while the periods are not set", () => {
    const none = buildWorkbook({
      operation: { ...OP, before: { start: "", end: "" } },
      include: ["summary", "results", "harm-matrix"],
    });
    expect(sheet(none, "summary").charts.map((c) => c.type)).toEqual(["columnClustered"]);
  });
});

describe("Operation sheet: Planning block", () => {
  const planning = { targetBefore: 161, controlBefore: 6181, fraction: 0.42, reading: "With these areas …" };
  const wb = buildWorkbook({ operation: OP, planning, include: ["operation"] });
  const s = sheet(wb, "operation");
  const named = (name: string) => {
    const ref = s.names
      .find((x) => x.name === name)!
      .ref.replace(/\$/g, "")
      .split(":")[0];
    return s.cells.find((c) => c.address === ref)!;
  };

  it("stores the counts and the detectable fall, and works out the rest natively", () => {
    expect(named(PLANNING_NAMES.targetBefore).value).toBe(161);
    expect(named(PLANNING_NAMES.fall).value).toBe(0.42);
    const crimes = named(PLANNING_NAMES.crimes).value;
    expect(isFormulaCell(crimes) && crimes.value).toBeCloseTo(0.42 * 161, 12);
    expect(wrong(wb, s, "A1:C60")).toEqual([]);
  });

  it("says in the cell's help that the fall is stored, and why", () => {
    const fall = named(PLANNING_NAMES.fall);
    const v = s.validations.find((x) => x.range === fall.address)!;
    expect(v.prompt).toMatch(/no native formula/);
    expect(v.prompt!.length).toBeLessThanOrEqual(255);
  });

  it("recalculates the expected count and the fall in crimes when the lengths change", () => {
    const ev = evaluate(wb);
    const id = ev.hf.getSheetId("Operation")!;
    const end = s.names.find((n) => n.name === "HP_AfterEnd")!;
    ev.hf.setCellContents(
      { sheet: id, ...parseCell(end.ref.replace(/\$/g, "")) },
      monthSerial("2024-09") + 29,
    );
    const crimes = s.names.find((n) => n.name === PLANNING_NAMES.crimes)!;
    expect(ev.value("Operation", crimes.ref.replace(/\$/g, ""))).toBeCloseTo(0.42 * 161 * (3 / 6), 9);
  });
});
