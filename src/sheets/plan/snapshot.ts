/**
 * What a planner may know about the workbook before it decides: read by the
 * adapter in at most two round trips (lists first, then the requested cells).
 */
import type { Scalar } from "../model";

/** Always read: every sheet, name and table. */
export interface WorkbookLists {
  sheets: string[];
  /** "error": a name whose cells were deleted (=#REF!), with no range to read or write; "other": a constant or formula. */
  names: { name: string; kind: "range" | "error" | "other" }[];
  tables: { name: string; sheet: string }[];
}

export interface SnapshotRequest {
  /** Tables whose header and body to read, when they exist; may depend on the lists. */
  tables?: readonly string[] | ((lists: WorkbookLists) => readonly string[]);
  /** Workbook names whose cells to read, when they exist and are intact. */
  names?: readonly string[];
  /** Ranges whose values and formulas to read; may depend on the lists (only on sheets that exist). */
  ranges?:
    | readonly { sheet: string; address: string }[]
    | ((lists: WorkbookLists) => readonly { sheet: string; address: string }[]);
  activeCell?: boolean;
  /** Also count each table's data rows. */
  tableRows?: boolean;
}

/** A table's rows as read for an evaluation or a summary. */
export interface TableData {
  headers: string[];
  rows: unknown[][];
  /** Where each row came from ("2024-09.csv, line 6,065"), when known. */
  rowLabel?: (i: number) => string;
}

export interface TableSnapshot {
  name: string;
  sheet: string;
  /** 0-based row of the header and column of the first column. */
  top: number;
  left: number;
  headers: Scalar[];
  /** Body values as shown (formula cells: their current value). */
  values: Scalar[][];
  /** Body as typed: formula text ("=…") for formula cells, else the value. */
  formulas: Scalar[][];
}

export interface NameSnapshot {
  name: string;
  sheet: string;
  /** Local A1 range, e.g. "B4" or "B4:B6". */
  address: string;
  values: Scalar[][];
}

export interface RangeSnapshot {
  sheet: string;
  address: string;
  values: Scalar[][];
  formulas: Scalar[][];
}

export interface Snapshot extends WorkbookLists {
  tableData: TableSnapshot[];
  nameData: NameSnapshot[];
  rangeData: RangeSnapshot[];
  activeCell?: { sheet: string; address: string; formula: Scalar };
  /** Data rows per table (lower-case name), when requested. */
  tableRows?: Map<string, number>;
}

const lower = (s: string) => s.toLowerCase();

export const hasSheet = (s: WorkbookLists, name: string): boolean =>
  s.sheets.some((x) => lower(x) === lower(name));

export const findTable = (s: Snapshot, name: string): TableSnapshot | undefined =>
  s.tableData.find((t) => lower(t.name) === lower(name));

/** Every table and name, lower-cased: identifiers a new table or name must not reuse. */
export const takenIdentifiers = (s: WorkbookLists): Set<string> =>
  new Set([...s.names.map((n) => lower(n.name)), ...s.tables.map((t) => lower(t.name))]);

/** Requested names/tables/ranges resolved against the lists (shared by both adapters). */
export function resolveRequest(
  request: SnapshotRequest,
  lists: WorkbookLists,
): {
  tables: string[];
  names: string[];
  ranges: { sheet: string; address: string }[];
} {
  const wantTables = typeof request.tables === "function" ? request.tables(lists) : (request.tables ?? []);
  const tables = lists.tables
    .filter((t) => wantTables.some((w) => lower(w) === lower(t.name)))
    .map((t) => t.name);
  const wantNames = new Set((request.names ?? []).map(lower));
  const names = lists.names
    .filter((n) => n.kind === "range" && wantNames.has(lower(n.name)))
    .map((n) => n.name);
  const wantRanges = typeof request.ranges === "function" ? request.ranges(lists) : (request.ranges ?? []);
  const ranges = wantRanges
    .filter((r) => hasSheet(lists, r.sheet))
    .map((r) => ({ sheet: lists.sheets.find((x) => lower(x) === lower(r.sheet))!, address: r.address }));
  return { tables, names, ranges };
}
