import { cohortSummary, eTest, rateRatioExact, type CohortPerson } from "../../../src/core/stats";
import { HarmError } from "../../../src/core/errors";
import { mulberry32, poissonSampler } from "./random";

const person = (p: Partial<CohortPerson> & Pick<CohortPerson, "group">): CohortPerson => ({
  offencesBefore: 0,
  offencesAfter: 0,
  daysNotAtLibertyBefore: 0,
  daysNotAtLibertyAfter: 0,
  windowDays: 365,
  ...p,
});

describe("cohortSummary: hand-worked cohort", () => {
  // Enforcement: 2 people, 12 → 5 offences, liberty (365 + 265) before and (305 + 365) after.
  // Comparison: 2 people, 10 → 8 offences, 730 days at liberty each period.
  const people: CohortPerson[] = [
    person({
      group: "enforcement",
      offencesBefore: 8,
      offencesAfter: 2,
      daysNotAtLibertyAfter: 60,
      harmBefore: 40,
      harmAfter: 10,
    }),
    person({
      group: "enforcement",
      offencesBefore: 4,
      offencesAfter: 3,
      daysNotAtLibertyBefore: 100,
      harmBefore: 20,
      harmAfter: 20,
    }),
    person({ group: "comparison", offencesBefore: 6, offencesAfter: 5 }),
    person({ group: "comparison", offencesBefore: 4, offencesAfter: 3 }),
    person({ group: "treatment", offencesBefore: 3, offencesAfter: 0 }),
  ];
  const summary = cohortSummary(people);
  const enforcement = summary.groups.find((g) => g.group === "enforcement")!;

  test("rates per 365 days at liberty, shares and harm", () => {
    expect(summary.groups.map((g) => g.group)).toEqual(["enforcement", "treatment", "comparison"]);
    expect(enforcement.daysAtLibertyBefore).toBe(630);
    expect(enforcement.daysAtLibertyAfter).toBe(670);
    expect(enforcement.rateBefore).toBeCloseTo((12 * 365) / 630, 12);
    expect(enforcement.rateAfter).toBeCloseTo((5 * 365) / 670, 12);
    expect(enforcement.shareReoffending).toBe(1);
    expect(enforcement.harmRateBefore).toBeCloseTo((60 * 365) / 630, 12);
    expect(enforcement.harmChange).toBeCloseTo(30 / 670 / (60 / 630) - 1, 12);
    const treatment = summary.groups.find((g) => g.group === "treatment")!;
    expect(treatment.shareReoffending).toBe(0);
    expect(treatment.harmChange).toBeNull();
    expect(treatment.notes.join(" ")).toMatch(/Harm scores not given for every person/);
  });

  test("rate ratio is the exact interval with days at liberty as exposures; E-test likewise", () => {
    expect(enforcement.rateRatio).toEqual(rateRatioExact(12, 5, 630, 670));
    expect(enforcement.rateRatio!.ratio).toBeCloseTo(5 / 670 / (12 / 630), 12);
    expect(enforcement.eTestP).toBe(eTest(5, 12, 670, 630));
  });

  test("against the comparison group: difference of log rate ratios with variance Σ 1/k", () => {
    const rrE = 5 / 670 / (12 / 630);
    const rrC = 8 / 10;
    const se = Math.sqrt(1 / 12 + 1 / 5 + 1 / 10 + 1 / 8);
    const d = Math.log(rrE) - Math.log(rrC);
    expect(enforcement.vsComparison!.logDifference).toBeCloseTo(d, 12);
    expect(enforcement.vsComparison!.se).toBeCloseTo(se, 12);
    expect(enforcement.vsComparison!.ratio).toBeCloseTo(rrE / rrC, 12);
    expect(enforcement.vsComparison!.lower).toBeCloseTo(Math.exp(d - 1.959963984540054 * se), 9);
    expect(enforcement.vsComparison!.upper).toBeCloseTo(Math.exp(d + 1.959963984540054 * se), 9);
    // Treatment had no offences after: no log ratio, so a note instead.
    const treatment = summary.groups.find((g) => g.group === "treatment")!;
    expect(treatment.vsComparison).toBeNull();
    expect(treatment.notes.join(" ")).toMatch(/comparison needs offences before and after/);
  });

  test("overall is every targeted person, without the comparison group", () => {
    expect(summary.overall.group).toBe("overall");
    expect(summary.overall.people).toBe(3);
    expect(summary.overall.offencesBefore).toBe(15);
    expect(summary.overall.offencesAfter).toBe(5);
    expect(summary.overall.vsComparison).not.toBeNull();
  });

  test("a group with no offences before has no rate ratio, and says why", () => {
    const s = cohortSummary([person({ group: "both", offencesAfter: 2 })]);
    expect(s.groups[0].rateRatio).toBeNull();
    expect(s.groups[0].notes).toContain("No offences before, so the rate ratio is undefined");
    expect(s.groups[0].rateBefore).toBe(0);
  });
});

describe("cohortSummary: coverage of the exact interval", () => {
  test("4,000 simulated cohorts with true rate ratio 0.7: the interval covers it 95% ± 1.5%", () => {
    const rng = mulberry32(2024);
    const trueRatio = 0.7;
    // 40 people with their own rates (1 to 6 a year) and custody days; only the counts vary between cohorts.
    const template = Array.from({ length: 40 }, () => {
      const perYear = 1 + 5 * rng();
      const awayBefore = Math.floor(rng() * 120);
      const awayAfter = Math.floor(rng() * 120);
      return { perYear, awayBefore, awayAfter };
    });
    const samplers = template.map((t) => ({
      before: poissonSampler((t.perYear * (365 - t.awayBefore)) / 365, rng),
      after: poissonSampler((trueRatio * t.perYear * (365 - t.awayAfter)) / 365, rng),
    }));
    // The group's true ratio of rates per day at liberty (exposure-weighted over people).
    const libertyBefore = template.reduce((s, t) => s + 365 - t.awayBefore, 0);
    const libertyAfter = template.reduce((s, t) => s + 365 - t.awayAfter, 0);
    const expectedBefore = template.reduce((s, t) => s + t.perYear * (365 - t.awayBefore), 0) / libertyBefore;
    const expectedAfter =
      template.reduce((s, t) => s + trueRatio * t.perYear * (365 - t.awayAfter), 0) / libertyAfter;
    const truth = expectedAfter / expectedBefore;
    const cohorts = 4000;
    let covered = 0;
    for (let c = 0; c < cohorts; c++) {
      const people = template.map((t, i) =>
        person({
          group: "enforcement",
          offencesBefore: samplers[i].before(),
          offencesAfter: samplers[i].after(),
          daysNotAtLibertyBefore: t.awayBefore,
          daysNotAtLibertyAfter: t.awayAfter,
        }),
      );
      const k0 = people.reduce((s, p) => s + p.offencesBefore, 0);
      const k1 = people.reduce((s, p) => s + p.offencesAfter, 0);
      const rr = rateRatioExact(k0, k1, libertyBefore, libertyAfter);
      // The whole summary (which also runs the slower E-test) on every 20th cohort: the same interval.
      if (c % 20 === 0) expect(cohortSummary(people).groups[0].rateRatio).toEqual(rr);
      if (rr.lower <= truth && truth <= rr.upper) covered++;
    }
    expect(Math.abs(covered / cohorts - 0.95)).toBeLessThanOrEqual(0.015);
  });
});

describe("cohortSummary: messages name the row", () => {
  test.each([
    [
      [person({ group: "enforcement", daysNotAtLibertyAfter: 400 })],
      /Row 1: daysNotAtLibertyAfter \(400\) is longer than the window of 365 days/,
    ],
    [
      [
        person({ group: "enforcement" }),
        person({ id: "A12", group: "enforcement", offencesBefore: 2, daysNotAtLibertyBefore: 365 }),
      ],
      /Row 2 \(A12\): 2 offences before but no days at liberty then/,
    ],
    [
      [person({ group: "enforcement" }), person({ group: "other" as never })],
      /Row 2: group must be one of enforcement, treatment, both, comparison/,
    ],
    [[person({ group: "treatment", offencesAfter: 1.5 })], /Row 1: offencesAfter must be a whole number/],
    [[person({ group: "treatment", windowDays: 0 })], /Row 1: windowDays must be greater than 0/],
    [[person({ group: "treatment", harmBefore: -3 })], /Row 1: harmBefore must not be negative/],
    [[person({ group: "comparison" })], /Every person is in the comparison group/],
    [[], /Give at least one person/],
  ])("%# bad input throws a HarmError saying what to fix", (people, message) => {
    expect(() => cohortSummary(people)).toThrow(HarmError);
    expect(() => cohortSummary(people)).toThrow(message);
  });

  test("confidence is checked", () => {
    expect(() => cohortSummary([person({ group: "both" })], 95)).toThrow(/for 95% enter 0\.95/);
  });
});
