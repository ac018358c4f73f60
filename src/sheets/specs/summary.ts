/**
 * Summary sheet: the one page a manager reads, printed on one A4 landscape
 * sheet. At the top, the verdict on the headline measure in one sentence
 * with its status in words and colour; then the index and monitoring charts,
 * the net benefit and the top harms in a line each, the results by measure
 * in a compact table, and the checks behind them as numbered footnotes, each
 * said once. Everything is read from the Results sheet's rows as the
 * workbook shows them (summaryShown.ts), so the Summary never judges again.
 * The figures behind the sentence and the charts sit beside the page, outside
 * its print area. Formulas carry cached values, so the page reads correctly
 * before any recalculation.
 */
import type { FormulaCell, Scalar, ValueFill } from "../model";
import { colLetters } from "../a1";
import { type CellSpec, type GridCell, type Locator, type RowValues, type SheetSpec } from "./layout";
import { sheetIdentity, type SpecContext } from "./input";
import { isoToSerialOrNull } from "../../core/incidents/dates";
import { operationLengths } from "../../core/operation";
import { OPERATION_NAMES as N } from "./operation";
import { areaBlock } from "./summaryAreas";
import { MONTHLY_TITLE, monthlyBlock } from "./summaryMonthly";
import { netBenefitLine, topHarmsLine } from "./summaryNetBenefit";
import { headlineBlock } from "./summaryHeadline";
import { footnotes } from "./summaryChecks";
import { resultsReading, type ResultsReading } from "./summaryShown";
import { RESULTS_COLUMNS, SUMMARY_KEYS } from "./results";
import { gbNumberFormula } from "./numberText";
import { oneDp } from "../../core/evaluation/headline";

/** Status words in words and colour (Excel's Good, Neutral and Bad styles; grey for not judged). */
export const STATUS_FILLS: ValueFill[] = [
  { equals: "Credited", fill: "#C6EFCE", font: "#006100" },
  { equals: "No clear change", fill: "#FFEB9C", font: "#7F6000" },
  { equals: "Not credited", fill: "#FFC7CE", font: "#9C0006" },
  { equals: "Not judged", fill: "#D9D9D9", font: "#262626" },
];

/** Columns on the printed page (A to I); the figures behind the sentence and charts start after a gap. */
const PAGE_COLUMNS = 9;
const SIDE_LANE = PAGE_COLUMNS + 1;

/** The table's columns: [key, header, width, format]; the Results' limits print as one interval, the verdict as its status. */
// Wide enough that the sentence and the footnotes take few lines: the page then prints at about 75%.
const TABLE: [string, string, number, string?][] = [
  ["measure", "Measure", 42],
  ["tRateBefore", "Before a month", 15, "0.0"],
  ["tRateAfter", "After a month", 15, "0.0"],
  ["change", "Change", 12, "+0%;-0%;0%"],
  ["cChange", "Comparison areas", 17, "+0%;-0%;0%"],
  ["tne", "Net effect", 13, "0.0"],
  ["interval", "95% interval", 24],
  ["status", "Status", 20],
  ["checks", "Checks", 15],
];
/** Results figures each composed column reads. */
const COMPOSED: Record<string, string[]> = {
  interval: ["tneLower", "tneUpper"],
  status: ["verdict"],
  checks: [],
};

const f = (formula: string, value: Scalar): FormulaCell => ({ formula, value });
const num = (v: Scalar | undefined): v is number => typeof v === "number" && Number.isFinite(v);
/** A formula's text as an Excel string literal: pieces of at most 255 characters, joined. */
const literal = (s: string): string =>
  (s.match(/[\s\S]{1,255}/g) ?? [""]).map((p) => `"${p.replace(/"/g, '""')}"`).join("&");

/** The framework the page follows, said in its first line. */
const SOURCE = "harm-focused evaluation after UKDPC 2009, Chapter 4";

/** "2024-01-31" → "31/01/2024". */
const isoToGb = (iso: string): string => iso.split("-").reverse().join("/");

/** "1,234": how many areas a "; "-separated list on the Operation sheet holds. */
// A list kept in the Areas table leaves "3,500 areas: see the Areas table" in its cell (core/areasTable.ts).
const areaCount = (name: string) =>
  `IF(ISNUMBER(SEARCH("see the Areas table",${name})),VALUE(SUBSTITUTE(LEFT(TRIM(${name}),FIND(" ",TRIM(${name}))-1),",","")),` +
  `IF(TRIM(${name})="",0,LEN(${name})-LEN(SUBSTITUTE(${name},";",""))+1))`;
/** "31/12/2024" from a date serial, without TEXT (whose format codes differ by engine and language). */
const gbDate = (d: string) => `RIGHT("0"&DAY(${d}),2)&"/"&RIGHT("0"&MONTH(${d}),2)&"/"&YEAR(${d})`;

/** The operation in one line, from the Operation sheet's named cells. */
function operationLine(ctx: SpecContext): FormulaCell {
  const op = ctx.input.operation;
  const count = (a: string[]) => a.filter((x) => x.trim() !== "").length;
  const period = (s: string, e: string) => `${isoToGb(s)} to ${isoToGb(e)}`;
  const dated = [op.before.start, op.before.end, op.after.start, op.after.end].every(
    (d) => isoToSerialOrNull(d) !== null,
  );
  const control = count(op.controlAreas);
  const value = [
    op.name.trim(),
    op.force.trim(),
    `target ${count(op.targetAreas)} area${count(op.targetAreas) === 1 ? "" : "s"}, buffer ${count(op.bufferAreas)}, ` +
      (control ? `comparison ${oneDp(control)}` : "comparison areas not listed on the Operation sheet"),
    dated
      ? `before ${period(op.before.start, op.before.end)}, after ${period(op.after.start, op.after.end)}`
      : "",
    SOURCE,
  ]
    .filter((x) => x !== "")
    .join(" · ");
  const opt = (name: string) => `IF(TRIM(${name})="","",${name}&" · ")`;
  const dates = [N.beforeStart, N.beforeEnd, N.afterStart, N.afterEnd];
  const n = areaCount(N.targetAreas);
  const formula =
    `=IFERROR(${opt(N.name)}&${opt(N.force)}&"target "&${n}&IF(${n}=1," area"," areas")&", buffer "&${areaCount(N.bufferAreas)}&", "&` +
    `IF(${areaCount(N.controlAreas)}>0,"comparison "&${gbNumberFormula(areaCount(N.controlAreas))},"comparison areas not listed on the Operation sheet")&` +
    `IF(AND(${dates.map((d) => `ISNUMBER(${d})`).join(",")})," · before "&${gbDate(N.beforeStart)}&" to "&${gbDate(N.beforeEnd)}&` +
    `", after "&${gbDate(N.afterStart)}&" to "&${gbDate(N.afterEnd)},"")&" · ","")&"${SOURCE}"`;
  return f(formula, value);
}

/** One table row per usable Results row: its figures read through, the interval and status composed. */
function tableRows(reading: ResultsReading, marks: string[]): RowValues[] {
  const gb = oneDp;
  return reading.rows.map((r, i) => {
    const at = (key: string) => reading.cell(key, r.index);
    const v = r.values;
    const out: RowValues = {};
    for (const key of SUMMARY_KEYS) {
      if (Object.values(COMPOSED).some((keys) => keys.includes(key))) continue;
      out[key] = f(`=IF(${at(key)}="","",${at(key)})`, v[key] ?? "");
    }
    const [L, U] = [at("tneLower"), at("tneUpper")];
    out.interval = f(
      `=IF(AND(ISNUMBER(${L}),ISNUMBER(${U})),"("&${gbNumberFormula(L)}&" to "&${gbNumberFormula(U)}&")","")`,
      num(v.tneLower) && num(v.tneUpper) ? `(${gb(v.tneLower)} to ${gb(v.tneUpper)})` : "",
    );
    const verdict = at("verdict");
    const status = String(v.verdict ?? "");
    out.status = f(
      `=IF(${verdict}="","",TRIM(SUBSTITUTE(IFERROR(LEFT(${verdict},FIND(":",${verdict})-1),${verdict})," (borderline)","")))`,
      status === ""
        ? ""
        : status
            .slice(0, status.includes(":") ? status.indexOf(":") : undefined)
            .replace(" (borderline)", "")
            .trim(),
    );
    // Derived from every row's Checks when the Summary is built: rewritten with it, like its formulas.
    out.checks = f(`=${literal(marks[i])}`, marks[i]);
    return out;
  });
}

export function summarySpec(ctx: SpecContext): SheetSpec {
  const reading = resultsReading(ctx);
  const monthly = monthlyBlock(ctx);
  const lengthsKnown = operationLengths(ctx.input.operation) !== undefined;
  const headline = headlineBlock(reading, lengthsKnown, PAGE_COLUMNS - 1);
  const notes = footnotes(
    reading.rows.map((r) => ({
      measure: String(r.values.measure ?? ""),
      checks: String(r.values.checks ?? ""),
      verdict: String(r.values.verdict ?? ""),
    })),
  );
  const columns = TABLE.map(([key, header, width, format]) => {
    const c = RESULTS_COLUMNS.find((x) => x.key === key);
    return {
      key,
      header,
      width,
      help:
        c?.help ??
        (key === "interval"
          ? "The net effect's 95% interval (Results sheet)."
          : key === "status"
            ? "The Results sheet's verdict in one word: Credited, No clear change, Not credited or Not judged."
            : "The checks below that apply to this measure."),
      computed: true,
      ...(format ? { format } : {}),
      ...(key === "measure" ? { wrap: true } : {}),
    };
  });
  const statusCol = TABLE.findIndex(([k]) => k === "status");
  const line = (value: FormulaCell): CellSpec => ({ value, style: "body", span: PAGE_COLUMNS - 1 });
  const noteRows: GridCell[][] = (
    notes.notes.length ? notes.notes : ["Nothing to add: every check on the Results sheet passed."]
  ).map((n) => [{ value: f(`=${literal(n)}`, n), style: "body", span: PAGE_COLUMNS }]);

  return {
    ...sheetIdentity("summary"),
    title: "Summary for managers",
    source: "",
    help: [],
    titleSpan: PAGE_COLUMNS,
    blankColumnWidth: 2,
    blocks: [
      {
        id: "about",
        kind: "grid",
        rows: [[{ value: operationLine(ctx), style: "help", span: PAGE_COLUMNS }]],
      },
      { id: "verdict", kind: "grid", rows: [[headline.status, headline.sentence]] },
      {
        id: "lines",
        kind: "grid",
        gapAfter: 0,
        rows: [
          [{ value: "Net benefit", style: "label" }, line(netBenefitLine(ctx))],
          [{ value: "Top harms", style: "label" }, line(topHarmsLine(ctx))],
        ],
      },
      {
        id: "results",
        kind: "table",
        heading:
          "Results by measure (net effect: crimes fewer (+) or more (−) than the comparison areas' trend predicts)",
        table: { name: "HP_SummaryResults", columns, rows: tableRows(reading, notes.marks) },
      },
      {
        id: "checks",
        kind: "grid",
        heading: "Checks behind the results (numbered in the Checks column)",
        rows: noteRows,
      },
      // Beside the page: what the sentence and the charts are worked out from. Their headings are
      // 11 pt, as a 12 pt heading would make the page's row beside it taller.
      {
        id: "figures",
        kind: "grid",
        lane: SIDE_LANE,
        heading: "Figures behind the sentence (the Results sheet's headline row)",
        headingStyle: "label" as const,
        rows: headline.figures,
        widths: [24, 40],
      },
      {
        id: "areas",
        kind: "grid",
        lane: SIDE_LANE,
        heading: "Headline measure by area (index: before = 100)",
        headingStyle: "label" as const,
        rows: areaBlock(ctx, reading),
      },
      ...(monthly
        ? [
            {
              id: "monthly",
              kind: "grid" as const,
              lane: SIDE_LANE,
              heading: "Target a month against its expected range (N/A: no count yet)",
              headingStyle: "label" as const,
              rows: monthly.rows,
            },
          ]
        : []),
    ],
    charts: [
      {
        title: `${String(reading.headline?.values.measure ?? "") || "Headline measure"} by area (before = 100)`,
        block: "areas",
        under: "verdict",
        seriesBy: "columns",
        columns: 3,
        size: { cols: 4, rows: 10 },
        fontSize: 11,
      },
      ...(monthly
        ? [
            {
              ...monthly.chart,
              title: MONTHLY_TITLE,
              under: "verdict",
              beside: `${String(reading.headline?.values.measure ?? "") || "Headline measure"} by area (before = 100)`,
              gap: 0,
              size: { cols: 5, rows: 10 },
              fontSize: 11,
            },
          ]
        : []),
    ],
    valueFills: [
      { range: (loc: Locator) => loc.cell("verdict", 0, 0), fills: STATUS_FILLS },
      {
        range: (loc: Locator) => {
          const p = loc.block("results");
          const c = colLetters(p.left + statusCol);
          return `${c}${p.bodyTop + 1}:${c}${p.bodyTop + Math.max(1, p.rows)}`;
        },
        fills: STATUS_FILLS,
      },
    ],
    mainTable: "results",
    // The table's header sits mid-page: freezing it would pin the charts above it to the screen.
    freezeHeader: false,
    print: { orientation: "landscape", onePage: true, columns: PAGE_COLUMNS },
  };
}
