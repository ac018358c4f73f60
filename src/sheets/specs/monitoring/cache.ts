/**
 * The Monitoring sheet's cached values, from src/core/stats/monitoring.ts:
 * the expected range from the baseline months and the cumulative net effect
 * from the start month are the core's; the Period, last-year and "so far"
 * cells follow the same rules as the sheet's native formulas
 * (test/sheets/specs/monitoring.test.ts checks the two agree).
 */
import { isHarmError } from "../../../core/errors";
import {
  expectedRange,
  monitoringSeries,
  type MonitoringMonth,
  type MonitoringRow,
} from "../../../core/stats/monitoring";
import type { Scalar } from "../../model";
import { monthSerial, periodOfMonth, addMonths, type MonitoringFrame, type MonthPeriod } from "./months";

/** What a chart-fed cell shows where there is nothing to plot: Excel's #N/A leaves a gap in a line. */
export const NO_POINT = "#N/A";

export interface MonitoringSettings {
  start: Scalar;
  from: Scalar;
  to: Scalar;
  dispersion: number;
  baselineMonths: number;
  mean: Scalar;
  low: Scalar;
  high: Scalar;
  hasBuffer: boolean;
  targetBefore: number;
  bufferBefore: Scalar;
  controlBefore: number;
}

export interface MonitoringCacheRow {
  month: number;
  period: MonthPeriod | "";
  target: number | null;
  buffer: number | null;
  control: number | null;
  low: Scalar;
  high: Scalar;
  flag: string;
  lastYear: Scalar;
  lastYearZ: Scalar;
  tSoFar: Scalar;
  bSoFar: Scalar;
  cSoFar: Scalar;
  net: Scalar;
  netLower: Scalar;
  netUpper: Scalar;
  band: Scalar;
  start: Scalar;
}

const isCount = (x: number | null): x is number => x !== null;

/** The core's monitoring rows for the baseline and the months from the start, or none when it cannot work them out. */
function coreSeries(rows: MonitoringMonth[], frame: MonitoringFrame, dispersion: number): MonitoringRow[] {
  const used = rows.filter((r) => {
    const p = periodOfMonth(r.month, frame);
    return p === "before" || p === "after";
  });
  try {
    return monitoringSeries({ months: used, startMonth: frame.start, dispersion });
  } catch (e) {
    // No baseline target counts (or no months at all): nothing to compare with, every figure blank.
    if (isHarmError(e)) return [];
    throw e;
  }
}

/**
 * Cached values for `months` (sorted by month, each once) under `frame`.
 * Without a frame (periods not entered) only the counts are known.
 */
export function monitoringCache(
  months: MonitoringMonth[],
  frame: MonitoringFrame | null,
  dispersion: number,
): { settings: MonitoringSettings; rows: MonitoringCacheRow[] } {
  const sorted = [...months].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const period = (m: string): MonthPeriod | "" => (frame ? periodOfMonth(m, frame) : "");
  const inUse = sorted.filter((r) => period(r.month) === "before" || period(r.month) === "after");
  const hasBuffer = inUse.some((r) => r.buffer !== null);
  const complete = (r: MonitoringMonth) =>
    isCount(r.target) && isCount(r.control) && (!hasBuffer || isCount(r.buffer));
  const baseline = sorted.filter((r) => period(r.month) === "before");
  const baselineTargets = baseline.map((r) => r.target).filter(isCount);
  const range = baselineTargets.length ? expectedRange(baselineTargets, 3, dispersion) : null;
  const sum = (list: MonitoringMonth[], key: "target" | "buffer" | "control") =>
    list.reduce((s, r) => s + (r[key] ?? 0), 0);
  const before = baseline.filter(complete);
  const settings: MonitoringSettings = {
    start: frame ? monthSerial(frame.start) : "",
    from: frame ? monthSerial(frame.from) : "",
    to: frame ? monthSerial(frame.to) : "",
    dispersion,
    baselineMonths: baselineTargets.length,
    mean: range ? range.mean : "",
    low: range ? range.lower : "",
    high: range ? range.upper : "",
    hasBuffer,
    targetBefore: sum(before, "target"),
    bufferBefore: hasBuffer ? sum(before, "buffer") : "",
    controlBefore: sum(before, "control"),
  };

  const series = frame ? new Map(coreSeries(sorted, frame, dispersion).map((r) => [r.month, r])) : new Map();
  const targetOf = new Map(sorted.map((r) => [r.month, r.target]));
  const maxTarget = Math.max(0, ...sorted.map((r) => r.target ?? 0));
  const rows = sorted.map((r): MonitoringCacheRow => {
    const p = period(r.month);
    const last = targetOf.get(addMonths(r.month, -12)) ?? null;
    const soFar = sorted.filter((x) => period(x.month) === "after" && x.month <= r.month && complete(x));
    const core = series.get(r.month);
    const after = p === "after";
    const net = (v: number | null | undefined): Scalar => (!after ? "" : v == null ? NO_POINT : v);
    return {
      month: monthSerial(r.month),
      period: p,
      target: r.target,
      buffer: r.buffer,
      control: r.control,
      low: range ? range.lower : "",
      high: range ? range.upper : "",
      flag:
        r.target === null
          ? "no data"
          : !range
            ? ""
            : r.target > range.upper
              ? "above"
              : r.target < range.lower
                ? "below"
                : "",
      lastYear: last ?? "",
      lastYearZ:
        r.target !== null && last !== null
          ? (2 * (Math.sqrt(r.target) - Math.sqrt(last))) / Math.sqrt(dispersion)
          : "",
      tSoFar: after ? sum(soFar, "target") : "",
      bSoFar: after && hasBuffer ? sum(soFar, "buffer") : "",
      cSoFar: after ? sum(soFar, "control") : "",
      net: net(core?.netEffect),
      netLower: net(core?.netLower),
      netUpper: net(core?.netUpper),
      band: range ? range.upper - range.lower : "",
      start: frame && r.month === frame.start ? Math.max(range ? range.upper : 0, maxTarget) : "",
    };
  });
  return { settings, rows };
}
