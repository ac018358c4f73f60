/**
 * Counts by calendar month: one row per month from a first to a
 * last month, with target, buffer and control counts, in the same single pass
 * and with the same row accounting and errors as aggregateIncidents (scan.ts).
 * A month in which no row of the target, buffer or control areas falls is
 * flagged as having no data (counts null), not shown as 0: a missing month
 * file must not look like a month without crime.
 */
import { valueError } from "../errors";
import { monthKey, monthsBetween } from "./coverage";
import { daysInMonth, parseDateCell, showValue, ymdToSerial } from "./dates";
import {
  validateAreaSets,
  type AreaSets,
  type CountOptions,
  type IncidentColumns,
  type CountAccounting,
} from "./rows";
import { scanIncidents } from "./scan";

/** At most 20 years of months. */
export const MAX_MONTHS = 240;

export interface MonthCounts {
  /** yyyy-mm */
  month: string;
  /** No row in the target, buffer or control areas fell in this month; the counts are then null. */
  noData: boolean;
  target: number | null;
  buffer: number | null;
  control: number | null;
}

/** rowsOutsidePeriods counts rows dated before the first or after the last month. */
export interface MonthlyResult extends CountAccounting {
  months: MonthCounts[];
}

export type MonthlyOptions = CountOptions;

/** The [first day, last day] of the month a bound names: "2024-03", or any date in it. */
function monthBound(v: unknown, name: string): [number, number] {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) {
    throw valueError(`${name} is blank; enter a month such as 2024-01`);
  }
  const span = parseDateCell(typeof v === "string" ? v.trim() : v);
  if (span === null) throw valueError(`${name} must be a month such as 2024-01; got ${showValue(v)}`);
  const [y, m] = monthsBetween(span.start, span.start)[0];
  return [ymdToSerial(y, m, 1)!, ymdToSerial(y, m, daysInMonth(y, m))!];
}

/**
 * Counts per calendar month from `firstMonth` to `lastMonth` inclusive
 * ("2024-01", or any date in the month). Rows dated outside those months go
 * to rowsOutsidePeriods. Weights and an offence filter work as in aggregateIncidents.
 */
export function monthlyCounts(
  cols: IncidentColumns,
  areas: AreaSets,
  firstMonth: unknown,
  lastMonth: unknown,
  options: MonthlyOptions = {},
): MonthlyResult {
  const areaMap = validateAreaSets(areas);
  const [first] = monthBound(firstMonth, "first month");
  const [lastStart, last] = monthBound(lastMonth, "last month");
  const firstKey = monthKey(...monthsBetween(first, first)[0]);
  const lastKey = monthKey(...monthsBetween(last, last)[0]);
  if (first > lastStart) {
    throw valueError(`the first month (${firstKey}) is after the last month (${lastKey}); swap them`);
  }
  const months = monthsBetween(first, last);
  if (months.length > MAX_MONTHS) {
    throw valueError(
      `${firstKey} to ${lastKey} is ${months.length} months; monthly counts cover at most ${MAX_MONTHS} months ` +
        "(20 years), so choose a shorter range",
    );
  }
  const starts: number[] = [];
  const ends: number[] = [];
  const dayToBucket = new Uint16Array(last - first + 1);
  months.forEach(([y, m], b) => {
    const s = ymdToSerial(y, m, 1)!;
    const e = ymdToSerial(y, m, daysInMonth(y, m))!;
    starts.push(s);
    ends.push(e);
    dayToBucket.fill(b, s - first, e - first + 1);
  });

  const scan = scanIncidents(cols, areaMap, { starts, ends, dayToBucket }, options);
  const { totals, byType: _byType, dayPresent, dayShift: _dayShift, ...accounting } = scan;
  const rows: MonthCounts[] = months.map(([y, m], b) => {
    const noData = dayPresent.subarray(starts[b] - first, ends[b] - first + 1).indexOf(1) === -1;
    return {
      month: monthKey(y, m),
      noData,
      target: noData ? null : totals[b * 3],
      buffer: noData ? null : totals[b * 3 + 1],
      control: noData ? null : totals[b * 3 + 2],
    };
  });
  return { months: rows, ...accounting };
}
