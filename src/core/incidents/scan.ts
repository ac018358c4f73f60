/**
 * The one pass over incident columns behind aggregateIncidents and
 * monthlyCounts. Each row lands in exactly one place; the order is chosen so
 * that a row outside every area set costs one map lookup, as in the least
 * loop that could do the job (bench/aggregate.bench.ts):
 *   1. area: an error value → rejected; blank → rejected; when every chosen area has the ONS form (W01001685),
 *      a code in no set without that form → rejected (a mistyped code is reported, not taken as another area);
 *      in no set → rowsOutsideAreas (nothing else is read)
 *   2. date: an error value or not a date → rejected; a month only partly in a time bucket → rejected;
 *      in no bucket → rowsOutsidePeriods
 *   3. offence type (when given): an error value → rejected; not in the filter → rowsFilteredOut;
 *      weighted or by-type counts and no type or no weight → rejected (or an error)
 *   4. id (when an id column is given): an error value → rejected; the id of a row already counted →
 *      rowsDuplicate, so each incident counts once (police.uk files that overlap repeat Crime IDs); a row
 *      without an id inside a stretch copied from earlier rows is taken off again → rowsCopied (copies.ts)
 *   5. counted → rowsUsed
 */
import { isOnsCode, normaliseAreaCode } from "../areas";
import { naError, valueError } from "../errors";
import { CopyFinder } from "./copies";
import { RowLogger } from "./rowLogger";
import { parseDateCell, type DateSpan } from "./dates";
import {
  REASON,
  cellText,
  checkWeights,
  isErrorValue,
  shapeOf,
  type CountOptions,
  type IncidentColumns,
  type CountAccounting,
} from "./rows";

/**
 * Time buckets as inclusive serial-day ranges. Two buckets (before, after)
 * in any order, or consecutive whole months (then `dayToBucket` maps each day
 * from starts[0] to the last end onto its month).
 */
export interface TimeBuckets {
  starts: readonly number[];
  ends: readonly number[];
  dayToBucket?: Uint16Array;
}

export interface ScanResult extends CountAccounting {
  /** Sums by bucket * 3 + set (0 target, 1 buffer, 2 control). */
  totals: Float64Array;
  byType: Map<string, Float64Array> | null;
  /** 1 for each day of a bucket with at least one in-area row: day d of bucket b is at d - dayShift[b]. */
  dayPresent: Uint8Array;
  dayShift: Int32Array;
}

const PROGRESS_EVERY = 50_000;
/** Bounds on the caches of parsed dates and area codes, so columns of unique values cannot use unbounded memory. */
const DATE_CACHE_MAX = 100_000;
const AREA_CACHE_MAX = 200_000;

// What an area cell resolves to: 0–2 a set, or one of these; CHANGED is added when normalising changed the code.
const OUTSIDE = 3;
const BLANK = 4;
const ERROR = 5;
const NOT_ONS = 6;
const CHANGED = 8;

/** What a counted row without an id added, to take it off again if it is found to be a copy. */
interface CopyKinds {
  index: Map<string, number>;
  type: (string | null)[];
  weight: number[];
}

/** The kind of a counted row (its offence type as counted by type, or its weight), as an index (CopyFinder). */
function kindOf(kinds: CopyKinds, typeKey: string | null, weight: number): number {
  const name = typeKey ?? String(weight);
  let k = kinds.index.get(name);
  if (k === undefined) {
    k = kinds.type.length;
    kinds.index.set(name, k);
    kinds.type.push(typeKey);
    kinds.weight.push(weight);
  }
  return k;
}

/** Takes the rows the CopyFinder just found to be copies off the totals; returns how many. */
function dropCopies(
  c: CopyFinder,
  found: number,
  totals: Float64Array,
  typeCounts: Map<string, Float64Array> | null,
  kinds: CopyKinds,
): number {
  for (let j = 0; j < found; j++) {
    const cell = c.cellOf(c.found[j]);
    const kind = c.kindOf(c.found[j]);
    totals[cell] -= kinds.weight[kind];
    const type = kinds.type[kind];
    if (typeCounts !== null && type !== null) typeCounts.get(type)![cell]--;
  }
  return found;
}

/**
 * What an area cell's text resolves to (see OUTSIDE…CHANGED), remembered in `cache` while it has room.
 * `ons`: the chosen areas all have the ONS form, so a code without it is a mistake, not an area.
 */
function resolveText(
  s: string,
  cache: Map<string, number>,
  areaMap: ReadonlyMap<string, number>,
  ons: boolean,
): number {
  let k: number;
  if (isErrorValue(s)) k = ERROR;
  else {
    const code = normaliseAreaCode(s);
    const set = areaMap.get(code);
    if (code === "") k = BLANK;
    else if (set === undefined && ons && !isOnsCode(code)) k = NOT_ONS;
    else k = (set ?? OUTSIDE) + (code !== s ? CHANGED : 0);
  }
  if (cache.size < AREA_CACHE_MAX) cache.set(s, k);
  return k;
}

function resolveArea(
  a: unknown,
  cache: Map<string, number>,
  areaMap: ReadonlyMap<string, number>,
  ons: boolean,
): number {
  if (typeof a === "string") return resolveText(a, cache, areaMap, ons);
  if (a === null || a === undefined) return BLANK;
  if (isErrorValue(a)) return ERROR;
  const s = cellText(a); // numeric area codes (beat numbers etc.)
  const k = cache.get(s);
  return k !== undefined ? k : resolveText(s, cache, areaMap, ons);
}

/** Whether every chosen area has the ONS form (then data codes without it are reported). */
function onsAreas(areaMap: ReadonlyMap<string, number>): boolean {
  for (const code of areaMap.keys()) if (!isOnsCode(code)) return false;
  return areaMap.size > 0;
}

function checkLength(col: { length: number }, name: string, n: number): void {
  if (col.length !== n) {
    throw valueError(
      `dates has ${n} rows but ${name} has ${col.length}; all incident columns must be the same length`,
    );
  }
}

/*
 * scanIncidents makes no closures: its loop is optimised while it runs, and
 * optimised code that leans on one call's closures or their variables is
 * thrown away once they are collected, so each call would begin its million
 * rows unoptimised again.
 */
export function scanIncidents(
  cols: IncidentColumns,
  areaMap: ReadonlyMap<string, number>,
  buckets: TimeBuckets,
  options: CountOptions & { byType?: boolean },
): ScanResult {
  const { dates, areas: areaCol, offenceTypes: typeCol, ids: idCol } = cols;
  const dates2D = shapeOf(dates, "dates");
  const areas2D = shapeOf(areaCol, "areas");
  const hasTypes = typeCol !== undefined && typeCol !== null;
  const types2D = hasTypes ? shapeOf(typeCol, "offence types") : false;
  const hasIds = idCol !== undefined && idCol !== null;
  const ids2D = hasIds ? shapeOf(idCol, "ids") : false;
  const n = dates.length;
  if (n === 0) throw valueError("dates is an empty range; select the column of incident dates");
  checkLength(areaCol, "areas", n);
  if (hasTypes) checkLength(typeCol, "offence types", n);
  if (hasIds) checkLength(idCol, "ids", n);

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
  const onProgress = options.onProgress;

  // Time buckets: two periods tested by range, or consecutive months looked up by day.
  const nb = buckets.starts.length;
  const dayToBucket = buckets.dayToBucket ?? null;
  const first = buckets.starts[0];
  const last = buckets.ends[nb - 1];
  const bS = buckets.starts[0];
  const bE = buckets.ends[0];
  const aS = nb > 1 ? buckets.starts[1] : 1;
  const aE = nb > 1 ? buckets.ends[1] : 0;
  const dayShift = new Int32Array(nb);
  let days = 0;
  for (let b = 0; b < nb; b++) {
    dayShift[b] = buckets.starts[b] - days;
    days += buckets.ends[b] - buckets.starts[b] + 1;
  }
  const dayPresent = new Uint8Array(days);

  const totals = new Float64Array(nb * 3);
  const typeCounts = byType ? new Map<string, Float64Array>() : null;
  const dateCache = new Map<string, DateSpan | null>();
  const seenIds = hasIds ? new Map<string, number>() : null;
  const copies = new CopyFinder(options.maxRejectedListed ?? 1000, options.rowLabel);
  const kinds: CopyKinds = { index: new Map(), type: [], weight: [] };
  const rows = new RowLogger(options.maxRejectedListed ?? 1000, options.rowLabel);
  let used = 0;
  let outsideAreas = 0;
  let outsidePeriods = 0;
  let filteredOut = 0;
  let normalised = 0;

  // Area codes as given → what they resolve to. The set codes are there from the start (they are
  // normalised already), so a clean code costs one lookup; any other string is resolved once.
  const areaCache = new Map<string, number>(areaMap);
  const ons = onsAreas(areaMap);

  const dCol = dates as ReadonlyArray<unknown>;
  const aCol = areaCol as ReadonlyArray<unknown>;
  const tCol = (typeCol ?? []) as ReadonlyArray<unknown>;
  const iCol = (idCol ?? []) as ReadonlyArray<unknown>;
  let nextProgress = onProgress ? PROGRESS_EVERY : Infinity;

  for (let i = 0; i < n; i++) {
    if (i === nextProgress) {
      onProgress!(i, n);
      nextProgress += PROGRESS_EVERY;
    }
    const a = areas2D ? (aCol[i] as ReadonlyArray<unknown>)[0] : aCol[i];
    let k = typeof a === "string" ? areaCache.get(a) : undefined;
    if (k === undefined) k = resolveArea(a, areaCache, areaMap, ons);
    if (k > 2) {
      if (k === OUTSIDE) {
        outsideAreas++;
        continue;
      }
      if (k >= CHANGED) {
        normalised++;
        k -= CHANGED;
      }
      if (k > 2) {
        if (k === OUTSIDE) outsideAreas++;
        else
          rows.reject(
            i,
            k === BLANK ? REASON.noArea : k === NOT_ONS ? REASON.badAreaCode : REASON.errorValue,
            a,
          );
        continue;
      }
    }

    // Date: numbers directly; strings via a cache (a police.uk column repeats a handful of months).
    const d = dates2D ? (dCol[i] as ReadonlyArray<unknown>)[0] : dCol[i];
    let start: number;
    let end: number;
    if (typeof d === "number") {
      if (d >= 61 && d < 2958466) {
        start = end = Math.floor(d);
      } else {
        rows.reject(i, REASON.badDate, d);
        continue;
      }
    } else {
      let span: DateSpan | null | undefined = typeof d === "string" ? dateCache.get(d) : undefined;
      if (span === undefined) {
        if (isErrorValue(d)) {
          rows.reject(i, REASON.errorValue, d);
          continue;
        }
        span = parseDateCell(d);
        if (typeof d === "string" && dateCache.size < DATE_CACHE_MAX) dateCache.set(d, span);
      }
      if (span === null) {
        rows.reject(i, REASON.badDate, d);
        continue;
      }
      start = span.start;
      end = span.end;
    }
    let b: number;
    if (dayToBucket !== null) {
      if (start >= first && end <= last && dayToBucket[start - first] === dayToBucket[end - first]) {
        b = dayToBucket[start - first];
      } else if (start <= last && end >= first) {
        rows.reject(i, REASON.partMonth, d);
        continue;
      } else {
        outsidePeriods++;
        continue;
      }
    } else if (start >= bS && end <= bE) b = 0;
    else if (start >= aS && end <= aE) b = 1;
    else if ((start <= bE && end >= bS) || (start <= aE && end >= aS)) {
      rows.reject(i, REASON.partMonth, d);
      continue;
    } else {
      outsidePeriods++;
      continue;
    }
    dayPresent[start - dayShift[b]] = 1;

    // Offence type, only when given.
    let weight = 1;
    let typeKey: string | null = null;
    if (hasTypes) {
      const t = types2D ? (tCol[i] as ReadonlyArray<unknown>)[0] : tCol[i];
      if (isErrorValue(t)) {
        rows.reject(i, REASON.errorValue, t);
        continue;
      }
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
            rows.reject(i, REASON.noType, t);
            continue;
          }
          if (w === undefined) {
            if (rejectUnknown) {
              rows.reject(i, REASON.noWeight, t);
              continue;
            }
            throw naError(`offence type '${type}' has no weight in the weight table; add it`);
          }
          weight = w;
        }
        if (typeCounts !== null) {
          type = type.trim();
          if (type === "") {
            rows.reject(i, REASON.noType, t);
            continue;
          }
          typeKey = type;
        }
      }
    }

    // Id: only rows that would be counted are checked, so an id costs nothing for the rest.
    let referenced = false;
    if (seenIds !== null) {
      const id = ids2D ? (iCol[i] as ReadonlyArray<unknown>)[0] : iCol[i];
      if (id !== null && id !== undefined && id !== "") {
        if (isErrorValue(id)) {
          rows.reject(i, REASON.errorValue, id);
          continue;
        }
        const key = typeof id === "string" ? id.trim() : cellText(id);
        if (key !== "") {
          const firstIndex = seenIds.get(key);
          if (firstIndex !== undefined) {
            rows.duplicate(i, key, firstIndex);
            const found = copies.referenced(i, firstIndex);
            if (found > 0) used -= dropCopies(copies, found, totals, typeCounts, kinds);
            continue;
          }
          seenIds.set(key, i);
          referenced = true;
        }
      }
    }

    if (typeKey !== null) {
      let tc = typeCounts!.get(typeKey);
      if (tc === undefined) {
        tc = new Float64Array(nb * 3);
        typeCounts!.set(typeKey, tc);
      }
      tc[b * 3 + k]++;
    }
    totals[b * 3 + k] += weight;
    used++;
    if (seenIds !== null) {
      if (referenced) {
        const found = copies.referenced(i, -1);
        if (found > 0) used -= dropCopies(copies, found, totals, typeCounts, kinds);
      } else {
        copies.unreferenced(i, b * 3 + k, kindOf(kinds, typeKey, weight));
      }
    }
  }
  if (seenIds !== null) {
    const found = copies.end();
    if (found > 0) used -= dropCopies(copies, found, totals, typeCounts, kinds);
  }
  return scanResult(
    totals,
    typeCounts,
    dayPresent,
    dayShift,
    [n, used, outsideAreas, outsidePeriods, filteredOut, normalised],
    rows,
    copies,
    onProgress,
  );
}

/**
 * The result, built outside scanIncidents on purpose. That function is
 * optimised while its loop runs (on-stack replacement), so code after the
 * loop has never run slowly enough to teach the optimiser its property reads
 * and calls: they made it throw its optimised code away at the end of each
 * call, and every call began its million rows unoptimised (HARM.PERIODCOUNTS
 * took half as long again after a garbage collection).
 */
function scanResult(
  totals: Float64Array,
  byType: Map<string, Float64Array> | null,
  dayPresent: Uint8Array,
  dayShift: Int32Array,
  [rowsRead, rowsUsed, outsideAreas, outsidePeriods, filteredOut, normalised]: readonly [
    number,
    number,
    number,
    number,
    number,
    number,
  ],
  rows: RowLogger,
  copies: CopyFinder,
  onProgress: CountOptions["onProgress"],
): ScanResult {
  if (onProgress) onProgress(rowsRead, rowsRead);
  const log = rows.log;
  return {
    totals,
    byType,
    dayPresent,
    dayShift,
    rowsRead,
    rowsUsed,
    rowsOutsideAreas: outsideAreas,
    rowsOutsidePeriods: outsidePeriods,
    rowsFilteredOut: filteredOut,
    rowsDuplicate: log.rowsDuplicate,
    duplicates: log.duplicates,
    rowsCopied: copies.copied,
    copies: copies.examples,
    rejected: log.rejected,
    rejectedCount: log.rejectedCount,
    rejectedByReason: log.rejectedByReason,
    areaCodesNormalised: normalised,
  };
}
