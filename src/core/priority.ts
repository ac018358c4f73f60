/**
 * Harm prioritisation (UKDPC 2009, step 2): an explicit, transparent score.
 *
 * No standard numeric scale is public, so the rule is a plain weighted mean of
 * 1–5 ratings rescaled to 0–100:
 *
 *   score = 100 × Σ w_i·(x_i − 1) / (4 × Σ w_i)
 *
 * over the criteria that are given (a blank optional criterion is left out of
 * both sums). The Harm Matrix sheet writes the same rule as a native Excel
 * formula, so any change here must be made there too.
 */
import { valueError } from "./errors";

export type PriorityCriterionKey =
  "extent" | "seriousness" | "communityConcern" | "abilityToImpact" | "confidence";

export interface PriorityCriterion {
  key: PriorityCriterionKey;
  label: string;
  help: string;
  required: boolean;
}

/** Criteria in argument order (UKDPC 2009, Chapter 4, step 2). */
export const PRIORITY_CRITERIA: readonly PriorityCriterion[] = [
  {
    key: "extent",
    label: "Extent",
    help: "How widespread the harm is: 1 = isolated, 5 = widespread across the area.",
    required: true,
  },
  {
    key: "seriousness",
    label: "Seriousness",
    help: "How severe the harm is to each person or place affected: 1 = minor, 5 = grave.",
    required: true,
  },
  {
    key: "communityConcern",
    label: "Community concern",
    help: "How much local people say this harm matters to them: 1 = little, 5 = a leading concern.",
    required: false,
  },
  {
    key: "abilityToImpact",
    label: "Ability to have an impact",
    help: "How far police and partners could reduce it (newer markets often respond more): 1 = little, 5 = a great deal.",
    required: false,
  },
  {
    key: "confidence",
    label: "Confidence in the information",
    help: "How sure you are of the evidence behind these ratings: 1 = guesswork, 5 = well evidenced.",
    required: false,
  },
];

export type PriorityScores = Partial<Record<PriorityCriterionKey, number | null | undefined>> & {
  extent: number;
  seriousness: number;
};

export type PriorityWeights = Record<PriorityCriterionKey, number>;

/** Extent and seriousness count most; confidence tempers rather than drives. */
export const DEFAULT_PRIORITY_WEIGHTS: Readonly<PriorityWeights> = Object.freeze({
  extent: 3,
  seriousness: 3,
  communityConcern: 2,
  abilityToImpact: 2,
  confidence: 1,
});

export interface PriorityResult {
  /** 0–100. */
  score: number;
  /** One per criterion in PRIORITY_CRITERIA order; 0 for a criterion left blank. They sum to score. */
  contributions: number[];
}

const where = (row?: number): string => (row === undefined ? "" : ` in row ${row}`);

function checkScore(label: string, x: unknown, row?: number): number {
  if (typeof x !== "number" || !Number.isFinite(x) || !Number.isInteger(x) || x < 1 || x > 5) {
    const got = typeof x === "string" ? `'${x}'` : String(x);
    throw valueError(`${label}${where(row)} must be a whole number from 1 to 5; got ${got}.`);
  }
  return x;
}

function checkWeights(weights: Partial<PriorityWeights> | undefined): PriorityWeights {
  const out = { ...DEFAULT_PRIORITY_WEIGHTS };
  if (!weights) return out;
  for (const c of PRIORITY_CRITERIA) {
    const w = weights[c.key];
    if (w === undefined || w === null) continue;
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0)
      throw valueError(`The weight for ${c.label} must be a number of 0 or more; got ${String(w)}.`);
    out[c.key] = w;
  }
  return out;
}

/**
 * Scores one harm. `row` (1-based) is only used to make error messages point
 * at the right line of a table.
 */
export function priorityScore(
  scores: PriorityScores,
  weights?: Partial<PriorityWeights>,
  row?: number,
): PriorityResult {
  const w = checkWeights(weights);
  const given: number[] = [];
  let sumW = 0;
  for (const c of PRIORITY_CRITERIA) {
    const x = scores[c.key];
    if (x === undefined || x === null) {
      if (c.required) throw valueError(`${c.label}${where(row)} is required; enter a score from 1 to 5.`);
      given.push(Number.NaN);
      continue;
    }
    given.push(checkScore(c.label, x, row));
    sumW += w[c.key];
  }
  if (!(sumW > 0))
    throw valueError(
      "The weights of the criteria you scored add up to 0; give at least one a positive weight.",
    );
  const contributions = PRIORITY_CRITERIA.map((c, i) =>
    Number.isNaN(given[i]) ? 0 : (100 * w[c.key] * (given[i] - 1)) / (4 * sumW),
  );
  // Summing the contributions (rather than recomputing) keeps the breakdown exactly additive.
  const score = contributions.reduce((s, v) => s + v, 0);
  return { score: Math.min(100, Math.max(0, score)), contributions };
}

// Scores built from different criteria can differ in the last bit; treat those as ties.
const sameScore = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

export interface PriorityItem {
  label: string;
  scores: PriorityScores;
}

export interface RankedPriority extends PriorityResult {
  rank: number;
  label: string;
  /** 0-based position in the input. */
  index: number;
}

/**
 * Ranks harms by score, highest first. Ties keep their input order and share
 * a rank (competition ranking: 1, 2, 2, 4).
 */
export function prioritise(
  items: readonly PriorityItem[],
  weights?: Partial<PriorityWeights>,
): RankedPriority[] {
  const scored = items.map((item, index) => ({
    label: item.label,
    index,
    rank: 0,
    ...priorityScore(item.scores, weights, index + 1),
  }));
  // Array.prototype.sort is stable (ES2019), so equal scores keep input order.
  scored.sort((a, b) => (sameScore(a.score, b.score) ? 0 : b.score - a.score));
  for (let i = 0; i < scored.length; i++) {
    scored[i].rank = i > 0 && sameScore(scored[i].score, scored[i - 1].score) ? scored[i - 1].rank : i + 1;
  }
  return scored;
}
