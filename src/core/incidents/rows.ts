/**
 * The shapes and cell rules shared by the incident counts (aggregateIncidents,
 * monthlyCounts): column types, rejection reasons, Excel error values, and
 * the area sets in their normalised form. aggregate.ts re-exports the public
 * names, so existing imports keep working.
 */
import { uniqueCodes } from "../areas";
import { valueError } from "../errors";
import { showValue } from "./dates";

export type ColumnLike = ReadonlyArray<unknown> | ReadonlyArray<ReadonlyArray<unknown>>;

export interface IncidentColumns {
  dates: ColumnLike;
  areas: ColumnLike;
  offenceTypes?: ColumnLike;
  /**
   * Incident identifiers (police.uk "Crime ID"). When given, each incident
   * counts once: a row that would be counted but whose non-blank id was
   * already counted goes to `rowsDuplicate`. A row with a blank id (anti-social
   * behaviour) is never a repeat on its own, only inside a stretch of rows
   * copied from earlier ones (`rowsCopied`: see copies.ts).
   */
  ids?: ColumnLike;
}

export interface AreaSets {
  target: readonly string[];
  buffer: readonly string[];
  control: readonly string[];
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

/** `row` is 1-based within the input; `where` names the file and line when a `rowLabel` was given. */
export interface RejectedRow {
  row: number;
  reason: string;
  value: string;
  where?: string;
}

/** A row whose id was already seen: `firstRow` (when known) is the row that is counted. */
export interface DuplicateRow {
  row: number;
  /** The reference; absent when only a fingerprint of it was kept (a cube counted in parts: cubePart.ts). */
  id?: string;
  firstRow?: number;
  where?: string;
  firstWhere?: string;
}

/**
 * Where every input row went:
 *   rowsRead = rowsUsed + rowsOutsideAreas + rowsOutsidePeriods + rowsFilteredOut + rowsDuplicate + rowsCopied
 *            + rejectedCount
 */
export interface CountAccounting {
  rowsRead: number;
  rowsUsed: number;
  rowsOutsideAreas: number;
  rowsOutsidePeriods: number;
  /** Rows skipped because their offence type is not in `offenceFilter`. */
  rowsFilteredOut: number;
  /** Rows that would have been counted but whose id (the `ids` column) already was; 0 without ids. */
  rowsDuplicate: number;
  /** Examples of duplicate rows, at most `maxRejectedListed`. */
  duplicates: DuplicateRow[];
  /** Rows without an id inside a stretch of rows copied from earlier ones (copies.ts); 0 without ids. */
  rowsCopied: number;
  /** Examples of them, each with the row it copies. */
  copies: DuplicateRow[];
  rejected: RejectedRow[];
  rejectedCount: number;
  rejectedByReason: Record<string, number>;
  /** Rows whose area code had to be trimmed, upper-cased or have spaces removed to be read. */
  areaCodesNormalised: number;
}

export interface CountOptions {
  /** Harm totals instead of counts (offence type → weight). */
  weights?: ReadonlyMap<string, number>;
  /** Only these offence types. */
  offenceFilter?: ReadonlySet<string>;
  /** Weighted mode, an in-scope row whose type has no weight: "error" (default) throws #N/A; "reject" lists it. */
  unknownType?: "error" | "reject";
  /** How many rejected (and duplicate) rows to list (default 1000); the counts are always complete. */
  maxRejectedListed?: number;
  /** Called at most every 50,000 rows, and once at the end. */
  onProgress?: (rowsDone: number, total: number) => void;
  /**
   * How to name row i (0-based) in the lists of rejected and duplicate rows,
   * e.g. "2024-09-gwent-street.csv, line 6,065" (IncidentTable.rowLabel). Called only for listed rows.
   */
  rowLabel?: (i: number) => string;
}

/** Rejection reasons, exported so callers and tests need not retype them. */
export const REASON = {
  errorValue: "error value in source",
  noArea: "no area code",
  badAreaCode: "area code not in the ONS form of the chosen areas (a letter and 8 digits, such as W01001685)",
  badDate: "date not recognised",
  partMonth: "month only partly inside a period; align the periods to whole months",
  noType: "no offence type",
  noWeight: "offence type has no weight",
} as const;

export const SET_NAMES = ["target", "buffer", "control"] as const;

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

/** A cell as text, for messages and lists: error objects by their code, dates in ISO form. */
export function cellText(v: unknown): string {
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
export function shapeOf(col: ColumnLike, name: string): boolean {
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

/** The codes of one set, normalised (normaliseAreaCode), blanks dropped, each once. */
export function setCodes(codes: readonly string[], setName: string): string[] {
  if (!Array.isArray(codes)) throw valueError(`${setName} areas must be a list of area codes`);
  return uniqueCodes(codes);
}

/** Normalised code → set index (0 target, 1 buffer, 2 control); a code in two sets is an error. */
export function buildAreaMap(areas: AreaSets): Map<string, number> {
  const map = new Map<string, number>();
  const lists = [areas.target, areas.buffer, areas.control];
  for (let s = 0; s < 3; s++) {
    for (const code of setCodes(lists[s], SET_NAMES[s])) {
      const prev = map.get(code);
      if (prev !== undefined && prev !== s) {
        throw valueError(
          `area '${code}' is in both the ${SET_NAMES[prev]} and ${SET_NAMES[s]} areas; each area may be in one set only`,
        );
      }
      map.set(code, s);
    }
  }
  return map;
}

/** The area checks every count makes first: no code in two sets, at least one target and one control code. */
export function validateAreaSets(areas: AreaSets): Map<string, number> {
  const map = buildAreaMap(areas);
  if (setCodes(areas.target, "target").length === 0) {
    throw valueError("target areas are empty; list at least one target area code");
  }
  if (setCodes(areas.control, "control").length === 0) {
    throw valueError("control areas are empty; list at least one control area code");
  }
  return map;
}

export function checkWeights(weights: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [type, w] of weights) {
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) {
      throw valueError(`the weight for '${type}' must be a number of 0 or more; got ${showValue(w)}`);
    }
    out.set(String(type).trim(), w);
  }
  return out;
}
