/**
 * Saving the operation: the first time, the Operation sheet is created;
 * afterwards only its named input cells (HP_OperationName, HP_TargetAreas…)
 * are written, wherever the analyst has moved them, and its Areas table when
 * a list is too long for its cell (operationAreas.ts). Nothing else on the
 * sheet changes.
 */
import { isFormulaCell, type SheetModel } from "../model";
import { cellAddress, parseRange } from "../a1";
import { planInsert } from "./insert";
import { writeAtName } from "./named";
import type { Op, PlanCell, Planned } from "./ops";
import type { Snapshot, SnapshotRequest } from "./snapshot";
import { areasRequest, planAreasTable } from "./operationAreas";

export interface SaveOperationReport {
  created: boolean;
  written: number;
}

export const operationRequest = (model: SheetModel): SnapshotRequest => ({
  names: model.names.map((n) => n.name),
  ...areasRequest(model),
});

export function planWriteOperation(snap: Snapshot, model: SheetModel): Planned<SaveOperationReport> {
  const lower = (s: string) => s.toLowerCase();
  const existing = new Set(snap.names.map((n) => lower(n.name)));
  const present = model.names.filter((n) => existing.has(lower(n.name)));
  if (present.length === 0) {
    const inserted = planInsert(snap, [model], "rename");
    return { ops: inserted.ops, result: { created: true, written: model.names.length } };
  }
  const byAddress = new Map(model.cells.map((c) => [c.address, c]));
  const ops: Op[] = [];
  let written = 0;
  for (const n of present) {
    // A name whose cells were deleted (=#REF!) has no range: it is skipped, never written.
    const target = snap.nameData.find((d) => lower(d.name) === lower(n.name));
    if (!target) continue;
    const from = parseRange(n.ref);
    const grid: PlanCell[][] = [];
    let inputsOnly = true;
    for (let r = from.top; r <= from.bottom; r++) {
      const line: PlanCell[] = [];
      for (let c = from.left; c <= from.right; c++) {
        const cell = byAddress.get(cellAddress(r, c));
        if (cell && (cell.style !== "input" || isFormulaCell(cell.value))) inputsOnly = false;
        line.push(cell && !isFormulaCell(cell.value) ? cell.value : null);
      }
      grid.push(line);
    }
    if (!inputsOnly) continue; // only the operation's own input cells are written
    ops.push(writeAtName(target, grid));
    written += grid.length * (grid[0]?.length ?? 0);
  }
  // The Areas table goes on the sheet that holds the operation's name.
  const sheet = snap.nameData.find((d) => lower(d.name) === lower(present[0].name))?.sheet ?? model.name;
  const areas = planAreasTable(snap, model, sheet);
  return { ops: [...ops, ...areas.ops], result: { created: false, written: written + areas.written } };
}
