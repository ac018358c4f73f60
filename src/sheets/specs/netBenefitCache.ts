/**
 * Cached values of the Net Benefit sheet: each row's figures as its formulas
 * give them, and the totals from the core's one calculation
 * (src/core/netBenefit.ts), used only when the formulas would show them too.
 */
import { isHarmError } from "../../core/errors";
import { netBenefit, type NetBenefitResult } from "../../core/netBenefit";
import type { Scalar } from "../model";
import { LISTED_ABOVE, NA, STATUS } from "./netBenefitFormulas";

export interface CostRow {
  item: string;
  hours: Scalar;
  rate: Scalar;
  amount: Scalar;
}

export interface UnitCostRow {
  offenceType: string;
  costPerOffence: Scalar;
  priceYear: Scalar;
  source: Scalar;
}

/** The net effect with its interval on the Results sheet (cached values), by measure. */
export type ResultsLookup = (
  measure: string,
) => { tne: Scalar; tneLower: Scalar; tneUpper: Scalar } | undefined;

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

export interface UnitCostFigures {
  unitCost: Scalar;
  prevented: Scalar;
  preventedLower: Scalar;
  preventedUpper: Scalar;
  benefit: Scalar;
  benefitLower: Scalar;
  benefitUpper: Scalar;
}

export interface NetBenefitCache {
  costs: Scalar[];
  unitCosts: UnitCostFigures[];
  totalCost: number;
  /** The core's result when the totals show; null when the sentence says what is missing. */
  result: NetBenefitResult | null;
  sentence: string;
}

export const costOf = (r: CostRow): Scalar =>
  isNumber(r.amount) ? r.amount : isNumber(r.hours) && isNumber(r.rate) ? r.hours * r.rate : "";

function figures(row: UnitCostRow, i: number, rows: UnitCostRow[], uprating: Scalar, results: ResultsLookup) {
  const blank: UnitCostFigures = {
    unitCost: "",
    prevented: "",
    preventedLower: "",
    preventedUpper: "",
    benefit: "",
    benefitLower: "",
    benefitUpper: "",
  };
  const c = row.costPerOffence;
  if (!isNumber(c)) return blank;
  const unitCost = isNumber(uprating) && uprating > 0 ? c * uprating : NA;
  const out = { ...blank, unitCost };
  if (row.offenceType === "" || !isNumber(unitCost)) return out;
  const key = row.offenceType.toLowerCase();
  if (rows.slice(0, i).some((r) => r.offenceType.toLowerCase() === key))
    return { ...out, prevented: LISTED_ABOVE };
  const found = results(row.offenceType);
  if (!found) return out;
  const { tne: e, tneLower: l, tneUpper: u } = found;
  if (!isNumber(e) || !isNumber(l) || !isNumber(u)) return { ...out, prevented: NA };
  return {
    unitCost,
    prevented: e,
    preventedLower: l,
    preventedUpper: u,
    benefit: unitCost * e,
    benefitLower: unitCost * e - Math.abs(unitCost * (e - l)),
    benefitUpper: unitCost * e + Math.abs(unitCost * (u - e)),
  };
}

export function netBenefitCache(
  costRows: CostRow[],
  unitRows: UnitCostRow[],
  uprating: Scalar,
  results: ResultsLookup,
): NetBenefitCache {
  const costs = costRows.map(costOf);
  const unitCosts = unitRows.map((r, i) => figures(r, i, unitRows, uprating, results));
  const totalCost = costs.reduce<number>((s, c) => s + (isNumber(c) ? c : 0), 0);
  const inputs = [
    ...costRows.flatMap((r) => [r.hours, r.rate, r.amount]),
    ...unitRows.map((r) => r.costPerOffence),
  ].filter(isNumber);
  const counted = unitRows.map((r, i) => ({ r, f: unitCosts[i] })).filter((x) => isNumber(x.f.benefit));
  const done = (sentence: string): NetBenefitCache => ({
    costs,
    unitCosts,
    totalCost,
    result: null,
    sentence,
  });
  if (inputs.some((x) => x < 0)) return done(STATUS.negative);
  if (!isNumber(uprating) || uprating <= 0) return done(STATUS.uprating);
  if (totalCost <= 0) return done(STATUS.noCost);
  if (counted.length === 0) return done(STATUS.noUnitCost);
  try {
    const result = netBenefit({
      costs: costRows.flatMap((r, i) =>
        isNumber(costs[i]) ? [{ item: r.item, amount: costs[i] as number }] : [],
      ),
      unitCosts: counted.map(({ r }) => ({
        offenceType: r.offenceType,
        costPerOffence: r.costPerOffence as number,
      })),
      uplift: uprating,
      prevented: counted.map(({ r, f }) => ({
        offenceType: r.offenceType,
        estimate: f.prevented as number,
        lower: f.preventedLower as number,
        upper: f.preventedUpper as number,
      })),
    });
    return { costs, unitCosts, totalCost, result, sentence: result.sentence };
  } catch (e) {
    // Every unit cost that counts is £0 (the core refuses to divide by it).
    if (!isHarmError(e)) throw e;
    return done(STATUS.zeroUnitCost);
  }
}
