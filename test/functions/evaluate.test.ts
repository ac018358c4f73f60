/**
 * HARM.EVALUATE after issue 10: every row is evaluateCounts (src/core/stats/evaluate.ts),
 * the same evaluation the Results sheet caches, laid out in fifteen columns with
 * the net effect's interval and the checks. Undefined figures are error cells
 * carrying evaluateCounts' reason.
 */
import fc from "fast-check";
import { evaluateCounts, type EvaluationInput, type Figure } from "../../src/core/stats";
import { ExcelError } from "../../src/functions/excel";
import { evaluate } from "../../src/functions/functions";
import { evaluateSpill } from "../support/hyperformulaPlugin";

const c = (x: unknown): unknown[][] => [[x]];
const none = null as never;
const Z95 = 1.959963984540054;

const HEADER = [
  "Change in target",
  "Poisson Z",
  "E-test p",
  "RES",
  "RES lower",
  "RES upper",
  "WDQ",
  "Total net effect",
  "Total net effect lower",
  "Total net effect upper",
  "Verdict",
  "WDD",
  "WDD lower",
  "WDD upper",
  "Interpretation",
  "Checks",
];

/** The row evaluateCounts gives, column by column: a number, a text, or the reason a figure is missing. */
function expectedRow(x: EvaluationInput): unknown[] {
  const e = evaluateCounts(x);
  const v = <T>(f: Figure<T>, pick: (t: T) => unknown): unknown =>
    f.defined ? pick(f.value) : { reason: f.reason };
  const buffered = x.buffer !== undefined;
  return [
    v(e.change, (t) => t),
    v(e.poissonZ, (t) => t),
    v(e.eTestP, (t) => t),
    v(e.res, (t) => t),
    v(e.resInterval, (t) => t.lower),
    v(e.resInterval, (t) => t.upper),
    buffered ? v(e.wdq, (t) => t) : "",
    v(e.netEffect, (t) => t.estimate),
    v(e.netEffect, (t) => t.lower),
    v(e.netEffect, (t) => t.upper),
    e.verdict,
    v(e.wdd, (t) => t.estimate),
    v(e.wdd, (t) => t.lower),
    v(e.wdd, (t) => t.upper),
    buffered ? v(e.displacement, (t) => t.text) : "",
    e.checksText,
  ];
}

/** Error cells shown as their message, for comparison with expectedRow. */
const shown = (row: unknown[]): unknown[] =>
  row.map((v) => (v instanceof ExcelError ? { reason: v.message } : v));

const counts = fc.integer({ min: 0, max: 400 });

describe("HARM.EVALUATE", () => {
  it("keeps its header, adds the net effect's limits and the verdict after it and the checks last", () => {
    expect(evaluate(c(100), c(50), c(100), c(150), c(100), c(100))[0]).toEqual(HEADER);
  });

  it("every row is evaluateCounts' row, so it cannot disagree with the Results sheet", () => {
    fc.assert(
      fc.property(
        fc.tuple(counts, counts, counts, counts, counts, counts),
        fc.boolean(),
        fc.option(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })), {
          nil: undefined,
        }),
        fc.constantFrom(0.9, 0.95, 0.99),
        fc.constantFrom(1, 1.5, 3),
        ([t0, t1, b0, b1, c0, c1], buffered, lengths, confidence, dispersion) => {
          const input: EvaluationInput = {
            target: { before: t0, after: t1 },
            control: { before: c0, after: c1 },
            confidence,
            dispersion,
            ...(buffered ? { buffer: { before: b0, after: b1 } } : {}),
            ...(lengths ? { lengths: { before: lengths[0], after: lengths[1] } } : {}),
          };
          const r = evaluate(
            c(t0),
            c(t1),
            buffered ? c(b0) : none,
            buffered ? c(b1) : none,
            c(c0),
            c(c1),
            c(confidence),
            lengths ? c(lengths[0]) : none,
            lengths ? c(lengths[1]) : none,
            c(dispersion),
          );
          expect(r).toHaveLength(2);
          expect(shown(r[1])).toEqual(expectedRow(input));
        },
      ),
      { numRuns: 150, seed: 10 },
    );
  });

  it("with lengths omitted or equal the row is unchanged", () => {
    const plain = evaluate(c(120), c(100), c(40), c(44), c(130), c(128));
    expect(evaluate(c(120), c(100), c(40), c(44), c(130), c(128), none, c(6), c(6))).toEqual(plain);
    expect(evaluate(c(120), c(100), c(40), c(44), c(130), c(128), c(0.95), none, none, c(1))).toEqual(plain);
  });

  it("Q1 (Bowers & Johnson's illustration, Guerette 2009): the columns as before, plus the interval and checks", () => {
    const [, row] = evaluate(c(100), c(50), c(100), c(150), c(100), c(100));
    expect(row[0]).toBe(-0.5);
    expect(row[1]).toBeCloseTo(2 * (Math.sqrt(50) - 10), 12);
    expect(row[2]).toBeCloseTo(0.0000394, 7);
    expect(row[3]).toBe(2);
    expect(row[6]).toBeCloseTo(-1, 12);
    expect(row[7]).toBe(0);
    // Var(TNE) with S0 = 200, S1 = 200, trend 1: 200 + 200 + 200²·100/100² + 200²·100²/100³ = 1,200.
    expect(row[8]).toBeCloseTo(-Z95 * Math.sqrt(1200), 9);
    expect(row[9]).toBeCloseTo(Z95 * Math.sqrt(1200), 9);
    expect(row[11]).toBe(0);
    expect(row[10]).toBe("No clear change: the interval includes zero");
    expect(row[14]).toBe(
      "Displacement into the buffer area cancelled out the fall in the target area (WDQ -1.00).",
    );
    expect(row[15]).toBe("All checks passed.");
  });

  it("issue 10 walkthrough: net effect 11.0 (−25.0 to 47.1), WDD refused (#N/A) with the checks saying why", () => {
    const [, row] = evaluate(c(161), c(156), none, none, c(6181), c(6412));
    expect([row[7], row[8], row[9]].map((x) => Number((x as number).toFixed(1)))).toEqual([11, -25, 47.1]);
    for (const i of [11, 12, 13]) {
      expect((row[i] as ExcelError).code).toBe("#N/A");
      expect((row[i] as ExcelError).message).toMatch(/factor of 38,.*Use the net effect/);
    }
    expect(row[6]).toBe(""); // no buffer: no WDQ
    expect(row[10]).toBe("No clear change: the interval includes zero");
    expect(row[14]).toBe("");
    expect(row[15]).toBe(
      "Control is 38 times the target's size: the WDD is not shown and the net effect scales the control's trend to the target.",
    );
  });

  it("the Verdict column judges the net effect's interval with the dispersion given (counts only, no data context)", () => {
    // Target 200 → 120 against a steady control of 2,000: net effect 80, SE √360 = 19.
    const plain = evaluate(c(200), c(120), none, none, c(2000), c(2000));
    expect(plain[0][10]).toBe("Verdict");
    expect(plain[1][10]).toBe("Credited: fewer than expected");
    // Twenty times the Poisson variance: SE 85, the interval includes zero.
    const wide = evaluate(c(200), c(120), none, none, c(2000), c(2000), none, none, none, c(20));
    expect(wide[1][10]).toBe("No clear change: the interval includes zero");
    const rise = evaluate(c(120), c(200), none, none, c(2000), c(2000));
    expect(rise[1][10]).toBe("Credited: more than expected");
  });

  it("undefined figures are the error the stand-alone function gives, with evaluateCounts' reason", () => {
    const [, row] = evaluate(c(0), c(5), c(3), c(4), c(0), c(7));
    const e = evaluateCounts({
      target: { before: 0, after: 5 },
      buffer: { before: 3, after: 4 },
      control: { before: 0, after: 7 },
    });
    const cell = (i: number) => row[i] as ExcelError;
    expect([cell(0).code, cell(0).message]).toEqual(["#DIV/0!", (e.change as { reason: string }).reason]);
    expect(cell(3).code).toBe("#DIV/0!"); // RES with a zero count
    expect(cell(6).code).toBe("#DIV/0!"); // WDQ: no control crimes before
    expect(cell(7).code).toBe("#DIV/0!"); // net effect: C0 = 0
    expect(cell(11).code).toBe("#N/A"); // WDD: sizes cannot be compared
    expect(row[10]).toBe("Not judged: target counts below 10; see the E-test");
    expect(row[14]).toMatch(/control area had no crimes in the before period/);
    expect(row[15]).toMatch(/Target counts below 10/);
  });

  it("bad input fails that row only, with the message", () => {
    const r = evaluate([[100], [-1]], c(50), c(100), c(150), c(100), c(100), none, c(6), c(4), c(0.5));
    expect(r).toHaveLength(3);
    expect((r[1][0] as ExcelError).message).toMatch(/dispersion must be a number of at least 1/);
    expect((r[2][0] as ExcelError).message).toMatch(/targetBefore must not be negative/);
    expect(r[2]).toHaveLength(16);
  });

  it("as a formula over ranges, with lengths and a dispersion", () => {
    const values = evaluateSpill("=HARM.EVALUATE(A1:A2,B1:B2,C1:C2,D1:D2,E1:E2,F1:F2,0.9,6,4,2)", [
      [120, 100, 40, 44, 130, 128],
      [161, 156, null, null, 6181, 6412],
    ]);
    expect(values[0]).toEqual(HEADER);
    expect(values[1][0]).toBeCloseTo(100 / 4 / (120 / 6) - 1, 12);
    expect(values[1][15]).toBe(
      "Periods differ (6 vs 4): rates compared over equal time. Intervals widened for overdispersion (dispersion 2).",
    );
    const e = evaluateCounts({
      target: { before: 161, after: 156 },
      control: { before: 6181, after: 6412 },
      confidence: 0.9,
      dispersion: 2,
      lengths: { before: 6, after: 4 },
    });
    expect(values[2][8]).toBeCloseTo((e.netEffect as { value: { lower: number } }).value.lower, 6);
  });
});
