/**
 * The figures behind the Summary's small monitoring chart: the target's
 * monthly counts against the expected range, the operation's start marked,
 * and the same month a year earlier. The months are the operation's (the
 * last 24 at most); each value is looked up by month through the Monitoring
 * sheet's workbook names, so it follows typed counts, and #N/A (a gap in the
 * chart) stands for no data.
 */
import { dispersionOf } from "../../core/evaluation/figures";
import type { FormulaCell, Scalar } from "../model";
import type { CellSpec, ChartSpec, GridCell } from "./layout";
import type { SpecContext } from "./input";
import {
  MONITORING_NAMES as N,
  NO_POINT,
  monitoringCache,
  monitoringFrame,
  monthSerial,
  targetSeries,
  templateMonths,
} from "./monitoring";

/** At most two years of months fit the one-page Summary. */
const MAX_MONTHS = 24;

export const MONTHLY_TITLE = "Target crimes a month (Monitoring sheet)";

const f = (formula: string, value: Scalar): FormulaCell => ({ formula, value });
const label = (value: string): CellSpec => ({ value, style: "label" });
const orGap = (v: Scalar | null | undefined): Scalar => (typeof v === "number" ? v : NO_POINT);

export function monthlyBlock(ctx: SpecContext): { rows: GridCell[][]; chart: ChartSpec } | null {
  const op = ctx.input.operation;
  const frame = monitoringFrame(op);
  if (!frame) return null;
  const wanted = templateMonths(op).slice(-MAX_MONTHS);
  const { settings, rows } = monitoringCache(
    ctx.input.monitoring ?? wanted,
    frame,
    dispersionOf(op, ctx.input.dataDispersion),
  );
  const body: GridCell[][] = wanted.map((w, i) => {
    const serial = monthSerial(w.month);
    const row = rows.find((r) => r.month === serial);
    // The month cell of this row: grid row 0 holds the headers.
    const cell = (formula: (month: string) => string, value: Scalar, format: string): CellSpec => ({
      value: (loc) => f(formula(loc.cell("monthly", i + 1, 0)), value),
      style: "computed",
      format,
    });
    const target = (m: string) => `INDEX(${N.target},MATCH(${m},${N.month},0))`;
    const lastYear = (m: string) => target(`EDATE(${m},-12)`);
    return [
      { value: serial, format: "mmm yy" },
      cell((m) => `=IFERROR(IF(ISNUMBER(${target(m)}),${target(m)},NA()),NA())`, orGap(row?.target), "0"),
      cell(() => `=IFERROR(IF(ISNUMBER(${N.low}),${N.low},NA()),NA())`, orGap(settings.low), "0.0"),
      // ISNUMBER first: HyperFormula takes "" − "" as 0 where Excel gives #VALUE!.
      cell(
        () => `=IFERROR(IF(AND(ISNUMBER(${N.high}),ISNUMBER(${N.low})),${N.high}-${N.low},NA()),NA())`,
        orGap(row?.band),
        "0.0",
      ),
      cell((m) => `=IFERROR(IF(${m}=${N.start},MAX(${N.high},${N.target}),""),"")`, row?.start ?? "", "0"),
      cell(
        (m) => `=IFERROR(IF(ISNUMBER(${lastYear(m)}),${lastYear(m)},NA()),NA())`,
        orGap(row?.lastYear),
        "0",
      ),
    ];
  });
  return {
    rows: [
      // Short headers fit the Summary's narrow columns; the chart's legend names the series in full.
      [label("Month"), label("Target"), label("Low"), label("Band"), label("Start"), label("Last year")],
      ...body,
    ],
    chart: {
      title: MONTHLY_TITLE,
      block: "monthly",
      seriesBy: "columns",
      size: { cols: 5, rows: 12 },
      line: {
        categories: 0,
        categoryFormat: "mmm yy",
        series: [
          ...targetSeries({ low: 2, band: 3, target: 1, start: 4 }),
          { column: 5, name: "Same month last year", kind: "line", colour: "#7F7F7F", dash: true },
        ],
      },
    },
  };
}
