/**
 * The time slots of the cube (cube.ts): calendar months, split where a
 * period starts or ends inside a month.
 */
import { valueError } from "../errors";
import { monthKey, monthsBetween } from "./coverage";
import { daysInMonth, ymdToSerial } from "./dates";

/** Consecutive time slots: slot s runs from starts[s] to the day before starts[s + 1] (the last to `end`). */
export interface CubeFrame {
  starts: readonly number[];
  end: number;
  /** yyyy-mm of each slot. */
  months: readonly string[];
}

/** The most slots a frame may have: 40 years of months, each cut at most twice. */
export const MAX_SLOTS = 40 * 12 * 3;

/**
 * Slots for the whole months from the month of `firstDay` to the month of
 * `lastDay`, split at each of `cuts` (serial days that start a slot).
 */
export function cubeFrame(firstDay: number, lastDay: number, cuts: readonly number[] = []): CubeFrame {
  if (!(lastDay >= firstDay)) throw valueError("the counting window ends before it starts");
  const starts: number[] = [];
  const months: string[] = [];
  const span = monthsBetween(firstDay, lastDay);
  if (span.length * 3 > MAX_SLOTS) {
    throw valueError(
      `the data window is ${span.length} months; at most ${MAX_SLOTS / 3} months can be counted`,
    );
  }
  for (const [y, m] of span) {
    const s = ymdToSerial(y, m, 1)!;
    const e = ymdToSerial(y, m, daysInMonth(y, m))!;
    const key = monthKey(y, m);
    starts.push(s);
    months.push(key);
    for (const c of [...new Set(cuts)].sort((a, b) => a - b)) {
      if (c > s && c <= e) {
        starts.push(c);
        months.push(key);
      }
    }
  }
  const [ly, lm] = span[span.length - 1];
  return { starts, end: ymdToSerial(ly, lm, daysInMonth(ly, lm))!, months };
}
