import { normalCdf, normalQuantile, zForConfidence } from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";

describe("normal distribution", () => {
  test("known quantiles and critical values", () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959963984540054, 12);
    expect(zForConfidence(0.9)).toBeCloseTo(1.6448536269514722, 12);
    expect(zForConfidence(0.99)).toBeCloseTo(2.5758293035489004, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
  });

  test("known CDF values, including far tails to relative accuracy", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 12);
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 12);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
  });

  test("quantile inverts the CDF to within 1e-9 across (0, 1)", () => {
    for (let i = 1; i < 2000; i++) {
      const p = i / 2000;
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-12);
    }
    for (const p of [1e-300, 1e-100, 1e-20, 1e-8, 0.02425, 0.97575]) {
      const z = normalQuantile(p);
      expect(Math.abs(normalCdf(z) / p - 1)).toBeLessThan(1e-9);
    }
  });

  test("CDF is continuous where its two methods meet (|z| = 3)", () => {
    for (const z of [-3, 3]) {
      expect(Math.abs(normalCdf(z - 1e-9) - normalCdf(z + 1e-9))).toBeLessThan(1e-11);
    }
  });

  test("invalid arguments throw valueError", () => {
    for (const p of [0, 1, -0.1, 1.5, NaN, Infinity]) {
      expect(() => normalQuantile(p)).toThrow(HarmError);
    }
    for (const c of [0, 1, 95, -0.5, NaN]) {
      expect(() => zForConfidence(c)).toThrow(/confidence must be between 0 and 1/);
    }
    expect(() => zForConfidence(95)).toThrow(/for 95% enter 0.95/);
    expect(() => normalCdf(NaN)).toThrow(HarmError);
  });
});
