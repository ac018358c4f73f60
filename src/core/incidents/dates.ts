/**
 * Dates as Excel 1900-date-system serial day numbers (what a date cell holds).
 * Serial 45292 = 2024-01-01. Excel's serial 60 is the fictitious 1900-02-29, so
 * only dates from 1900-03-01 (serial 61) are supported; that is no loss for
 * recorded-crime data.
 *
 * Plain integer arithmetic (no Date objects, no time zones) so results do not
 * depend on the machine's locale or clock settings.
 */
import { valueError } from "../errors";

/** 1900-03-01, the first serial that Excel and the real calendar agree on. */
export const MIN_SERIAL = 61;
/** 9999-12-31, Excel's last date. */
export const MAX_SERIAL = 2958465;

/** Serial of 1970-01-01, so serial = days since the Unix epoch + this. */
const EPOCH_SERIAL = 25569;

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Serial for a calendar date, or null if the date does not exist or is out of range. */
export function ymdToSerial(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  const s = daysFromCivil(y, m, d) + EPOCH_SERIAL;
  return s >= MIN_SERIAL && s <= MAX_SERIAL ? s : null;
}

const pad2 = (n: number): string => (n < 10 ? "0" + n : String(n));

/** "2024-01-31" → 45322. Throws valueError for anything that is not a real yyyy-mm-dd date. */
export function isoToSerial(iso: string): number {
  const m = ISO_DAY.exec(iso);
  const s = m ? ymdToSerial(+m[1], +m[2], +m[3]) : null;
  if (s === null) throw valueError(`'${iso}' is not a date in the form yyyy-mm-dd`);
  return s;
}

/** 45322 → "2024-01-31". A fractional part (time of day) is ignored. */
export function serialToIso(serial: number): string {
  if (!Number.isFinite(serial)) throw valueError(`${serial} is not a date serial number`);
  const s = Math.floor(serial);
  if (s < MIN_SERIAL || s > MAX_SERIAL) {
    throw valueError(`${serial} is outside the supported dates (1900-03-01 to 9999-12-31)`);
  }
  const [y, m, d] = civilFromDays(s - EPOCH_SERIAL);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** yyyy-mm-dd, optionally followed by a time ("T10:00", " 10:00:00Z", ...), which is ignored. */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** dd/mm/yyyy (UK order), optionally with a time. */
const UK_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;
/** yyyy-mm, the police.uk "Month" column. */
const MONTH = /^(\d{4})-(\d{1,2})$/;

export interface DateSpan {
  start: number;
  end: number;
}

function parseDateString(raw: string): DateSpan | null {
  const t = raw.trim();
  let m = ISO_DAY.exec(t);
  if (m) return day(ymdToSerial(+m[1], +m[2], +m[3]));
  m = MONTH.exec(t);
  if (m) {
    const y = +m[1];
    const mo = +m[2];
    if (mo < 1 || mo > 12) return null;
    const start = ymdToSerial(y, mo, 1);
    const end = ymdToSerial(y, mo, daysInMonth(y, mo));
    return start === null || end === null ? null : { start, end };
  }
  m = UK_DAY.exec(t);
  if (m) return day(ymdToSerial(+m[3], +m[2], +m[1]));
  return null;
}

const day = (s: number | null): DateSpan | null => (s === null ? null : { start: s, end: s });

/**
 * Read one date cell as an inclusive span of serial days:
 * - number: an Excel serial (time of day dropped) → that day
 * - "yyyy-mm-dd" (time allowed after it) or UK "dd/mm/yyyy" → that day
 * - "yyyy-mm" (police.uk Month) → first to last day of the month
 * - Date object → its calendar date in UTC (how exceljs and JSON hand over dates)
 * Anything else, including impossible dates such as 2024-02-30, → null.
 */
export function parseDateCell(v: unknown): DateSpan | null {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    const s = Math.floor(v);
    return s >= MIN_SERIAL && s <= MAX_SERIAL ? { start: s, end: s } : null;
  }
  if (typeof v === "string") return parseDateString(v);
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) return null;
    return day(ymdToSerial(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()));
  }
  return null;
}

const isBlank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** How a bad input is shown in a message: strings quoted, numbers plain. */
export function showValue(v: unknown): string {
  if (typeof v === "string") return `'${v}'`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "an invalid date" : v.toISOString();
  if (typeof v === "object" && v !== null) {
    const code = (v as { code?: unknown }).code;
    return typeof code === "string" ? code : "an object";
  }
  return String(v);
}

/**
 * A period bound. A month ("2024-07") stands for the whole month, so a start
 * bound takes its first day and an end bound its last day.
 */
export function parseBound(v: unknown, name: string, edge: "start" | "end"): number {
  if (isBlank(v)) throw valueError(`${name} is blank; enter a date`);
  const span = parseDateCell(v);
  if (span === null) throw valueError(`${name} must be a date; got ${showValue(v)}`);
  return edge === "start" ? span.start : span.end;
}

/** "2024-01-31" → 45322, or null when blank or not a real yyyy-mm-dd date (for optional cells). */
export function isoToSerialOrNull(iso: string | undefined | null): number | null {
  if (!iso) return null;
  const m = ISO_DAY.exec(iso.trim());
  return m ? ymdToSerial(+m[1], +m[2], +m[3]) : null;
}

const TYPED_ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TYPED_UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A date as an analyst types it, in a form or a JSON file: yyyy-mm-dd or
 * dd/mm/yyyy (UK order). The ISO date, or null when it is not a real date
 * from 1900-03-01 on (31/02/2024, 2023-02-29 and 1899 dates are refused, not rolled over).
 */
export function parseUserDate(text: string): string | null {
  const t = String(text ?? "").trim();
  let m = TYPED_ISO.exec(t);
  let ymd: [number, number, number] | null = m ? [+m[1], +m[2], +m[3]] : null;
  if (!ymd) {
    m = TYPED_UK.exec(t);
    ymd = m ? [+m[3], +m[2], +m[1]] : null;
  }
  if (!ymd) return null;
  const s = ymdToSerial(...ymd);
  return s === null ? null : serialToIso(s);
}

/**
 * The years an operation's dates may fall in. Recorded-crime data start long
 * after 1900, and an operation planned past 2100 is a typing slip (9999-12-31
 * for "open-ended"): every count, chart and month list over such a range would
 * run for thousands of months, so it is refused before anything runs.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/** Whether an ISO date (yyyy-mm-dd) falls in FIRST_YEAR to LAST_YEAR. */
export const inPlannableYears = (iso: string): boolean => {
  const y = Number(iso.slice(0, 4));
  return y >= FIRST_YEAR && y <= LAST_YEAR;
};

/** Whole calendar months from the first day of `start`'s month to `end`, when start is a 1st and end a month's last day. */
export function wholeMonths(startSerial: number, endSerial: number): number | null {
  const [y0, m0, d0] = serialToIso(startSerial).split("-").map(Number);
  const [y1, m1, d1] = serialToIso(endSerial).split("-").map(Number);
  if (d0 !== 1 || d1 !== daysInMonth(y1, m1)) return null;
  const months = (y1 - y0) * 12 + (m1 - m0) + 1;
  return months > 0 ? months : null;
}
