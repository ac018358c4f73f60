/**
 * The Monitoring sheet's native formulas: Wheeler's square-root Poisson
 * limits from the baseline months, the flag, the same month last year, and
 * the cumulative total net effect against the control with its delta-method
 * interval (src/core/stats/monitoring.ts, netEffect.ts), so typed counts
 * recalculate in Excel and LibreOffice without the add-in. Every sum works
 * by month and period (SUMIFS, COUNTIFS), never by row position, so rows in
 * any order, and rows the analyst adds, count the same.
 */
import type { RowRef } from "../layout";
import { netEffectVariance } from "../results/formulas";

/** Wheeler's |Z| ≥ 3 limits: half-width (z/2)·√(D·(1 + 1/n)) on the square-root scale. */
const HALF_Z = 1.5;
const Z95 = "NORM.S.INV(0.975)";

/** Absolute addresses of the settings cells (right of the table) and the table's columns. */
export interface MonitoringRefs {
  start: string;
  from: string;
  to: string;
  dispersion: string;
  baselineMonths: string;
  mean: string;
  low: string;
  high: string;
  hasBuffer: string;
  targetBefore: string;
  bufferBefore: string;
  controlBefore: string;
  /** Whole columns, reaching over the rows kept for the analyst's own months. */
  col: { month: string; period: string; target: string; buffer: string; control: string };
}

/** SUMIFS/COUNTIFS criteria for a month whose counts enter the net effect (buffer too when it is counted). */
const completeCriteria = (g: MonitoringRefs, withBuffer: boolean): string =>
  `${g.col.target},">=0",${g.col.control},">=0"${withBuffer ? `,${g.col.buffer},">=0"` : ""}`;

/** SUMIFS of `sum` over complete months with `criteria`, with or without the buffer as the sheet says. */
const completeSum = (g: MonitoringRefs, sum: string, criteria: string): string =>
  `IF(${g.hasBuffer},SUMIFS(${sum},${criteria},${completeCriteria(g, true)}),SUMIFS(${sum},${criteria},${completeCriteria(g, false)}))`;

/** =IFERROR(IF(ISNUMBER(date),first of its month,fallback),fallback): a month from an Operation sheet date. */
export function monthOfName(name: string, fallback: number | ""): string {
  const f = fallback === "" ? '""' : String(fallback);
  return `=IFERROR(IF(ISNUMBER(${name}),DATE(YEAR(${name}),MONTH(${name}),1),${f}),${f})`;
}

/** The settings cells' formulas, in the order of MonitoringRefs. */
export function settingsFormulas(g: MonitoringRefs) {
  const before = `${g.col.period},"before"`;
  const half = `${HALF_Z}*SQRT(${g.dispersion}*(1+1/${g.baselineMonths}))`;
  return {
    baselineMonths: `=COUNTIFS(${before},${g.col.target},">=0")`,
    mean: `=IF(${g.baselineMonths}>0,SUMIFS(${g.col.target},${before},${g.col.target},">=0")/${g.baselineMonths},"")`,
    low: `=IF(ISNUMBER(${g.mean}),MAX(0,SQRT(${g.mean})-${half})^2,"")`,
    high: `=IF(ISNUMBER(${g.mean}),(SQRT(${g.mean})+${half})^2,"")`,
    hasBuffer: `=COUNTIFS(${before},${g.col.buffer},">=0")+COUNTIFS(${g.col.period},"after",${g.col.buffer},">=0")>0`,
    targetBefore: `=${completeSum(g, g.col.target, before)}`,
    bufferBefore: `=IF(${g.hasBuffer},SUMIFS(${g.col.buffer},${before},${completeCriteria(g, true)}),"")`,
    controlBefore: `=${completeSum(g, g.col.control, before)}`,
  };
}

export type RowFormula = (r: RowRef, g: MonitoringRefs) => string;

/** The row's counts so far from the start month (complete months only), and the net effect's parts. */
function soFar(r: RowRef, g: MonitoringRefs, key: "target" | "control") {
  const criteria = `${g.col.period},"after",${g.col.month},"<="&${r.at("month")}`;
  return `=IF(${r.at("period")}<>"after","",${completeSum(g, g.col[key], criteria)})`;
}

function netParts(r: RowRef, g: MonitoringRefs) {
  const [t1, b1, c1] = [r.at("tSoFar"), r.at("bSoFar"), r.at("cSoFar")];
  const [t0, b0, c0] = [g.targetBefore, g.bufferBefore, g.controlBefore];
  const trend = `(${c1}/${c0})`;
  const estimate = `${t0}*${trend}-${t1}+IF(${g.hasBuffer},${b0}*${trend}-${b1},0)`;
  const s0 = `(${t0}+IF(${g.hasBuffer},${b0},0))`;
  const s1 = `(${t1}+IF(${g.hasBuffer},${b1},0))`;
  const complete = `AND(ISNUMBER(${r.at("target")}),ISNUMBER(${r.at("control")}),OR(NOT(${g.hasBuffer}),ISNUMBER(${r.at("buffer")})))`;
  return { estimate, variance: netEffectVariance(s0, s1, c0, c1), complete };
}

function bound(r: RowRef, g: MonitoringRefs, sign: "+" | "-"): string {
  const net = r.at("net");
  return `=IF(ISNUMBER(${net}),${net}${sign}${Z95}*SQRT(${g.dispersion}*${netParts(r, g).variance}),${net})`;
}

/** Blank for a row without a month (a blank row kept for typing). */
const ifMonth = (r: RowRef, body: string) => `=IF(ISNUMBER(${r.at("month")}),${body},"")`;

export const MONITORING_FORMULAS: Record<string, RowFormula> = {
  period: (r, g) => {
    const m = r.at("month");
    return ifMonth(
      r,
      `IF(COUNT(${g.start},${g.from},${g.to})<3,"",IF(${m}<${g.from},"earlier",IF(${m}>=${g.start},"after",IF(${m}<=${g.to},"before","between"))))`,
    );
  },
  low: (r, g) => ifMonth(r, `IF(ISNUMBER(${g.low}),${g.low},"")`),
  high: (r, g) => ifMonth(r, `IF(ISNUMBER(${g.high}),${g.high},"")`),
  flag: (r, g) => {
    const t = r.at("target");
    return ifMonth(
      r,
      `IF(NOT(ISNUMBER(${t})),"no data",IF(NOT(ISNUMBER(${g.low})),"",IF(${t}>${g.high},"above",IF(${t}<${g.low},"below",""))))`,
    );
  },
  lastYear: (r, g) => {
    const at = `INDEX(${g.col.target},MATCH(EDATE(${r.at("month")},-12),${g.col.month},0))`;
    return ifMonth(r, `IFERROR(IF(ISNUMBER(${at}),${at},""),"")`);
  },
  lastYearZ: (r, g) => {
    const [t, y] = [r.at("target"), r.at("lastYear")];
    return `=IF(AND(ISNUMBER(${t}),ISNUMBER(${y})),2*(SQRT(${t})-SQRT(${y}))/SQRT(${g.dispersion}),"")`;
  },
  tSoFar: (r, g) => soFar(r, g, "target"),
  bSoFar: (r, g) => {
    const criteria = `${g.col.period},"after",${g.col.month},"<="&${r.at("month")}`;
    return `=IF(OR(${r.at("period")}<>"after",NOT(${g.hasBuffer})),"",SUMIFS(${g.col.buffer},${criteria},${completeCriteria(g, true)}))`;
  },
  cSoFar: (r, g) => soFar(r, g, "control"),
  net: (r, g) => {
    const { estimate, variance, complete } = netParts(r, g);
    return `=IF(${r.at("period")}<>"after","",IF(OR(NOT(${complete}),${g.controlBefore}<=0),NA(),IF(${variance}=0,NA(),${estimate})))`;
  },
  netLower: (r, g) => bound(r, g, "-"),
  netUpper: (r, g) => bound(r, g, "+"),
  band: (r) => {
    const [lo, hi] = [r.at("low"), r.at("high")];
    return `=IF(AND(ISNUMBER(${lo}),ISNUMBER(${hi})),${hi}-${lo},"")`;
  },
  start: (r, g) => {
    const m = r.at("month");
    return `=IF(AND(ISNUMBER(${m}),${m}=${g.start}),MAX(${g.high},${g.col.target}),"")`;
  },
};
