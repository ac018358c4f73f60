/**
 * Numbers typed as text and numbers near the top of the double range, over
 * every HARM.* function (issue 13). One reading of text everywhere
 * (src/core/numbers.ts): "1,234" is 1234, "1,5" is refused with a message
 * rather than read as 15, and "1E400" is too large (#NUM!). Input at 1E308
 * may overflow inside a calculation: that must give #NUM! with a message,
 * never a cell or a sentence showing "Infinity" or "NaN".
 */
import { ExcelError } from "../../src/functions/excel";
import { HARM_REGISTRY, type HarmFunctionId } from "../../src/functions/registry";
import * as F from "../../src/functions/functions";

const c = (x: unknown): unknown[][] => [[x]];
const omitted = null as never;

// Serial 45292 = 2024-01-01, 45474 = 2024-07-01.
const dates = [[45292], [45300], [45474], [45480]];
const areas = [["A"], ["C"], ["A"], ["C"]];
const types = [["Drugs"], ["Drugs"], ["Drugs"], ["Drugs"]];
const bounds = [c("2024-01"), c("2024-06"), c("2024-07"), c("2024-12")] as const;

/**
 * A valid call with one number-bearing slot `x`: a count, or for the functions
 * with no count argument, a weight. `where` is the name the message gives that slot.
 */
/** Reads dates, area codes and offence types only: no argument is a number that could be typed as text. */
const NO_NUMBER_ARGUMENT = ["HARM.MONTHLYCOUNTS"] as const;

const CASES: Record<
  Exclude<HarmFunctionId, (typeof NO_NUMBER_ARGUMENT)[number]>,
  { call: (x: unknown) => unknown[][]; where: RegExp }
> = {
  "HARM.CHANGE": { call: (x) => F.change(c(x), c(15)), where: /^before / },
  "HARM.POISSONZ": { call: (x) => F.poissonZ(c(16), c(x)), where: /^after / },
  "HARM.ETEST": { call: (x) => F.eTest(c(x), c(3000)), where: /^count1 / },
  "HARM.POISSONCI": { call: (x) => F.poissonCi(c(x)), where: /^count / },
  "HARM.RATERATIO": { call: (x) => F.rateRatio(c(x), c(1500)), where: /^countBefore / },
  "HARM.RES": { call: (x) => F.res(c(50), c(30), c(x), c(55)), where: /^controlBefore / },
  "HARM.RES.CI": { call: (x) => F.resCi(c(50), c(x), c(60), c(55)), where: /^targetAfter / },
  "HARM.WDQ": {
    call: (x) => F.wdq(c(x), c(500), c(1000), c(1500), c(1000), c(1000)),
    where: /^targetBefore /,
  },
  "HARM.NETEFFECT": {
    call: (x) => F.netEffect(c(1000), c(500), c(x), c(1500), c(1000), c(1000)),
    where: /^bufferBefore /,
  },
  "HARM.WDD": { call: (x) => F.wdd(c(1000), c(500), c(x), c(1000)), where: /^controlBefore / },
  "HARM.DISPLACEMENT": {
    call: (x) => F.displacement(c(1000), c(500), c(1000), c(1500), c(1000), c(x)),
    where: /^controlAfter /,
  },
  "HARM.EVALUATE": {
    call: (x) => F.evaluate(c(x), c(500), c(1000), c(1500), c(1000), c(1000)),
    where: /^targetBefore /,
  },
  "HARM.PERIODCOUNTS": {
    call: (x) => F.periodCounts(dates, areas, c("A"), c(""), c("C"), ...bounds, types, [["Drugs", x]]),
    where: /^weightTable row 1: the weight for 'Drugs' /,
  },
  "HARM.HARMWDD": {
    call: (x) => F.harmWdd(dates, areas, types, c("A"), c("C"), ...bounds, [["Drugs", x]]),
    where: /^weightTable row 1: the weight for 'Drugs' /,
  },
  "HARM.DISPERSION": {
    call: (x) => F.dispersion([[x], [500], [1500], [800], [1200], [900]]),
    where: /^targetMonthly row 1 /,
  },
  "HARM.VERDICT": {
    // Verdict to similar areas: these data do not reach last year's months, which are #N/A saying so.
    call: (x) => {
      const r = F.verdict(dates, areas, types, c("A"), c(""), c("C"), ...bounds, omitted, omitted, c(x));
      return r.length > 1 ? [r[1].slice(0, 9)] : r;
    },
    where: /^dispersion /,
  },
  "HARM.MDE": { call: (x) => F.mde(c(x), c(6000)), where: /^targetBefore / },
  "HARM.MONTHSNEEDED": { call: (x) => F.monthsNeeded(c(10), c(x), c(0.3)), where: /^controlMonthly / },
  "HARM.PRIORITY": {
    call: (x) => F.priority(c(4), c(2), c(5), omitted, omitted, [[x, 3, 2, 2, 1]]),
    where: /^The weight for Extent /,
  },
  "HARM.PRIORITISE": {
    call: (x) =>
      F.prioritise(
        [["Cuckooing"], ["Street dealing"]],
        [
          [4, 5],
          [3, 3],
        ],
        [[3, x]],
      ),
    where: /^The weight for Seriousness /,
  },
};

const ids = HARM_REGISTRY.map((f) => f.id);
const errorsIn = (m: unknown[][]): ExcelError[] =>
  m.flat().filter((v): v is ExcelError => v instanceof ExcelError);
const SHOWS_OVERFLOW = /Infinity|NaN/;

it("covers every registered function", () => {
  expect([...Object.keys(CASES), ...NO_NUMBER_ARGUMENT].sort()).toEqual([...ids].sort());
});

const withNumbers = Object.keys(CASES) as (keyof typeof CASES)[];

describe.each(withNumbers)("%s reads numbers typed as text by the one rule", (id) => {
  const { call, where } = CASES[id];

  it("'1,234' is 1234, and the call is otherwise valid", () => {
    const typed = call("1,234");
    expect(errorsIn(typed)).toEqual([]);
    expect(typed).toEqual(call(1234));
  });

  it("'1,5' is #VALUE! with a message naming the argument, never read as 15", () => {
    const e = errorsIn(call("1,5"));
    expect(e.length).toBeGreaterThan(0);
    expect(e[0].code).toBe("#VALUE!");
    expect(e[0].message).toMatch(where);
    expect(e[0].message).toContain("'1,5'");
  });
});

describe.each(["HARM.CHANGE", "HARM.POISSONZ", "HARM.ETEST", "HARM.RES", "HARM.RES.CI", "HARM.WDQ"] as const)(
  "%s with a number too large for Excel typed as text",
  (id) => {
    it("'1E400' is #NUM! with a message naming the argument", () => {
      const [e] = errorsIn(CASES[id].call("1E400"));
      expect(e.code).toBe("#NUM!");
      expect(e.message).toMatch(CASES[id].where);
      expect(e.message).toContain("too large");
    });
  },
);

/** Every combination of 1E-300, 1 and 1E308 in the given number of slots. */
function combos(slots: number): number[][] {
  const values = [1e-300, 1, 1e308];
  let out: number[][] = [[]];
  for (let i = 0; i < slots; i++) out = out.flatMap((xs) => values.map((v) => [...xs, v]));
  return out;
}

const six = (x: number[]) => [c(x[0]), c(x[1]), c(x[2]), c(x[3]), c(x[4]), c(x[5])] as const;

/**
 * Counts (or weights) at 1E308 scale: calls that fill the slots from `xs`.
 * `safe` marks a function no such input can overflow (a square root).
 */
const HUGE: Record<HarmFunctionId, { slots: number; call: (xs: number[]) => unknown[][]; safe?: true }> = {
  "HARM.CHANGE": { slots: 2, call: ([a, b]) => F.change(c(a), c(b)) },
  "HARM.POISSONZ": { slots: 2, call: ([a, b]) => F.poissonZ(c(a), c(b)), safe: true },
  "HARM.ETEST": { slots: 2, call: ([a, b]) => F.eTest(c(a), c(b), c(1e-300), c(1)) },
  "HARM.POISSONCI": { slots: 1, call: ([k]) => F.poissonCi(c(k)) },
  "HARM.RATERATIO": { slots: 2, call: ([a, b]) => F.rateRatio(c(a), c(b)) },
  "HARM.RES": { slots: 4, call: (x) => F.res(c(x[0]), c(x[1]), c(x[2]), c(x[3])) },
  "HARM.RES.CI": { slots: 4, call: (x) => F.resCi(c(x[0]), c(x[1]), c(x[2]), c(x[3]), omitted, c(1e308)) },
  "HARM.WDQ": { slots: 6, call: (x) => F.wdq(...six(x)) },
  "HARM.NETEFFECT": { slots: 6, call: (x) => F.netEffect(...six(x)) },
  "HARM.WDD": { slots: 6, call: (x) => F.wdd(...six(x)) },
  "HARM.DISPLACEMENT": { slots: 6, call: (x) => F.displacement(...six(x)) },
  "HARM.EVALUATE": { slots: 6, call: (x) => F.evaluate(...six(x)) },
  "HARM.PERIODCOUNTS": {
    slots: 1,
    call: ([w]) =>
      F.periodCounts(
        [[45292], [45293]],
        [["A"], ["A"]],
        c("A"),
        c(""),
        c("C"),
        ...bounds,
        [["Drugs"], ["Drugs"]],
        [["Drugs", w]],
      ),
    // Weights above 1,000,000 are refused (#VALUE!) before any arithmetic, so nothing can overflow.
    safe: true,
  },
  "HARM.HARMWDD": {
    slots: 1,
    call: ([w]) => F.harmWdd(dates, areas, types, c("A"), c("C"), ...bounds, [["Drugs", w]]),
  },
  "HARM.MONTHLYCOUNTS": {
    slots: 0,
    call: () => F.monthlyCounts(dates, areas, c("A"), c(""), c("C"), c("2024-01"), c("2024-12")),
    safe: true,
  },
  "HARM.DISPERSION": {
    slots: 2,
    call: ([a, b]) => F.dispersion([[a], [b], [1], [1], [1], [1]], [[1], [1], [1], [1], [1], [b]]),
  },
  // Its counts come from rows, so only the dispersion can be huge, and √D keeps the limits finite.
  "HARM.VERDICT": {
    slots: 1,
    call: ([d]) => F.verdict(dates, areas, types, c("A"), c(""), c("C"), ...bounds, omitted, omitted, c(d)),
    safe: true,
  },
  // Crime counts over 1E9 are refused (#VALUE!) before any arithmetic.
  "HARM.MDE": { slots: 2, call: ([a, b]) => F.mde(c(a), c(b)), safe: true },
  "HARM.MONTHSNEEDED": { slots: 2, call: ([a, b]) => F.monthsNeeded(c(a), c(b), c(0.2)), safe: true },
  "HARM.PRIORITY": { slots: 5, call: (w) => F.priority(c(4), c(2), c(5), c(1), c(3), [w]) },
  "HARM.PRIORITISE": {
    slots: 2,
    call: (w) =>
      F.prioritise(
        [["A"], ["B"]],
        [
          [4, 5],
          [3, 3],
        ],
        [w],
      ),
  },
};

describe.each(ids)("%s with input at 1E308 scale", (id) => {
  it("never shows Infinity or NaN, and an overflow is #NUM! with a message", () => {
    const { slots, call, safe } = HUGE[id];
    const bad: unknown[] = [];
    let overflows = 0;
    for (const xs of combos(slots)) {
      const m = call(xs);
      for (const v of m.flat()) {
        if (typeof v === "number" ? !Number.isFinite(v) : typeof v === "string" && SHOWS_OVERFLOW.test(v))
          bad.push([xs, v]);
      }
      for (const e of errorsIn(m)) {
        if (e.message.length < 10) bad.push([xs, e]);
        if (e.code === "#NUM!") overflows++;
      }
    }
    expect(bad).toEqual([]);
    // The combinations include an overflow (or, for the exact test, counts refused as too large).
    if (!safe) expect(overflows).toBeGreaterThan(0);
  });
});

/** Error messages come from core as well; the factor-of-2 rule words an enormous ratio without a figure. */
it("error messages at 1E308 scale never show Infinity or NaN either", () => {
  const bad: unknown[] = [];
  for (const id of ids) {
    const { slots, call } = HUGE[id];
    for (const xs of combos(slots))
      for (const e of errorsIn(call(xs))) if (SHOWS_OVERFLOW.test(e.message)) bad.push([id, xs, e.message]);
  }
  expect(bad).toEqual([]);
});

it("an interpretation whose WDQ is too large to print is #NUM!, not 'WDQ Infinity'", () => {
  // SM ≈ −1 and BDM ≈ −1E308, so WDQ ≈ 1E308: finite, but ×100 for rounding overflows.
  const [[cell]] = F.displacement(c(1), c(1), c(1e308), c(1), c(1), c(1e308));
  expect(cell).toBeInstanceOf(ExcelError);
  expect((cell as ExcelError).code).toBe("#NUM!");
  expect((cell as ExcelError).message).toMatch(/too large/);
});
