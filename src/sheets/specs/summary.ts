/**
 * Summary sheet: a one-page manager view built from formulas over the other
 * sheets (operation names, Harm Matrix ranks, Results rows), each with a
 * cached value so the page reads correctly before any recalculation.
 */
import { isFormulaCell, type FormulaCell, type Scalar } from "../model";
import { colLetters } from "../a1";
import { DATE_FORMAT, sheetRef, type GridCell, type RowValues, type SheetSpec } from "./layout";
import { sheetIdentity, sheetName, type SpecContext } from "./input";
import { isoToSerialOrNull } from "../../core/incidents/dates";
import { OPERATION_NAMES as N, operationCellValue } from "./operation";
import { areaBlock } from "./summaryAreas";
import { monthlyBlock } from "./summaryMonthly";
import { netBenefitBlock } from "./summaryNetBenefit";
import { RESULTS_COLUMNS, SUMMARY_KEYS } from "./results";

const TOP_N = 5;

/** Shorter headers and widths for the Summary's table: [header, width, wrap]. */
const SUMMARY_HEADERS: Record<string, [string, number, boolean?]> = {
  measure: ["Measure", 20, true],
  tRateBefore: ["Before a month", 8],
  tRateAfter: ["After a month", 8],
  change: ["Change", 7],
  cChange: ["Comparison change", 9, true],
  tne: ["Net effect", 7],
  tneLower: ["Lower 95%", 7],
  tneUpper: ["Upper 95%", 7],
  verdict: ["Verdict", 26, true],
  reading: ["Displacement", 14, true],
};

const f = (formula: string, value: Scalar): FormulaCell => ({ formula, value });

/** =IF(name="","",name): shows blank rather than 0 for an empty named cell. */
const named = (name: string, value: Scalar): FormulaCell => f(`=IF(${name}="","",${name})`, value);

export function summarySpec(ctx: SpecContext): SheetSpec {
  const op = ctx.input.operation;
  const results = ctx.input.results ?? [];
  const res = ctx.laidOut("results");
  const hm = ctx.laidOut("harm-matrix");
  const R = sheetRef(sheetName("results"));
  const H = sheetRef(sheetName("harm-matrix"));
  const resultRowCount = res.placements.results.rows;
  const resultsTop = res.placements.results.bodyTop;
  const resultsCell = (key: string, i: number): string => {
    const p = res.placements.results;
    return `${R}${colLetters(p.left + (p.columns ?? []).indexOf(key))}${resultsTop + i + 1}`;
  };

  // The Results sheet's own cached values, so both sheets always agree.
  const resultsTable = res.model.tables[0];
  const cachedResult = (key: string, i: number): Scalar => {
    const v = resultsTable.rows[i]?.[resultsTable.columns.findIndex((c) => c.key === key)];
    return (isFormulaCell(v) ? v.value : v) ?? "";
  };

  // Main table: one row per Results row, the columns the figure list marks for the Summary.
  const rows: RowValues[] = Array.from({ length: resultRowCount }, (_, i) =>
    Object.fromEntries(
      SUMMARY_KEYS.map((key) => [
        key,
        f(`=IF(${resultsCell(key, i)}="","",${resultsCell(key, i)})`, cachedResult(key, i)),
      ]),
    ),
  );

  // Top harms by the Harm Matrix's unique order column, including harms the analyst adds there.
  const grown = (key: string) => hm.locator.column("matrix", key, { grow: true });
  const harmCol = grown("harm");
  const scoreCol = grown("score");
  const orderCol = grown("order");
  const snapshot = [...(ctx.input.prioritySnapshot ?? [])]
    .filter((s) => typeof s.score === "number" && Number.isFinite(s.score))
    .sort((a, b) => b.score - a.score);
  const topRows: GridCell[][] = [
    [
      { value: "Position", style: "label" },
      { value: "Harm", style: "label" },
      { value: "Score", style: "label" },
    ],
    ...Array.from({ length: TOP_N }, (_, k): GridCell[] => {
      const s = snapshot[k];
      const lookup = (range: string) => `IFERROR(INDEX(${H}${range},MATCH(${k + 1},${H}${orderCol},0)),"")`;
      return [
        k + 1,
        { value: f(`=${lookup(harmCol)}`, s ? s.label : ""), style: "computed" },
        { value: f(`=${lookup(scoreCol)}`, s ? s.score : ""), style: "computed", format: "0.0" },
      ];
    }),
  ];

  // All selected crime by area (or the first Results row): each area's change as an index, and the counts.
  const byArea = areaBlock(ctx, results);
  // The target's months against the expected range (Monitoring sheet), when the periods are set.
  const monthly = monthlyBlock(ctx);

  // What the named cell holds: a short list, or "3,500 areas: see the Areas table", never thousands of codes.
  const areas = (field: "targetAreas" | "bufferAreas" | "controlAreas") =>
    String(operationCellValue(op, field));
  const dateCell = (label: string, name: string, iso: string) => ({
    label,
    value: named(name, isoToSerialOrNull(iso) ?? ""),
    format: DATE_FORMAT,
    style: "computed" as const,
  });
  const textCell = (label: string, name: string, text: string) => ({
    label,
    value: named(name, text),
    style: "computed" as const,
  });

  // Widths keep the page legible (8 pt or more) when it prints one page wide on A4 landscape.
  const summaryColumns = SUMMARY_KEYS.map((key) => {
    const c = RESULTS_COLUMNS.find((x) => x.key === key)!;
    const short = SUMMARY_HEADERS[key];
    return {
      key,
      header: short?.[0] ?? c.header,
      help: c.help,
      width: short?.[1] ?? 9,
      ...(c.format ? { format: c.format } : {}),
      ...(c.wrap || short?.[2] ? { wrap: true } : {}),
      computed: true,
      formula: undefined,
    };
  });

  const lane2 = summaryColumns.length + 1;

  return {
    ...sheetIdentity("summary"),
    title: "Summary for managers",
    source: "Harm-focused planning and evaluation after UKDPC 2009, Chapter 4 (Figure 4.2, steps 1–6).",
    help: [
      "Everything here is worked out from the other sheets; change the inputs there, not here.",
      "Judge success by outcomes (the harms), not outputs such as arrests or seizures (N8 PRP 2024; UKDPC 2009).",
      "Verdict says Credited only when the net effect's interval excludes zero and nothing in the data explains the change away; otherwise why not.",
    ],
    titleSpan: 8,
    blankColumnWidth: 2,
    blocks: [
      {
        id: "results",
        kind: "table",
        heading: "Results by measure",
        table: { name: "HP_SummaryResults", columns: summaryColumns, rows },
      },
      {
        id: "operation",
        kind: "fields",
        lane: lane2,
        heading: "Operation",
        widths: [13, 20],
        fields: [
          textCell("Operation name", N.name, op.name),
          textCell("Force or area", N.force, op.force),
          textCell("Target areas", N.targetAreas, areas("targetAreas")),
          textCell("Buffer areas", N.bufferAreas, areas("bufferAreas")),
          textCell("Control areas", N.controlAreas, areas("controlAreas")),
          dateCell("Before: from", N.beforeStart, op.before.start),
          dateCell("Before: to", N.beforeEnd, op.before.end),
          dateCell("After: from", N.afterStart, op.after.start),
          dateCell("After: to", N.afterEnd, op.after.end),
        ],
      },
      {
        id: "topHarms",
        kind: "grid",
        lane: lane2,
        heading: "Top priority harms (Harm Matrix)",
        rows: topRows,
        widths: [13, 20, 8],
      },
      { id: "netBenefit", kind: "grid", lane: lane2, widths: [13, 20], ...netBenefitBlock(ctx) },
      {
        id: "areas",
        kind: "grid",
        lane: lane2,
        heading: byArea.heading,
        rows: byArea.rows,
        widths: [13, 20, 8, 8, 8],
      },
      ...(monthly
        ? [
            {
              id: "monthly",
              kind: "grid" as const,
              lane: lane2,
              heading: "Target a month against its expected range (N/A: no count yet)",
              rows: monthly.rows,
            },
          ]
        : []),
    ],
    charts: [
      {
        title: "Change by area (before = 100)",
        block: "areas",
        seriesBy: "columns",
        columns: 3,
        size: { cols: 5, rows: 12 },
      },
      ...(monthly ? [monthly.chart] : []),
    ],
    mainTable: "results",
    // One page wide at 8 pt or more; as many pages down as the measures need.
    print: { orientation: "landscape" },
  };
}
