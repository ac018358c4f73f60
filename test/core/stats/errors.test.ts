import { percentChange, poissonZ } from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";

function kindOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof HarmError) return e.kind;
    throw e;
  }
  return "none";
}

describe("pre/post change errors", () => {
  test("percentage change is div0 when before = 0, and says what to report instead", () => {
    expect(kindOf(() => percentChange(0, 5))).toBe("div0");
    expect(() => percentChange(0, 5)).toThrow(/report the raw change/);
  });

  test("negative and non-finite counts are valueErrors naming the argument", () => {
    expect(() => poissonZ(-3, 4)).toThrow("before must not be negative; got -3");
    expect(() => percentChange(3, Infinity)).toThrow("after must be a finite number; got Infinity");
    expect(kindOf(() => poissonZ(NaN, 4))).toBe("value");
    expect(kindOf(() => poissonZ("3" as unknown as number, 4))).toBe("value");
  });

  test("valid values still compute", () => {
    expect(poissonZ(25, 16)).toBeCloseTo(-2, 12);
    expect(percentChange(4, 4)).toBe(0);
    expect(poissonZ(0, 0)).toBe(0);
  });
});
