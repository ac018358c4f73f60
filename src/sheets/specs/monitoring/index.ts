/**
 * Monitoring sheet: one row per month with the target, buffer and
 * control counts (counted from incident data or typed), the target against
 * its expected range from the baseline months, the same month last year,
 * and from the operation's start the cumulative net effect against the
 * control with its interval. Every figure is a native formula with its
 * cached value from src/core; two line charts sit above the table.
 */
import type { Operation } from "../../../core/operation";
import type { MonitoringMonth } from "../../../core/stats/monitoring";
import { dispersionOf } from "../../../core/evaluation/figures";
import type { Scalar } from "../../model";
import {
  TABLE_GROWTH,
  type CellSpec,
  type ChartSpec,
  type ColumnSpec,
  type GridCell,
  type Locator,
  type RowValues,
  type SheetSpec,
} from "../layout";
import { sheetIdentity, type SpecContext } from "../input";
import { blankRows, workbookNames } from "../common";
import { OPERATION_NAMES } from "../operation";
import { monitoringCache, type MonitoringSettings } from "./cache";
import { MONITORING_COLUMNS, MONTH_FORMAT } from "./columns";
import { MONITORING_FORMULAS, monthOfName, settingsFormulas, type MonitoringRefs } from "./formulas";
import { monitoringFrame, monthRange } from "./months";

export { monitoringCache, NO_POINT } from "./cache";
export { monitoringFrame, periodOfMonth, monthRange, monthSerial, addMonths } from "./months";
export type { MonitoringFrame, MonthPeriod } from "./months";
export { MONITORING_COLUMNS, MONTH_FORMAT } from "./columns";

export const MONITORING_TABLE = "HP_Monitoring";
/** Workbook names the Summary reads the Monitoring sheet through (IFERROR keeps it working without one). */
export const MONITORING_NAMES = workbookNames(["month", "target", "start", "low", "high"], "Monitoring");

/** The months written when there are no counts yet: the operation's, from the baseline to the after period's end. */
export function templateMonths(op: Operation): MonitoringMonth[] {
  const frame = monitoringFrame(op);
  return frame
    ? monthRange(frame.from, frame.end).map((month) => ({ month, target: null, buffer: null, control: null }))
    : [];
}

const SETTING_KEYS = [
  "start",
  "from",
  "to",
  "dispersion",
  "baselineMonths",
  "mean",
  "low",
  "high",
  "hasBuffer",
  "targetBefore",
  "bufferBefore",
  "controlBefore",
] as const;

/** Settings sit in pairs across the top, PER_ROW to a row: a label over two columns, then its value. */
const PER_ROW = 6;
const settingAt = (i: number) => ({ row: Math.floor(i / PER_ROW), col: 3 * (i % PER_ROW) + 2 });

function refs(loc: Locator): MonitoringRefs {
  const at = (key: (typeof SETTING_KEYS)[number]) => {
    const { row, col } = settingAt(SETTING_KEYS.indexOf(key));
    return loc.cell("settings", row, col, true);
  };
  const col = (key: string) => loc.column("monitoring", key, { grow: true });
  return {
    ...(Object.fromEntries(SETTING_KEYS.map((k) => [k, at(k)])) as Omit<MonitoringRefs, "col">),
    col: {
      month: col("month"),
      period: col("period"),
      target: col("target"),
      buffer: col("buffer"),
      control: col("control"),
    },
  };
}

interface Setting {
  label: string;
  value: CellSpec["value"];
  format?: string;
  name?: string;
  nameComment?: string;
}

/** The settings in SETTING_KEYS order, with the workbook names the Summary reads. */
function settings(op: Operation, s: MonitoringSettings, dataDispersion?: number): Setting[] {
  const n = OPERATION_NAMES;
  const month = (name: string, cached: Scalar) => ({
    formula: monthOfName(name, typeof cached === "number" ? cached : ""),
    value: cached,
  });
  const computed = (key: keyof ReturnType<typeof settingsFormulas>, cached: Scalar) => (loc: Locator) => ({
    formula: settingsFormulas(refs(loc))[key],
    value: cached,
  });
  const d = n.dispersion;
  const fromData = dispersionOf({}, dataDispersion);
  return [
    {
      label: "Operation starts",
      value: month(n.afterStart, s.start),
      format: MONTH_FORMAT,
      name: MONITORING_NAMES.start,
      nameComment: "The month the operation starts (Monitoring sheet).",
    },
    { label: "Baseline from", value: month(n.beforeStart, s.from), format: MONTH_FORMAT },
    { label: "Baseline to", value: month(n.beforeEnd, s.to), format: MONTH_FORMAT },
    {
      label: "Dispersion",
      // Typed on the Operation sheet, else the headline measure's estimate from the data when counted.
      value: {
        formula: `=IFERROR(IF(AND(ISNUMBER(${d}),${d}>=1),${d},${fromData}),${fromData})`,
        value: dispersionOf(op, fromData),
      },
      format: "0.00",
    },
    { label: "Baseline months", value: computed("baselineMonths", s.baselineMonths), format: "0" },
    { label: "Baseline mean", value: computed("mean", s.mean), format: "0.0" },
    {
      label: "Expected low",
      value: computed("low", s.low),
      format: "0.0",
      name: MONITORING_NAMES.low,
      nameComment: "Lower limit of the target's expected monthly count.",
    },
    {
      label: "Expected high",
      value: computed("high", s.high),
      format: "0.0",
      name: MONITORING_NAMES.high,
      nameComment: "Upper limit of the target's expected monthly count.",
    },
    { label: "Buffer counted?", value: computed("hasBuffer", s.hasBuffer) },
    { label: "Target before", value: computed("targetBefore", s.targetBefore), format: "0" },
    { label: "Buffer before", value: computed("bufferBefore", s.bufferBefore), format: "0" },
    { label: "Control before", value: computed("controlBefore", s.controlBefore), format: "0" },
  ];
}

/** The settings as a grid: label (two columns wide), value, and a blank column between pairs. */
function settingsGrid(list: Setting[]): GridCell[][] {
  const rows: GridCell[][] = [];
  list.forEach((x, i) => {
    const { row, col } = settingAt(i);
    rows[row] ??= [];
    rows[row][col - 2] = { value: x.label, style: "label", span: 2 };
    rows[row][col] = {
      value: x.value,
      style: "computed",
      format: x.format,
      name: x.name,
      nameComment: x.nameComment,
    };
  });
  return rows;
}

const COLOURS = { band: "#BDD7EE", target: "#1F4E79", start: "#7F7F7F", net: "#C55A11", interval: "#7F7F7F" };

/** The target chart's series: the band (a hidden base plus the range), the counts, and the start marked by a bar. */
export function targetSeries<C extends string | number>(c: {
  low: C;
  band: C;
  target: C;
  start: C;
}): NonNullable<ChartSpec["line"]>["series"] {
  return [
    { column: c.low, name: "Expected low", kind: "area", colour: "none", noLegend: true },
    { column: c.band, name: "Expected range", kind: "area", colour: COLOURS.band },
    { column: c.target, name: "Target", kind: "line", colour: COLOURS.target, marker: true },
    { column: c.start, name: "Operation starts", kind: "column", colour: COLOURS.start },
  ];
}

const TARGET_CHART = "Target crimes a month and the expected range";

function charts(rows: { period: string }[]): ChartSpec[] {
  const firstAfter = rows.findIndex((r) => r.period === "after");
  const afterRows = firstAfter >= 0 ? { first: firstAfter, last: rows.length - 1 } : undefined;
  return [
    {
      title: TARGET_CHART,
      block: "monitoring",
      under: "settings",
      seriesBy: "columns",
      size: { cols: 9, rows: 18 },
      line: {
        categories: "month",
        categoryFormat: "mmm yy",
        valueAxisTitle: "Crimes",
        series: targetSeries({ low: "low", band: "band", target: "target", start: "start" }),
      },
    },
    {
      title: "Net effect so far, with its 95% interval",
      block: "monitoring",
      under: "settings",
      beside: TARGET_CHART,
      seriesBy: "columns",
      size: { cols: 9, rows: 18 },
      line: {
        categories: "month",
        categoryFormat: "mmm yy",
        valueAxisTitle: "Crimes prevented",
        ...(afterRows ? { rows: afterRows } : {}),
        series: [
          { column: "net", name: "Net effect so far", kind: "line", colour: COLOURS.net, marker: true },
          { column: "netLower", name: "Lower 95%", kind: "line", colour: COLOURS.interval, dash: true },
          { column: "netUpper", name: "Upper 95%", kind: "line", colour: COLOURS.interval, dash: true },
        ],
      },
    },
  ];
}

export function monitoringSpec(ctx: SpecContext): SheetSpec {
  const op = ctx.input.operation;
  const frame = monitoringFrame(op);
  const months = ctx.input.monitoring ?? templateMonths(op);
  const { settings: cached, rows: cache } = monitoringCache(
    months,
    frame,
    dispersionOf(op, ctx.input.dataDispersion),
  );
  const rows: RowValues[] = cache.length
    ? cache.map(({ month, target, buffer, control, ...computed }) => ({
        month,
        target,
        buffer,
        control,
        ...computed,
      }))
    : blankRows(12);
  const columns: ColumnSpec[] = MONITORING_COLUMNS.map((c) => {
    const f = MONITORING_FORMULAS[c.key];
    const named =
      c.key === "month"
        ? { name: MONITORING_NAMES.month, nameComment: "The Monitoring sheet's months." }
        : c.key === "target"
          ? { name: MONITORING_NAMES.target, nameComment: "The Monitoring sheet's target counts." }
          : {};
    return f ? { ...c, ...named, formula: (r, loc) => f(r, refs(loc)) } : { ...c, ...named };
  });
  return {
    ...sheetIdentity("monitoring"),
    title: "Monitoring: is this month out of the ordinary, and where are we so far?",
    source:
      "Sources: Wheeler 2016 (square-root Poisson limits); Bowers & Johnson 2003 (net effect); UKDPC 2009, Chapter 4, steps 4–5; docs/methods.md.",
    help: [
      "One row per month: counts from the incident data (Evaluate step) or typed. A blank count means no data, never 0; add rows for later months.",
      "The expected range comes from the before period's months; a month outside it is flagged. From the operation's start, the net effect so far is against the control's trend.",
      "From the start, a month without data is marked not available (N/A) in the net effect and left as a gap in the charts. The grey bar marks the operation's first month.",
    ],
    titleSpan: 12,
    blocks: [
      {
        id: "settings",
        kind: "grid",
        heading: "Baseline and start (from the Operation sheet and the months below)",
        rows: settingsGrid(settings(op, cached, ctx.input.dataDispersion)),
      },
      {
        id: "monitoring",
        kind: "table",
        table: { name: MONITORING_TABLE, columns, rows, growth: TABLE_GROWTH },
      },
    ],
    charts: charts(cache.map((r) => ({ period: r.period }))),
    mainTable: "monitoring",
    // The charts sit above the table: freezing its header would pin them to the screen.
    freezeHeader: false,
  };
}
