import { buildWorkbook, type ResultsRow } from "../../../src/sheets/build";
import { blankOperation } from "../../../src/core/operation";
import {
  eTest,
  interpretDisplacement,
  percentChange,
  poissonZ,
  relativeEffectSize,
  totalNetEffect,
  wdd,
  wdq,
} from "../../../src/core/stats";
import { isFormulaCell, type FormulaCell } from "../../../src/sheets/model";
import { READINGS, resultsCache, shortReading, UNDEFINED_TEXT } from "../../../src/sheets/specs/results";
import { parseCell } from "../../../src/sheets/render/a1";
import { colIndex, evaluate, sheet, table, tableCellAddress } from "./workbookHelpers";

const pair = (before: number, after: number) => ({ before, after });

/** Rows chosen to reach every branch: Q1, no buffer, zero counts, each displacement band. */
const ROWS: ResultsRow[] = [
  { measure: "Q1", target: pair(100, 50), buffer: pair(100, 150), control: pair(100, 100) },
  { measure: "R1 (no buffer)", target: pair(50, 30), control: pair(60, 55) },
  { measure: "Zero before", target: pair(0, 3), buffer: pair(4, 4), control: pair(10, 12) },
  { measure: "Control zero", target: pair(20, 10), buffer: pair(5, 6), control: pair(0, 8) },
  { measure: "Diffusion", target: pair(80, 40), buffer: pair(60, 50), control: pair(100, 100) },
  { measure: "Diffusion > direct", target: pair(80, 70), buffer: pair(60, 20), control: pair(100, 100) },
  { measure: "Partial displacement", target: pair(80, 40), buffer: pair(60, 70), control: pair(100, 100) },
  { measure: "No change in buffer", target: pair(80, 40), buffer: pair(60, 60), control: pair(100, 100) },
  { measure: "Target worse", target: pair(40, 80), buffer: pair(60, 60), control: pair(100, 100) },
  { measure: "Moved with control", target: pair(50, 100), buffer: pair(60, 61), control: pair(50, 100) },
  { measure: "All zero", target: pair(0, 0), buffer: pair(0, 0), control: pair(0, 0) },
  { measure: "Big fall", target: pair(400, 250), buffer: pair(300, 290), control: pair(500, 480) },
];

const wb = buildWorkbook({ operation: blankOperation(), results: ROWS });
const results = table(sheet(wb, "results"), "HP_Results");
const cached = (i: number, key: string) => {
  const v = results.rows[i][colIndex(results, key)];
  return isFormulaCell(v) ? (v as FormulaCell).value : v;
};

describe("Results cached values come from src/core/stats", () => {
  it("formulas.md Q1: T 100→50, B 100→150, C 100→100 gives WDQ −1 and TNE 0", () => {
    expect(cached(0, "wdq")).toBeCloseTo(-1, 12);
    expect(cached(0, "tne")).toBeCloseTo(0, 12);
    expect(cached(0, "change")).toBeCloseTo(-0.5, 12);
    expect(cached(0, "reading")).toBe(READINGS.cancelled);
  });

  it("formulas.md R1: 50, 30, 60, 55 gives RES 1.5278", () => {
    expect(cached(1, "res")).toBeCloseTo(1.5278, 4);
    expect(cached(1, "wdq")).toBe("");
    expect(cached(1, "tne")).toBe("");
    // Without a buffer the WDD is (T1−T0) − (C1−C0).
    expect(cached(1, "wdd")).toBe(-20 - -5);
  });

  it("matches each core function row by row", () => {
    ROWS.forEach((r, i) => {
      const c = resultsCache(r);
      const same = (key: string, f: () => number | string) => {
        let expected: number | string;
        try {
          expected = f();
        } catch {
          expected = UNDEFINED_TEXT;
        }
        expect([r.measure, key, cached(i, key)]).toEqual([r.measure, key, expected]);
        expect(c[key]).toEqual(expected);
      };
      same("change", () => percentChange(r.target.before, r.target.after));
      same("z", () => poissonZ(r.target.before, r.target.after));
      same("eTestP", () => eTest(r.target.after, r.target.before));
      same(
        "res",
        () => relativeEffectSize(r.target.before, r.target.after, r.control.before, r.control.after).res,
      );
      same(
        "resLower",
        () => relativeEffectSize(r.target.before, r.target.after, r.control.before, r.control.after).lower,
      );
      same(
        "resUpper",
        () => relativeEffectSize(r.target.before, r.target.after, r.control.before, r.control.after).upper,
      );
      same("wdd", () => wdd({ target: r.target, control: r.control, buffer: r.buffer }).estimate);
      same("wddLower", () => wdd({ target: r.target, control: r.control, buffer: r.buffer }).lower);
      same("wddUpper", () => wdd({ target: r.target, control: r.control, buffer: r.buffer }).upper);
      if (r.buffer) {
        const b = r.buffer;
        same("wdq", () => wdq(r.target, b, r.control));
        same("tne", () => totalNetEffect(r.target, b, r.control));
        same("reading", () => shortReading(interpretDisplacement(r.target, b, r.control)));
      }
    });
  });

  it("reaches every displacement reading", () => {
    const readings = new Set(ROWS.map((_, i) => cached(i, "reading")));
    for (const text of Object.values(READINGS)) expect(readings).toContain(text);
  });
});

describe("Results native formulas (evaluated by HyperFormula) agree with the cached values", () => {
  const ev = evaluate(wb);
  const computedKeys = results.columns.filter((c) => c.computed && c.key !== "eTestP").map((c) => c.key);

  it.each(ROWS.map((r, i) => [r.measure, i]))("%s", (_label, i) => {
    for (const key of computedKeys) {
      const native = ev.value("Results", tableCellAddress(results, i as number, key));
      const want = cached(i as number, key);
      if (typeof want === "number") {
        expect(typeof native).toBe("number");
        expect([key, native as number]).toEqual([key, expect.closeTo(want, 9)]);
      } else {
        // Undefined cases show short text or blank, never an error value.
        expect([key, native]).toEqual([key, want]);
      }
    }
  });

  it("shows blanks, not errors, on rows with no counts", () => {
    const blank = buildWorkbook({ operation: blankOperation(), results: [] });
    const t = table(sheet(blank, "results"), "HP_Results");
    const e = evaluate(blank);
    for (let i = 0; i < t.rows.length; i++)
      for (const c of t.columns.filter((x) => x.computed && x.key !== "eTestP"))
        expect(e.value("Results", tableCellAddress(t, i, c.key))).toBe("");
  });

  it("recalculates when counts change (the formulas are live)", () => {
    const sheetId = ev.hf.getSheetId("Results")!;
    const at = (key: string) => tableCellAddress(results, 0, key);
    ev.hf.setCellContents({ sheet: sheetId, ...parseCell(at("tAfter")) }, 80);
    expect(ev.value("Results", at("change"))).toBeCloseTo(-0.2, 12);
    expect(ev.value("Results", at("wdq"))).toBeCloseTo(
      wdq(pair(100, 80), pair(100, 150), pair(100, 100)),
      12,
    );
  });
});
