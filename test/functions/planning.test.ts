/**
 * HARM.MDE and HARM.MONTHSNEEDED (issue 11): planning figures for the headline
 * test (the net effect against the control; docs/methods.md, Minimum detectable
 * effect and Months needed). The worked examples come from docs/methods.md; the
 * independent check is a seeded simulation of the headline test itself.
 */
import { ExcelError } from "../../src/functions/excel";
import { mde, monthsNeeded } from "../../src/functions/functions";
import { mulberry32, poissonSampler } from "../core/stats/random";
import { evaluateSpill } from "../support/hyperformulaPlugin";

const c = (x: unknown): unknown[][] => [[x]];
const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);
const none = null as never;
const { sqrt } = Math;
const Z95 = 1.959963984540054;

function expectError(v: unknown, code: string, message: RegExp): void {
  expect(v).toBeInstanceOf(ExcelError);
  expect((v as ExcelError).code).toBe(code);
  expect((v as ExcelError).message).toMatch(message);
}

/**
 * Share of simulated evaluations in which the headline detects a fall: T0, C0
 * at their means, T1 after a fall of `fraction`, C1 at the control's rate,
 * all Poisson; detected when NE − z·SE > 0 with NE = T0·C1/C0 − T1 and
 * SE² = T1 + (C1/C0)²·T0 + T0²·C1/C0² + T0²·C1²/C0³ (docs/methods.md, Net effect).
 */
function simulatedPower(t0: number, c0: number, r: number, fraction: number, runs: number): number {
  const u = mulberry32(2011);
  const draw = [t0, c0, t0 * r * (1 - fraction), c0 * r].map((m) => poissonSampler(m, u));
  let detected = 0;
  for (let i = 0; i < runs; i++) {
    const [a, cc, b, d] = draw.map((f) => f());
    if (cc === 0) continue;
    const ne = (a * d) / cc - b;
    const v = b + (d / cc) ** 2 * a + (a * a * d) / (cc * cc) + (a * a * d * d) / (cc * cc * cc);
    if (ne - Z95 * sqrt(v) > 0) detected++;
  }
  return detected / runs;
}

describe("HARM.MDE", () => {
  it("docs/methods.md: T0 = 60, C0 = 600 gives a fall of 0.465, 27.9 crimes", () => {
    const [[crimes, fraction]] = mde(c(60), c(600)) as number[][];
    expect(fraction).toBeCloseTo(0.465, 3);
    expect(crimes).toBeCloseTo(fraction * 60, 12);
    expect(crimes).toBeCloseTo(27.9, 1);
  });

  it("docs/methods.md: 120 in 6 months, control 2,000, after period 4 months gives 0.369, 29.6 crimes", () => {
    const [[crimes, fraction]] = mde(c(120), c(2000), c(6), c(4)) as number[][];
    expect(fraction).toBeCloseTo(0.369, 3);
    expect(crimes).toBeCloseTo(fraction * 120 * (4 / 6), 12);
    expect(crimes).toBeCloseTo(29.6, 1);
  });

  it("a simulated evaluation at that fall detects it about 80% of the time", () => {
    const [[, fraction]] = mde(c(60), c(600)) as number[][];
    expect(Math.abs(simulatedPower(60, 600, 1, fraction, 4000) - 0.8)).toBeLessThan(0.03);
    const [[, smaller]] = mde(c(60), c(600), none, none, none, c(0.5)) as number[][];
    expect(Math.abs(simulatedPower(60, 600, 1, smaller, 4000) - 0.5)).toBeLessThan(0.03);
  });

  it("spills crimes and fraction per row; more confidence, power or dispersion needs a bigger fall", () => {
    const r = mde(
      col(60, 60, 60, 60),
      c(600),
      none,
      none,
      col(0.95, 0.99, 0.95, 0.95),
      col(0.8, 0.8, 0.9, 0.8),
      col(1, 1, 1, 2),
    );
    expect(r.map((row) => row.length)).toEqual([2, 2, 2, 2]);
    const base = r[0][1] as number;
    for (const i of [1, 2, 3]) expect(r[i][1] as number).toBeGreaterThan(base);
  });

  it("too few crimes is #N/A saying so; bad input is #VALUE! saying what to fix", () => {
    expectError(mde(c(3), c(100))[0][0], "#N/A", /fewer than 10 target crimes in the before period/);
    expectError(mde(c(-5), c(100))[0][0], "#VALUE!", /targetBefore must be greater than 0/);
    expectError(mde(c(60), c(600), c(6))[0][0], "#VALUE!", /Give both beforeLength and afterLength/);
    expectError(
      mde(c(60), c(600), none, none, none, c(80))[0][0],
      "#VALUE!",
      /power must be between 0 and 1.*for 80% enter 0\.8/,
    );
    expectError(mde(c(60), c(600), none, none, c(95))[0][0], "#VALUE!", /for 95% enter 0\.95/);
  });

  it("MDE(15, 2000) is #N/A: the fall the headline would see leaves too few crimes after for the verdict to judge", () => {
    // It used to promise 80% power for a 77% fall, which the verdict never credits (about 3 crimes left after).
    expectError(
      mde(c(15), c(2000))[0][0],
      "#N/A",
      /leave about 3\.4\d* target crimes in the after period.*fewer than 10.*Longer periods, more target areas/,
    );
  });

  it("with 19 or more similar areas the plan needs a larger fall (the verdict also ranks the target)", () => {
    const [[, alone]] = mde(c(80), c(4000)) as number[][];
    const [[, ranked]] = mde(c(80), c(4000), none, none, none, none, none, c(19)) as number[][];
    const [[, few]] = mde(c(80), c(4000), none, none, none, none, none, c(18)) as number[][];
    expect(ranked).toBeGreaterThan(alone);
    expect(few).toBe(alone); // fewer than 19 cannot reach 5%, so the rank does not apply
    expect(monthsNeeded(c(10), c(300), c(0.3), none, none, none, c(39))[0][0]).toBeGreaterThanOrEqual(
      monthsNeeded(c(10), c(300), c(0.3))[0][0] as number,
    );
    // Strictly more here: the rank's 5% is harder to reach than the interval's alone.
    expect(monthsNeeded(c(10), c(300), c(0.3), none, none, none, c(39))[0][0]).toBeGreaterThan(
      monthsNeeded(c(10), c(300), c(0.3))[0][0] as number,
    );
    expectError(
      mde(c(80), c(4000), none, none, none, none, none, c(2.5))[0][0],
      "#VALUE!",
      /similarAreas must be a whole number of comparison areas/,
    );
  });

  it("as the Planning sheet's formula, blanks in the middle included", () => {
    const [row] = evaluateSpill("=HARM.MDE(120,2000,6,4,,,1)");
    expect(row).toHaveLength(2);
    expect(row[1]).toBeCloseTo(0.369, 3);
  });
});

describe("HARM.MONTHSNEEDED", () => {
  it("docs/methods.md: 10 target and 100 control crimes a month need 17 months for 30%, 39 for 20%", () => {
    expect(monthsNeeded(c(10), c(100), c(0.3))).toEqual([[17]]);
    expect(monthsNeeded(c(10), c(100), c(0.2))).toEqual([[39]]);
  });

  it("agrees with HARM.MDE: at 17 months the detectable fall is within 30%, at 16 it is not", () => {
    const fall = (m: number) => mde(c(10 * m), c(100 * m))[0][1] as number;
    expect(fall(17)).toBeLessThanOrEqual(0.3);
    expect(fall(16)).toBeGreaterThan(0.3);
  });

  it("#N/A when no length up to 60 months would do, with the reason", () => {
    expectError(
      monthsNeeded(c(0.5), c(100), c(0.05))[0][0],
      "#N/A",
      /Even 60 months before and 60 after would not detect a 5% fall/,
    );
  });

  it("reduction, power or confidence outside (0, 1) is #VALUE! with a message", () => {
    expectError(monthsNeeded(c(10), c(100), c(0))[0][0], "#VALUE!", /reduction must be between 0 and 1/);
    expectError(monthsNeeded(c(10), c(100), c(1))[0][0], "#VALUE!", /reduction must be between 0 and 1/);
    expectError(monthsNeeded(c(10), c(100), c(20))[0][0], "#VALUE!", /for 20% enter 0\.2/);
    expectError(
      monthsNeeded(c(10), c(100), c(0.3), none, c(1.2))[0][0],
      "#VALUE!",
      /power must be between 0 and 1/,
    );
    expectError(
      monthsNeeded(c(10), c(100), c(0.3), c(0))[0][0],
      "#VALUE!",
      /confidence must be between 0 and 1/,
    );
  });

  it("a column of reductions spills one answer per row, and it works as a formula", () => {
    expect(monthsNeeded(c(10), c(100), col(0.3, 0.2))).toEqual([[17], [39]]);
    expect(evaluateSpill("=HARM.MONTHSNEEDED(10,100,0.3,0.95,0.8)")).toEqual([[17]]);
  });

  // Core defect reported to the lead: power.ts's moments break down for near-zero counts, so a target
  // with almost no crime is said to need a single month. Flip to `it` once core refuses or answers #N/A.
  it("never answers 1 month for a target with almost no crime", () => {
    expect(monthsNeeded(c(0.01), c(100), c(0.3))[0][0]).not.toBe(1);
  });
});
