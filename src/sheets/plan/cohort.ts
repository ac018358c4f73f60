/**
 * Writing imported people into the Cohort sheet: their rows are upserted by
 * reference (src/sheets/plan/upsert.ts: a matching reference is rewritten,
 * blank rows are filled next, the rest appended), then the results block is
 * rewritten for the whole table, so the stored E-test p and the formulas'
 * reach (which grows with the table) fit every row now there.
 */
import { blankOperation } from "../../core/operation";
import { buildSheet } from "../build";
import { parseCell, rangeAddress } from "../a1";
import { textKey } from "../cells";
import type { Scalar, SheetModel } from "../model";
import {
  blankCohortRow,
  COHORT_CHECK_COLUMN,
  COHORT_INPUT_COLUMNS,
  COHORT_TABLE,
  cohortRowCheck,
} from "../specs/cohortColumns";
import type { CohortRow } from "../specs/netBenefitCohortInput";
import type { Op, PlanCell, Planned } from "./ops";
import { planCell } from "./sheet";
import { findTable, type Snapshot, type SnapshotRequest, type TableSnapshot } from "./snapshot";
import { columnMap } from "./update";
import { planUpsert } from "./upsert";

export interface CohortImportReport {
  sheet: string;
  createdSheet: boolean;
  added: number;
  updated: number;
  /** People on the sheet after the import. */
  people: number;
  /** Rows the Row check flags: results wait until they are fixed. */
  rowsToFix: number;
  /** False when the results block was not where the sheet puts it, so it was left alone. */
  resultsRefreshed: boolean;
}

export const cohortImportRequest: SnapshotRequest = { tables: [COHORT_TABLE] };

const COLUMNS = [...COHORT_INPUT_COLUMNS, COHORT_CHECK_COLUMN];

const cohortModel = (people: CohortRow[]): SheetModel =>
  buildSheet("cohort", { operation: blankOperation(), cohort: people });

/** The existing table's rows as Cohort rows (columns matched by header). */
function existingRows(e: TableSnapshot): CohortRow[] {
  const map = columnMap(e.headers, COLUMNS);
  return e.values.map((r) => {
    const row = {} as Record<string, Scalar>;
    COHORT_INPUT_COLUMNS.forEach((c, j) => {
      row[c.key] = map[j] >= 0 ? (r[map[j]] ?? null) : null;
    });
    row.reference = String(row.reference ?? "");
    return row as unknown as CohortRow;
  });
}

/** The table as planUpsert leaves it: matched references replaced, blank rows filled, the rest appended. */
function merged(e: TableSnapshot, imported: CohortRow[]): CohortRow[] {
  const map = columnMap(e.headers, COLUMNS);
  const keyCol = map[0];
  const inputCols = COHORT_INPUT_COLUMNS.map((_, j) => map[j]).filter((i) => i >= 0);
  const free = e.values.flatMap((r, i) => (inputCols.every((k) => textKey(r[k]) === "") ? [i] : []));
  const out = existingRows(e);
  const taken = new Set<number>();
  for (const p of imported) {
    const key = textKey(p.reference);
    const at = e.values.findIndex((r, i) => !taken.has(i) && textKey(r[keyCol]) === key);
    const i = at >= 0 ? at : free.find((x) => !taken.has(x));
    if (i === undefined) out.push(p);
    else {
      taken.add(i);
      out[i] = p;
    }
  }
  return out;
}

/** Writes of the results block (the sheet's shaded cells outside the table), one per run of cells in a row. */
function resultsWrites(sheet: string, model: SheetModel): Op[] {
  const byRow = new Map<number, { col: number; cell: PlanCell }[]>();
  for (const c of model.cells) {
    if (c.style !== "computed") continue;
    const { row, col } = parseCell(c.address);
    byRow.set(row, [...(byRow.get(row) ?? []), { col, cell: planCell(c.value) }]);
  }
  const ops: Op[] = [];
  for (const [row, cells] of byRow) {
    cells.sort((a, b) => a.col - b.col);
    let start = 0;
    for (let i = 1; i <= cells.length; i++) {
      if (i < cells.length && cells[i].col === cells[i - 1].col + 1) continue;
      const run = cells.slice(start, i);
      const range = rangeAddress({ top: row, bottom: row, left: run[0].col, right: run[run.length - 1].col });
      ops.push({ op: "write", sheet, range, cells: [run.map((x) => x.cell)] });
      start = i;
    }
  }
  return ops;
}

export function planCohortImport(snap: Snapshot, imported: CohortRow[]): Planned<CohortImportReport> {
  const e = findTable(snap, COHORT_TABLE);
  const all = e ? merged(e, imported) : imported;
  const model = cohortModel(all);
  const upsert = planUpsert(snap, e ? cohortModel(imported) : model, COHORT_TABLE);
  const ops = [...upsert.ops];
  let resultsRefreshed = true;
  if (e) {
    // The results block's formulas point at rows by address: rewrite it only where the sheet still has it.
    const tl = parseCell(model.tables[0].topLeft);
    resultsRefreshed = tl.row === e.top && tl.col === e.left;
    if (resultsRefreshed) ops.push(...resultsWrites(e.sheet, model));
    ops.push({ op: "calculate" });
  }
  const used = all.filter((r) => !blankCohortRow(r));
  return {
    ops,
    result: {
      sheet: upsert.result.sheet,
      createdSheet: upsert.result.createdSheet,
      added: upsert.result.added.length,
      updated: upsert.result.updated.length,
      people: used.length,
      rowsToFix: used.filter((r) => cohortRowCheck(r) !== "").length,
      resultsRefreshed,
    },
  };
}
