/**
 * Use case: the Monitoring sheet from incident data. Counts by
 * calendar month from the baseline's first month to the after period's
 * last, plus up to 12 earlier months when the data have them (for the same
 * month last year), then writes one row per month like the Results rows:
 * a month already on the sheet is rewritten from the data; a month the data
 * do not cover keeps what the analyst typed; the Note column is never touched.
 */
import type { ColumnMap } from "../core/evaluation";
import { isHarmError } from "../core/errors";
import { MAX_MONTHS, monthlyCounts, serialToIso } from "../core/incidents";
import type { Operation } from "../core/operation";
import type { MonitoringMonth } from "../core/stats/monitoring";
import { buildSheet } from "../sheets/build";
import type { Scalar } from "../sheets/model";
import { PortError } from "../sheets/plan/errors";
import { findTable, type TableData, type TableSnapshot } from "../sheets/plan/snapshot";
import { planUpsert, upsertRequest } from "../sheets/plan/upsert";
import { columnMap } from "../sheets/plan/update";
import {
  MONITORING_COLUMNS,
  MONITORING_TABLE,
  addMonths,
  monitoringFrame,
  monthRange,
} from "../sheets/specs/monitoring";
import type { WorkbookPort } from "../workbook/port";
import { tableColumns } from "./incidentData";

/** Months of history counted before the baseline, for the same month last year. */
export const HISTORY_MONTHS = 12;

export interface MonitoringCountRequest {
  data: TableData;
  columns: ColumnMap;
  operation: Operation;
  controlAreas: readonly string[];
  /** Offence types to count; empty means every type. */
  offenceTypes: readonly string[];
}

export interface MonitoringReport {
  sheet: string;
  createdSheet: boolean;
  /** Months written (yyyy-mm), in order. */
  months: string[];
  /** Months before the baseline that were counted, for the same month last year. */
  history: number;
  /** Months from the baseline on with no data in the target, buffer or control areas. */
  noData: string[];
}

const isBlank = (v: Scalar | undefined) => v === null || v === undefined || v === "";

/**
 * Counts per month for the Monitoring sheet. Months without any row in the
 * areas are kept as "no data" (null counts); leading history months without
 * data are dropped. Bad months (more than 240) are refused with the core's message.
 */
export function monitoringMonths(req: MonitoringCountRequest): MonitoringMonth[] {
  const { operation: op } = req;
  const frame = monitoringFrame(op);
  if (!frame)
    throw new PortError("Enter the before and after periods, in order, to fill the Monitoring sheet.");
  // History only as far as the 240-month limit allows; the operation's own months must fit on their own.
  const span = monthRange(frame.from, frame.end).length;
  const history = Math.max(0, Math.min(HISTORY_MONTHS, MAX_MONTHS - span));
  const first = addMonths(frame.from, -history);
  const hasTypes = req.columns.offenceType !== null && req.columns.offenceType >= 0;
  let counted;
  try {
    counted = monthlyCounts(
      tableColumns(req.data, hasTypes ? req.columns : { ...req.columns, offenceType: null }),
      { target: req.operation.targetAreas, buffer: req.operation.bufferAreas, control: req.controlAreas },
      first,
      frame.end,
      hasTypes && req.offenceTypes.length ? { offenceFilter: new Set(req.offenceTypes) } : {},
    );
  } catch (e) {
    if (isHarmError(e)) throw new PortError(`The Monitoring sheet could not be counted: ${e.message}.`);
    throw e;
  }
  const withBuffer = op.bufferAreas.length > 0;
  const months = counted.months.map((m) => ({
    month: m.month,
    target: m.target,
    buffer: withBuffer ? m.buffer : null,
    control: m.control,
  }));
  const firstData = counted.months.findIndex((m) => !m.noData || m.month >= frame.from);
  return months.slice(Math.max(0, firstData));
}

/** The months already on the sheet with the counts they hold (typed or counted earlier). */
export function monthsOnSheet(e: TableSnapshot): Map<string, MonitoringMonth> {
  const [month, target, buffer, control] = columnMap(
    e.headers,
    ["month", "target", "buffer", "control"].map((k) => MONITORING_COLUMNS.find((c) => c.key === k)!),
  );
  const out = new Map<string, MonitoringMonth>();
  if (month < 0) return out;
  const count = (row: Scalar[], j: number): number | null =>
    j >= 0 && typeof row[j] === "number" ? (row[j] as number) : null;
  for (const row of e.values) {
    const m = row[month];
    if (typeof m !== "number" || isBlank(m)) continue;
    let key: string;
    try {
      key = serialToIso(m).slice(0, 7);
    } catch {
      continue;
    }
    out.set(key, {
      month: key,
      target: count(row, target),
      buffer: count(row, buffer),
      control: count(row, control),
    });
  }
  return out;
}

const noCounts = (m: MonitoringMonth) => m.target === null && m.buffer === null && m.control === null;

/** Counted months, with what the sheet holds kept where the data have nothing, and the sheet's other months. */
export function mergeMonths(
  counted: MonitoringMonth[],
  onSheet: Map<string, MonitoringMonth>,
): MonitoringMonth[] {
  const out = new Map<string, MonitoringMonth>();
  for (const m of counted) {
    const kept = onSheet.get(m.month);
    out.set(m.month, noCounts(m) && kept ? kept : m);
  }
  for (const [key, m] of onSheet) if (!out.has(key)) out.set(key, m);
  return [...out.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** Writes the Monitoring sheet (created when missing) from counted months. */
export async function writeMonitoring(
  port: WorkbookPort,
  operation: Operation,
  counted: MonitoringMonth[],
  dataDispersion?: number,
): Promise<MonitoringReport> {
  const frame = monitoringFrame(operation);
  const written: { months: MonitoringMonth[] } = { months: counted };
  const report = await port.change(upsertRequest(MONITORING_TABLE), (snap) => {
    const e = findTable(snap, MONITORING_TABLE);
    written.months = e ? mergeMonths(counted, monthsOnSheet(e)) : counted;
    const model = buildSheet("monitoring", {
      operation,
      monitoring: written.months,
      ...(dataDispersion ? { dataDispersion } : {}),
    });
    return planUpsert(snap, model, MONITORING_TABLE, { keepTyped: ["note"] });
  });
  return {
    sheet: report.sheet,
    createdSheet: report.createdSheet,
    months: written.months.map((m) => m.month),
    history: frame ? counted.filter((m) => m.month < frame.from).length : 0,
    noData: counted.filter((m) => noCounts(m) && (!frame || m.month >= frame.from)).map((m) => m.month),
  };
}

/** One line for the pane: what the Evaluate step wrote to the Monitoring sheet. */
export function monitoringSummary(r: MonitoringReport): string {
  const n = r.months.length;
  const gaps = r.noData.length ? ` ${r.noData.length} without data, left blank: ${r.noData.join(", ")}.` : "";
  const history = r.history
    ? ` ${r.history} earlier month${r.history === 1 ? "" : "s"} for the same month last year.`
    : "";
  return `${r.createdSheet ? "Created" : "Updated"} the ${r.sheet} sheet: ${n} month${n === 1 ? "" : "s"}.${history}${gaps}`;
}
