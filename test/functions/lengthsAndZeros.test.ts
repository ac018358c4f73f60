/**
 * Two defects of the count functions (issue 17, "Defects found"):
 * - HARM.HARMWDD was given the period dates but compared raw counts, so
 *   steady rates over 6 against 4 months read as a significant change;
 * - HARM.EVALUATE with no crimes anywhere gave the WDD #DIV/0! (from the
 *   buffer's term) where docs/methods.md says #NUM! (nothing to test).
 */
import { ExcelError } from "../../src/functions/excel";
import { evaluate, harmWdd, wdd } from "../../src/functions/functions";

const c = (x: unknown): unknown[][] => [[x]];
const none = null as never;

/** `n` incident rows a month in each listed month, for one area and one offence type. */
function rows(area: string, months: readonly string[], n: number): [string, string, string][] {
  return months.flatMap((m) =>
    Array.from({ length: n }, (): [string, string, string] => [m, area, "Burglary"]),
  );
}

const BEFORE = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"];
const AFTER = ["2024-07", "2024-08", "2024-09", "2024-10"];

describe("HARM.HARMWDD over periods of different length", () => {
  // Steady rates: target 40 a month (240 in 6 months → 160 in 4), control 80 a month (480 → 320).
  const incidents = [
    ...rows("T", BEFORE, 40),
    ...rows("T", AFTER, 40),
    ...rows("C", BEFORE, 80),
    ...rows("C", AFTER, 80),
  ];
  const [dates, areas, types] = [0, 1, 2].map((i) => incidents.map((r) => [r[i]]));
  const run = ([bS, bE, aS, aE]: string[]) =>
    harmWdd(dates, areas, types, c("T"), c("C"), c(bS), c(bE), c(aS), c(aE), [
      ["Burglary", 5],
    ])[0] as number[];

  it("compares rates, as HARM.WDD does with the lengths: steady rates give 0, not +400", () => {
    const [est, se, , lower, upper] = run(["2024-01", "2024-06", "2024-07", "2024-10"]);
    // The raw-count WDD was 5·[(160 − 240) − (320 − 480)] = +400, "significant" (Z 2.3).
    expect(est).toBeCloseTo(0, 9);
    const [[wEst, wSe]] = wdd(c(240), c(160), c(480), c(320), none, none, none, none, none, c(6), c(4));
    expect(wEst).toBeCloseTo(0, 9);
    expect(est).toBeCloseTo(5 * (wEst as number), 9);
    expect(se).toBeCloseTo(5 * (wSe as number), 9);
    expect(lower).toBeLessThan(0);
    expect(upper).toBeGreaterThan(0);
  });

  it("the same with the bounds as dates on whole months", () => {
    expect(run(["2024-01-01", "2024-06-30", "2024-07-01", "2024-10-31"])).toEqual(
      run(["2024-01", "2024-06", "2024-07", "2024-10"]),
    );
  });

  it("uses days when the periods are not whole months", () => {
    // Day-dated rows, 20 days before and 10 after at steady daily rates (target 2, control 4 a day):
    // raw counts 40 → 20 and 80 → 40, a raw-count WDD of 5·[(20 − 40) − (40 − 80)] = +100.
    const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const day = (d: number) => `2024-01-${String(d).padStart(2, "0")}`;
    const perDay = (area: string, n: number) =>
      days(1, 30).flatMap((d) => Array.from({ length: n }, () => [day(d), area, "Burglary"]));
    const daily = [...perDay("T", 2), ...perDay("C", 4)];
    const [d, a, t] = [0, 1, 2].map((i) => daily.map((r) => [r[i]]));
    const [bS, bE, aS, aE] = ["2024-01-01", "2024-01-20", "2024-01-21", "2024-01-30"].map(c);
    const [est, se] = harmWdd(d, a, t, c("T"), c("C"), bS, bE, aS, aE, [["Burglary", 5]])[0] as number[];
    const [[wEst, wSe]] = wdd(c(40), c(20), c(80), c(40), none, none, none, none, none, c(20), c(10));
    expect(est).toBeCloseTo(0, 9);
    expect(est).toBeCloseTo(5 * (wEst as number), 9);
    expect(se).toBeCloseTo(5 * (wSe as number), 9);
  });

  it("equal periods are unchanged: the raw-count WDD", () => {
    const equal = [...rows("T", BEFORE, 2), ...rows("T", ["2024-07", "2024-08"], 1), ...rows("C", BEFORE, 2)];
    const [d, a, t] = [0, 1, 2].map((i) => equal.map((r) => [r[i]]));
    const [est] = harmWdd(d, a, t, c("T"), c("C"), c("2024-01"), c("2024-06"), c("2024-07"), c("2024-12"), [
      ["Burglary", 5],
    ])[0] as number[];
    // Target 12 → 2, control 12 → 0: 5·[(2 − 12) − (0 − 12)] = 10.
    expect(est).toBeCloseTo(10, 12);
  });
});

describe("no crimes anywhere", () => {
  it("HARM.EVALUATE(0,0,0,0,0,0): the WDD is #NUM! (nothing to test), as docs/methods.md says", () => {
    const [, row] = evaluate(c(0), c(0), c(0), c(0), c(0), c(0));
    const wddCells = row.filter((v) => v instanceof ExcelError && /WDD/.test(v.message)) as ExcelError[];
    expect(wddCells).toHaveLength(3);
    for (const e of wddCells) {
      expect(e.code).toBe("#NUM!");
      expect(e.message).toMatch(/no crimes to compare/);
    }
  });

  it("HARM.WDD with a buffer and no crimes is #NUM!, as without a buffer", () => {
    const withBuffer = wdd(c(0), c(0), c(0), c(0), c(0), c(0))[0][0] as ExcelError;
    const without = wdd(c(0), c(0), c(0), c(0))[0][0] as ExcelError;
    expect([withBuffer.code, without.code]).toEqual(["#NUM!", "#NUM!"]);
    expect(withBuffer.message).toBe(without.message);
  });

  it("a control with no crimes before while other areas have some is still #DIV/0! (the buffer's term is undefined)", () => {
    // Area weights switch off the size rule, which would refuse a control with no crimes before (#N/A).
    const e = wdd(c(5), c(4), c(0), c(3), c(3), c(4), none, none, none, none, none, c(1))[0][0] as ExcelError;
    expect(e.code).toBe("#DIV/0!");
    expect(e.message).toMatch(/buffer term is undefined/);
  });
});
