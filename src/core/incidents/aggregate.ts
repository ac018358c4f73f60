/**
 * Counts incidents (or harm totals) for target, buffer and control areas in
 * the before and after periods, in one pass over columns exactly as Excel
 * hands them over. Every input row ends up in exactly one bucket:
 *   rowsRead = rowsUsed + rowsOutsideAreas + rowsOutsidePeriods + rowsFilteredOut + rejectedCount
 * so nothing is dropped silently.
 *
 * A row is classified in this order (first match wins):
 *   1. an error value (#N/A, #REF!, ...) in any of its cells → rejected
 *   2. blank area code → rejected
 *   3. area in none of the three sets → rowsOutsideAreas
 *   4. date not recognised, or a month straddling a period bound → rejected
 *   5. date in neither period → rowsOutsidePeriods
 *   6. offence type not in offenceFilter → rowsFilteredOut
 *   7. weighted or byType mode and no offence type / no weight → rejected (or an error)
 *   8. counted → rowsUsed
 */
import { naError, valueError } from "../errors";
import { parseDateCell, serialToIso, showValue, type DateSpan } from "./dates";

export type ColumnLike = ReadonlyArray<unknown> | ReadonlyArray<ReadonlyArray<unknown>>;

export interface IncidentColumns {
  dates: ColumnLike;
  areas: ColumnLike;
  offenceTypes?: ColumnLike;
}

export interface AreaSets {
  target: readonly string[];
  buffer: readonly string[];
  control: readonly string[];
}

/** Inclusive serial days. */
export interface Periods {
  beforeStart: number;
  beforeEnd: number;
  afterStart: number;
  afterEnd: number;
}

export interface PeriodPair {
  before: number;
  after: number;
}

export interface AreaCounts {
  target: PeriodPair;
  buffer: PeriodPair;
  control: PeriodPair;
}

export interface AggregateOptions {
  /** Harm totals instead of counts (offence type → weight). */
  weights?: ReadonlyMap<string, number>;
  /** Only these offence types. */
  offenceFilter?: ReadonlySet<string>;
  /** Also return plain counts per offence type (for harm-weighted WDD). */
  byType?: boolean;
  /** Weighted mode, an in-scope row whose type has no weight: "error" (default) throws #N/A; "reject" lists it. */
  unknownType?: "error" | "reject";
  /** How many rejected rows to list (default 1000); the counts are always complete. */
  maxRejectedListed?: number;
  /** Called at most every 50,000 rows, and once at the end. */
  onProgress?: (rowsDone: number, total: number) => void;
}

/** `row` is 1-based within the input. */
export interface RejectedRow {
  row: number;
  reason: string;
  value: string;
}

export interface AggregateResult extends AreaCounts {
  /** Plain counts (never weighted) per offence type, when `byType` is set. */
  byType?: Map<string, AreaCounts>;
  rowsRead: number;
  rowsUsed: number;
  rowsOutsideAreas: number;
  rowsOutsidePeriods: number;
  /** Rows skipped because their offence type is not in `offenceFilter`. */
  rowsFilteredOut: number;
  rejected: RejectedRow[];
  rejectedCount: number;
  rejectedByReason: Record<string, number>;
}

/** Rejection reasons, exported so callers and tests need not retype them. */
export const REASON = {
  errorValue: "error value in source",
  noArea: "no area code",
  badDate: "date not recognised",
  partMonth: "month only partly inside a period; align the periods to whole months",
  noType: "no offence type",
  noWeight: "offence type has no weight",
} as const;

const PROGRESS_EVERY = 50_000;
/** Bound on the parsed-date-string cache, so a column of unique timestamps cannot use unbounded memory. */
const DATE_CACHE_MAX = 100_000;

const SET_NAMES = ["target", "buffer", "control"] as const;
type SetIndex = 0 | 1 | 2;

const EXCEL_ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
]);

/** An Excel error as a cell value: an error object with a `code`, or its text ("#REF!"). */
export function isErrorValue(v: unknown): boolean {
  if (typeof v === "string") return v.length > 1 && v.charCodeAt(0) === 35 && EXCEL_ERRORS.has(v.trim());
  if (typeof v === "object" && v !== null && !(v instanceof Date)) {
    const code = (v as { code?: unknown }).code;
    return typeof code === "string";
  }
  return false;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "object" && !(v instanceof Date)) {
    const code = (v as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  return String(v);
}

/** A column is n×1 (as Excel passes a range) if its first element is an array. */
function shapeOf(col: ColumnLike, name: string): boolean {
  if (!Array.isArray(col)) throw valueError(`${name} must be a column of cells`);
  if (col.length === 0) return false;
  const first = col[0];
  if (Array.isArray(first)) {
    if (first.length !== 1) {
      throw valueError(`${name} must be a single column; got ${first.length} columns`);
    }
    // Excel never mixes shapes; checking the last row too catches a mixed array built by hand.
    if (!Array.isArray(col[col.length - 1])) throw valueError(`${name} mixes single cells and rows`);
    return true;
  }
  return false;
}

function cleanCodes(codes: readonly string[], setName: string): string[] {
  if (!Array.isArray(codes)) throw valueError(`${setName} areas must be a list of area codes`);
  const out: string[] = [];
  for (const c of codes) {
    const t = c === null || c === undefined ? "" : String(c).trim();
    if (t !== "") out.push(t);
  }
  return out;
}

function buildAreaMap(areas: AreaSets): Map<string, SetIndex> {
  const map = new Map<string, SetIndex>();
  const lists = [areas.target, areas.buffer, areas.control];
  for (let s = 0; s < 3; s++) {
    for (const code of cleanCodes(lists[s], SET_NAMES[s])) {
      const prev = map.get(code);
      if (prev !== undefined && prev !== s) {
        throw valueError(
          `area '${code}' is in both the ${SET_NAMES[prev]} and ${SET_NAMES[s]} areas; each area may be in one set only`,
        );
      }
      map.set(code, s as SetIndex);
    }
  }
  return map;
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
  buildAreaMap(areas);
  if (cleanCodes(areas.target, "target").length === 0) {
    throw valueError("target areas are empty; list at least one target area code");
  }
  if (cleanCodes(areas.control, "control").length === 0) {
    throw valueError("control areas are empty; list at least one control area code");
  }
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

function checkWeights(weights: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [type, w] of weights) {
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) {
      throw valueError(`the weight for '${type}' must be a number of 0 or more; got ${showValue(w)}`);
    }
    out.set(String(type).trim(), w);
  }
  return out;
}

/** All six counts zero. */
export function emptyCounts(): AreaCounts {
  return {
    target: { before: 0, after: 0 },
    buffer: { before: 0, after: 0 },
    control: { before: 0, after: 0 },
  };
}

function countsFrom(a: Float64Array): AreaCounts {
  return {
    target: { before: a[0], after: a[1] },
    buffer: { before: a[2], after: a[3] },
    control: { before: a[4], after: a[5] },
  };
}

export function aggregateIncidents(
  cols: IncidentColumns,
  areas: AreaSets,
  periods: Periods,
  options: AggregateOptions = {},
): AggregateResult {
  validateSetup(areas, periods);
  const areaMap = buildAreaMap(areas);
  const { dates, areas: areaCol, offenceTypes: typeCol } = cols;

  const dates2D = shapeOf(dates, "dates");
  const areas2D = shapeOf(areaCol, "areas");
  const hasTypes = typeCol !== undefined && typeCol !== null;
  const types2D = hasTypes ? shapeOf(typeCol, "offence types") : false;
  const n = dates.length;
  if (n === 0) throw valueError("dates is an empty range; select the column of incident dates");
  if (areaCol.length !== n) {
    throw valueError(
      `dates has ${n} rows but areas has ${areaCol.length}; all incident columns must be the same length`,
    );
  }
  if (hasTypes && typeCol.length !== n) {
    throw valueError(
      `dates has ${n} rows but offence types has ${typeCol.length}; all incident columns must be the same length`,
    );
  }

  const weights = options.weights ? checkWeights(options.weights) : null;
  const filter = options.offenceFilter ?? null;
  const byType = options.byType === true;
  const needTypes = weights !== null || filter !== null || byType;
  if (needTypes && !hasTypes) {
    throw valueError(
      "an offence type column is needed for harm weights, an offence filter or counts by type",
    );
  }
  const rejectUnknown = options.unknownType === "reject";
  const maxListed = options.maxRejectedListed ?? 1000;
  const onProgress = options.onProgress;

  const { beforeStart: bS, beforeEnd: bE, afterStart: aS, afterEnd: aE } = periods;

  const totals = new Float64Array(6);
  const typeCounts = byType ? new Map<string, Float64Array>() : null;
  const dateCache = new Map<string, DateSpan | null>();
  const rejected: RejectedRow[] = [];
  const rejectedByReason: Record<string, number> = {};
  let rejectedCount = 0;
  let used = 0;
  let outsideAreas = 0;
  let outsidePeriods = 0;
  let filteredOut = 0;

  const reject = (i: number, reason: string, v: unknown): void => {
    rejectedCount++;
    rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + 1;
    if (rejected.length < maxListed) rejected.push({ row: i + 1, reason, value: cellText(v) });
  };

  const dCol = dates as ReadonlyArray<unknown>;
  const aCol = areaCol as ReadonlyArray<unknown>;
  const tCol = (typeCol ?? []) as ReadonlyArray<unknown>;
  let nextProgress = onProgress ? PROGRESS_EVERY : Infinity;

  for (let i = 0; i < n; i++) {
    if (i === nextProgress) {
      onProgress!(i, n);
      nextProgress += PROGRESS_EVERY;
    }
    const d = dates2D ? (dCol[i] as ReadonlyArray<unknown>)[0] : dCol[i];
    const a = areas2D ? (aCol[i] as ReadonlyArray<unknown>)[0] : aCol[i];
    const t = hasTypes ? (types2D ? (tCol[i] as ReadonlyArray<unknown>)[0] : tCol[i]) : undefined;

    if (isErrorValue(d)) {
      reject(i, REASON.errorValue, d);
      continue;
    }
    if (isErrorValue(a)) {
      reject(i, REASON.errorValue, a);
      continue;
    }
    if (hasTypes && isErrorValue(t)) {
      reject(i, REASON.errorValue, t);
      continue;
    }

    // Area: look up as given first, and only trim on a miss (trimming every row is wasted work).
    let set: SetIndex | undefined;
    if (typeof a === "string") {
      set = areaMap.get(a);
      if (set === undefined) {
        const at = a.trim();
        if (at === "") {
          reject(i, REASON.noArea, a);
          continue;
        }
        if (at !== a) set = areaMap.get(at);
      }
    } else if (a === null || a === undefined) {
      reject(i, REASON.noArea, a);
      continue;
    } else {
      set = areaMap.get(String(a)); // numeric area codes (beat numbers etc.)
    }
    if (set === undefined) {
      outsideAreas++;
      continue;
    }

    // Date: numbers directly; strings via a cache (a police.uk column repeats a handful of months).
    let start: number;
    let end: number;
    if (typeof d === "number") {
      if (d >= 61 && d < 2958466) {
        start = end = Math.floor(d);
      } else {
        reject(i, REASON.badDate, d);
        continue;
      }
    } else {
      let span: DateSpan | null | undefined;
      if (typeof d === "string") {
        span = dateCache.get(d);
        if (span === undefined) {
          span = parseDateCell(d);
          if (dateCache.size < DATE_CACHE_MAX) dateCache.set(d, span);
        }
      } else {
        span = parseDateCell(d);
      }
      if (span === null) {
        reject(i, REASON.badDate, d);
        continue;
      }
      start = span.start;
      end = span.end;
    }
    let period: 0 | 1;
    if (start >= bS && end <= bE) period = 0;
    else if (start >= aS && end <= aE) period = 1;
    else if ((start <= bE && end >= bS) || (start <= aE && end >= aS)) {
      reject(i, REASON.partMonth, d);
      continue;
    } else {
      outsidePeriods++;
      continue;
    }

    // Offence type, only when something needs it.
    let weight = 1;
    if (needTypes) {
      let type = typeof t === "string" ? t : t === null || t === undefined ? "" : String(t);
      if (filter !== null && !filter.has(type)) {
        type = type.trim();
        if (!filter.has(type)) {
          filteredOut++;
          continue;
        }
      }
      if (weights !== null) {
        let w = weights.get(type);
        if (w === undefined) {
          type = type.trim();
          w = weights.get(type);
        }
        if (type === "") {
          reject(i, REASON.noType, t);
          continue;
        }
        if (w === undefined) {
          if (rejectUnknown) {
            reject(i, REASON.noWeight, t);
            continue;
          }
          throw naError(`offence type '${type}' has no weight in the weight table; add it`);
        }
        weight = w;
      }
      if (typeCounts !== null) {
        type = type.trim();
        if (type === "") {
          reject(i, REASON.noType, t);
          continue;
        }
        let tc = typeCounts.get(type);
        if (tc === undefined) {
          tc = new Float64Array(6);
          typeCounts.set(type, tc);
        }
        tc[set * 2 + period]++;
      }
    }
    totals[set * 2 + period] += weight;
    used++;
  }
  if (onProgress) onProgress(n, n);

  const result: AggregateResult = {
    ...countsFrom(totals),
    rowsRead: n,
    rowsUsed: used,
    rowsOutsideAreas: outsideAreas,
    rowsOutsidePeriods: outsidePeriods,
    rowsFilteredOut: filteredOut,
    rejected,
    rejectedCount,
    rejectedByReason,
  };
  if (typeCounts !== null) {
    const m = new Map<string, AreaCounts>();
    for (const [k, v] of typeCounts) m.set(k, countsFrom(v));
    result.byType = m;
  }
  return result;
}
