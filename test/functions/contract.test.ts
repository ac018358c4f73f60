/**
 * The issue 10 additions to the HARM.* contract: period lengths for CHANGE,
 * POISSONZ and WDD, area weights and dispersion for WDD, the interval for
 * NETEFFECT, dispersion for HARMWDD, and the "target did not improve" cases of
 * WDQ and DISPLACEMENT. With lengths omitted or equal, results are unchanged.
 * Each figure is checked against a published or worked number (cited) and
 * against the formula written out here.
 */
import fc from "fast-check";
import { ExcelError } from "../../src/functions/excel";
import { change, displacement, harmWdd, netEffect, poissonZ, wdd, wdq } from "../../src/functions/functions";
import { evaluateSpill } from "../support/hyperformulaPlugin";

const c = (x: unknown): unknown[][] => [[x]];
const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);
const none = null as never;
const Z95 = 1.959963984540054;

function expectError(v: unknown, code: string, message?: RegExp): void {
  expect(v).toBeInstanceOf(ExcelError);
  expect((v as ExcelError).code).toBe(code);
  if (message) expect((v as ExcelError).message).toMatch(message);
}

describe("HARM.CHANGE and HARM.POISSONZ with period lengths", () => {
  it("docs/methods.md worked example: 120 in 6 months → 100 in 4 is +25% in rate, Z = +2.31", () => {
    expect(change(c(120), c(100), c(6), c(4))[0][0]).toBeCloseTo(100 / 4 / (120 / 6) - 1, 12);
    expect(change(c(120), c(100), c(6), c(4))[0][0]).toBeCloseTo(0.25, 12);
    const r = 4 / 6;
    const z = 2 * (Math.sqrt(100) - Math.sqrt(r * 120)) * Math.sqrt(2 / (1 + r));
    expect(poissonZ(c(120), c(100), c(6), c(4))[0][0]).toBeCloseTo(z, 12);
    expect(z).toBeCloseTo(2.31, 2);
  });

  it("lengths omitted or equal give exactly the count form (Wheeler 2016: 16 → 25 is Z = 2)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0.5, max: 400, noNaN: true }),
        (b, a, length) => {
          expect(change(c(b), c(a), c(length), c(length))).toEqual(change(c(b), c(a)));
          expect(poissonZ(c(b), c(a), c(length), c(length))).toEqual(poissonZ(c(b), c(a)));
        },
      ),
      { numRuns: 200 },
    );
    expect(poissonZ(c(16), c(25))[0][0]).toBe(2);
  });

  it("spills columns with lengths per row or for the whole column", () => {
    const r = change(col(120, 60), col(100, 60), c(6), col(4, 3));
    expect(r[0][0]).toBeCloseTo(0.25, 12);
    expect(r[1][0]).toBeCloseTo(60 / 3 / (60 / 6) - 1, 12);
  });

  it("one length given, or a length of 0, is #VALUE! saying what to fix", () => {
    expectError(change(c(120), c(100), c(6))[0][0], "#VALUE!", /Give both beforeLength and afterLength/);
    expectError(poissonZ(c(120), c(100), none, c(4))[0][0], "#VALUE!", /Give both/);
    expectError(change(c(120), c(100), c(0), c(4))[0][0], "#VALUE!", /beforeLength must be greater than 0/);
    expectError(poissonZ(c(120), c(100), c(6), c("x"))[0][0], "#VALUE!", /afterLength must be a number/);
  });

  it("as formulas, blank optional lengths and all", () => {
    expect(evaluateSpill("=HARM.CHANGE(120,100,6,4)")[0][0]).toBeCloseTo(0.25, 12);
    expect(evaluateSpill("=HARM.POISSONZ(16,25,,)")[0][0]).toBe(2);
  });
});

interface WddOptions {
  lengths?: [number, number];
  areaWeights?: unknown[][];
  dispersion?: number;
}

/** HARM.WDD with counts in Excel's order (target, control, then buffer and its control if given). */
const wddOf = (counts: number[], o: WddOptions = {}): unknown[][] => {
  const cell = (i: number): unknown[][] => (i < counts.length ? c(counts[i]) : none);
  return wdd(
    cell(0),
    cell(1),
    cell(2),
    cell(3),
    cell(4),
    cell(5),
    cell(6),
    cell(7),
    none,
    o.lengths ? c(o.lengths[0]) : none,
    o.lengths ? c(o.lengths[1]) : none,
    o.areaWeights ?? none,
    o.dispersion === undefined ? none : c(o.dispersion),
  );
};
const WHEELER_RATCLIFFE = [207, 110, 308, 318, 178, 157, 150, 140];

describe("HARM.WDD: lengths, area weights, dispersion and the size rule", () => {
  it("Wheeler & Ratcliffe (2018) example (ptools test-wdd.R): −118, SE √1568, Z −2.98", () => {
    const [[est, se, z, lo, hi]] = wddOf(WHEELER_RATCLIFFE) as number[][];
    expect(est).toBe(110 - 207 - (318 - 308) + (157 - 178) - (140 - 150));
    expect(est).toBe(-118);
    expect(se).toBeCloseTo(Math.sqrt(207 + 110 + 308 + 318 + 178 + 157 + 150 + 140), 12);
    expect(se * se).toBeCloseTo(1568, 9);
    expect(z).toBeCloseTo(-2.98, 2);
    expect(lo).toBeCloseTo(-118 - Z95 * se, 9);
    expect(hi).toBeCloseTo(-118 + Z95 * se, 9);
  });

  it("area weights (ptools test-wdd.R): control 0.9, target 1.2, buffer control 1.6, buffer 1.5 → −99.69, SE 35.43", () => {
    const [[est, se, , lo, hi]] = wddOf(WHEELER_RATCLIFFE, {
      areaWeights: [[1.2, 0.9, 1.5, 1.6]],
    }) as number[][];
    // Each count divided by its area's weight, each variance term by the weight squared.
    const term = (b: number, a: number, w: number): [number, number] => [(a - b) / w, (a + b) / (w * w)];
    const parts = [term(207, 110, 1.2), term(308, 318, 0.9), term(178, 157, 1.5), term(150, 140, 1.6)];
    expect(est).toBeCloseTo(parts[0][0] - parts[1][0] + parts[2][0] - parts[3][0], 9);
    expect(se).toBeCloseTo(Math.sqrt(parts.reduce((s, p) => s + p[1], 0)), 9);
    expect(est).toBeCloseTo(-99.69, 2);
    expect(se).toBeCloseTo(35.43, 2);
    expect(lo).toBeCloseTo(-169.13, 2);
    expect(hi).toBeCloseTo(-30.26, 2);
  });

  it("period lengths as time weights (ptools test-wdd.R): before twice as long gives −20, SE √115", () => {
    const [[est, se]] = wddOf([80, 20, 100, 50], { lengths: [2, 1] }) as number[][];
    expect(est).toBeCloseTo(20 - 80 / 2 - (50 - 100 / 2), 12);
    expect(se).toBeCloseTo(Math.sqrt(80 / 4 + 20 + 100 / 4 + 50), 12);
    // Equal lengths change nothing.
    expect(wddOf([20, 10, 20, 20], { lengths: [30, 30] })).toEqual(wddOf([20, 10, 20, 20]));
  });

  it("areas more than 2 times apart: #N/A pointing to the net effect, unless area weights are given", () => {
    // Issue 10 walkthrough: target 161 → 156 against a control of 6,181 → 6,412 (38.4 times the size).
    const [row] = wddOf([161, 156, 6181, 6412]);
    expect(row).toHaveLength(5);
    expectError(row[0], "#N/A", /differ by a factor of 38, more than 2\. Use the net effect/);
    const [[est, se]] = wddOf([161, 156, 6181, 6412], { areaWeights: [[1, 1]] }) as number[][];
    expect(est).toBe(156 - 161 - (6412 - 6181));
    expect(se).toBeCloseTo(Math.sqrt(161 + 156 + 6181 + 6412), 9);
    // Exactly 2 times apart is allowed. A blank weight is 1, but a range left wholly blank is no weights.
    expect(wddOf([20, 10, 40, 40])[0][0]).toBe(-10);
    expect(wddOf([20, 10, 41, 40], { areaWeights: [[1, ""]] })[0][0]).toBe(-9);
    expectError(wddOf([20, 10, 41, 40], { areaWeights: [[null, ""]] })[0][0], "#N/A", /factor of 2\.05/);
  });

  it("dispersion multiplies the variance (docs/methods.md, Dispersion: D = 2 gives Var 140, SE 11.83)", () => {
    const [[est, se]] = wddOf([20, 10, 20, 20], { dispersion: 2 }) as number[][];
    expect(est).toBe(-10);
    expect(se).toBeCloseTo(Math.sqrt(2 * 70), 12);
    expect(se).toBeCloseTo(11.83, 2);
  });

  it("bad area weights or dispersion are #VALUE! with a message", () => {
    const w = (areaWeights: unknown[][]) => wddOf([20, 10, 20, 20], { areaWeights })[0][0];
    expectError(w([[1, 0]]), "#VALUE!", /area weight for the control must be greater than 0; got 0/);
    expectError(w([[1, 1, 1, 1, 1]]), "#VALUE!", /at most four \(target, control, buffer, buffer control\)/);
    expectError(w([["x"]]), "#VALUE!", /area weight for the target must be a number/);
    const d = wddOf([20, 10, 20, 20], { dispersion: 0.5 });
    expectError(d[0][0], "#VALUE!", /dispersion must be a number of at least 1/);
  });

  it("as a formula: area weights as a range, spilling one row of five", () => {
    const values = evaluateSpill("=HARM.WDD(161,156,6181,6412,,,,,0.95,,,{1,1})");
    expect(values[0]).toHaveLength(5);
    expect(values[0][0]).toBe(-236);
  });
});

describe("HARM.NETEFFECT: the headline, with an optional interval", () => {
  // Issue 10 walkthrough (docs/methods.md, Net effect): 11.02, 95% interval −25.0 to 47.1.
  const t0 = 161;
  const t1 = 156;
  const c0 = 6181;
  const c1 = 6412;

  it("spills estimate, lower, upper when a confidence is given, with no buffer", () => {
    const [[est, lo, hi]] = netEffect(c(t0), c(t1), none, none, c(c0), c(c1), c(0.95)) as number[][];
    const trend = c1 / c0;
    const variance = t1 + trend ** 2 * t0 + (t0 ** 2 * c1) / c0 ** 2 + (t0 ** 2 * c1 ** 2) / c0 ** 3;
    expect(est).toBeCloseTo(t0 * trend - t1, 12);
    expect(lo).toBeCloseTo(est - Z95 * Math.sqrt(variance), 9);
    expect(hi).toBeCloseTo(est + Z95 * Math.sqrt(variance), 9);
    expect([est, lo, hi].map((x) => Number(x.toFixed(1)))).toEqual([11, -25, 47.1]);
  });

  it("without a confidence it is the single estimate it always was (Q1: T 100→50, B 100→150, C 100→100 gives 0)", () => {
    expect(netEffect(c(100), c(50), c(100), c(150), c(100), c(100))).toEqual([[0]]);
    const r = netEffect(col(100, 80), col(50, 20), c(100), c(150), col(100, 100), col(100, 50));
    expect(r).toEqual([[0], [80 * 0.5 - 20 + (100 * 0.5 - 150)]]);
  });

  it("a dispersion alone also gives the interval, widened by √D; the buffer shares the control", () => {
    const plain = netEffect(c(1000), c(900), c(3000), c(2700), c(1000), c(900), c(0.95))[0] as number[];
    const wide = netEffect(c(1000), c(900), c(3000), c(2700), c(1000), c(900), none, c(4))[0] as number[];
    // docs/methods.md, Net effect: every area fell by 10%, TNE 0, Var 34,200 (interval ±362.5).
    expect(plain[0]).toBeCloseTo(0, 9);
    expect(plain[2]).toBeCloseTo(Z95 * Math.sqrt(34200), 6);
    expect(wide[2]).toBeCloseTo(2 * plain[2], 6);
  });

  it("one buffer count blank, or no control crimes before, says what is wrong", () => {
    expectError(netEffect(c(10), c(5), c(3), none, c(10), c(10))[0][0], "#VALUE!", /bufferAfter is blank/);
    expectError(
      netEffect(c(10), c(5), none, none, c(0), c(10), c(0.9))[0][0],
      "#DIV/0!",
      /controlBefore = 0/,
    );
  });

  it("as a formula the interval spills across three cells", () => {
    const [row] = evaluateSpill("=HARM.NETEFFECT(161,156,,,6181,6412,0.95)");
    expect(row.map((x) => Number((x as number).toFixed(1)))).toEqual([11, -25, 47.1]);
    expect(evaluateSpill("=HARM.NETEFFECT(100,50,100,150,100,100)")).toEqual([[0]]);
  });
});

describe("HARM.WDQ and HARM.DISPLACEMENT when the target did not improve", () => {
  // docs/methods.md, WDQ family: T 10 → 20, B 5 → 9, C 20 → 20 gives SM = +0.5.
  it("WDQ is #N/A with the reason; DISPLACEMENT gives the sentence for the report", () => {
    expectError(
      wdq(c(10), c(20), c(5), c(9), c(20), c(20))[0][0],
      "#N/A",
      /^The target did not improve relative to the control, so displacement cannot be judged\. .*here it is 0\.5/,
    );
    expect(displacement(c(10), c(20), c(5), c(9), c(20), c(20))).toEqual([
      ["The target did not improve relative to the control, so displacement cannot be judged."],
    ]);
  });
});

describe("HARM.HARMWDD with a dispersion", () => {
  const months = col("2024-01", "2024-02", "2024-08", "2024-03", "2024-09", "2024-04");
  const codes = col("A", "C", "C", "A", "A", "C");
  const kinds = col("Burglary", "Burglary", "Burglary", "Drugs", "Drugs", "Drugs");
  const table = [
    ["Burglary", 10],
    ["Drugs", 2],
  ];
  const run = (d?: unknown) =>
    harmWdd(
      months,
      codes,
      kinds,
      c("A"),
      c("C"),
      c("2024-01"),
      c("2024-06"),
      c("2024-07"),
      c("2024-12"),
      table,
      none,
      none,
      d === undefined ? none : c(d),
    )[0] as number[];

  it("keeps the estimate and widens the standard error by √D (Var D·Σ w²·Var_k, ptools wdd_harm)", () => {
    const [est, se] = run();
    // Burglary T 1→0, C 1→1: WDD −1, Var 3; Drugs T 1→1, C 1→0: WDD +1, Var 3.
    expect(est).toBe(10 * -1 + 2 * 1);
    expect(se).toBeCloseTo(Math.sqrt(100 * 3 + 4 * 3), 12);
    const [est2, se2] = run(3);
    expect(est2).toBe(est);
    expect(se2).toBeCloseTo(Math.sqrt(3) * se, 12);
    expectError(run(0.9)[0], "#VALUE!", /dispersion must be a number of at least 1/);
  });
});
