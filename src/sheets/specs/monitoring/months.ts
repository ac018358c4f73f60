/**
 * The calendar months of an operation, for the Monitoring sheet: the
 * baseline is the before period's months, the operation starts in the month
 * of the after period's first day, and months are keyed yyyy-mm.
 */
import type { Operation } from "../../../core/operation";
import {
  FIRST_YEAR,
  LAST_YEAR,
  inPlannableYears,
  isoToSerialOrNull,
  serialToIso,
  ymdToSerial,
} from "../../../core/incidents/dates";

/** Where a month sits against the operation: before the baseline, in it, between it and the start, or from the start on. */
export type MonthPeriod = "earlier" | "before" | "between" | "after";

export interface MonitoringFrame {
  /** First month of the baseline (the before period's first month). */
  from: string;
  /** Last month of the baseline (the before period's last month). */
  to: string;
  /** The month the operation starts (the after period's first month). */
  start: string;
  /** The after period's last month. */
  end: string;
}

const keyOf = (iso: string): string => iso.slice(0, 7);

/** The operation's months, or null while its periods are not real dates in order. */
export function monitoringFrame(op: Pick<Operation, "before" | "after">): MonitoringFrame | null {
  const serials = [op.before.start, op.before.end, op.after.start, op.after.end].map((d) =>
    isoToSerialOrNull(d),
  );
  if (serials.some((s) => s === null)) return null;
  // Dates the operation rules refuse (9999-12-31) would give thousands of months to lay out.
  if (![op.before.start, op.before.end, op.after.start, op.after.end].every(inPlannableYears)) return null;
  const [bs, be, as, ae] = serials as number[];
  if (bs > be || as > ae || be >= as) return null;
  return {
    from: keyOf(serialToIso(bs)),
    to: keyOf(serialToIso(be)),
    start: keyOf(serialToIso(as)),
    end: keyOf(serialToIso(ae)),
  };
}

/** Same rule as the sheet's Period column: the start month wins over the baseline's last month. */
export function periodOfMonth(month: string, frame: MonitoringFrame): MonthPeriod {
  if (month < frame.from) return "earlier";
  if (month >= frame.start) return "after";
  return month <= frame.to ? "before" : "between";
}

/** "2024-03" moved by n months. */
export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return `${y}-${m < 10 ? "0" : ""}${m}`;
}

/** Excel serial of the month's first day. */
export function monthSerial(month: string): number {
  const s = ymdToSerial(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
  if (s === null) throw new Error(`Not a month: ${month}`);
  return s;
}

/** Months from year 0 (so "2024-03" → 24290), compared as numbers: "10000-01" sorts before "9999-12" as text. */
const monthIndex = (month: string): number => {
  const [y, m] = month.split("-").map(Number);
  return y * 12 + m - 1;
};

/** The most months any range may hold: every month of the years an operation may fall in. */
const MAX_RANGE = (LAST_YEAR - FIRST_YEAR + 1) * 12;

/** Every month from `first` to `last` inclusive (bounded, so no range can run on). */
export function monthRange(first: string, last: string): string[] {
  const count = monthIndex(last) - monthIndex(first) + 1;
  if (!(count <= MAX_RANGE)) throw new Error(`Too many months from ${first} to ${last}`);
  const out: string[] = [];
  for (let k = 0; k < count; k++) out.push(addMonths(first, k));
  return out;
}
