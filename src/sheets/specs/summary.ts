/**
 * Summary sheet: a one-page manager view built from formulas over the other
 * sheets (operation names, Harm Matrix ranks, Results rows), each with a
 * cached value so the page reads correctly before any recalculation.
 */
import { isFormulaCell, type FormulaCell, type Scalar } from "../model";
import { colLetters } from "../a1";
import {
  DATE_FORMAT,
  sheetRef,
  type CellSpec,
  type GridCell,
  type RowValues,
  type SheetSpec,
} from "./layout";
import { TAB_COLOURS, sheetName, type ResultsRow, type SpecContext } from "./input";
import { isoToSerialOrNull } from "../../core/incidents/dates";
import { OPERATION_NAMES as N } from "./operation";

const TOP_N = 5;

const f = (formula: string, value: Scalar): FormulaCell => ({ formula, value });

/** =IF(name="","",name): shows blank rather than 0 for an empty named cell. */
const named = (name: string, value: Scalar): FormulaCell => f(`=IF(${name}="","",${name})`, value);

function direction(r: ResultsRow | undefined): Scalar {
  if (!r) return "";
  const { before, after } = r.target;
  return after < before ? "Fell" : after > before ? "Rose" : "No change";
}

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

  // Main table: one row per Results row.
  const rows: RowValues[] = Array.from({ length: resultRowCount }, (_, i) => {
    const r = results[i];
    const t0 = resultsCell("tBefore", i);
    const t1 = resultsCell("tAfter", i);
    const ref = (key: string) =>
      f(`=IF(${resultsCell(key, i)}="","",${resultsCell(key, i)})`, cachedResult(key, i));
    return {
      measure: ref("measure"),
      harm: ref("harm"),
      direction: f(
        `=IF(COUNT(${t0},${t1})<2,"",IF(${t1}<${t0},"Fell",IF(${t1}>${t0},"Rose","No change")))`,
        direction(r),
      ),
      change: ref("change"),
      significant: ref("significant"),
      tne: ref("tne"),
      wdd: ref("wdd"),
      reading: ref("reading"),
    };
  });

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

  // Before/after totals by area for the chart, over Results rows added later too.
  const total = (key: string, pick: (r: ResultsRow) => number | undefined): CellSpec => {
    const range = res.locator.column("results", key, { grow: true });
    const sum = results.reduce((acc, r) => acc + (pick(r) ?? 0), 0);
    return { value: f(`=SUM(${R}${range})`, sum), style: "computed" };
  };
  const chartRows: GridCell[][] = [
    [
      { value: "Area", style: "label" },
      { value: "Before", style: "label" },
      { value: "After", style: "label" },
    ],
    ["Target", total("tBefore", (r) => r.target.before), total("tAfter", (r) => r.target.after)],
    ["Buffer", total("bBefore", (r) => r.buffer?.before), total("bAfter", (r) => r.buffer?.after)],
    ["Control", total("cBefore", (r) => r.control.before), total("cAfter", (r) => r.control.after)],
  ];

  const areas = (a: string[]) => a.filter((x) => x.trim() !== "").join("; ");
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

  const summaryColumns = [
    { key: "measure", header: "Measure", help: "From the Results sheet.", width: 30, wrap: true },
    { key: "harm", header: "Harm", help: "The harm the measure tracks.", width: 24, wrap: true },
    { key: "direction", header: "Direction", help: "Did the target-area count fall or rise?", width: 10 },
    { key: "change", header: "Change %", help: "Change in the target area.", width: 10, format: "0.0%" },
    {
      key: "significant",
      header: "Significant?",
      help: "Whether the change passes Wheeler's |Z| ≥ 3 flag.",
      width: 11,
    },
    {
      key: "tne",
      header: "Net effect",
      help: "Total net effect: crimes prevented in target plus buffer, against the control trend (positive is good).",
      width: 10,
      format: "0.0",
    },
    {
      key: "wdd",
      header: "WDD",
      help: "Weighted displacement difference (negative means crime fell).",
      width: 9,
      format: "0.0",
    },
    {
      key: "reading",
      header: "Displacement",
      help: "Displacement reading from the WDQ.",
      width: 30,
      wrap: true,
    },
  ].map((c) => ({ ...c, computed: true, formula: undefined }));

  const lane2 = summaryColumns.length + 1;

  return {
    key: "summary",
    name: "Summary",
    tabColour: TAB_COLOURS.summary,
    title: "Summary for managers",
    source: "Harm-focused planning and evaluation after UKDPC 2009, Chapter 4 (Figure 4.2, steps 1–6).",
    help: [
      "Everything here is worked out from the other sheets; change the inputs there, not here.",
      "Judge success by outcomes (the harms), not outputs such as arrests or seizures (N8 PRP 2024; UKDPC 2009).",
      "The table lists the Results rows there when this sheet was made; the totals by area also count rows added since.",
    ],
    titleSpan: 8,
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
        widths: [22, 30],
        fields: [
          textCell("Operation name", N.name, op.name),
          textCell("Force or area", N.force, op.force),
          textCell("Target areas", N.targetAreas, areas(op.targetAreas)),
          textCell("Buffer areas", N.bufferAreas, areas(op.bufferAreas)),
          textCell("Control areas", N.controlAreas, areas(op.controlAreas)),
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
      },
      {
        id: "chartData",
        kind: "grid",
        lane: lane2,
        heading: "Totals by area (all measures)",
        rows: chartRows,
      },
    ],
    charts: [
      {
        title: "Before and after, by area",
        block: "chartData",
        seriesBy: "columns",
        size: { cols: 4, rows: 14 },
      },
    ],
    mainTable: "results",
    print: { orientation: "landscape", onePage: true },
  };
}
