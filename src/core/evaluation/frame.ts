/**
 * The months an evaluation reads: the operation's periods, up to three years
 * before them (last year's and two years ago's same months, the months behind
 * the dispersion and the high-point check), and the slots that periods cut
 * inside a month. Reading the cube's slots as periods and months.
 */
import { valueError } from "../errors";
import { cubeFrame, type CubeFrame, type IncidentCube } from "../incidents/cube";
import { daysInMonth, serialToIso, ymdToSerial } from "../incidents/dates";
import type { Periods } from "../incidents";

/** Months of history read before the before period. */
export const HISTORY_MONTHS = 36;
/** The operation's own months (before start to after end) may span at most this many. */
export const MAX_OPERATION_MONTHS = 240;

const ym = (serial: number): [number, number] => {
  const [y, m] = serialToIso(serial).split("-").map(Number);
  return [y, m];
};

/** The serial day `n` months from `serial` (day clamped to the month's length). */
export function shiftMonths(serial: number, n: number): number {
  const [y, m, d] = serialToIso(serial).split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const s = ymdToSerial(ny, nm, Math.min(d, daysInMonth(ny, nm)));
  if (s === null) throw valueError("a date moved by whole months falls outside the calendar Excel knows");
  return s;
}

/** The operation's periods moved back by `years`, keeping whole months whole. */
export function periodsYearsBack(p: Periods, years: number): Periods {
  const back = (s: number, end: boolean): number => {
    const moved = shiftMonths(s, -12 * years);
    if (!end) return moved;
    // An end on a month's last day stays on the last day (29 Feb → 28 Feb).
    const [y, m] = ym(s);
    if (s === ymdToSerial(y, m, daysInMonth(y, m))) {
      const [ny, nm] = ym(moved);
      return ymdToSerial(ny, nm, daysInMonth(ny, nm))!;
    }
    return moved;
  };
  return {
    beforeStart: back(p.beforeStart, false),
    beforeEnd: back(p.beforeEnd, true),
    afterStart: back(p.afterStart, false),
    afterEnd: back(p.afterEnd, true),
  };
}

/** The counting window for an operation's periods: whole months, cut where a period starts or ends mid-month. */
export function operationFrame(p: Periods): CubeFrame {
  const first = Math.min(p.beforeStart, p.afterStart);
  const last = Math.max(p.beforeEnd, p.afterEnd);
  const [y0, m0] = ym(first);
  const [y1, m1] = ym(last);
  const months = (y1 - y0) * 12 + (m1 - m0) + 1;
  if (months > MAX_OPERATION_MONTHS)
    throw valueError(
      `the periods run from ${serialToIso(first)} to ${serialToIso(last)}, ${months} months; an evaluation covers at most ${MAX_OPERATION_MONTHS} months (20 years)`,
    );
  const cuts = [p.beforeStart, p.beforeEnd + 1, p.afterStart, p.afterEnd + 1];
  return cubeFrame(shiftMonths(ymdToSerial(y0, m0, 1)!, -HISTORY_MONTHS), last, cuts);
}

/** Slots [from, to) that a day range covers exactly, or null when a slot edge does not fall on its ends. */
export function slotRange(frame: CubeFrame, start: number, end: number): [number, number] | null {
  const s = frame.starts;
  const from = s.indexOf(start);
  if (from < 0 || end > frame.end) return null;
  let to = from;
  while (to < s.length && s[to] <= end) to++;
  const next = to < s.length ? s[to] : frame.end + 1;
  return next === end + 1 ? [from, to] : null;
}

/** The months a slot range touches in which no row at all was loaded (any area): a month file left out. */
export function monthsNotLoaded(cube: IncidentCube, [from, to]: [number, number]): string[] {
  const { months } = cube.frame;
  const loaded = new Set<string>();
  for (let s = 0; s < months.length; s++) if (cube.slotRows[s] > 0) loaded.add(months[s]);
  const out: string[] = [];
  for (let s = from; s < to; s++) {
    const m = months[s];
    if (!loaded.has(m) && out[out.length - 1] !== m) out.push(m);
  }
  return out;
}
