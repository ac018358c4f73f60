/**
 * Counts incidents (or harm totals) for target, buffer and control areas in
 * the before and after periods, in one pass over columns exactly as Excel
 * hands them over (scan.ts). Every input row ends up in exactly one bucket:
 *   rowsRead = rowsUsed + rowsOutsideAreas + rowsOutsidePeriods + rowsFilteredOut + rowsDuplicate + rowsCopied
 *            + rejectedCount
 * so nothing is dropped silently. The order in which a row is classified is
 * described in scan.ts. Area codes, in the sets and in the data, are compared
 * in normalised form (normaliseAreaCode: "w01 001687" matches "W01001687").
 */
import { valueError } from "../errors";
import { bucketCoverage, type PeriodCoverage } from "./coverage";
import { serialToIso, showValue } from "./dates";
import {
  validateAreaSets,
  type AreaCounts,
  type AreaSets,
  type CountOptions,
  type IncidentColumns,
  type CountAccounting,
} from "./rows";
import { scanIncidents } from "./scan";

export {
  REASON,
  isErrorValue,
  type AreaCounts,
  type AreaSets,
  type ColumnLike,
  type CountOptions,
  type DuplicateRow,
  type IncidentColumns,
  type PeriodPair,
  type RejectedRow,
  type CountAccounting,
} from "./rows";

/** Inclusive serial days. */
export interface Periods {
  beforeStart: number;
  beforeEnd: number;
  afterStart: number;
  afterEnd: number;
}

export interface AggregateOptions extends CountOptions {
  /** Also return plain counts per offence type (for harm-weighted WDD). */
  byType?: boolean;
}

export interface AggregateResult extends AreaCounts, CountAccounting {
  /** Plain counts (never weighted) per offence type, when `byType` is set. */
  byType?: Map<string, AreaCounts>;
  /**
   * For each period, the calendar months it touches, those with at least one
   * row in the target, buffer or control areas, and those with none (a month
   * file left out of the data shows here). Rows outside every area set are not
   * read beyond their area code, so they do not count towards coverage.
   */
  coverage: { before: PeriodCoverage; after: PeriodCoverage };
}

function checkSerial(v: number, name: string): void {
  if (typeof v !== "number" || !Number.isFinite(v) || Math.floor(v) !== v) {
    throw valueError(`${name} must be a whole serial day number; got ${showValue(v)}`);
  }
}

/**
 * Checks the areas and periods before any counting: no area code in two sets,
 * at least one target and one control area, each period starting on or
 * before its end, and the before and after periods not overlapping.
 */
export function validateSetup(areas: AreaSets, periods: Periods): void {
  validateAreaSets(areas);
  checkPeriods(periods);
}

function checkPeriods(periods: Periods): void {
  const { beforeStart, beforeEnd, afterStart, afterEnd } = periods;
  checkSerial(beforeStart, "before start");
  checkSerial(beforeEnd, "before end");
  checkSerial(afterStart, "after start");
  checkSerial(afterEnd, "after end");
  if (beforeStart > beforeEnd) {
    throw valueError(
      `the before period starts (${serialToIso(beforeStart)}) after it ends (${serialToIso(beforeEnd)})`,
    );
  }
  if (afterStart > afterEnd) {
    throw valueError(
      `the after period starts (${serialToIso(afterStart)}) after it ends (${serialToIso(afterEnd)})`,
    );
  }
  if (beforeStart <= afterEnd && afterStart <= beforeEnd) {
    throw valueError(
      `the before period (${serialToIso(beforeStart)} to ${serialToIso(beforeEnd)}) and the after period ` +
        `(${serialToIso(afterStart)} to ${serialToIso(afterEnd)}) overlap; an incident may count in only one`,
    );
  }
}

/** Sums laid out as period * 3 + set. */
function countsFrom(a: Float64Array): AreaCounts {
  return {
    target: { before: a[0], after: a[3] },
    buffer: { before: a[1], after: a[4] },
    control: { before: a[2], after: a[5] },
  };
}

export function aggregateIncidents(
  cols: IncidentColumns,
  areas: AreaSets,
  periods: Periods,
  options: AggregateOptions = {},
): AggregateResult {
  const areaMap = validateAreaSets(areas);
  checkPeriods(periods);
  const { beforeStart, beforeEnd, afterStart, afterEnd } = periods;
  const scan = scanIncidents(
    cols,
    areaMap,
    { starts: [beforeStart, afterStart], ends: [beforeEnd, afterEnd] },
    options,
  );
  const { totals, byType, dayPresent, dayShift, ...accounting } = scan;
  const result: AggregateResult = {
    ...countsFrom(totals),
    ...accounting,
    coverage: {
      before: bucketCoverage(beforeStart, beforeEnd, dayPresent, dayShift[0]),
      after: bucketCoverage(afterStart, afterEnd, dayPresent, dayShift[1]),
    },
  };
  if (byType !== null) {
    const m = new Map<string, AreaCounts>();
    for (const [k, v] of byType) m.set(k, countsFrom(v));
    result.byType = m;
  }
  return result;
}
