/**
 * The calendar months of an operation, for the Monitoring sheet: the
 * baseline is the before period's months, the operation starts in the month
 * of the after period's first day, and months are keyed yyyy-mm.
 */
import type { Operation } from "../../../core/operation";
import { isoToSerialOrNull, serialToIso, ymdToSerial } from "../../../core/incidents/dates";

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

/** Every month from `first` to `last` inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}
