/**
 * Making a computed sheet (the Summary) current: created when missing;
 * otherwise its formula cells and empty cells are rewritten from the model,
 * its tables grow to the model's row count and the workbook recalculates.
 * Anything the analyst typed over a formula is kept. A sheet of that name
 * without our tables is the analyst's own: it is left alone and a copy added.
 */
import { isFormulaCell, type SheetModel } from "../model";
import { parseCell, rangeAddress, type RangeRef } from "../a1";
import { emptyRenames, textKey } from "../cells";
import { planInsert } from "./insert";
import type { Op, PlanCell, Planned } from "./ops";
import { planCell } from "./sheet";
import { shiftFormulaRows } from "./shift";
import { findTable, hasSheet, type Snapshot, type SnapshotRequest, type WorkbookLists } from "./snapshot";

export interface RefreshReport {
  created: boolean;
  finalName: string;
  addedRows: number;
  keptValues: number;
}

/** The box around the model's formula cells, or null when it has none. */
function formulaBox(model: SheetModel): RangeRef | null {
  const refs = model.cells.filter((c) => isFormulaCell(c.value)).map((c) => parseCell(c.address));
  if (!refs.length) return null;
  return {
    top: Math.min(...refs.map((r) => r.row)),
    left: Math.min(...refs.map((r) => r.col)),
    bottom: Math.max(...refs.map((r) => r.row)),
    right: Math.max(...refs.map((r) => r.col)),
  };
}

export function refreshRequest(model: SheetModel): SnapshotRequest {
  const box = formulaBox(model);
  return {
    tables: model.tables.map((t) => t.name),
    ranges: (lists: WorkbookLists) =>
      box && hasSheet(lists, model.name) ? [{ sheet: model.name, address: rangeAddress(box) }] : [],
  };
}

const replaceable = (v: unknown) =>
  v === "" || v === null || v === undefined || (typeof v === "string" && v.startsWith("="));

export function planRefresh(snap: Snapshot, model: SheetModel): Planned<RefreshReport> {
  const lower = (s: string) => s.toLowerCase();
  const existing = snap.sheets.find((s) => lower(s) === lower(model.name));
  const tables = model.tables.map((t) => findTable(snap, t.name));
  const ours =
    existing !== undefined && tables.every((t) => t !== undefined && lower(t.sheet) === lower(existing));
  if (!existing || !ours) {
    const inserted = planInsert(snap, [model], "rename");
    const finalName = inserted.result.plans[0]?.finalName ?? model.name;
    return { ops: inserted.ops, result: { created: true, finalName, addedRows: 0, keptValues: 0 } };
  }
  const report: RefreshReport = { created: false, finalName: existing, addedRows: 0, keptValues: 0 };
  const ops: Op[] = [];
  const box = formulaBox(model);
  const current = snap.rangeData.find((r) => lower(r.sheet) === lower(existing));
  if (box && current) {
    for (const c of model.cells) {
      if (!isFormulaCell(c.value)) continue;
      const { row, col } = parseCell(c.address);
      if (!replaceable(current.formulas[row - box.top]?.[col - box.left])) {
        report.keptValues++;
        continue;
      }
      ops.push({
        op: "write",
        sheet: existing,
        range: c.address,
        cells: [[planCell(c.value, emptyRenames())]],
      });
    }
  }
  model.tables.forEach((t, ti) => {
    const e = tables[ti]!;
    const headers = e.headers.map(textKey);
    const colMap = t.columns.map((c) => headers.indexOf(textKey(c.header)));
    const shift = e.top - parseCell(t.topLeft).row;
    const cell = (v: (typeof t.rows)[number][number]): PlanCell => {
      const p = planCell(v ?? null);
      return p !== null && typeof p === "object" ? { ...p, formula: shiftFormulaRows(p.formula, shift) } : p;
    };
    const appended: PlanCell[][] = [];
    t.rows.forEach((r, i) => {
      if (i >= e.formulas.length) {
        const line: PlanCell[] = headers.map(() => null);
        colMap.forEach((k, j) => {
          if (k >= 0) line[k] = cell(r[j]);
        });
        appended.push(line);
        return;
      }
      colMap.forEach((k, j) => {
        const v = r[j] ?? null;
        if (k < 0 || !isFormulaCell(v)) return;
        if (!replaceable(e.formulas[i][k])) {
          report.keptValues++;
          return;
        }
        const at = { top: e.top + 1 + i, left: e.left + k, bottom: e.top + 1 + i, right: e.left + k };
        ops.push({ op: "write", sheet: e.sheet, range: rangeAddress(at), cells: [[cell(v)]] });
      });
    });
    if (appended.length) ops.push({ op: "addTableRows", table: e.name, rows: appended });
    report.addedRows += appended.length;
  });
  ops.push({ op: "calculate" });
  return { ops, result: report };
}
