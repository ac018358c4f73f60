/**
 * Writing a model's named cells into the workbook wherever those names point
 * now (the analyst may have moved them): each name gets the model's cells
 * over its model range, formulas and stored values alike. Names missing from
 * the workbook, or whose cells were deleted, are skipped.
 */
import type { SheetModel } from "../model";
import { cellAddress, parseRange, rangeAddress } from "../a1";
import type { Op, PlanCell, Planned } from "./ops";
import { planCell } from "./sheet";
import type { NameSnapshot, Snapshot } from "./snapshot";

/** Writes `grid` where the name now points, from its top-left cell (the grid has the model range's shape). */
export function writeAtName(target: NameSnapshot, grid: PlanCell[][]): Op {
  const at = parseRange(target.address);
  const range = rangeAddress({
    top: at.top,
    left: at.left,
    bottom: at.top + grid.length - 1,
    right: at.left + (grid[0]?.length ?? 1) - 1,
  });
  return { op: "write", sheet: target.sheet, range, cells: grid };
}

/** Cells written; the request is `{ names }`. */
export function planWriteNames(snap: Snapshot, model: SheetModel, names: readonly string[]): Planned<number> {
  const lower = (s: string) => s.toLowerCase();
  const byAddress = new Map(model.cells.map((c) => [c.address, c]));
  const ops: Op[] = [];
  let written = 0;
  for (const name of names) {
    const m = model.names.find((x) => lower(x.name) === lower(name));
    const target = snap.nameData.find((d) => lower(d.name) === lower(name));
    if (!m || !target) continue;
    const from = parseRange(m.ref);
    const grid: PlanCell[][] = [];
    for (let r = from.top; r <= from.bottom; r++) {
      const line: PlanCell[] = [];
      for (let c = from.left; c <= from.right; c++)
        line.push(planCell(byAddress.get(cellAddress(r, c))?.value));
      grid.push(line);
    }
    ops.push(writeAtName(target, grid));
    written += grid.length * (grid[0]?.length ?? 0);
  }
  return { ops, result: written };
}
