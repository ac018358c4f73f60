import { netBenefit, type NetBenefitInput } from "../../src/core/netBenefit";
import { HarmError } from "../../src/core/errors";

// Illustrative figures, worked by hand below (not official unit costs).
const input: NetBenefitInput = {
  costs: [
    { item: "Officer time", hours: 400, rate: 45 }, // £18,000
    { item: "Test purchases", amount: 2000 },
    { item: "Overtime", hours: 10, rate: 60, amount: 1000 }, // the amount wins
  ],
  unitCosts: [
    { offenceType: "Burglary", costPerOffence: 5000, priceYear: 2016, source: "Illustrative" },
    { offenceType: "Robbery", costPerOffence: 10000 },
    { offenceType: "Shoplifting", costPerOffence: 100 },
  ],
  uplift: 1.2,
  prevented: [
    { offenceType: "burglary ", estimate: 10, lower: 2, upper: 18 },
    { offenceType: "Robbery", estimate: 3, lower: -1, upper: 7 },
  ],
};

describe("netBenefit: hand-worked example", () => {
  const r = netBenefit(input);

  test("costs: amount, or hours × rate when the amount is blank", () => {
    expect(r.costs).toEqual([
      { item: "Officer time", amount: 18000 },
      { item: "Test purchases", amount: 2000 },
      { item: "Overtime", amount: 1000 },
    ]);
    expect(r.totalCost).toBe(21000);
  });

  test("benefit per type = prevented × unit cost × uplift, interval carried", () => {
    const [burglary, robbery] = r.byType;
    expect(burglary.offenceType).toBe("burglary");
    expect(burglary.unitCost).toBeCloseTo(6000, 9);
    expect(burglary.priceYear).toBe(2016);
    expect(burglary.benefit.estimate).toBeCloseTo(60000, 9);
    expect(burglary.benefit.lower).toBeCloseTo(12000, 9);
    expect(burglary.benefit.upper).toBeCloseTo(108000, 9);
    expect(robbery.benefit.estimate).toBeCloseTo(36000, 9);
    expect(robbery.benefit.lower).toBeCloseTo(-12000, 9);
    expect(robbery.benefit.upper).toBeCloseTo(84000, 9);
  });

  test("totals add the half-widths in quadrature; net benefit and the benefit–cost ratio", () => {
    // Prevented: 13, half-widths √(8² + 4²) = √80 either side.
    expect(r.prevented.estimate).toBeCloseTo(13, 12);
    expect(r.prevented.lower).toBeCloseTo(13 - Math.sqrt(80), 12);
    expect(r.prevented.upper).toBeCloseTo(13 + Math.sqrt(80), 12);
    // Benefit: 96,000, half-widths √(48,000² + 48,000²) = 67,882.25.
    const half = Math.hypot(48000, 48000);
    expect(r.benefit.estimate).toBeCloseTo(96000, 9);
    expect(r.benefit.lower).toBeCloseTo(96000 - half, 6);
    expect(r.benefit.upper).toBeCloseTo(96000 + half, 6);
    expect(r.netBenefit.estimate).toBeCloseTo(75000, 9);
    expect(r.netBenefit.lower).toBeCloseTo(96000 - half - 21000, 6);
    expect(r.benefitCostRatio.estimate).toBeCloseTo(96000 / 21000, 12);
    expect(r.benefitCostRatio.upper).toBeCloseTo((96000 + half) / 21000, 12);
  });

  test("break-even: total cost ÷ unit cost weighted by the share of crimes prevented", () => {
    // Weights 10/13 and 3/13: (10 × 6,000 + 3 × 12,000)/13 = 96,000/13 = 7,384.6.
    expect(r.weightedUnitCost).toBeCloseTo(96000 / 13, 9);
    expect(r.breakEvenCrimes).toBeCloseTo((21000 * 13) / 96000, 12); // 2.84
    expect(r.sentence).toBe(
      "The operation pays for itself if it prevented at least 3 crimes; the central estimate is 13 (interval 4.1 to 21.9).",
    );
  });
});

describe("netBenefit: choices and edge cases", () => {
  test("types with more crimes weigh 0 in the break-even mix", () => {
    const r = netBenefit({
      ...input,
      prevented: [
        { offenceType: "Burglary", estimate: 4, lower: 0, upper: 8 },
        { offenceType: "Robbery", estimate: -2, lower: -6, upper: 2 },
      ],
    });
    expect(r.weightedUnitCost).toBeCloseTo(6000, 9);
    expect(r.prevented.estimate).toBeCloseTo(2, 12);
  });

  test("nothing prevented: plain mean of the listed types' unit costs", () => {
    const r = netBenefit({
      ...input,
      prevented: [
        { offenceType: "Burglary", estimate: -1, lower: -5, upper: 3 },
        { offenceType: "Shoplifting", estimate: 0, lower: -4, upper: 4 },
      ],
    });
    expect(r.weightedUnitCost).toBeCloseTo((6000 + 120) / 2, 9);
    expect(r.breakEvenCrimes).toBeCloseTo(21000 / 3060, 12);
    // Half-widths √(4² + 4²) = 5.66 either side of −1.
    expect(r.sentence).toMatch(/at least 7 crimes; the central estimate is -1 \(interval -6\.7 to 4\.7\)\./);
  });

  test("an empty prevented list: plain mean of every unit cost; a map of unit costs works too", () => {
    const unitCosts = new Map([
      ["Burglary", { costPerOffence: 5000 }],
      ["Robbery", { costPerOffence: 10000 }],
    ]);
    const r = netBenefit({ costs: [{ item: "Staff", amount: 15000 }], unitCosts, prevented: [] });
    expect(r.weightedUnitCost).toBe(7500);
    expect(r.breakEvenCrimes).toBe(2);
    expect(r.sentence).toBe(
      "The operation pays for itself if it prevented at least 2 crimes; the central estimate is 0 (interval 0 to 0).",
    );
  });

  test("one crime is singular, thousands are grouped the en-GB way", () => {
    const one = netBenefit({ ...input, costs: [{ item: "Small", amount: 100 }] });
    expect(one.sentence).toMatch(/at least 1 crime;/);
    const many = netBenefit({ ...input, costs: [{ item: "Big", amount: 12_000_000 }] });
    expect(many.sentence).toMatch(/at least 1,625 crimes;/);
  });

  test.each([
    [{ costs: [] }, /Give at least one cost/],
    [
      { costs: [{ item: "Officer time", hours: 10 }] },
      /"Officer time" needs an amount, or both hours and an hourly rate/,
    ],
    [{ costs: [{ item: "Fuel", amount: -5 }] }, /The amount for "Fuel" must not be negative/],
    [{ costs: [{ item: "Fuel", amount: 0 }] }, /The costs add up to £0/],
    [{ uplift: 0 }, /uplift must be a number greater than 0/],
    [
      { prevented: [{ offenceType: "Arson", estimate: 1, lower: 0, upper: 2 }] },
      /There is no unit cost for "Arson"; add it to the unit costs/,
    ],
    [
      { prevented: [{ offenceType: "Robbery", estimate: 5, lower: 6, upper: 7 }] },
      /For "Robbery" the interval must run from lower to upper/,
    ],
    [
      {
        prevented: [
          { offenceType: "Robbery", estimate: 1, lower: 0, upper: 2 },
          { offenceType: "robbery", estimate: 1, lower: 0, upper: 2 },
        ],
      },
      /"robbery" appears twice in the crimes prevented/,
    ],
    [
      {
        unitCosts: [
          { offenceType: "Robbery", costPerOffence: 1 },
          { offenceType: "ROBBERY", costPerOffence: 2 },
        ],
      },
      /The unit costs list "ROBBERY" twice/,
    ],
    [{ unitCosts: [{ offenceType: "Robbery", costPerOffence: 0 }], prevented: [] }, /Every unit cost is £0/],
  ])("%# bad input throws a HarmError saying what to fix", (change, message) => {
    const call = () => netBenefit({ ...input, ...(change as Partial<NetBenefitInput>) });
    expect(call).toThrow(HarmError);
    expect(call).toThrow(message);
  });
});
