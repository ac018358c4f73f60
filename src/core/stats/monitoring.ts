/**
 * Monthly monitoring: is this month's count unusual against the
 * months before the operation, or against the same month last year, and what
 * is the net effect so far? Months without data stay "no data", never 0.
 */
import { isHarmError, naError, valueError } from "../errors";
import { netEffectCi } from "./netEffect";
import { checkConfidence, checkCount, checkDispersion, checkPositive } from "./validate";

export interface ExpectedRange {
  /** Mean monthly count over the baseline months. */
  mean: number;
  lower: number;
  upper: number;
}

/**
 * Wheeler's (2016) square-root Poisson limits around a baseline mean m of n
 * months: [max(0, √m − h)², (√m + h)²] with h = (z/2)·√(D·(1 + 1/n)).
 * Var √X ≈ 1/4 for a Poisson count, so z = 3 is Wheeler's |Z| ≥ 3 flag; the
 * 1/n term allows for the uncertainty of the mean itself, and D ≥ 1
 * (overdispersion) widens the limits as it widens every Poisson variance.
 * Example: 12 months averaging 16 give (4 − 1.561)² to (4 + 1.561)² = 5.948 to 30.927.
 */
export function expectedRange(baselineMonthlyCounts: number[], z = 3, dispersion = 1): ExpectedRange {
  if (!Array.isArray(baselineMonthlyCounts) || baselineMonthlyCounts.length === 0) {
    throw valueError("Give at least one month's count for the baseline");
  }
  checkPositive(z, "z");
  checkDispersion(dispersion);
  let total = 0;
  baselineMonthlyCounts.forEach((x, i) => {
    total += checkCount(x, `baseline month ${i + 1}`);
  });
  const n = baselineMonthlyCounts.length;
  const mean = total / n;
  const root = Math.sqrt(mean);
  const half = (z / 2) * Math.sqrt(dispersion * (1 + 1 / n));
  return { mean, lower: Math.max(0, root - half) ** 2, upper: (root + half) ** 2 };
}

export interface MonitoringMonth {
  /** yyyy-mm */
  month: string;
  target: number | null;
  buffer: number | null;
  control: number | null;
}

export interface MonitoringInput {
  months: MonitoringMonth[];
  /** First month of the operation (yyyy-mm); earlier months are the baseline. */
  startMonth: string;
  /** For the net effect's interval; default 0.95. */
  confidence?: number;
  /** Overdispersion factor D ≥ 1; default 1. */
  dispersion?: number;
}

export type MonitoringFlag = "above" | "below" | "" | "no data";

export interface MonitoringRow {
  month: string;
  period: "before" | "after";
  target: number | null;
  buffer: number | null;
  control: number | null;
  /** Expected range for the target from the baseline months (the same on every row). */
  expectedLower: number;
  expectedUpper: number;
  /** Target outside the expected range, or "no data" when the target count is missing. */
  flag: MonitoringFlag;
  /** Target count in the same month a year earlier, when given. */
  lastYear: number | null;
  /** Wheeler's Z = 2(√x − √y)/√D against last year; |Z| ≥ 3 is flagged. */
  lastYearZ: number | null;
  lastYearFlag: MonitoringFlag;
  /** Cumulative total net effect against the control from the start month (crimes prevented). */
  netEffect: number | null;
  netLower: number | null;
  netUpper: number | null;
  /** Why the net effect is missing on this row, or "". */
  note: string;
}

/** Wheeler's flag threshold for |Z| (2016). */
const FLAG_Z = 3;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function monthIndex(text: unknown, name: string): number {
  const m = typeof text === "string" ? MONTH.exec(text.trim()) : null;
  if (!m) {
    throw valueError(`${name} must be a month written yyyy-mm, e.g. 2024-03; got ${JSON.stringify(text)}`);
  }
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function readCount(value: number | null | undefined, name: string): number | null {
  if (value === null || value === undefined) return null;
  return checkCount(value, name);
}

interface Parsed extends MonitoringMonth {
  index: number;
}

function parseMonths(months: MonitoringMonth[]): Parsed[] {
  if (!Array.isArray(months) || months.length === 0) {
    throw valueError("Give at least one month of counts to monitor");
  }
  const seen = new Map<number, number>();
  const parsed = months.map((row, i) => {
    const where = `row ${i + 1}`;
    if (row === null || typeof row !== "object")
      throw valueError(`${where} is empty; give its month and counts`);
    const index = monthIndex(row.month, `The month in ${where}`);
    const month = row.month.trim();
    const earlier = seen.get(index);
    if (earlier !== undefined) {
      throw valueError(`${month} appears twice (rows ${earlier + 1} and ${i + 1}); give each month once`);
    }
    seen.set(index, i);
    const label = (what: string) => `The ${what} count for ${month} (${where})`;
    return {
      month,
      index,
      target: readCount(row.target, label("target")),
      buffer: readCount(row.buffer, label("buffer")),
      control: readCount(row.control, label("control")),
    };
  });
  return parsed.sort((a, b) => a.index - b.index);
}

function flagOf(z: number): MonitoringFlag {
  if (z >= FLAG_Z) return "above";
  if (z <= -FLAG_Z) return "below";
  return "";
}

/**
 * One row per month, in date order: the counts; the target against its
 * expected range from the months before `startMonth` (expectedRange, z = 3);
 * against the same month last year (Wheeler's Z); and, from the start month
 * on, the cumulative total net effect against the control, T0·C1/C0 − T1
 * (plus the buffer's, B0·C1/C0 − B1, when buffer counts are given), with the
 * headline's delta-method interval (netEffectCi). T0, B0, C0 are the whole
 * baseline's totals: the control's trend absorbs the unequal lengths. Only
 * months with every count in use (target, control and, if given anywhere,
 * buffer) enter the net effect, so a gap leaves both sides alike.
 */
export function monitoringSeries(input: MonitoringInput): MonitoringRow[] {
  if (input === null || typeof input !== "object") throw valueError("Give the months and the start month");
  const rows = parseMonths(input.months);
  const start = monthIndex(input.startMonth, "startMonth");
  const confidence = checkConfidence(input.confidence ?? 0.95);
  const dispersion = checkDispersion(input.dispersion);

  const baseline = rows.filter((r) => r.index < start && r.target !== null).map((r) => r.target as number);
  if (baseline.length === 0) {
    throw naError(
      `There are no target counts before the start month ${input.startMonth.trim()}; ` +
        "the expected range needs at least one month before the operation",
    );
  }
  const range = expectedRange(baseline, FLAG_Z, dispersion);
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  const hasBuffer = rows.some((r) => r.buffer !== null);
  const hasControl = rows.some((r) => r.control !== null);
  const complete = (r: Parsed) =>
    r.target !== null && r.control !== null && (!hasBuffer || r.buffer !== null);
  const sum = (list: Parsed[], key: "target" | "buffer" | "control") =>
    list.reduce((s, r) => s + (r[key] ?? 0), 0);
  const before = rows.filter((r) => r.index < start && complete(r));
  const t0 = sum(before, "target");
  const b0 = sum(before, "buffer");
  const c0 = sum(before, "control");
  let t1 = 0;
  let b1 = 0;
  let c1 = 0;

  return rows.map((r): MonitoringRow => {
    const x = r.target;
    const last = byIndex.get(r.index - 12)?.target ?? null;
    const lastYearZ =
      x === null || last === null ? null : (2 * (Math.sqrt(x) - Math.sqrt(last))) / Math.sqrt(dispersion);
    const row: MonitoringRow = {
      month: r.month,
      period: r.index < start ? "before" : "after",
      target: x,
      buffer: r.buffer,
      control: r.control,
      expectedLower: range.lower,
      expectedUpper: range.upper,
      flag: x === null ? "no data" : x > range.upper ? "above" : x < range.lower ? "below" : "",
      lastYear: last,
      lastYearZ,
      lastYearFlag: lastYearZ === null ? "no data" : flagOf(lastYearZ),
      netEffect: null,
      netLower: null,
      netUpper: null,
      note: "",
    };
    if (r.index < start) return row;
    if (!hasControl) return { ...row, note: "No control counts, so no net effect" };
    if (!complete(r)) return { ...row, note: "No data this month" };
    t1 += r.target as number;
    c1 += r.control as number;
    b1 += r.buffer ?? 0;
    try {
      const ne = netEffectCi({
        target: { before: t0, after: t1 },
        control: { before: c0, after: c1 },
        buffer: hasBuffer ? { before: b0, after: b1 } : undefined,
        confidence,
        dispersion,
      });
      return { ...row, netEffect: ne.estimate, netLower: ne.lower, netUpper: ne.upper };
    } catch (e) {
      // A baseline the net effect cannot use (e.g. no control crimes) is explained on the row, not thrown.
      if (isHarmError(e)) return { ...row, note: e.message };
      throw e;
    }
  });
}
