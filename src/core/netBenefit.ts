/**
 * Cost–benefit of an operation: the crimes it prevented, valued at
 * a cost per offence (e.g. Home Office, The economic and social costs of
 * crime, 2018), against what it cost to run.
 */
import { div0Error, valueError } from "./errors";
import { finite } from "./stats/validate";

export interface CostItem {
  item: string;
  hours?: number | null;
  rate?: number | null;
  /** Cost in pounds; when blank, hours × rate. */
  amount?: number | null;
}

export interface UnitCost {
  offenceType: string;
  costPerOffence: number;
  priceYear?: number;
  source?: string;
}

export interface PreventedCrimes {
  offenceType: string;
  /** Crimes prevented (e.g. the net effect); negative means more crimes. */
  estimate: number;
  lower: number;
  upper: number;
}

export interface NetBenefitInput {
  costs: CostItem[];
  /** Cost per offence by offence type, as a list or a map keyed by offence type. */
  unitCosts: UnitCost[] | Map<string, Omit<UnitCost, "offenceType">>;
  /** Factor bringing the unit costs to current prices (e.g. GDP deflator); default 1. */
  uplift?: number;
  prevented: PreventedCrimes[];
}

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

export interface BenefitByType {
  offenceType: string;
  prevented: Interval;
  /** Cost per offence after the uplift. */
  unitCost: number;
  priceYear?: number;
  source?: string;
  benefit: Interval;
}

export interface NetBenefitResult {
  costs: Array<{ item: string; amount: number }>;
  totalCost: number;
  byType: BenefitByType[];
  prevented: Interval;
  benefit: Interval;
  netBenefit: Interval;
  benefitCostRatio: Interval;
  /** Cost of a typical prevented crime: unit costs weighted by each type's share of the crimes prevented. */
  weightedUnitCost: number;
  /** Crimes the operation must prevent to pay for itself: total cost ÷ weighted unit cost. */
  breakEvenCrimes: number;
  sentence: string;
}

const key = (offenceType: string): string => offenceType.trim().toLowerCase();

function money(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw valueError(`${name} must be a number; got ${typeof value === "number" ? value : typeof value}`);
  }
  if (value < 0) throw valueError(`${name} must not be negative; got ${value}`);
  return value;
}

function finiteNumber(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw valueError(`${name} must be a number; got ${typeof value === "number" ? value : typeof value}`);
  }
  return value;
}

const blank = (v: unknown): boolean => v === null || v === undefined;

function costAmount(c: CostItem, i: number): { item: string; amount: number } {
  if (c === null || typeof c !== "object")
    throw valueError(`Cost row ${i + 1} is empty; give an item and its cost`);
  const item = typeof c.item === "string" && c.item.trim() !== "" ? c.item.trim() : `cost row ${i + 1}`;
  if (!blank(c.amount)) return { item, amount: money(c.amount, `The amount for "${item}"`) };
  if (blank(c.hours) || blank(c.rate)) {
    throw valueError(`"${item}" needs an amount, or both hours and an hourly rate`);
  }
  const hours = money(c.hours, `The hours for "${item}"`);
  const rate = money(c.rate, `The rate for "${item}"`);
  return { item, amount: hours * rate };
}

function unitCostTable(unitCosts: NetBenefitInput["unitCosts"]): Map<string, UnitCost> {
  const list: UnitCost[] =
    unitCosts instanceof Map
      ? [...unitCosts.entries()].map(([offenceType, u]) => ({ ...u, offenceType }))
      : Array.isArray(unitCosts)
        ? unitCosts
        : [];
  const table = new Map<string, UnitCost>();
  list.forEach((u, i) => {
    if (
      u === null ||
      typeof u !== "object" ||
      typeof u.offenceType !== "string" ||
      u.offenceType.trim() === ""
    ) {
      throw valueError(`Unit cost row ${i + 1} needs an offence type`);
    }
    const name = u.offenceType.trim();
    if (table.has(key(name))) {
      throw valueError(`The unit costs list "${name}" twice; keep one cost per offence type`);
    }
    table.set(key(name), {
      ...u,
      costPerOffence: money(u.costPerOffence, `The cost per offence for "${name}"`),
    });
  });
  return table;
}

/**
 * Sum of estimates with an interval whose lower and upper half-widths add in
 * quadrature: the offence types are independent counts, so their variances
 * add (as for the harm-weighted headline, Σ w²·Var).
 */
function combine(parts: Interval[], weights: number[]): Interval {
  let estimate = 0;
  let below = 0;
  let above = 0;
  parts.forEach((p, i) => {
    const w = weights[i];
    estimate += w * p.estimate;
    below += (w * (p.estimate - p.lower)) ** 2;
    above += (w * (p.upper - p.estimate)) ** 2;
  });
  return {
    estimate: finite(estimate, "The total"),
    lower: finite(estimate - Math.sqrt(below), "The total's lower limit"),
    upper: finite(estimate + Math.sqrt(above), "The total's upper limit"),
  };
}

const formatter = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
/** en-GB number to one decimal place, never "-0". */
const number = { format: (x: number): string => formatter.format(x).replace(/^-0$/, "0") };

/**
 * Per offence type: benefit = prevented × unit cost × uplift, with the
 * prevented interval carried through. Totals add the types' half-widths in
 * quadrature (see combine). Net benefit = benefit − total cost; benefit–cost
 * ratio = benefit ÷ total cost. Break-even crimes = total cost ÷ weighted unit
 * cost, the weights being each type's share of the crimes prevented (types
 * with no crimes prevented weigh 0); when no type prevented any crimes, the
 * plain mean of the unit costs of the types listed (or of all unit costs).
 */
export function netBenefit(input: NetBenefitInput): NetBenefitResult {
  if (input === null || typeof input !== "object") {
    throw valueError("Give the costs, the unit costs and the crimes prevented");
  }
  const uplift = input.uplift ?? 1;
  if (typeof uplift !== "number" || !Number.isFinite(uplift) || uplift <= 0) {
    throw valueError(`uplift must be a number greater than 0 (1 = prices as given); got ${String(uplift)}`);
  }
  if (!Array.isArray(input.costs) || input.costs.length === 0) {
    throw valueError("Give at least one cost (hours and rate, or an amount)");
  }
  const costs = input.costs.map(costAmount);
  const totalCost = finite(
    costs.reduce((s, c) => s + c.amount, 0),
    "The total cost",
  );
  if (totalCost === 0) throw div0Error("The costs add up to £0; enter what the operation cost to run");
  const table = unitCostTable(input.unitCosts);
  if (table.size === 0) throw valueError("Give at least one unit cost (cost per offence by offence type)");
  if (!Array.isArray(input.prevented)) throw valueError("Give the crimes prevented by offence type");

  const seen = new Set<string>();
  const byType = input.prevented.map((p, i): BenefitByType => {
    if (
      p === null ||
      typeof p !== "object" ||
      typeof p.offenceType !== "string" ||
      p.offenceType.trim() === ""
    ) {
      throw valueError(`Prevented row ${i + 1} needs an offence type`);
    }
    const name = p.offenceType.trim();
    if (seen.has(key(name)))
      throw valueError(`"${name}" appears twice in the crimes prevented; give it once`);
    seen.add(key(name));
    const unit = table.get(key(name));
    if (!unit) throw valueError(`There is no unit cost for "${name}"; add it to the unit costs`);
    const prevented = {
      estimate: finiteNumber(p.estimate, `The crimes prevented for "${name}"`),
      lower: finiteNumber(p.lower, `The lower limit for "${name}"`),
      upper: finiteNumber(p.upper, `The upper limit for "${name}"`),
    };
    if (!(prevented.lower <= prevented.estimate && prevented.estimate <= prevented.upper)) {
      throw valueError(`For "${name}" the interval must run from lower to upper around the estimate`);
    }
    const unitCost = unit.costPerOffence * uplift;
    return {
      offenceType: name,
      prevented,
      unitCost,
      priceYear: unit.priceYear,
      source: unit.source,
      benefit: combine([prevented], [unitCost]),
    };
  });

  const prevented = combine(
    byType.map((b) => b.prevented),
    byType.map(() => 1),
  );
  const benefit = combine(
    byType.map((b) => b.prevented),
    byType.map((b) => b.unitCost),
  );
  const positive = byType.map((b) => Math.max(0, b.prevented.estimate));
  const positiveTotal = positive.reduce((s, x) => s + x, 0);
  const pool =
    byType.length > 0
      ? byType.map((b) => b.unitCost)
      : [...table.values()].map((u) => u.costPerOffence * uplift);
  const weightedUnitCost =
    positiveTotal > 0
      ? byType.reduce((s, b, i) => s + (positive[i] / positiveTotal) * b.unitCost, 0)
      : pool.reduce((s, x) => s + x, 0) / pool.length;
  if (weightedUnitCost === 0) {
    throw div0Error("Every unit cost is £0, so no number of crimes prevented pays for the operation");
  }
  const breakEvenCrimes = totalCost / weightedUnitCost;
  const needed = Math.ceil(breakEvenCrimes - 1e-9);
  const sentence =
    `The operation pays for itself if it prevented at least ${number.format(needed)} crime${needed === 1 ? "" : "s"}; ` +
    `the central estimate is ${number.format(prevented.estimate)} ` +
    `(interval ${number.format(prevented.lower)} to ${number.format(prevented.upper)}).`;
  return {
    costs,
    totalCost,
    byType,
    prevented,
    benefit,
    netBenefit: {
      estimate: benefit.estimate - totalCost,
      lower: benefit.lower - totalCost,
      upper: benefit.upper - totalCost,
    },
    benefitCostRatio: {
      estimate: benefit.estimate / totalCost,
      lower: benefit.lower / totalCost,
      upper: benefit.upper / totalCost,
    },
    weightedUnitCost,
    breakEvenCrimes,
    sentence,
  };
}
