/**
 * Net Benefit sheet (UKDPC 2009's last step, "evaluate the net
 * benefit"): what the operation cost against the crimes it prevented (the
 * Results net effect by offence type, with its interval) valued at a cost
 * per offence. Native formulas throughout; cached values from the core.
 */
import { POLICE_UK_CRIME_TYPES } from "../../core/operation";
import { isFormulaCell, type Scalar } from "../model";
import {
  sheetRef,
  type CellSpec,
  type ColumnSpec,
  type GridCell,
  type Locator,
  type RowValues,
  type SheetSpec,
  TABLE_GROWTH,
} from "./layout";
import { sheetIdentity, sheetName, type SpecContext } from "./input";
import { starterOn } from "./common";
import { computedColumn as computed, numberColumn as input } from "./columns";
import { gbNumberFormula } from "./numberText";
import {
  benefitFormula,
  boundFormula,
  costFormula,
  COSTS_TABLE,
  NET_BENEFIT_NAMES as N,
  preventedFormula,
  totalsExpressions,
  UNIT_COSTS_TABLE,
  unitCostFormula,
  wholeCrimes,
  type ResultsColumns,
  type TotalsColumns,
} from "./netBenefitFormulas";
import { netBenefitCache, type CostRow, type ResultsLookup, type UnitCostRow } from "./netBenefitCache";

export { COSTS_TABLE, UNIT_COSTS_TABLE, NET_BENEFIT_NAMES } from "./netBenefitFormulas";

export const HEEKS_NOTE =
  "Costs per offence: the Home Office's The economic and social costs of crime (Heeks et al. 2018, Table 1, 2015/16 prices). Copy the figures you use from the report, with its year, and set the uprating factor to bring them to your price year.";

const STARTER_COSTS = ["Officer time", "Overtime", "Partner agency time", "Treatment places", "Other costs"];

const money = "£#,##0;-£#,##0";

function unitCostColumns(res: ResultsColumns): ColumnSpec[] {
  return [
    {
      key: "offenceType",
      header: "Offence type",
      help: "As the Results sheet's Measure (police.uk categories).",
      width: 24,
      wrap: true,
    },
    input(
      "costPerOffence",
      "Cost per offence (£)",
      "From the source you name, at its price year; blank until you enter it.",
      12,
      money,
    ),
    { key: "priceYear", header: "Price year", help: "The price year of the cost, e.g. 2015/16.", width: 10 },
    {
      key: "source",
      header: "Source",
      help: "Where the cost comes from, e.g. Heeks et al. 2018, Table 1.",
      width: 18,
      wrap: true,
    },
    {
      ...computed("unitCost", "Cost used (£)", "Cost per offence × the uprating factor.", money, 11),
      formula: unitCostFormula,
    },
    {
      ...computed(
        "prevented",
        "Crimes prevented",
        "The net effect for this offence type on the Results sheet (positive = fewer crimes).",
        "0.0",
        10,
      ),
      formula: (r, loc) => preventedFormula(r, loc, res),
    },
    {
      ...computed("preventedLower", "Lower 95%", "Lower limit of the net effect.", "0.0", 9),
      formula: (r, loc) => boundFormula("tneLower")(r, loc, res),
    },
    {
      ...computed("preventedUpper", "Upper 95%", "Upper limit of the net effect.", "0.0", 9),
      formula: (r, loc) => boundFormula("tneUpper")(r, loc, res),
    },
    {
      ...computed("benefit", "Benefit (£)", "Crimes prevented × cost used.", money, 12),
      formula: (r) => benefitFormula(r, "estimate"),
    },
    {
      ...computed("benefitLower", "Benefit lower (£)", "Lower limit carried through.", money, 12),
      formula: (r) => benefitFormula(r, "lower"),
    },
    {
      ...computed("benefitUpper", "Benefit upper (£)", "Upper limit carried through.", money, 12),
      formula: (r) => benefitFormula(r, "upper"),
    },
  ];
}

const COST_COLUMNS: ColumnSpec[] = [
  {
    key: "item",
    header: "Item",
    help: "Officer time, overtime, partner costs, treatment places, and so on.",
    width: 20,
    wrap: true,
  },
  input("hours", "Hours", "Hours spent (leave blank for a fixed amount).", 8, "#,##0.0"),
  input("rate", "Rate (£ per hour)", "Hourly cost, including on-costs.", 10, "£#,##0.00"),
  input("amount", "Amount (£)", "A fixed cost; leave blank to use hours × rate.", 11, money),
  {
    ...computed("cost", "Cost (£)", "The amount, or hours × rate when the amount is blank.", money, 11),
    formula: costFormula,
  },
];

/** The sheet's unit-cost rows: every police.uk type, in order, then any other type given. */
function unitRows(ctx: SpecContext): UnitCostRow[] {
  const given = ctx.input.netBenefit?.unitCosts ?? [];
  const row = (offenceType: string): UnitCostRow => {
    const g = given.find((u) => u.offenceType.toLowerCase() === offenceType.toLowerCase());
    return {
      offenceType,
      costPerOffence: g?.costPerOffence ?? null,
      priceYear: g?.priceYear ?? null,
      source: g?.source ?? null,
    };
  };
  const known = new Set(POLICE_UK_CRIME_TYPES.map((t) => t.toLowerCase()));
  return [
    ...POLICE_UK_CRIME_TYPES.map(row),
    ...given.filter((u) => !known.has(u.offenceType.toLowerCase())).map((u) => row(u.offenceType)),
  ];
}

function costRows(ctx: SpecContext): CostRow[] {
  const given = ctx.input.netBenefit?.costs;
  if (given && given.length)
    return given.map((c) => ({
      item: c.item,
      hours: c.hours ?? null,
      rate: c.rate ?? null,
      amount: c.amount ?? null,
    }));
  return (starterOn(ctx.input) ? STARTER_COSTS : ["", ""]).map((item) => ({
    item,
    hours: null,
    rate: null,
    amount: null,
  }));
}

/** The Results sheet's cached net effects, so this sheet's cached values agree with it. */
function resultsLookup(ctx: SpecContext): ResultsLookup {
  const t = ctx.laidOut("results").model.tables[0];
  const at = (row: (typeof t.rows)[number], key: string): Scalar => {
    const v = row[t.columns.findIndex((c) => c.key === key)];
    return (isFormulaCell(v) ? v.value : v) ?? "";
  };
  return (measure) => {
    const row = t.rows.find((r) => String(at(r, "measure")).toLowerCase() === measure.toLowerCase());
    return row
      ? { tne: at(row, "tne"), tneLower: at(row, "tneLower"), tneUpper: at(row, "tneUpper") }
      : undefined;
  };
}

export function netBenefitSpec(ctx: SpecContext): SheetSpec {
  const nb = ctx.input.netBenefit ?? {};
  const uprating = nb.uprating ?? 1;
  const res = ctx.laidOut("results");
  const R = sheetRef(sheetName("results"));
  const resCol = (key: string) => `${R}${res.locator.column("results", key, { grow: true })}`;
  const resultsColumns: ResultsColumns = {
    measure: resCol("measure"),
    tne: resCol("tne"),
    tneLower: resCol("tneLower"),
    tneUpper: resCol("tneUpper"),
  };
  const unitColumns = unitCostColumns(resultsColumns);
  const costs = costRows(ctx);
  const units = unitRows(ctx);
  const cache = netBenefitCache(costs, units, uprating, resultsLookup(ctx));
  const r = cache.result;

  const columnsOf = (loc: Locator): TotalsColumns => {
    const u = (key: string) => loc.column("unitCosts", key, { grow: true });
    const c = (key: string) => loc.column("costs", key, { grow: true });
    return {
      hours: c("hours"),
      rate: c("rate"),
      amount: c("amount"),
      cost: c("cost"),
      costPerOffence: u("costPerOffence"),
      unitCost: u("unitCost"),
      prevented: u("prevented"),
      preventedLower: u("preventedLower"),
      preventedUpper: u("preventedUpper"),
      benefit: u("benefit"),
      benefitLower: u("benefitLower"),
      benefitUpper: u("benefitUpper"),
    };
  };
  // Totals grid: row 0 headers, then one figure per row (columns: label, estimate, lower, upper).
  const at = (loc: Locator, row: number, col = 1) => loc.cell("totals", row, col, true);
  const C = (loc: Locator) => at(loc, 1);
  const W = (loc: Locator) => at(loc, 6);
  const shown = (loc: Locator, body: string) => `=IF(ISNUMBER(${W(loc)}),${body},"")`;
  const cell = (
    value: Scalar | undefined,
    formula: (loc: Locator) => string,
    format: string,
    name?: string,
  ): CellSpec => ({
    value: (loc) => ({ formula: formula(loc), value: value ?? "" }),
    style: "computed",
    format,
    ...(name ? { name } : {}),
  });
  const label = (value: string): CellSpec => ({ value, style: "label" });
  const ex = (loc: Locator) => totalsExpressions(columnsOf(loc), C(loc));
  const interval = (
    text: string,
    v: { estimate: number; lower: number; upper: number } | undefined,
    est: (loc: Locator) => string,
    lower: (loc: Locator) => string,
    upper: (loc: Locator) => string,
    format: string,
    name: string,
  ): GridCell[] => [
    label(text),
    cell(v?.estimate, (loc) => shown(loc, est(loc)), format, name),
    cell(v?.lower, (loc) => shown(loc, lower(loc)), format),
    cell(v?.upper, (loc) => shown(loc, upper(loc)), format),
  ];
  /** A total over the offence types, its half-widths added in quadrature. */
  const summed = (text: string, key: "prevented" | "benefit", row: number, format: string, name: string) =>
    interval(
      text,
      r?.[key],
      (l) => ex(l).sum(key),
      (l) => `${at(l, row)}-${ex(l).below(key)}`,
      (l) => `${at(l, row)}+${ex(l).above(key)}`,
      format,
      name,
    );
  const sentence = (loc: Locator) => {
    const [M, L, Up] = [at(loc, 2), at(loc, 2, 2), at(loc, 2, 3)];
    const n = wholeCrimes(at(loc, 7));
    const text =
      `"The operation pays for itself if it prevented at least "&${gbNumberFormula(n)}&" crime"&IF(${n}=1,"","s")&` +
      `"; the central estimate is "&${gbNumberFormula(M)}&" (interval "&${gbNumberFormula(L)}&" to "&${gbNumberFormula(Up)}&")."`;
    return `=IF(ISNUMBER(${W(loc)}),${text},${ex(loc).status})`;
  };
  const totals: GridCell[][] = [
    [label(""), label("Estimate"), label("Lower 95%"), label("Upper 95%")],
    [label("Operation costs (£)"), cell(cache.totalCost, (loc) => ex(loc).totalCost, money, N.totalCost)],
    summed("Crimes prevented (net effect)", "prevented", 2, "0.0", N.prevented),
    summed("Benefit (£)", "benefit", 3, money, N.benefit),
    interval(
      "Net benefit (£)",
      r?.netBenefit,
      (l) => `${at(l, 3)}-${C(l)}`,
      (l) => `${at(l, 3, 2)}-${C(l)}`,
      (l) => `${at(l, 3, 3)}-${C(l)}`,
      money,
      N.netBenefit,
    ),
    interval(
      "Benefit–cost ratio",
      r?.benefitCostRatio,
      (l) => `${at(l, 3)}/${C(l)}`,
      (l) => `${at(l, 3, 2)}/${C(l)}`,
      (l) => `${at(l, 3, 3)}/${C(l)}`,
      "0.00",
      N.ratio,
    ),
    [
      label("Weighted cost per crime (£)"),
      cell(r?.weightedUnitCost, (loc) => ex(loc).weighted, money, N.weightedUnitCost),
    ],
    [
      label("Break-even crimes"),
      cell(r?.breakEvenCrimes, (loc) => shown(loc, `${C(loc)}/${W(loc)}`), "0.0", N.breakEven),
    ],
    // Spans the sheet's left lane so the sentence reads on one line.
    [{ ...cell(cache.sentence, sentence, "General"), span: unitColumns.length }],
  ];

  const costTableRows: RowValues[] = costs.map((c, i) => ({ ...c, cost: cache.costs[i] }));
  const unitTableRows: RowValues[] = units.map((u, i) => ({ ...u, ...cache.unitCosts[i] }));
  const lane = unitColumns.length + 1;
  return {
    ...sheetIdentity("net-benefit"),
    title: "Net benefit: did the crimes prevented pay for the operation?",
    source:
      "Sources: UKDPC 2009, step 6 (evaluate the net benefit); Heeks et al. 2018 (Home Office, The economic and social costs of crime); Bowers & Johnson 2003 (net effect).",
    help: [
      "Enter what the operation cost (right) and a cost per offence for the offence types on the Results sheet (below); the rest works itself out.",
      "Crimes prevented is the Results sheet's net effect for each offence type; its 95% interval is carried through to the benefit, and the types' intervals add in quadrature.",
      "Break-even crimes = total cost ÷ the cost of a typical prevented crime (costs per offence weighted by each type's share of the crimes prevented).",
    ],
    titleSpan: 10,
    blocks: [
      {
        id: "totals",
        kind: "grid",
        heading: "Net benefit",
        rows: totals,
        // The sentence's name covers its first cell, not the whole merge.
        names: [{ name: N.sentence, row: totals.length - 1, cols: 1 }],
      },
      {
        id: "settings",
        kind: "fields",
        widths: [24, 12],
        fields: [
          {
            label: "Uprating factor",
            name: N.uprating,
            value: uprating,
            format: "0.000",
            validation: { kind: "decimal", min: 0 },
            prompt:
              "1 = prices as given. To bring 2015/16 costs to your year, divide your year's GDP deflator by 2015/16's.",
          },
          { label: "Your price year", name: N.priceYear, value: nb.priceYear ?? "", literal: true },
        ],
      },
      { id: "heeks", kind: "notes", lines: [HEEKS_NOTE], span: 6 },
      {
        id: "unitCosts",
        kind: "table",
        heading: "Costs per offence and benefit by offence type",
        table: { name: UNIT_COSTS_TABLE, columns: unitColumns, rows: unitTableRows, growth: TABLE_GROWTH },
      },
      {
        id: "costs",
        kind: "table",
        lane,
        heading: "Operation costs",
        table: { name: COSTS_TABLE, columns: COST_COLUMNS, rows: costTableRows, growth: TABLE_GROWTH },
      },
    ],
    mainTable: "costs",
  };
}
