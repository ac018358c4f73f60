/**
 * HARM.DISPERSION and HARM.VERDICT called as Excel calls them: each answers
 * good input with what the core gives, and bad input with an Excel error whose
 * message says what to fix. (The agreement of HARM.VERDICT with the pane and
 * the command line on real data is test/functions/verdictContract.test.ts.)
 */
import { monthlyDispersion } from "../../src/core/stats/dispersion";
import { ExcelError } from "../../src/functions/excel";
import { dispersion, monthlyCounts, verdict, VERDICT_HEADER } from "../../src/functions/functions";

const c = (x: unknown): unknown[][] => [[x]];
const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);
const none = null as never;

function expectError(v: unknown, code: string, message: RegExp): void {
  expect(v).toBeInstanceOf(ExcelError);
  expect((v as ExcelError).code).toBe(code);
  expect((v as ExcelError).message).toMatch(message);
}

describe("HARM.DISPERSION", () => {
  const one = (...args: unknown[][][]): unknown => dispersion(...(args as [unknown[][]]))[0][0];

  it("10, 20, 10, 20, 10, 20 against a flat pattern: X² = 6·25/15 = 10 over 5 degrees of freedom, 2", () => {
    expect(dispersion(col(10, 20, 10, 20, 10, 20))).toEqual([[2]]);
  });

  it("counts that follow the control's pattern exactly vary no more than chance: 1 (the estimate is floored)", () => {
    const t = col(10, 20, 10, 20, 10, 20);
    expect(dispersion(t, col(100, 200, 100, 200, 100, 200))).toEqual([[1]]);
    expect(monthlyDispersion([10, 20, 10, 20, 10, 20], [100, 200, 100, 200, 100, 200]).raw).toBe(0);
  });

  it("is the core's monthly estimate for any counts", () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let k = 0; k < 50; k++) {
      const n = 6 + Math.floor(next() * 30);
      const t = Array.from({ length: n }, () => Math.floor(next() * 60));
      const ctl = Array.from({ length: n }, () => 1 + Math.floor(next() * 600));
      expect(dispersion(col(...t), col(...ctl))[0][0]).toBe(monthlyDispersion(t, ctl).value);
    }
  });

  it("reads a HARM.MONTHLYCOUNTS spill, leaving out its heading and the months with no data", () => {
    const dates = col("2024-01", "2024-01", "2024-02", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08");
    const areas = col("T", "C", "C", "T", "T", "C", "T", "C");
    const spill = monthlyCounts(dates, areas, c("T"), c(""), c("C"), c("2024-01"), c("2024-08"));
    expect(spill[3]).toEqual([45352, "no data", "no data", "no data"]); // March: no file
    const rows = spill.slice(1).filter((r) => r[1] !== "no data");
    const expected = monthlyDispersion(
      rows.map((r) => r[1] as number),
      rows.map((r) => r[3] as number),
    ).value;
    expect(dispersion(spill)).toEqual([[expected]]);
    // Its Target and Control columns, headings included, give the same.
    const column = (i: number) => spill.map((r) => [r[i]]);
    expect(dispersion(column(1), column(3))).toEqual([[expected]]);
  });

  it("needs 6 months with counts, as the evaluation does (#N/A saying so)", () => {
    expectError(one(col(10, 20, 10, "", 20)), "#N/A", /Only 4 months have counts; at least 6/);
    expectError(
      one(col(1, 2, 3, 4, 5, 6), col(1, 2, "no data", 4, 5, 6)),
      "#N/A",
      /Only 5 months have counts in both columns/,
    );
  });

  it("answers bad counts with #VALUE! naming the row and what to fix", () => {
    expectError(one(col(10, -2, 10, 20, 10, 20)), "#VALUE!", /^targetMonthly row 2 must not be negative/);
    expectError(one(col(10, 20, "abc", 20, 10, 20)), "#VALUE!", /^targetMonthly row 3 must be a number/);
    expectError(one(col(10, 20, "1,5", 20, 10, 20)), "#VALUE!", /^targetMonthly row 3 .*full stop/);
    const err = new ExcelError("#N/A", "from the sheet");
    expectError(
      one(col(10, 20, 10, 20, 10, 20), col(1, 1, err, 1, 1, 1)),
      "#VALUE!",
      /row 3 contains an error/,
    );
    expectError(
      one(col(1, 2, 3, 4, 5, 6), col(1, 2, 3)),
      "#VALUE!",
      /3 rows but targetMonthly has 6; select the same/,
    );
    expectError(one(col(1, 2, 3, 4, 5, 6), col(0, 0, 0, 0, 0, 0)), "#VALUE!", /all zero.*leave it out/);
    expectError(
      one([
        [1, 2],
        [3, 4],
      ]),
      "#VALUE!",
      /targetMonthly must be a single column/,
    );
  });
});

describe("HARM.VERDICT", () => {
  // Target T, buffer B, control areas C1…C8; a steady 15 crimes a month in every area, 2024-01 to 2024-12.
  const MONTHS = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`);
  const AREAS = ["T", "B", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"];
  const rows: [string, string, string][] = [];
  for (const m of MONTHS)
    for (const a of AREAS) for (let k = 0; k < 15; k++) rows.push([m, a, k % 3 === 0 ? "Drugs" : "Burglary"]);
  const [dates, areas, types] = [0, 1, 2].map((i) => rows.map((r) => [r[i]]));
  const bounds = [c("2024-01"), c("2024-06"), c("2024-07"), c("2024-12")] as const;
  const run = (
    over: Partial<
      Record<"types" | "target" | "buffer" | "control" | "filter" | "conf" | "disp", unknown[][]>
    > = {},
    b = bounds,
  ) =>
    verdict(
      dates,
      areas,
      (over.types ?? types) as never,
      (over.target ?? c("T")) as never,
      (over.buffer ?? c("B")) as never,
      (over.control ?? c("")) as never,
      ...b,
      (over.filter ?? none) as never,
      (over.conf ?? none) as never,
      (over.disp ?? none) as never,
    );

  it("spills a header and one row, the control blank meaning every other area", () => {
    const r = run();
    expect(r[0]).toEqual(VERDICT_HEADER);
    expect(r[1]).toHaveLength(VERDICT_HEADER.length);
    expect(run({ control: col("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8") })).toEqual(r);
    const at = (name: string) => r[1][VERDICT_HEADER.indexOf(name)];
    // 90 before and 90 after in the target, the control steady: no change, net effect 0.
    expect(at("Verdict")).toBe("No clear change");
    expect(at("Net effect")).toBeCloseTo(0, 9);
    expect(at("Headline")).toMatch(/^All selected crime: target unchanged a month \(15 → 15\)/);
    expect(at("Dispersion")).toBe(1);
    expect(at("Similar areas")).toBe(8);
  });

  it("a typed dispersion replaces the data's and widens the interval by its square root", () => {
    const at = (r: unknown[][], name: string) => r[1][VERDICT_HEADER.indexOf(name)] as number;
    const one = run({ disp: c(1) });
    const four = run({ disp: c(4) });
    expect(at(four, "Dispersion")).toBe(4);
    expect(at(four, "Net effect upper") - at(four, "Net effect")).toBeCloseTo(
      2 * (at(one, "Net effect upper") - at(one, "Net effect")),
      9,
    );
  });

  it("counts only the offence types in the filter, and refuses one the data do not have", () => {
    const drugs = run({ filter: c("Drugs") });
    expect(drugs[1][VERDICT_HEADER.indexOf("Headline")]).toMatch(/\(5 → 5\)/);
    expectError(
      run({ filter: c("drugs") })[0][0],
      "#VALUE!",
      /'drugs' in offenceFilter; write the types as the offenceTypes column spells them/,
    );
    expectError(run({ filter: c("Drugs"), types: c("") })[0][0], "#VALUE!", /needs the offenceTypes column/);
  });

  it("is Not judged with the reason when the target has too few crimes", () => {
    const few = run({ target: c("T"), filter: c("Drugs"), buffer: c("") }, [
      c("2024-01"),
      c("2024-01"),
      c("2024-02"),
      c("2024-02"),
    ]);
    // 5 Drugs offences a month: 5 before, 5 after.
    expect(few[1].slice(0, 2)).toEqual(["Not judged", "target counts below 10; see the E-test"]);
    expect(typeof few[1][VERDICT_HEADER.indexOf("Net effect")]).toBe("number");
  });

  it("answers bad input with one #VALUE! saying what to fix", () => {
    const bad = (r: unknown[][], message: RegExp) => {
      expect(r).toHaveLength(1);
      expectError(r[0][0], "#VALUE!", message);
    };
    bad(run({ target: c("") }), /targetAreas is empty/);
    bad(run({ conf: c(95) }), /for 95% enter 0.95/);
    bad(run({ disp: c(0.5) }), /dispersion must be a number of at least 1/);
    bad(
      run({}, [c("2024-01"), c("2024-08"), c("2024-07"), c("2024-12")]),
      /before period must end before the after period starts/,
    );
    bad(run({ control: c("T") }), /'T' is in both the target and control areas/);
    bad(
      verdict(dates, areas, types, c("T"), c(AREAS.slice(1).join(",")), c(""), ...bounds),
      /no other areas to compare with; list the control areas/,
    );
    const withBadDate = [...dates.slice(0, 5), ["next week"], ...dates.slice(6)];
    bad(
      verdict(withBadDate, areas, types, c("T"), c("B"), c(""), ...bounds),
      /^row 6 .*could not be used; fix or remove them/,
    );
    bad(verdict([[1], [2]], [["T"]], none, c("T"), none, c("C"), ...bounds), /same length|single column/);
  });
});
