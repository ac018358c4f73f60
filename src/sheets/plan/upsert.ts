/**
 * Writing rows of a model table into the workbook's table by key (first
 * column): a row whose key matches is rewritten, blank rows are filled next,
 * and the rest are appended. Other rows, and any column the model does not
 * have, are left alone; a cell the analyst typed in a `keepTyped` column
 * (e.g. Note) is never replaced.
 */
import { isFormulaCell, type CellInput, type Scalar, type SheetModel } from "../model";
import { parseCell, rangeAddress } from "../a1";
import { textKey } from "../cells";
import { PortError } from "./errors";
import { planInsert } from "./insert";
import type { Op, PlanCell, Planned } from "./ops";
import { planCell } from "./sheet";
import { shiftFormulaRows } from "./shift";
import { findTable, type Snapshot, type SnapshotRequest, type TableSnapshot } from "./snapshot";
import { columnMap } from "./update";

export interface UpsertReport {
  sheet: string;
  table: string;
  updated: string[];
  added: string[];
  createdSheet: boolean;
  /** Rows left from an earlier run and marked as such (only with the markStale option). */
  stale?: string[];
}

/** Marks rows already in the table that this upsert does not write; they are never deleted. */
export interface StaleRows {
  /** Model column key of the cell that takes the mark. */
  column: string;
  /** The marked cell from its current value; undefined leaves it as it is (already marked). */
  mark: (current: Scalar) => Scalar | undefined;
  /** Which unwritten rows are stale (default: every row with a key); `cell` reads a model column by key. */
  which?: (key: string, cell: (column: string) => Scalar) => boolean;
}

export interface UpsertOptions {
  /** Model column keys whose existing non-blank cells the analyst owns. */
  keepTyped?: readonly string[];
  markStale?: StaleRows;
}

export const upsertRequest = (tableName: string): SnapshotRequest => ({ tables: [tableName] });

const label = (v: CellInput | undefined): string => String(isFormulaCell(v) ? (v.value ?? "") : (v ?? ""));

/** A model cell moved from model row `from` to sheet row `to` (both 0-based). */
function moved(v: CellInput | undefined, from: number, to: number): PlanCell {
  const c = planCell(v ?? null);
  return c !== null && typeof c === "object" ? { ...c, formula: shiftFormulaRows(c.formula, to - from) } : c;
}

export function planUpsert(
  snap: Snapshot,
  model: SheetModel,
  tableName: string,
  options: UpsertOptions = {},
): Planned<UpsertReport> {
  const mt = model.tables.find((t) => t.name === tableName);
  if (!mt) throw new PortError(`The ${model.name} sheet has no table ${tableName}.`);
  const e = findTable(snap, tableName);
  if (!e) {
    const inserted = planInsert(snap, [model], "update");
    return {
      ops: inserted.ops,
      result: {
        sheet: inserted.result.plans[0]?.finalName ?? model.name,
        table: tableName,
        updated: [],
        added: mt.rows.map((r) => label(r[0])),
        createdSheet: true,
        ...(options.markStale ? { stale: [] } : {}),
      },
    };
  }
  const colMap = columnMap(e.headers, mt.columns);
  if (colMap[0] < 0)
    throw new PortError(
      `The ${e.name} table has no "${mt.columns[0].header}" column, so rows cannot be matched.`,
    );
  const keep = new Set(options.keepTyped ?? []);
  const inputCols = mt.columns.map((c, j) => (c.computed ? -1 : colMap[j])).filter((i) => i >= 0);
  const rows = e.values;
  const blank = (r: readonly unknown[]) => inputCols.every((i) => textKey(r[i]) === "");
  const free = rows.map((r, i) => (blank(r) ? i : -1)).filter((i) => i >= 0);
  const modelTop = parseCell(mt.topLeft).row;
  const report: UpsertReport = { sheet: e.sheet, table: e.name, updated: [], added: [], createdSheet: false };
  const ops: Op[] = [];
  const appended: PlanCell[][] = [];
  const taken = new Set<number>();
  for (const [mi, r] of mt.rows.entries()) {
    const key = textKey(r[0]);
    const at = rows.findIndex((er, i) => !taken.has(i) && textKey(er[colMap[0]]) === key);
    const rowIndex = at >= 0 ? at : free.find((i) => !taken.has(i));
    if (rowIndex !== undefined) {
      taken.add(rowIndex);
      const cells = new Map<number, PlanCell>();
      mt.columns.forEach((c, j) => {
        if (colMap[j] < 0) return;
        if (keep.has(c.key) && textKey(rows[rowIndex][colMap[j]]) !== "") return;
        cells.set(colMap[j], moved(r[j], modelTop + mi, e.top + rowIndex));
      });
      ops.push(...rowWrites(e.sheet, e.top + 1 + rowIndex, e.left, cells));
      (at >= 0 ? report.updated : report.added).push(label(r[0]));
    } else {
      const line: PlanCell[] = e.headers.map(() => null);
      const sheetRow = e.top + rows.length + appended.length;
      mt.columns.forEach((_, j) => {
        if (colMap[j] >= 0) line[colMap[j]] = moved(r[j], modelTop + mi, sheetRow);
      });
      appended.push(line);
      report.added.push(label(r[0]));
    }
  }
  if (appended.length) ops.push({ op: "addTableRows", table: e.name, rows: appended });
  if (options.markStale) {
    report.stale = [];
    ops.push(...staleOps(e, mt.columns, colMap, taken, options.markStale, report.stale));
  }
  return { ops, result: report };
}

/** One write per stale row's mark; `out` collects their keys. */
function staleOps(
  e: TableSnapshot,
  columns: readonly { key: string }[],
  colMap: readonly number[],
  written: ReadonlySet<number>,
  stale: StaleRows,
  out: string[],
): Op[] {
  const at = colMap[columns.findIndex((c) => c.key === stale.column)] ?? -1;
  if (at < 0) return [];
  const ops: Op[] = [];
  e.values.forEach((row, i) => {
    const key = row[colMap[0]];
    if (written.has(i) || textKey(key) === "") return;
    const cell = (k: string) => row[colMap[columns.findIndex((c) => c.key === k)] ?? -1] ?? null;
    if (stale.which && !stale.which(String(key), cell)) return;
    const marked = stale.mark(row[at] ?? null);
    out.push(String(key));
    if (marked !== undefined) ops.push(...rowWrites(e.sheet, e.top + 1 + i, e.left, new Map([[at, marked]])));
  });
  return ops;
}

/** One write per run of adjacent columns in a row (`cells`: table column → cell). */
function rowWrites(sheet: string, row: number, left: number, cells: Map<number, PlanCell>): Op[] {
  const cols = [...cells.keys()].sort((a, b) => a - b);
  const ops: Op[] = [];
  let start = 0;
  for (let i = 1; i <= cols.length; i++) {
    if (i < cols.length && cols[i] === cols[i - 1] + 1) continue;
    const run = cols.slice(start, i);
    const range = rangeAddress({
      top: row,
      bottom: row,
      left: left + run[0],
      right: left + run[run.length - 1],
    });
    ops.push({ op: "write", sheet, range, cells: [run.map((c) => cells.get(c)!)] });
    start = i;
  }
  return ops;
}
