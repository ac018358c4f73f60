import fc from "fast-check";
import { HarmError } from "../../src/core/errors";
import {
  DEFAULT_PRIORITY_WEIGHTS,
  PRIORITY_CRITERIA,
  prioritise,
  priorityScore,
  type PriorityScores,
} from "../../src/core/priority";

const KEYS = PRIORITY_CRITERIA.map((c) => c.key);

describe("priorityScore", () => {
  it("is 0 for all ones and 100 for all fives", () => {
    expect(priorityScore({ extent: 1, seriousness: 1 }).score).toBe(0);
    expect(
      priorityScore({ extent: 5, seriousness: 5, communityConcern: 5, abilityToImpact: 5, confidence: 5 })
        .score,
    ).toBe(100);
  });

  it("follows 100·Σw(x−1)/(4Σw) with the default weights 3,3,2,2,1", () => {
    // 3·(4−1) + 3·(2−1) + 2·(5−1) + 2·(1−1) + 1·(3−1) = 9 + 3 + 8 + 0 + 2 = 22; Σw = 11.
    const r = priorityScore({
      extent: 4,
      seriousness: 2,
      communityConcern: 5,
      abilityToImpact: 1,
      confidence: 3,
    });
    expect(r.score).toBeCloseTo((100 * 22) / 44, 12);
    expect(r.contributions).toHaveLength(5);
    expect(r.contributions[0]).toBeCloseTo((100 * 9) / 44, 12);
    expect(r.contributions[2]).toBeCloseTo((100 * 8) / 44, 12);
  });

  it("leaves blank optional criteria out of both sums", () => {
    // Only extent and seriousness: Σw = 6; 3·(5−1) + 3·(3−1) = 18 → 100·18/24 = 75.
    const r = priorityScore({ extent: 5, seriousness: 3, communityConcern: null, confidence: undefined });
    expect(r.score).toBeCloseTo(75, 12);
    expect(r.contributions.slice(2)).toEqual([0, 0, 0]);
  });

  it("uses the analyst's weights, keeping defaults for ones not given", () => {
    const r = priorityScore(
      { extent: 5, seriousness: 1, communityConcern: 1 },
      { extent: 1, seriousness: 0 },
    );
    // Σw = 1 + 0 + 2 = 3; 1·4 / 12 → 33.33…
    expect(r.score).toBeCloseTo(100 / 3, 10);
  });

  it("exports the documented default weights", () => {
    expect(DEFAULT_PRIORITY_WEIGHTS).toEqual({
      extent: 3,
      seriousness: 3,
      communityConcern: 2,
      abilityToImpact: 2,
      confidence: 1,
    });
    expect(KEYS).toEqual(["extent", "seriousness", "communityConcern", "abilityToImpact", "confidence"]);
    for (const c of PRIORITY_CRITERIA) expect(c.help.length).toBeGreaterThan(10);
  });

  it.each([
    [{ extent: 0, seriousness: 3 }, /Extent in row 2 must be a whole number from 1 to 5; got 0/],
    [{ extent: 3, seriousness: 6 }, /Seriousness in row 2 must be a whole number/],
    [{ extent: 3, seriousness: 2.5 }, /got 2.5/],
    [{ extent: 3, seriousness: 2, confidence: Number.NaN }, /Confidence in the information in row 2/],
    [{ extent: 3, seriousness: "4" as unknown as number }, /got '4'/],
    [{ extent: undefined as unknown as number, seriousness: 2 }, /Extent in row 2 is required/],
  ])("rejects %o with a message naming the criterion and row", (scores, msg) => {
    let err: unknown;
    try {
      priorityScore(scores as PriorityScores, undefined, 2);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HarmError);
    expect((err as HarmError).kind).toBe("value");
    expect((err as HarmError).message).toMatch(msg);
  });

  it("rejects negative weights and an all-zero weight sum", () => {
    expect(() => priorityScore({ extent: 3, seriousness: 3 }, { extent: -1 })).toThrow(
      /must be a number of 0 or more/,
    );
    expect(() => priorityScore({ extent: 3, seriousness: 3 }, { extent: 0, seriousness: 0 })).toThrow(
      /add up to 0/,
    );
  });

  const rating = fc.integer({ min: 1, max: 5 });
  const maybeRating = fc.option(rating, { nil: undefined });
  const weight = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined });
  const scoresArb = fc.record({
    extent: rating,
    seriousness: rating,
    communityConcern: maybeRating,
    abilityToImpact: maybeRating,
    confidence: maybeRating,
  });
  const weightsArb = fc.record({
    extent: fc.double({ min: 0.01, max: 100, noNaN: true }),
    seriousness: weight,
    communityConcern: weight,
    abilityToImpact: weight,
    confidence: weight,
  });

  it("stays within 0–100 and its contributions add up to the score (property)", () => {
    fc.assert(
      fc.property(scoresArb, weightsArb, (s, w) => {
        const r = priorityScore(s, w);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(r.score, 9);
        for (const c of r.contributions) expect(c).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it("never falls when any one criterion is raised (property)", () => {
    fc.assert(
      fc.property(scoresArb, weightsArb, fc.integer({ min: 0, max: 4 }), (s, w, k) => {
        const key = KEYS[k];
        const x = s[key];
        if (x === undefined || x === 5) return;
        const lower = priorityScore(s, w).score;
        const higher = priorityScore({ ...s, [key]: x + 1 }, w).score;
        expect(higher).toBeGreaterThanOrEqual(lower - 1e-12);
      }),
      { numRuns: 500 },
    );
  });
});

describe("prioritise", () => {
  it("ranks highest first, shares ranks for ties and keeps input order among them", () => {
    const ranked = prioritise([
      { label: "Street dealing", scores: { extent: 3, seriousness: 3 } },
      { label: "Cuckooing", scores: { extent: 4, seriousness: 5 } },
      { label: "Needle litter", scores: { extent: 3, seriousness: 3 } },
      { label: "Drug driving", scores: { extent: 1, seriousness: 2 } },
    ]);
    expect(ranked.map((r) => r.label)).toEqual([
      "Cuckooing",
      "Street dealing",
      "Needle litter",
      "Drug driving",
    ]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(ranked.map((r) => r.index)).toEqual([1, 0, 2, 3]);
    expect(ranked[0].score).toBeCloseTo((100 * (3 * 3 + 3 * 4)) / 24, 12);
  });

  it("treats scores equal up to rounding as ties", () => {
    // 100·(3·2)/(4·6) from extent vs the same from seriousness.
    const ranked = prioritise([
      { label: "A", scores: { extent: 3, seriousness: 1 } },
      { label: "B", scores: { extent: 1, seriousness: 3 } },
    ]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
    expect(ranked.map((r) => r.label)).toEqual(["A", "B"]);
  });

  it("names the row of a bad score", () => {
    expect(() =>
      prioritise([
        { label: "A", scores: { extent: 3, seriousness: 1 } },
        { label: "B", scores: { extent: 9, seriousness: 3 } },
      ]),
    ).toThrow(/Extent in row 2 must be a whole number from 1 to 5; got 9/);
  });

  it("returns an empty list for no items", () => {
    expect(prioritise([])).toEqual([]);
  });
});
