/**
 * Which calendar months the data covers, and which listed area codes the data
 * never mentions: the checks to show an analyst before trusting the counts
 * (a month file left out of a police.uk download, a mistyped LSOA code).
 */
import { normaliseAreaCode } from "../areas";
import { parseDateCell, serialToIso, ymdToSerial, daysInMonth } from "./dates";
import { setCodes, shapeOf, type AreaSets, type ColumnLike } from "./rows";

/** The calendar months a period touches, which of them hold at least one row, and which hold none (yyyy-mm). */
export interface PeriodCoverage {
  months: string[];
  present: string[];
  missing: string[];
}

/** [year, month] of each calendar month from the month of `startSerial` to that of `endSerial`. */
export function monthsBetween(startSerial: number, endSerial: number): [number, number][] {
  const [y0, m0] = serialToIso(startSerial).split("-").map(Number);
  const [y1, m1] = serialToIso(endSerial).split("-").map(Number);
  const out: [number, number][] = [];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y++, (m = 1)) : m++) out.push([y, m]);
  return out;
}

export const monthKey = (y: number, m: number): string => `${y}-${m < 10 ? "0" : ""}${m}`;

/**
 * Coverage of one time bucket [start, end] from a day-presence array, where
 * day d of the bucket is at index d - shift.
 */
export function bucketCoverage(
  start: number,
  end: number,
  dayPresent: Uint8Array,
  shift: number,
): PeriodCoverage {
  const months: string[] = [];
  const present: string[] = [];
  const missing: string[] = [];
  for (const [y, m] of monthsBetween(start, end)) {
    const key = monthKey(y, m);
    const lo = Math.max(start, ymdToSerial(y, m, 1) ?? start);
    const hi = Math.min(end, ymdToSerial(y, m, daysInMonth(y, m)) ?? end);
    months.push(key);
    if (dayPresent.subarray(lo - shift, hi - shift + 1).indexOf(1) !== -1) present.push(key);
    else missing.push(key);
  }
  return { months, present, missing };
}

/** Target and buffer codes (normalised) that appear in no row of the data. */
export interface CodesNotFound {
  target: string[];
  buffer: string[];
}

/**
 * The target and buffer codes that no row of the data mentions, compared in
 * normalised form (trimmed, upper case, no inner spaces). Show it BEFORE
 * counting: a code that never appears is usually mistyped or from another
 * LSOA edition, and would silently count zero. Control codes are not listed:
 * a quiet control area is normal.
 */
export function codesNotFound(areas: AreaSets, dataAreaCodes: ColumnLike | Iterable<unknown>): CodesNotFound {
  const wanted = new Set([...setCodes(areas.target, "target"), ...setCodes(areas.buffer, "buffer")]);
  const twoD = Array.isArray(dataAreaCodes) && shapeOf(dataAreaCodes as ColumnLike, "areas");
  const checked = new Set<string>();
  for (const cell of dataAreaCodes as Iterable<unknown>) {
    if (wanted.size === 0) break;
    const v = twoD ? (cell as ReadonlyArray<unknown>)[0] : cell;
    if (typeof v === "string") {
      if (wanted.delete(v) || checked.has(v)) continue;
      if (checked.size < 100_000) checked.add(v);
    }
    wanted.delete(normaliseAreaCode(v));
  }
  return {
    target: setCodes(areas.target, "target").filter((c) => wanted.has(c)),
    buffer: setCodes(areas.buffer, "buffer").filter((c) => wanted.has(c)),
  };
}

/**
 * The warning to show for codesNotFound, or null when every code was found:
 * "Target area W01009999 and buffer areas W01000001, W01000002 appear in no row of the data; …".
 */
export function codesNotFoundMessage(found: CodesNotFound): string | null {
  const parts: string[] = [];
  const list = (name: string, codes: string[]): void => {
    if (codes.length === 0) return;
    const shown =
      codes.length > 10 ? `${codes.slice(0, 10).join(", ")} and ${codes.length - 10} more` : codes.join(", ");
    parts.push(`${name} area${codes.length > 1 ? "s" : ""} ${shown}`);
  };
  list("Target", found.target);
  list(parts.length ? "buffer" : "Buffer", found.buffer);
  if (parts.length === 0) return null;
  const n = found.target.length + found.buffer.length;
  return (
    `${parts.join(" and ")} appear${n === 1 ? "s" : ""} in no row of the data, so ${n === 1 ? "it" : "they"} would count 0; ` +
    "check the code" +
    (n === 1 ? "" : "s") +
    " (a typing slip, or an LSOA code from a different edition) before counting."
  );
}

/**
 * Months (yyyy-mm) in which any row of the data falls, whatever its area:
 * a month with no row at all was not loaded (a police.uk file left out),
 * while a month with rows elsewhere but none in the chosen areas is a real zero.
 * Dates repeat (police.uk gives months), so each distinct cell is parsed once.
 */
export function monthsInData(dates: ColumnLike): Set<string> {
  const twoD = shapeOf(dates, "dates");
  const seen = new Map<unknown, true>();
  const months = new Set<string>();
  for (let i = 0; i < dates.length; i++) {
    const v = twoD ? (dates[i] as ReadonlyArray<unknown>)[0] : dates[i];
    if (seen.has(v)) continue;
    if (seen.size < 100_000) seen.set(v, true);
    const span = parseDateCell(v);
    if (span === null) continue;
    for (const [y, m] of monthsBetween(span.start, span.end)) months.add(monthKey(y, m));
  }
  return months;
}

/** The months of a period (inclusive serial days) that have no row in `present`. */
export function missingMonths(start: number, end: number, present: ReadonlySet<string>): string[] {
  return monthsBetween(start, end)
    .map(([y, m]) => monthKey(y, m))
    .filter((k) => !present.has(k));
}
