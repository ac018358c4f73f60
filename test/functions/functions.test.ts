/**
 * Unit tests for the HARM.* adapters, called directly as Excel would call
 * them: every range argument is a 2-D array, a single cell is [[x]], and an
 * omitted optional argument is null.
 */
import { ExcelError } from "../../src/functions/excel";
import {
  change,
  displacement,
  eTest,
  evaluate,
  harmWdd,
  netEffect,
  periodCounts,
  poissonZ,
  prioritise,
  priority,
  res,
  resCi,
  wdd,
  wdq,
} from "../../src/functions/functions";

const c = (x: unknown): unknown[][] => [[x]];
const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);

function expectError(v: unknown, code: string, message?: RegExp | string): void {
  expect(v).toBeInstanceOf(ExcelError);
  const e = v as ExcelError;
  expect(e.code).toBe(code);
  if (message instanceof RegExp) expect(e.message).toMatch(message);
  else if (message !== undefined) expect(e.message).toBe(message);
}

describe("HARM.CHANGE", () => {
  it("gives the change as a fraction", () => {
    expect(change(c(20), c(15))).toEqual([[-0.25]]);
  });
  it("spills one result per row and broadcasts a single cell", () => {
    const r = change(col(10, 20, 40), c(30));
    expect(r).toEqual([[2], [0.5], [-0.25]]);
  });
  it("gives #DIV/0! for a zero before count in that row only", () => {
    const r = change(col(10, 0, 40), col(5, 5, 5));
    expect(r[0][0]).toBe(-0.5);
    expectError(r[1][0], "#DIV/0!", /before is 0/);
    expect(r[2][0]).toBe(-0.875);
  });
  it.each([
    ["text", "lots", /before must be a number; got 'lots'/],
    ["a negative count", -3, /before must not be negative; got -3/],
    ["NaN", Number.NaN, /before must be a finite number/],
    ["Infinity", Number.POSITIVE_INFINITY, /before must be a finite number/],
    ["a blank", null, /before is blank/],
    ["TRUE", true, /before must be a number; got true/],
    ["an error value", new ExcelError("#N/A", ""), /before contains an error value \(#N\/A\)/],
  ])("rejects %s with #VALUE! and a message", (_name, bad, msg) => {
    expectError(change(c(bad), c(5))[0][0], "#VALUE!", msg);
  });
  it("rejects columns of different lengths", () => {
    const r = change(col(1, 2, 3), col(1, 2));
    expect(r).toHaveLength(1);
    expectError(r[0][0], "#VALUE!", /after has 2 rows but before has 3; select ranges of the same length/);
  });
  it("rejects an empty range", () => {
    expectError(change([], c(1))[0][0], "#VALUE!", /before is an empty range/);
  });
});

describe("HARM.POISSONZ and HARM.ETEST", () => {
  it("matches Wheeler's example 16 → 25 gives Z = 2", () => {
    expect(poissonZ(c(16), c(25))[0][0]).toBeCloseTo(2, 12);
  });
  it("matches ptools e_test(0, 3) = 0.0884", () => {
    expect(eTest(c(0), c(3), null as never, null as never)[0][0]).toBeCloseTo(0.0884, 4);
    expect(eTest(c(0), c(3))[0][0]).toBeCloseTo(0.0884, 4);
  });
  it("treats blank exposures as 1 and gives p = 1 for equal rates", () => {
    expect(eTest(c(10), c(20), c(1), c(2))[0][0]).toBe(1);
    expect(eTest(c(10), c(20), [[null]], [[""]])[0][0]).toBeLessThan(0.1);
  });
  it("spills p-values for columns", () => {
    const r = eTest(col(5, 10, 20), col(5, 30, 2));
    expect(r).toHaveLength(3);
    expect(r[0][0]).toBe(1);
    expect(r[1][0]).toBeLessThan(0.01);
  });
  it("needs whole counts and positive exposures", () => {
    expectError(eTest(c(2.5), c(3))[0][0], "#VALUE!", /count1 must be a whole number/);
    expectError(eTest(c(2), c(3), c(0))[0][0], "#VALUE!", /exposure1 must be greater than 0/);
    expectError(eTest(c(0), c(0))[0][0], "#NUM!");
  });
});

describe("HARM.RES and HARM.RES.CI", () => {
  it("matches example R1: 50, 30, 60, 55 gives RES 1.5278", () => {
    expect(res(c(50), c(30), c(60), c(55))[0][0]).toBeCloseTo(1.5278, 4);
  });
  it("gives the interval exp(ln RES ± 1.96·√Var) as two cells", () => {
    const [[lo, hi]] = resCi(c(50), c(30), c(60), c(55)) as number[][];
    const se = Math.sqrt(1 / 50 + 1 / 30 + 1 / 60 + 1 / 55);
    const ln = Math.log((50 * 55) / (30 * 60));
    expect(lo).toBeCloseTo(Math.exp(ln - 1.959964 * se), 5);
    expect(hi).toBeCloseTo(Math.exp(ln + 1.959964 * se), 5);
  });
  it("widens the interval with a dispersion factor and narrows it at 90%", () => {
    const base = resCi(c(50), c(30), c(60), c(55)) as number[][];
    const wide = resCi(c(50), c(30), c(60), c(55), null as never, c(2)) as number[][];
    const narrow = resCi(c(50), c(30), c(60), c(55), c(0.9)) as number[][];
    expect(wide[0][0]).toBeLessThan(base[0][0]);
    expect(narrow[0][0]).toBeGreaterThan(base[0][0]);
  });
  it("spills a 2-column row per input row, an error row padded to both cells", () => {
    const r = resCi(col(50, 0), col(30, 5), c(60), c(55));
    expect(r).toHaveLength(2);
    expect(r[0]).toHaveLength(2);
    expectError(r[1][0], "#DIV/0!", /RES is undefined when any count is 0/);
    expectError(r[1][1], "#DIV/0!");
  });
  it("rejects a bad confidence or dispersion", () => {
    expectError(resCi(c(50), c(30), c(60), c(55), c(95))[0][0], "#VALUE!", /for 95% enter 0.95/);
    expectError(resCi(c(50), c(30), c(60), c(55), null as never, c(0.5))[0][0], "#VALUE!", /dispersion/);
  });
});

describe("HARM.WDQ, HARM.NETEFFECT, HARM.DISPLACEMENT", () => {
  const q1 = [c(100), c(50), c(100), c(150), c(100), c(100)] as const;
  it("matches example Q1: WDQ −1, TNE 0", () => {
    expect(wdq(...q1)[0][0]).toBeCloseTo(-1, 12);
    expect(netEffect(...q1)[0][0]).toBeCloseTo(0, 12);
    expect(displacement(...q1)[0][0]).toMatch(/cancelled out/);
  });
  it("spills rows and keeps a bad row's error to that row", () => {
    const r = wdq(col(100, 100), col(50, 50), c(100), col(150, 110), col(100, 0), c(100));
    expect(r[0][0]).toBeCloseTo(-1, 12);
    expectError(r[1][0], "#DIV/0!", /controlBefore = 0/);
  });
  it("names the argument in the message", () => {
    expectError(
      wdq(c(100), c(50), c(-1), c(150), c(100), c(100))[0][0],
      "#VALUE!",
      /bufferBefore must not be negative/,
    );
  });
});

describe("HARM.WDD", () => {
  it("matches example W2: control 20→20, target 20→10 gives −10, SE √70", () => {
    const [[est, se, z, lo, hi]] = wdd(c(20), c(10), c(20), c(20)) as number[][];
    expect(est).toBeCloseTo(-10, 12);
    expect(se).toBeCloseTo(Math.sqrt(70), 12);
    expect(z).toBeCloseTo(-10 / Math.sqrt(70), 12);
    expect(lo).toBeCloseTo(-10 - 1.959964 * Math.sqrt(70), 4);
    expect(hi).toBeCloseTo(-10 + 1.959964 * Math.sqrt(70), 4);
  });
  it("adds buffer and buffer-control terms", () => {
    const [[est, se]] = wdd(c(20), c(10), c(20), c(20), c(10), c(15), c(8), c(9)) as number[][];
    expect(est).toBeCloseTo(-10 + 5 - 1, 12);
    expect(se).toBeCloseTo(Math.sqrt(70 + 25 + 17), 12);
  });
  it("spills 5 cells per row", () => {
    const r = wdd(col(20, 30, 40), c(10), c(20), c(20));
    expect(r).toHaveLength(3);
    for (const row of r) expect(row).toHaveLength(5);
  });
  it("keeps the 5-column shape when every row fails", () => {
    const r = wdd(col("x", -1), c(10), c(20), c(20));
    expect(r.map((row) => row.length)).toEqual([5, 5]);
    expectError(r[0][4], "#VALUE!", /targetBefore must be a number; got 'x'/);
    expectError(r[1][0], "#VALUE!", /targetBefore must not be negative/);
  });
  it("needs both buffer counts", () => {
    expectError(wdd(c(20), c(10), c(20), c(20), c(5))[0][0], "#VALUE!", /both bufferBefore and bufferAfter/);
  });
  it("all-zero counts give #NUM! rather than a division by zero", () => {
    expectError(wdd(c(0), c(0), c(0), c(0))[0][0], "#NUM!", /variance/);
  });
});

describe("HARM.EVALUATE", () => {
  it("gives a header and a 16-column row per input row, the verdict beside the net effect", () => {
    const r = evaluate(col(100, 80), col(50, 20), c(100), c(150), col(100, 100), col(100, 50));
    expect(r).toHaveLength(3);
    expect(r[0][0]).toBe("Change in target");
    expect(r[0][10]).toBe("Verdict");
    expect(r[0][14]).toBe("Interpretation");
    expect(r[0][15]).toBe("Checks");
    expect(r[1]).toHaveLength(16);
    expect(r[1][10]).toBe("No clear change: the interval includes zero");
    expect(r[1][0]).toBe(-0.5);
    expect(r[1][6]).toBeCloseTo(-1, 12);
    expect(r[1][7]).toBeCloseTo(0, 12);
    // Row 2 is W4 without time weights. The buffer has no control of its own, so the control's
    // trend scaled to the buffer's baseline (B0/C0 = 1) stands in (docs/methods.md, WDD):
    // (20 − 80) − (50 − 100) + (150 − 100) − (100/100)·(50 − 100).
    expect(r[2][11]).toBeCloseTo(-60 + 50 + 50 + 50, 12);
  });
  it("shows an undefined piece as an error in that cell only", () => {
    const r = evaluate(c(0), c(5), c(3), c(4), c(6), c(7));
    expectError(r[1][0], "#DIV/0!", /before count is 0/);
    expect(r[1][1]).toBeCloseTo(2 * Math.sqrt(5), 12); // Poisson Z still defined
    expectError(r[1][3], "#DIV/0!", /RES is undefined/);
    expectError(r[1][6], "#N/A", /target did not improve/); // WDQ needs an improved target
    // Net effect: (0·7/6 − 5) + (3·7/6 − 4), still defined.
    expect(r[1][7]).toBeCloseTo(-5 + (3 * 7) / 6 - 4, 12);
    expect(r[1][10]).toBe("Not judged: target counts below 10; see the E-test");
    expect(typeof r[1][14]).toBe("string");
  });
  it("gives one error cell, not a table, when the ranges do not match", () => {
    const r = evaluate(col(1, 2), col(1, 2, 3), c(1), c(1), c(1), c(1));
    expect(r).toHaveLength(1);
    expectError(r[0][0], "#VALUE!", /same length/);
  });
});

// Serial 45292 = 2024-01-01; 45474 = 2024-07-01.
const dates = col(45292, 45300, 45474, 45480, "2024-02", "2024-08", 45301, 45490);
const areas = col("T1", "T2", "T1", "B1", "C1", "C1", "X9", "T1");
const types = col("Drugs", "Burglary", "Drugs", "Drugs", "Burglary", "Drugs", "Drugs", "Burglary");
const bounds = [c("2024-01-01"), c("2024-06-30"), c("2024-07-01"), c("2024-12-31")] as const;

describe("HARM.PERIODCOUNTS", () => {
  it("counts by area group and period (3×2)", () => {
    const r = periodCounts(dates, areas, c("T1, T2"), c("B1"), c("C1"), ...bounds);
    expect(r).toEqual([
      [2, 2],
      [0, 1],
      [1, 1],
    ]);
  });
  it("accepts area lists as ranges with blanks and month bounds", () => {
    const r = periodCounts(
      dates,
      areas,
      col("T1", null, "T2", ""),
      [[null]],
      c("C1"),
      c("2024-01"),
      c("2024-06"),
      c("2024-07"),
      c("2024-12"),
    );
    expect(r).toEqual([
      [2, 2],
      [0, 0],
      [1, 1],
    ]);
  });
  it("ignores empty-string cells in area lists, as Excel may pass blanks", () => {
    const r = periodCounts(dates, areas, col("", "T1", "T2"), col(""), col("C1", ""), ...bounds);
    expect(r[0]).toEqual([2, 2]);
    expect(r[1]).toEqual([0, 0]);
  });
  it("treats an empty-string weight as blank", () => {
    const r = periodCounts(dates, areas, c("T1,T2"), c("B1"), c("C1"), ...bounds, types, [
      ["Drugs", ""],
      ["Burglary", 1],
    ]);
    expectError(
      r[0][0],
      "#VALUE!",
      "weightTable row 1: the weight for 'Drugs' must be a number of 0 or more; got a blank.",
    );
  });
  it("totals harm with a weight table (header row allowed)", () => {
    const table = [
      ["Offence type", "Weight"],
      ["Drugs", 2],
      ["Burglary", 10],
    ];
    const r = periodCounts(dates, areas, c("T1,T2"), c("B1"), c("C1"), ...bounds, types, table);
    expect(r).toEqual([
      [2 + 10, 2 + 10],
      [0, 2],
      [10, 2],
    ]);
  });
  it("reads area lists by the add-in's one rule: commas, semicolons or line breaks, any case, spaces ignored", () => {
    const r = periodCounts(dates, areas, c(" t1;T 2\nt1 "), col("b1", "B1"), c("c1,"), ...bounds);
    expect(r).toEqual(periodCounts(dates, areas, col("T1", "T2"), c("B1"), c("C1"), ...bounds));
    expect(r[0]).toEqual([2, 2]);
    expectError(
      periodCounts(dates, areas, c("T1"), c(true), c("C1"), ...bounds)[0][0],
      "#VALUE!",
      "bufferAreas must list area codes as text; got true.",
    );
  });
  it("names a weight by its row in the range, counting a header row", () => {
    const r = periodCounts(dates, areas, c("T1,T2"), c("B1"), c("C1"), ...bounds, types, [
      ["Offence type", "Weight"],
      ["Drugs", 2],
      ["Burglary", "1,5"],
    ]);
    expectError(
      r[0][0],
      "#VALUE!",
      "weightTable row 3: the weight for 'Burglary' must be a number of 0 or more; got '1,5'.",
    );
  });
  it("says which offence type has no weight (#N/A) and which weight is blank (#VALUE!)", () => {
    const r1 = periodCounts(dates, areas, c("T1,T2"), c("B1"), c("C1"), ...bounds, types, [["Drugs", 2]]);
    expectError(r1[0][0], "#N/A", /offence type 'Burglary' has no weight/);
    const r2 = periodCounts(dates, areas, c("T1,T2"), c("B1"), c("C1"), ...bounds, types, [
      ["Drugs", 2],
      ["Burglary", null],
    ]);
    expectError(r2[0][0], "#VALUE!", /weightTable row 2: the weight for 'Burglary' .* got a blank/);
    const r3 = periodCounts(dates, areas, c("T1,T2"), c("B1"), c("C1"), ...bounds, types, [
      ["Drugs", -2],
      ["Burglary", 1],
    ]);
    expectError(
      r3[0][0],
      "#VALUE!",
      /weightTable row 1: the weight for 'Drugs' must not be negative; got -2/,
    );
  });
  it("rejects a bad date with the exact message", () => {
    const r = periodCounts(
      dates,
      areas,
      c("T1"),
      c("B1"),
      c("C1"),
      c("next week"),
      bounds[1],
      bounds[2],
      bounds[3],
    );
    expectError(r[0][0], "#VALUE!", "beforeStart must be a date; got 'next week'");
  });
  it("rejects mismatched columns, empty ranges and empty area lists", () => {
    expectError(
      periodCounts(dates, areas.slice(1), c("T1"), c("B1"), c("C1"), ...bounds)[0][0],
      "#VALUE!",
      /dates has 8 rows but areas has 7/,
    );
    expectError(
      periodCounts([], areas, c("T1"), c("B1"), c("C1"), ...bounds)[0][0],
      "#VALUE!",
      /dates is empty/,
    );
    expectError(
      periodCounts(dates, areas, [[null]], c("B1"), c("C1"), ...bounds)[0][0],
      "#VALUE!",
      /targetAreas is empty/,
    );
    // The Operation sheet's cell for a long list points at its Areas table: never read as area codes.
    expectError(
      periodCounts(dates, areas, c("T1"), c("B1"), c("3,500 areas: see the Areas table"), ...bounds)[0][0],
      "#VALUE!",
      /controlAreas is a cell that says the areas are in the Areas table; pass that table's codes instead/,
    );
    expectError(
      periodCounts(dates, areas, c("T1"), c("B1"), c("C1"), ...bounds, null as never, [["Drugs", 1]])[0][0],
      "#VALUE!",
      /needs the offenceTypes column/,
    );
  });
});

describe("HARM.HARMWDD", () => {
  // Before counts of target and control within a factor of 2 for each offence type, as an
  // unweighted WDD per type needs (docs/methods.md, Comparability rule). Each row: month, area, type.
  const incidents: [string, string, string][] = [
    ["2024-01", "T1", "Burglary"],
    ["2024-02", "T1", "Burglary"],
    ["2024-08", "T1", "Burglary"],
    ["2024-01", "C1", "Burglary"],
    ["2024-03", "C1", "Burglary"],
    ["2024-08", "C1", "Burglary"],
    ["2024-09", "C1", "Burglary"],
    ["2024-05", "B1", "Burglary"],
    ["2024-10", "B1", "Burglary"],
    ["2024-11", "B1", "Burglary"],
    ["2024-02", "T1", "Drugs"],
    ["2024-08", "T1", "Drugs"],
    ["2024-10", "T1", "Drugs"],
    ["2024-04", "C1", "Drugs"],
    ["2024-11", "C1", "Drugs"],
    ["2024-06", "B1", "Drugs"],
    ["2024-12", "B1", "Drugs"],
  ];
  const [months, codes, kinds] = [0, 1, 2].map((i) => incidents.map((r) => [r[i]]));
  const table = [
    ["Drugs", 2],
    ["Burglary", 10],
  ];
  const run = (buffer?: unknown[][]): number[] =>
    harmWdd(
      months,
      codes,
      kinds,
      c("T1"),
      c("C1"),
      ...bounds,
      table,
      buffer ?? (null as never),
    )[0] as number[];
  // Counts by hand: Burglary T 2→1, C 2→2, B 1→2; Drugs T 1→2, C 1→1, B 1→1.
  const burglary = { t: [2, 1], c: [2, 2], b: [1, 2], w: 10 };
  const drugs = { t: [1, 2], c: [1, 1], b: [1, 1], w: 2 };

  it("is Σ w·WDD_k with Var Σ w²·Var_k, not the WDD of harm totals", () => {
    const [est, se] = run();
    const part = (k: typeof drugs): { wdd: number; v: number } => ({
      wdd: k.t[1] - k.t[0] - (k.c[1] - k.c[0]),
      v: k.t[0] + k.t[1] + k.c[0] + k.c[1],
    });
    const [b, d] = [part(burglary), part(drugs)];
    expect(est).toBeCloseTo(10 * b.wdd + 2 * d.wdd, 12); // −10 + 2
    expect(se).toBeCloseTo(Math.sqrt(100 * b.v + 4 * d.v), 12); // √720
    // Harm totals fed to an unweighted WDD: T 22→14, C 22→22, variance 80 rather than 720.
    const totals = periodCounts(months, codes, c("T1"), c("B1"), c("C1"), ...bounds, kinds, table);
    const naiveVar = totals[0][0] + totals[0][1] + totals[2][0] + totals[2][1];
    expect(naiveVar).toBe(80);
    expect(se * se).not.toBeCloseTo(naiveVar, 3);
  });

  it("adds each type's buffer change against the control's trend scaled to the buffer", () => {
    const [est, se] = run(c("B1"));
    // Per type: (T1 − T0) − (C1 − C0) + (B1 − B0) − (B0/C0)·(C1 − C0), variance
    // T0 + T1 + B0 + B1 + (1 + B0/C0)²·(C0 + C1) (docs/methods.md, WDD).
    const part = (k: typeof drugs): { wdd: number; v: number } => {
      const scale = k.b[0] / k.c[0];
      return {
        wdd: k.t[1] - k.t[0] - (k.c[1] - k.c[0]) + (k.b[1] - k.b[0]) - scale * (k.c[1] - k.c[0]),
        v: k.t[0] + k.t[1] + k.b[0] + k.b[1] + (1 + scale) ** 2 * (k.c[0] + k.c[1]),
      };
    };
    const [b, d] = [part(burglary), part(drugs)];
    expect(est).toBeCloseTo(10 * b.wdd + 2 * d.wdd, 12);
    expect(se).toBeCloseTo(Math.sqrt(100 * b.v + 4 * d.v), 12);
  });

  it("refuses (#N/A) when a type's target and control differ too much in size, naming the type", () => {
    const [cell] = harmWdd(dates, areas, types, c("T1,T2"), c("C1"), ...bounds, table)[0];
    // Drugs: the control had none before, so its size cannot be compared with the target's.
    expectError(cell, "#N/A", /^"Drugs": .*net effect/);
  });
});

describe("HARM.PRIORITY and HARM.PRIORITISE", () => {
  it("scores 0–100 with the default weights", () => {
    expect(priority(c(4), c(2), c(5), c(1), c(3))[0][0]).toBeCloseTo(50, 12);
    expect(priority(c(5), c(3))[0][0]).toBeCloseTo(75, 12);
  });
  it("spills a column and uses the analyst's weights", () => {
    const r = priority(col(1, 5), col(1, 5), null as never, null as never, null as never, [[1, 0]]);
    expect(r).toEqual([[0], [100]]);
    expect(priority(c(5), c(1), null as never, null as never, null as never, [[1, 0]])[0][0]).toBe(100);
  });
  it("rejects out-of-range ratings in that row only", () => {
    const r = priority(col(3, 7), c(2));
    expect(typeof r[0][0]).toBe("number");
    expectError(r[1][0], "#VALUE!", /Extent must be a whole number from 1 to 5; got 7/);
    expectError(
      priority(c(3), c(2), null as never, null as never, null as never, [[1, 2, 3, 4, 5, 6]])[0][0],
      "#VALUE!",
      /at most five/,
    );
  });
  it("ranks with a header and breakdown that adds up to the score", () => {
    const r = prioritise(col("Street dealing", "Cuckooing", "Needle litter"), [
      [3, 3, 4],
      [4, 5, 2],
      [3, 3, 4],
    ]);
    expect(r[0]).toEqual(["Rank", "Harm", "Score", "Extent", "Seriousness", "Community concern"]);
    expect(r.slice(1).map((row) => row[1])).toEqual(["Cuckooing", "Street dealing", "Needle litter"]);
    expect(r.slice(1).map((row) => row[0])).toEqual([1, 2, 2]);
    for (const row of r.slice(1)) {
      const parts = (row.slice(3) as number[]).reduce((a, b) => a + b, 0);
      expect(parts).toBeCloseTo(row[2] as number, 9);
    }
  });
  it("names the row with a bad rating and checks shapes", () => {
    expectError(
      prioritise(col("A", "B"), [
        [3, 3],
        [3, 0],
      ])[0][0],
      "#VALUE!",
      /Seriousness in row 2 must be a whole number from 1 to 5; got 0/,
    );
    expectError(prioritise(col("A", "B"), [[3, 3]])[0][0], "#VALUE!", /criteria has 1 rows but labels has 2/);
    expectError(prioritise(col("A"), [[3]])[0][0], "#VALUE!", /select 2 to 5 columns/);
  });
});
