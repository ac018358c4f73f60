import fc from "fast-check";
import { harmWdd, wdd, type WddInput } from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";

const count = fc.integer({ min: 0, max: 5000 });
const pairArb = fc.record({ before: count, after: count });
const weight = fc.double({ min: 0.1, max: 12, noNaN: true });

describe("wdd (Wheeler & Ratcliffe 2018)", () => {
  test("matches the formula written out term by term, with weights", () => {
    fc.assert(
      fc.property(
        pairArb,
        pairArb,
        pairArb,
        pairArb,
        weight,
        weight,
        fc.tuple(weight, weight, weight, weight),
        (T, C, B, Cd, tb, ta, [wt, wc, wb, wd]) => {
          fc.pre(T.before + T.after + C.before + C.after > 0);
          const r = wdd({
            target: T,
            control: C,
            buffer: B,
            bufferControl: Cd,
            timeWeights: { before: tb, after: ta },
            areaWeights: { target: wt, control: wc, buffer: wb, bufferControl: wd },
            confidence: 0.9,
          });
          const est =
            T.after / (ta * wt) -
            T.before / (tb * wt) -
            (C.after / (ta * wc) - C.before / (tb * wc)) +
            (B.after / (ta * wb) - B.before / (tb * wb)) -
            (Cd.after / (ta * wd) - Cd.before / (tb * wd));
          const v =
            T.after / (ta * wt) ** 2 +
            T.before / (tb * wt) ** 2 +
            C.after / (ta * wc) ** 2 +
            C.before / (tb * wc) ** 2 +
            B.after / (ta * wb) ** 2 +
            B.before / (tb * wb) ** 2 +
            Cd.after / (ta * wd) ** 2 +
            Cd.before / (tb * wd) ** 2;
          expect(r.estimate).toBeCloseTo(est, 8);
          expect(r.variance / v).toBeCloseTo(1, 10);
          expect(r.se).toBeCloseTo(Math.sqrt(v), 8);
          expect(r.z).toBeCloseTo(est / Math.sqrt(v), 8);
          expect(r.upper - r.estimate).toBeCloseTo(1.6448536269514722 * Math.sqrt(v), 8);
          expect(r.estimate - r.lower).toBeCloseTo(1.6448536269514722 * Math.sqrt(v), 8);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("buffer without its own control adds only the buffer terms", () => {
    const r = wdd({
      target: { before: 20, after: 10 },
      control: { before: 20, after: 20 },
      buffer: { before: 10, after: 15 },
    });
    expect(r.estimate).toBe(-5);
    expect(r.variance).toBe(95);
  });

  test("errors: missing areas, buffer control without buffer, bad weights, all zero", () => {
    const base: WddInput = { target: { before: 1, after: 2 }, control: { before: 3, after: 4 } };
    expect(() => wdd({ ...base, control: undefined as never })).toThrow(/control counts are required/);
    expect(() => wdd({ ...base, bufferControl: { before: 1, after: 1 } })).toThrow(/without a buffer area/);
    expect(() => wdd({ ...base, timeWeights: { before: 0, after: 1 } })).toThrow(
      "timeWeights.before must be greater than 0; got 0",
    );
    expect(() => wdd({ ...base, areaWeights: { control: -2 } })).toThrow(
      /areaWeights.control must be greater than 0/,
    );
    expect(() => wdd({ ...base, confidence: 0 })).toThrow(/confidence must be between 0 and 1/);
    expect(() => wdd({ ...base, target: { before: -1, after: 2 } })).toThrow(
      "targetBefore must not be negative; got -1",
    );
    expect(() => wdd({ target: { before: 0, after: 0 }, control: { before: 0, after: 0 } })).toThrow(
      expect.objectContaining({ kind: "num" }),
    );
  });
});

describe("harmWdd (ptools wdd_harm)", () => {
  test("Σ w·WDD and Σ w²·Var over offence types", () => {
    const burglary: WddInput = { target: { before: 20, after: 10 }, control: { before: 20, after: 20 } }; // −10, var 70
    const robbery: WddInput = { target: { before: 8, after: 4 }, control: { before: 10, after: 12 } }; // −6, var 34
    const r = harmWdd(
      [
        { ...burglary, weight: 2, offenceType: "Burglary" },
        { ...robbery, weight: 5, offenceType: "Robbery" },
      ],
      0.95,
    );
    expect(r.estimate).toBeCloseTo(2 * -10 + 5 * -6, 12);
    expect(r.variance).toBeCloseTo(4 * 70 + 25 * 34, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(4 * 70 + 25 * 34), 12);
    expect(r.upper - r.estimate).toBeCloseTo(1.959963984540054 * r.se, 10);
  });

  test("a single part with weight 1 equals plain wdd", () => {
    const part: WddInput = { target: { before: 30, after: 17 }, control: { before: 40, after: 41 } };
    expect(harmWdd([{ ...part, weight: 1 }])).toEqual(wdd(part));
  });

  test("errors name the offence type", () => {
    const part: WddInput = { target: { before: 1, after: 2 }, control: { before: 3, after: 4 } };
    expect(() => harmWdd([])).toThrow(/at least one offence type/);
    expect(() => harmWdd([{ ...part, weight: -1, offenceType: "Robbery" }])).toThrow(
      '"Robbery": harm weight must not be negative; got -1',
    );
    expect(() =>
      harmWdd([
        { ...part, weight: 1 },
        { ...part, target: { before: 1, after: -2 }, weight: 1 },
      ]),
    ).toThrow("part 2: targetAfter must not be negative; got -2");
    expect(() => harmWdd([{ ...part, weight: 0 }])).toThrow(HarmError);
    expect(() => harmWdd([{ ...part, weight: 1 }], 2)).toThrow(/confidence/);
  });
});
