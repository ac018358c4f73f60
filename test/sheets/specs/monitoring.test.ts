/**
 * The Monitoring sheet: cached values come from the core (expectedRange,
 * monitoringSeries), and the native formulas, evaluated in HyperFormula,
 * give the same values on months with and without data, with and without a
 * buffer, with history, a gap month, dispersion, rows typed by the analyst
 * and random counts. Published and worked examples are from docs/methods.md
 * ("Expected range", "Monitoring series") and Wheeler (2016).
 */
import fc from "fast-check";
import { DetailedCellError } from "hyperformula";
import { periodsOperation } from "../../support/operation";
import { blankOperation, type Operation } from "../../../src/core/operation";
import type { MonitoringMonth } from "../../../src/core/stats/monitoring";
import { buildWorkbook } from "../../../src/sheets/build";
import { isFormulaCell, type SheetModel } from "../../../src/sheets/model";
import { parseCell, parseRange } from "../../../src/sheets/a1";
import {
  MONITORING_TABLE,
  NO_POINT,
  monitoringFrame,
  monthRange,
  monthSerial,
} from "../../../src/sheets/specs/monitoring";
import {
  appendRow,
  cellAt,
  colIndex,
  evaluate,
  formulasOf,
  sheet,
  table,
  tableCellAddress,
} from "./workbookHelpers";

const op = (before: [string, string], after: [string, string], extra: Partial<Operation> = {}) =>
  periodsOperation(before, after, { name: "Op Monitor", bufferAreas: ["B1"], ...extra });

/** 12 months before January 2024 (target 18 to 22, control 200 to 206), then January 2024 (docs/methods.md). */
const DOCS_TARGET = [18, 22, 19, 21, 20, 20, 18, 22, 19, 21, 20, 17];
const DOCS_CONTROL = [200, 206, 201, 205, 203, 203, 202, 204, 200, 206, 201, 200];
const DOCS_OP = op(["2023-01-01", "2023-12-31"], ["2024-01-01", "2024-06-30"], { bufferAreas: [] });
const DOCS_MONTHS: MonitoringMonth[] = [
  ...DOCS_TARGET.map((t, i) => ({
    month: `2023-${String(i + 1).padStart(2, "0")}`,
    target: t,
    buffer: null,
    control: DOCS_CONTROL[i],
  })),
  { month: "2024-01", target: 14, buffer: null, control: 205 },
  { month: "2024-02", target: null, buffer: null, control: null },
];

const m = (month: string, target: number | null, buffer: number | null, control: number | null) => ({
  month,
  target,
  buffer,
  control,
});

/** History (2023-07 on), a baseline with a month missing, a gap month, and after months with one missing. */
const GAP_OP = op(["2024-01-01", "2024-05-31"], ["2024-07-01", "2024-12-31"], { dispersion: 1.5 });
const GAP_MONTHS: MonitoringMonth[] = [
  m("2023-07", 9, 4, 100),
  m("2023-08", 12, 5, 98),
  m("2023-09", null, null, null),
  m("2023-10", 14, 6, 105),
  m("2023-11", 8, 2, 101),
  m("2023-12", 11, 4, 99),
  m("2024-01", 12, 5, 102),
  m("2024-02", 10, 3, 97),
  m("2024-03", null, null, null),
  m("2024-04", 30, 5, 110),
  m("2024-05", 11, 6, 100),
  m("2024-06", 9, 5, 101),
  m("2024-07", 6, 4, 103),
  m("2024-08", 1, 7, 99),
  m("2024-09", null, null, null),
  m("2024-10", 7, 2, 104),
  m("2024-11", 8, 3, 98),
  m("2024-12", 5, 4, 100),
];

function built(operation: Operation, months?: MonitoringMonth[]) {
  const wb = buildWorkbook({
    operation,
    ...(months ? { monitoring: months } : {}),
    include: ["operation", "monitoring"],
  });
  const s = sheet(wb, "monitoring");
  return { wb, s, t: table(s, MONITORING_TABLE) };
}

const cachedOf = (t: ReturnType<typeof built>["t"]) => (i: number, key: string) => {
  const v = t.rows[i][colIndex(t, key)];
  return isFormulaCell(v) ? v.value : v;
};

/** A HyperFormula value as the sheet shows it: errors by their text ("#N/A"). */
const shown = (v: unknown) => (v instanceof DetailedCellError ? v.value : v);

function same(native: unknown, cached: unknown): boolean {
  if (typeof cached === "number")
    return typeof native === "number" && Math.abs(native - cached) <= 1e-9 * Math.max(1, Math.abs(cached));
  return native === (cached ?? "");
}

/** Every formula on the Monitoring sheet, evaluated, against its cached value. */
function disagreements(wb: SheetModel[]) {
  const ev = evaluate(wb);
  const s = sheet(wb, "monitoring");
  return formulasOf(s)
    .map((f) => ({ address: f.address, native: shown(ev.value(s.name, f.address)), cached: f.value }))
    .filter((d) => !same(d.native, d.cached));
}

describe("Monitoring cached values come from the core", () => {
  it("expected range: 12 months averaging 16 give 5.95 to 30.93 (docs/methods.md, Expected range)", () => {
    const months = Array.from({ length: 12 }, (_, i) =>
      m(`2023-${String(i + 1).padStart(2, "0")}`, i % 2 ? 14 : 18, null, 100),
    );
    const { t } = built(DOCS_OP, [...months, m("2024-01", 31, null, 100)]);
    const c = cachedOf(t);
    expect(c(0, "low")).toBeCloseTo(5.948, 3);
    expect(c(0, "high")).toBeCloseTo(30.927, 3);
    // Independently: Wheeler's limits are (√m ± (3/2)·√(1 + 1/n))².
    const h = 1.5 * Math.sqrt(1 + 1 / 12);
    expect(c(0, "high")).toBeCloseTo((4 + h) ** 2, 12);
    expect(c(12, "flag")).toBe("above");
  });

  it("cumulative net effect: T 237 → 14, C 2,431 → 205 gives 5.99 prevented, 95% interval −2.3 to 14.3 (docs/methods.md)", () => {
    const { t } = built(DOCS_OP, DOCS_MONTHS);
    const c = cachedOf(t);
    const jan = 12;
    expect(c(jan, "period")).toBe("after");
    expect(c(jan, "tSoFar")).toBe(14);
    expect(c(jan, "cSoFar")).toBe(205);
    expect(c(jan, "net")).toBeCloseTo(5.99, 2);
    expect(c(jan, "netLower")).toBeCloseTo(-2.3, 1);
    expect(c(jan, "netUpper")).toBeCloseTo(14.3, 1);
    // Independently: the delta-method variance written out term by term.
    const [t0, c0, t1, c1] = [237, 2431, 14, 205];
    const v = t1 + (c1 / c0) ** 2 * t0 + (t0 ** 2 * c1) / c0 ** 2 + (t0 ** 2 * c1 ** 2) / c0 ** 3;
    expect(v).toBeCloseTo(17.8, 1);
    expect(c(jan, "netUpper")).toBeCloseTo((t0 * c1) / c0 - t1 + 1.959963985 * Math.sqrt(v), 6);
    // February has no data: a gap, never 0.
    expect(c(jan + 1, "flag")).toBe("no data");
    expect(c(jan + 1, "net")).toBe(NO_POINT);
    expect(c(0, "net")).toBe("");
  });

  it("same month last year and Wheeler's Z against it; history and gap months are labelled", () => {
    const { t } = built(GAP_OP, GAP_MONTHS);
    const c = cachedOf(t);
    const at = (month: string) => GAP_MONTHS.findIndex((x) => x.month === month);
    expect(c(at("2023-07"), "period")).toBe("earlier");
    expect(c(at("2024-06"), "period")).toBe("between");
    expect(c(at("2024-07"), "lastYear")).toBe(9);
    expect(c(at("2024-07"), "lastYearZ")).toBeCloseTo((2 * (Math.sqrt(6) - 3)) / Math.sqrt(1.5), 12);
    expect(c(at("2024-09"), "lastYear")).toBe(""); // last year's month had no data
    // The baseline is January to May only: 12, 10, 30, 11 (March has no data), mean 15.75, D = 1.5.
    const h = 1.5 * Math.sqrt(1.5 * (1 + 1 / 4));
    expect(c(0, "low")).toBeCloseTo((Math.sqrt(15.75) - h) ** 2, 12);
    expect(c(at("2024-04"), "flag")).toBe("");
    expect(c(at("2024-08"), "flag")).toBe("below");
    expect(c(at("2024-07"), "start")).toBe(Math.max(30, c(0, "high") as number));
    expect(c(at("2024-08"), "start")).toBe("");
  });
});

describe("Monitoring native formulas (HyperFormula) agree with the cached values", () => {
  it.each([
    ["docs example, no buffer", DOCS_OP, DOCS_MONTHS],
    ["history, a gap month, months without data, dispersion 1.5", GAP_OP, GAP_MONTHS],
    ["the operation's months, no counts yet", GAP_OP, undefined],
  ])("%s", (_label, operation, months) => {
    expect(disagreements(built(operation, months).wb)).toEqual([]);
  });

  it("on random counts, with and without a buffer", () => {
    const count = fc.option(fc.integer({ min: 0, max: 400 }), { freq: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(count, count, count), { minLength: 18, maxLength: 18 }),
        fc.boolean(),
        (counts, buffered) => {
          const months = counts.map(([t, b, c], i) => m(GAP_MONTHS[i].month, t, buffered ? b : null, c));
          const operation = buffered ? GAP_OP : { ...GAP_OP, bufferAreas: [] };
          expect(disagreements(built(operation, months).wb)).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("recalculates when a month's counts are typed, and counts a month the analyst adds", () => {
    const { wb, t } = built(DOCS_OP, DOCS_MONTHS);
    const ev = evaluate(wb);
    const id = ev.hf.getSheetId("Monitoring")!;
    const put = (i: number, key: string, v: number) =>
      ev.hf.setCellContents({ sheet: id, ...parseCell(tableCellAddress(t, i, key)) }, v);
    const at = (i: number, key: string) => shown(ev.value("Monitoring", tableCellAddress(t, i, key)));
    put(13, "target", 20);
    put(13, "control", 190);
    expect(at(13, "flag")).toBe("");
    expect(at(13, "tSoFar")).toBe(34);
    expect(at(13, "net")).toBeCloseTo((237 * 395) / 2431 - 34, 9);

    // A row typed below the table, for March 2024: formulas filled down as Excel does.
    const again = built(DOCS_OP, DOCS_MONTHS);
    appendRow(again.t, { month: monthSerial("2024-03"), target: 60, buffer: null, control: 204 });
    const ev2 = evaluate(again.wb);
    const last = again.t.rows.length - 1;
    expect(shown(ev2.value("Monitoring", tableCellAddress(again.t, last, "period")))).toBe("after");
    expect(shown(ev2.value("Monitoring", tableCellAddress(again.t, last, "flag")))).toBe("above");
    expect(shown(ev2.value("Monitoring", tableCellAddress(again.t, last, "tSoFar")))).toBe(74);
  });
});

describe("Monitoring sheet layout", () => {
  const { s, t } = built(GAP_OP, GAP_MONTHS);

  it("writes months as dates shown mmm yyyy, with blank counts for months without data", () => {
    expect(t.rows[0][colIndex(t, "month")]).toBe(monthSerial("2023-07"));
    expect(t.columns[colIndex(t, "month")].format).toBe("mmm yyyy");
    expect(t.rows[2][colIndex(t, "target")]).toBeNull();
  });

  it("draws two line charts side by side above the table (nothing frozen), from the table's columns", () => {
    expect(s.charts.map((c) => c.type)).toEqual(["line", "line"]);
    expect(s.freeze).toBeUndefined();
    const tableTop = parseCell(t.topLeft).row;
    const [a, b] = s.charts.map((c) => ({ from: parseCell(c.anchor.from), to: parseCell(c.anchor.to) }));
    expect(a.from.row).toBe(b.from.row);
    expect(b.from.col).toBe(a.to.col + 2);
    expect(Math.max(a.to.row, b.to.row)).toBeLessThan(tableTop);
    // Both charts within the table's width, so the sheet prints one page wide.
    expect(b.to.col).toBeLessThan(parseCell(t.topLeft).col + t.columns.length);
    const [counts, net] = s.charts;
    const header = (range: string) => t.columns[parseRange(range).left - parseCell(t.topLeft).col].header;
    expect(counts.series!.map((x) => header(x.values))).toEqual([
      "Expected low",
      "Band (high − low)",
      "Target",
      "Start marker",
    ]);
    expect(counts.series!.map((x) => x.kind)).toEqual(["area", "area", "line", "column"]);
    expect(counts.series![0]).toMatchObject({ colour: "none", noLegend: true });
    // The net effect chart starts at the operation's first month.
    expect(cellAt(s, net.categories!.split(":")[0])).toBe(monthSerial("2024-07"));
    expect(net.series!.map((x) => header(x.values))).toEqual([
      "Net effect so far",
      "Net effect lower 95%",
      "Net effect upper 95%",
    ]);
  });

  it("without periods, keeps twelve blank rows and shows blanks, not errors", () => {
    const blank = built({ ...blankOperation(), name: "x" });
    expect(blank.t.rows).toHaveLength(12);
    expect(disagreements(blank.wb)).toEqual([]);
  });
});

describe("month ranges far out", () => {
  it("counts months as numbers, so a range past the year 9999 cannot run on (it looped for ever)", () => {
    // "10000-01" sorts before "9999-12" as text: the old loop never ended.
    expect(monthRange("9999-11", "9999-12")).toEqual(["9999-11", "9999-12"]);
    expect(monthRange("2099-12", "2100-01")).toEqual(["2099-12", "2100-01"]);
    expect(() => monthRange("1024-01", "9999-12")).toThrow(/Too many months/);
  });

  it("lays out no months for an operation dated outside 1900–2100", () => {
    const open = op(["2024-01-01", "2024-06-30"], ["2024-07-01", "9999-12-31"]);
    expect(monitoringFrame(open)).toBeNull();
    const wb = buildWorkbook({ operation: open });
    expect(wb.find((s) => s.name === "Monitoring")).toBeDefined();
    const { t } = built(open);
    expect(t.rows.length).toBeGreaterThan(0);
    expect(t.rows.every((r) => r[colIndex(t, "month")] === null || r[colIndex(t, "month")] === "")).toBe(
      true,
    );
  });
});
