/**
 * The Net Benefit sheet's native formulas: cost per row, the net effect
 * looked up from the Results table by offence type, benefit carried through
 * with its interval, and the totals (src/core/netBenefit.ts in formulas:
 * half-widths add in quadrature over the rows that are counted).
 */
import type { Locator, RowRef } from "./layout";
import { workbookNames } from "./common";

export const COSTS_TABLE = "HP_OperationCosts";
export const UNIT_COSTS_TABLE = "HP_UnitCosts";

/** Names of the sheet's cells: the Summary reads the totals through them. */
export const NET_BENEFIT_NAMES = {
  ...workbookNames(["uprating", "priceYear", "totalCost", "netBenefit", "weightedUnitCost"]),
  // Names that say more than their field.
  prevented: "HP_CrimesPrevented",
  benefit: "HP_TotalBenefit",
  ratio: "HP_BenefitCostRatio",
  breakEven: "HP_BreakEvenCrimes",
  sentence: "HP_BenefitSentence",
};

export const STATUS = {
  negative: "Costs, hours, rates and costs per offence must not be negative.",
  uprating: "The uprating factor must be a number above 0 (1 = prices as given).",
  noCost: "Enter what the operation cost to run under Operation costs (an amount, or hours and a rate).",
  noUnitCost:
    "Enter a cost per offence for the offence types on the Results sheet: benefit and break-even then appear here.",
  zeroUnitCost:
    "The offence types that fell have a cost per offence of £0, so no number of crimes prevented pays for the operation.",
} as const;

/** Shown for an offence type listed twice: only its first row counts. */
export const LISTED_ABOVE = "Listed above";
export const NA = "n/a";

const U = NET_BENEFIT_NAMES.uprating;

export const costFormula = (r: RowRef): string => {
  const [h, rate, amount] = [r.at("hours"), r.at("rate"), r.at("amount")];
  return `=IF(ISNUMBER(${amount}),${amount},IF(AND(ISNUMBER(${h}),ISNUMBER(${rate})),${h}*${rate},""))`;
};

export const unitCostFormula = (r: RowRef): string => {
  const c = r.at("costPerOffence");
  return `=IF(ISNUMBER(${c}),IF(AND(ISNUMBER(${U}),${U}>0),${c}*${U},"${NA}"),"")`;
};

/** Results columns (absolute, grown, on the Results sheet) that the lookup reads. */
export interface ResultsColumns {
  measure: string;
  tne: string;
  tneLower: string;
  tneUpper: string;
}

/** The Results row of this offence type: INDEX over a Results column, matched on Measure. */
const lookup = (r: RowRef, res: ResultsColumns, key: "tne" | "tneLower" | "tneUpper") =>
  `INDEX(${res[key]},MATCH(${r.at("offenceType")},${res.measure},0))`;

/**
 * Crimes prevented: the Results net effect for the type, once it has a cost
 * per offence; blank when it has none or is not on Results, "n/a" when the
 * net effect is not a number there, "Listed above" for a repeated type.
 */
export function preventedFormula(r: RowRef, loc: Locator, res: ResultsColumns): string {
  const type = r.at("offenceType");
  const first = loc.column("unitCosts", "offenceType").split(":")[0];
  const upToHere = `${first}:${type}`;
  const found = `ISNUMBER(MATCH(${type},${res.measure},0))`;
  const numbers = `AND(ISNUMBER(${lookup(r, res, "tne")}),ISNUMBER(${lookup(r, res, "tneLower")}),ISNUMBER(${lookup(r, res, "tneUpper")}))`;
  return (
    `=IF(OR(${type}="",NOT(ISNUMBER(${r.at("unitCost")}))),"",` +
    `IF(SUMPRODUCT((${upToHere}=${type})*1)>1,"${LISTED_ABOVE}",` +
    `IF(${found},IF(${numbers},${lookup(r, res, "tne")},"${NA}"),"")))`
  );
}

export const boundFormula =
  (key: "tneLower" | "tneUpper") =>
  (r: RowRef, _loc: Locator, res: ResultsColumns): string =>
    `=IF(ISNUMBER(${r.at("prevented")}),${lookup(r, res, key)},"")`;

/** Benefit = prevented × cost per offence × uprating; each limit moves by the unit cost times its half-width. */
export function benefitFormula(r: RowRef, which: "estimate" | "lower" | "upper"): string {
  const [u, e, l, h] = [r.at("unitCost"), r.at("prevented"), r.at("preventedLower"), r.at("preventedUpper")];
  const body =
    which === "estimate"
      ? `${u}*${e}`
      : which === "lower"
        ? `${u}*${e}-ABS(${u}*(${e}-${l}))`
        : `${u}*${e}+ABS(${u}*(${h}-${e}))`;
  return `=IF(ISNUMBER(${e}),${body},"")`;
}

/** The grown columns the totals read. */
export interface TotalsColumns {
  hours: string;
  rate: string;
  amount: string;
  cost: string;
  costPerOffence: string;
  unitCost: string;
  prevented: string;
  preventedLower: string;
  preventedUpper: string;
  benefit: string;
  benefitLower: string;
  benefitUpper: string;
}

/**
 * √Σ(x − y)² over the rows where both are numbers. SUMPRODUCT of ranges
 * counts text ("" from a formula) as 0 in Excel, LibreOffice and
 * HyperFormula alike, where SUMXMY2 fails in LibreOffice; MAX(0, …) keeps
 * rounding from taking a zero sum below 0.
 */
const rootSumOfSquares = (x: string, y: string): string =>
  `SQRT(MAX(0,SUMPRODUCT(${x},${x})-2*SUMPRODUCT(${x},${y})+SUMPRODUCT(${y},${y})))`;

/** Expressions behind the totals block (C is the total cost's cell, W the weighted unit cost's). */
export function totalsExpressions(col: TotalsColumns, C: string) {
  const negative = `MIN(${col.hours},${col.rate},${col.amount},${col.costPerOffence})<0`;
  const upratingOk = `AND(ISNUMBER(${U}),${U}>0)`;
  const counted = `COUNT(${col.benefit})`;
  const positive = `SUMPRODUCT((${col.prevented}>0)*1,${col.prevented})`;
  const weighted =
    `IF(${positive}>0,SUMPRODUCT((${col.prevented}>0)*1,${col.prevented},${col.unitCost})/${positive},` +
    `SUMPRODUCT(ISNUMBER(${col.prevented})*1,${col.unitCost})/${counted})`;
  const valid = `AND(NOT(${negative}),${upratingOk},${C}>0,${counted}>0)`;
  return {
    totalCost: `=SUM(${col.cost})`,
    weighted: `=IF(${valid},IF(${weighted}>0,${weighted},""),"")`,
    status:
      `IF(${negative},"${STATUS.negative}",IF(NOT(${upratingOk}),"${STATUS.uprating}",` +
      `IF(${C}<=0,"${STATUS.noCost}",IF(${counted}=0,"${STATUS.noUnitCost}","${STATUS.zeroUnitCost}"))))`,
    sum: (key: "prevented" | "benefit") => `SUM(${col[key]})`,
    below: (key: "prevented" | "benefit") =>
      rootSumOfSquares(col[key], key === "prevented" ? col.preventedLower : col.benefitLower),
    above: (key: "prevented" | "benefit") =>
      rootSumOfSquares(key === "prevented" ? col.preventedUpper : col.benefitUpper, col[key]),
  };
}

/** Whole crimes to break even, as the core rounds them: ⌈break-even − 10⁻⁹⌉. */
export function wholeCrimes(breakEven: string): string {
  const y = `(${breakEven}-0.000000001)`;
  return `IF(ROUND(${y},0)<${y},ROUND(${y},0)+1,ROUND(${y},0))`;
}
