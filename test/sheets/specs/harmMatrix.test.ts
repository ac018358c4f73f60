import { buildWorkbook } from "../../../src/sheets/build";
import { blankOperation } from "../../../src/core/operation";
import { HARM_LEVELS, HARM_MATRIX, HARM_TYPES } from "../../../src/core/framework/harmMatrix";
import { prioritise, PRIORITY_CRITERIA } from "../../../src/core/priority";
import { harmLabel, harmLabelById } from "../../../src/sheets/specs/harmMatrix";
import { isFormulaCell, type SheetModel } from "../../../src/sheets/model";
import { colIndex, evaluate, setTableValue, sheet, table, tableCellAddress } from "./workbookHelpers";

describe("Harm Matrix content (UKDPC 2009, Table 4.1)", () => {
  const t = table(sheet(buildWorkbook({ operation: blankOperation() }), "harm-matrix"), "HP_HarmMatrix");

  it("lists every example harm of Table 4.1 with its type and level", () => {
    expect(HARM_MATRIX).toHaveLength(85);
    expect(t.rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual(
      HARM_MATRIX.map((h) => [h.id, harmLabel(h), h.type, h.level]),
    );
    const count = (type: string, level?: string) =>
      HARM_MATRIX.filter((h) => h.type === type && (!level || h.level === level)).length;
    expect([HARM_TYPES.map((x) => count(x))]).toEqual([[15, 44, 23, 3]]);
    expect(HARM_LEVELS.map((l) => count("Social/structural", l))).toEqual([8, 10, 10, 10, 6]);
    expect(HARM_LEVELS.map((l) => count("Health", l))).toEqual([5, 3, 2, 2, 3]);
    expect(HARM_LEVELS.map((l) => count("Economic", l))).toEqual([3, 4, 7, 4, 5]);
    expect(new Set(HARM_MATRIX.map((h) => h.id)).size).toBe(85);
  });

  it("labels each harm uniquely, adding the level only where Table 4.1 repeats the wording", () => {
    const labels = t.rows.map((r) => r[1]);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain("Disease transmission (local community)");
    expect(labels).toContain("Disease transmission (national)");
    expect(labels).toContain("Corruption (international)");
    expect(labels).not.toContain("Disease transmission");
    // Wording that appears once is left exactly as the report has it.
    expect(harmLabelById("HE-IN-03")).toBe("Overdose/death");
    expect(harmLabelById("SS-LC-06")).toBe("'No go' areas");
    const once = HARM_MATRIX.filter((h) => HARM_MATRIX.filter((x) => x.harm === h.harm).length === 1);
    for (const h of once) expect(harmLabel(h)).toBe(h.harm);
    expect(harmLabelById("XX-00-00")).toBe("");
  });

  it.each([
    ["Overdose/death", "Health", "Individual"],
    ["Risk of death for drug mules", "Health", "International"],
    ["Domestic violence", "Social/structural", "Family and peers"],
    ["'No go' areas", "Social/structural", "Local community"],
    ["Overcrowded prisons", "Social/structural", "National"],
    ["Loss of breadwinner", "Economic", "Family and peers"],
    ["Barrier to regeneration", "Economic", "Local community"],
    ["Dependency on drug revenues stifling economic development/investment", "Economic", "International"],
    ["Degradation of neighbourhoods (e.g. discarded paraphernalia)", "Environmental", "Local community"],
    ["Deforestation", "Environmental", "International"],
  ])("includes %s (%s, %s)", (harm, type, level) => {
    expect(HARM_MATRIX).toContainEqual(expect.objectContaining({ harm, type, level }));
  });
});

/** The priority rule written independently of src/core/priority.ts. */
function expectedScore(x: (number | null)[], w: number[]): number | "" {
  if (x[0] === null || x[1] === null) return "";
  let num = 0;
  let den = 0;
  x.forEach((v, i) => {
    if (v === null) return;
    num += w[i] * (v - 1);
    den += w[i];
  });
  return den === 0 ? "" : (100 * num) / (4 * den);
}

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe("Harm Matrix priority formula (evaluated by HyperFormula)", () => {
  const keys = PRIORITY_CRITERIA.map((c) => c.key);

  function scoredWorkbook(weights?: number[]) {
    const wb = buildWorkbook({ operation: blankOperation() });
    const hm = sheet(wb, "harm-matrix");
    const t = table(hm, "HP_HarmMatrix");
    const rnd = seeded(42);
    const ratings: (number | null)[][] = [];
    const applies: string[] = [];
    t.rows.forEach((_, i) => {
      const x = keys.map((_k, j) => (rnd() < (j < 2 ? 0.1 : 0.3) ? null : 1 + Math.floor(rnd() * 5)));
      if (i < 3) x[0] = x[1] = 3; // ensure some ties
      ratings.push(x);
      const a = rnd() < 0.1 ? "No" : "Yes";
      applies.push(a);
      setTableValue(t, i, "applies", a);
      keys.forEach((k, j) => setTableValue(t, i, k, x[j]));
    });
    if (weights) {
      const pw = table(sheet(wb, "operation"), "HP_PriorityWeights");
      weights.forEach((w, i) => setTableValue(pw, i, "weight", w));
    }
    return { wb, hm, t, ratings, applies };
  }

  const check = (
    wb: SheetModel[],
    hm: SheetModel,
    ratings: (number | null)[][],
    applies: string[],
    w: number[],
  ) => {
    const t = table(hm, "HP_HarmMatrix");
    const ev = evaluate(wb);
    const scores = ratings.map((x, i) => (applies[i] === "No" ? "" : expectedScore(x, w)));
    let scored = 0;
    scores.forEach((want, i) => {
      const got = ev.value("Harm Matrix", tableCellAddress(t, i, "score"));
      if (want === "") expect(got).toBe("");
      else {
        scored++;
        expect(got).toBeCloseTo(want, 9);
      }
    });
    expect(scored).toBeGreaterThan(40);

    // Rank matches src/core/priority.ts (competition ranking) over the scored rows.
    const items = ratings
      .map((x, i) => ({ i, x }))
      .filter(({ i }) => scores[i] !== "")
      .map(({ i, x }) => ({
        label: String(i),
        scores: Object.fromEntries(keys.map((k, j) => [k, x[j]])) as never,
      }));
    const ranked = prioritise(items, Object.fromEntries(keys.map((k, j) => [k, w[j]])));
    for (const r of ranked) {
      const i = Number(r.label);
      expect(ev.value("Harm Matrix", tableCellAddress(t, i, "rank"))).toBe(r.rank);
      expect(ev.value("Harm Matrix", tableCellAddress(t, i, "score"))).toBeCloseTo(r.score, 9);
    }
    // The summary order is a permutation 1..n that follows the ranks.
    const orders = ranked.map(
      (r) => ev.value("Harm Matrix", tableCellAddress(t, Number(r.label), "order")) as number,
    );
    expect([...orders].sort((a, b) => a - b)).toEqual(ranked.map((_, k) => k + 1));
    expect(orders).toEqual(ranked.map((_, k) => k + 1));
    return { ev, ranked };
  };

  it("scores and ranks with the default weights", () => {
    const { wb, hm, ratings, applies } = scoredWorkbook();
    check(wb, hm, ratings, applies, [3, 3, 2, 2, 1]);
  });

  it("follows weights edited on the Operation sheet", () => {
    const w = [1, 5, 0, 4, 2];
    const { wb, hm, ratings, applies } = scoredWorkbook(w);
    check(wb, hm, ratings, applies, w);
  });

  it("feeds the Summary's line of the top three harms", () => {
    const { wb, hm, ratings, applies } = scoredWorkbook();
    const { ev, ranked } = check(wb, hm, ratings, applies, [3, 3, 2, 2, 1]);
    const summary = sheet(wb, "summary");
    const line = summary.cells.find(
      (c) => isFormulaCell(c.value) && /MATCH\(3,/.test(c.value.formula) && c.value.formula.includes("$B$"),
    )!;
    const t = table(hm, "HP_HarmMatrix");
    const name = (k: number) => t.rows[Number(ranked[k].label)][colIndex(t, "harm")];
    const score = (k: number) => Math.round(ranked[k].score * 10) / 10;
    expect(ev.value("Summary", line.address)).toBe(
      `Top priority harms (Harm Matrix): 1. ${name(0)} (${score(0)}); 2. ${name(1)} (${score(1)}); 3. ${name(2)} (${score(2)}).`,
    );
  });
});
