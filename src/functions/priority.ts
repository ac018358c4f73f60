/**
 * Prioritisation functions: HARM.PRIORITY scores one harm from 1–5 ratings and
 * HARM.PRIORITISE ranks a list of harms (UKDPC 2009, step 2).
 */
import { valueError } from "../core/errors";
import { PRIORITY_CRITERIA, prioritise as corePrioritise, priorityScore } from "../core/priority";
import type { PriorityCriterionKey, PriorityScores, PriorityWeights } from "../core/priority";
import { named } from "./args";
import {
  guardMatrix,
  isBlank,
  isExcelError,
  mapRows,
  must,
  readNumber,
  toExcelError,
  toNumber,
  type ExcelResultError,
  type RowResult,
} from "./excel";
import { perRow, type HarmFunction } from "./spill";

const CRITERIA_KEYS = PRIORITY_CRITERIA.map((c) => c.key);

/** A range of up to five weights in criterion order (a row or a column); blanks keep the default. */
function priorityWeights(v: unknown): Partial<PriorityWeights> | undefined {
  if (isBlank(v)) return undefined;
  const cells: unknown[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else cells.push(x);
  };
  walk(v);
  if (cells.length > CRITERIA_KEYS.length)
    throw valueError(
      `weights has ${cells.length} cells; give at most five (extent, seriousness, community concern, ability to impact, confidence).`,
    );
  const out: Partial<PriorityWeights> = {};
  cells.forEach((cell, i) => {
    if (isBlank(cell)) return;
    const label = PRIORITY_CRITERIA[i].label;
    const n = toNumber(cell, `The weight for ${label}`);
    if (n < 0) throw valueError(`The weight for ${label} must not be negative; got ${n}.`);
    out[CRITERIA_KEYS[i] as PriorityCriterionKey] = n;
  });
  return out;
}

/** A 1–5 rating cell; blank means "not scored". Text numbers are read as numbers, as Excel does. */
const rating = (v: unknown, label: string): number | undefined | ExcelResultError =>
  isBlank(v) ? undefined : readNumber(v, label);

const RATING_ARGS = ["extent", "seriousness", "communityConcern", "abilityToImpact", "confidence"];

/** One row of ratings scored with the call's weights. */
const priorityRow =
  (w: Partial<PriorityWeights> | undefined) =>
  (cells: unknown[]): RowResult => {
    const scores: Partial<Record<PriorityCriterionKey, number>> = {};
    for (let i = 0; i < PRIORITY_CRITERIA.length; i++) {
      const r = rating(cells[i], PRIORITY_CRITERIA[i].label);
      if (isExcelError(r)) return r;
      scores[PRIORITY_CRITERIA[i].key] = r;
    }
    return [priorityScore(scores as PriorityScores, w).score];
  };

/** HARM.PRIORITY: Score from 0 (lowest priority) to 100. */
export function priority(
  extent: any[][],
  seriousness: any[][],
  communityConcern?: any[][],
  abilityToImpact?: any[][],
  confidence?: any[][],
  weights?: any[][],
): any[][] {
  let w: Partial<PriorityWeights> | undefined;
  try {
    w = priorityWeights(weights ?? null);
  } catch (e) {
    return [[toExcelError(e)]];
  }
  const values = [extent, seriousness, communityConcern, abilityToImpact, confidence];
  return mapRows(named(RATING_ARGS, values), priorityRow(w));
}

/** HARM.PRIORITISE: A ranked table, highest priority first, with a header row. */
export function prioritise(labels: any[][], criteria: any[][], weights?: any[][]): any[][] {
  return guardMatrix(() => {
    const w = priorityWeights(weights ?? null);
    if (!Array.isArray(labels) || labels.length === 0)
      throw valueError("labels is empty; select the harm names.");
    if (!Array.isArray(criteria) || criteria.length === 0 || !Array.isArray(criteria[0]))
      throw valueError("criteria is empty; select the ratings, one row per harm.");
    const width = (criteria[0] as unknown[]).length;
    if (width < 2 || width > CRITERIA_KEYS.length)
      throw valueError(
        `criteria has ${width} column(s); select 2 to 5 columns: extent, seriousness, community concern, ability to impact, confidence.`,
      );
    const names = labels.map((row, i) => {
      const cell = Array.isArray(row) ? row : [row];
      if (cell.length !== 1) throw valueError("labels must be a single column of harm names.");
      const v = cell[0];
      if (isExcelError(v)) throw valueError(`labels row ${i + 1} contains an error value; fix that cell.`);
      return isBlank(v) ? `Row ${i + 1}` : String(v);
    });
    if (criteria.length !== names.length)
      throw valueError(
        `criteria has ${criteria.length} rows but labels has ${names.length}; select ranges of the same length.`,
      );
    const items = criteria.map((row, i) => {
      if (!Array.isArray(row) || row.length !== width)
        throw valueError("criteria must be a rectangular range, one row per harm.");
      const scores: Record<string, number | undefined> = {};
      PRIORITY_CRITERIA.forEach(
        (c, j) =>
          (scores[c.key] = j < width ? must(rating(row[j], `${c.label} in row ${i + 1}`)) : undefined),
      );
      return { label: names[i], scores: scores as PriorityScores };
    });
    const ranked = corePrioritise(items, w);
    const header = ["Rank", "Harm", "Score", ...PRIORITY_CRITERIA.slice(0, width).map((c) => c.label)];
    return [header, ...ranked.map((r) => [r.rank, r.label, r.score, ...r.contributions.slice(0, width)])];
  });
}

export const PRIORITY_FUNCTIONS = [
  { id: "HARM.PRIORITY", fn: priority, spill: perRow(1, { columns: 5 }) },
  {
    id: "HARM.PRIORITISE",
    fn: prioritise,
    // A header row over one row per harm; rank, harm and score, then one column per criterion given.
    spill: ([labels, criteria]) => ({
      width: 3 + Math.min(5, Math.max(2, criteria.width)),
      height: labels.height + 1,
    }),
  },
] as const satisfies readonly HarmFunction[];
