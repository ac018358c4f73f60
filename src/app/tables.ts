/** Use cases around the workbook's own tables: listing them as incident sources, putting a formula in a cell. */
import { PortError } from "../sheets/plan/errors";
import type { Snapshot, SnapshotRequest } from "../sheets/plan/snapshot";
import type { WorkbookPort } from "../workbook/port";
import { thenActivate } from "./activate";

export interface TableInfo {
  name: string;
  sheet: string;
  /** Data rows, not counting the header. */
  rows: number;
}

/** Every table in the workbook with its size, in workbook order. */
export async function listTables(port: WorkbookPort): Promise<TableInfo[]> {
  const snap = await port.read({ tableRows: true });
  return snap.tables.map((t) => ({ ...t, rows: snap.tableRows?.get(t.name.toLowerCase()) ?? 0 }));
}

/** Harm Planner's own tables (HP_Results, HP_HarmWeights…) are never incident data. */
export const isOwnTable = (name: string): boolean => /^HP_/i.test(name);

/** The tables that can hold incident data: every table but Harm Planner's own. */
export async function incidentTables(port: WorkbookPort): Promise<TableInfo[]> {
  return (await listTables(port)).filter((t) => !isOwnTable(t.name));
}

/** Puts `formula` in the active cell, which must be empty (never overwrite); returns where it went. */
export async function insertFormula(port: WorkbookPort, formula: string): Promise<string> {
  return (await insertAtActiveCell(port, {}, () => formula)).where;
}

export type ActiveCell = NonNullable<Snapshot["activeCell"]>;

/**
 * Puts a formula in the active cell, which must be empty (never overwrite),
 * chosen from the cell and what `request` reads with it; says where it went and what.
 */
export function insertAtActiveCell(
  port: WorkbookPort,
  request: SnapshotRequest,
  choose: (snap: Snapshot, at: ActiveCell) => string,
): Promise<{ where: string; formula: string }> {
  return port.change({ ...request, activeCell: true }, (snap) => {
    const at = snap.activeCell;
    if (!at) throw new PortError("The workbook has no sheets yet. Insert the Harm Planner sheets first.");
    const where = `${at.sheet}!${at.address}`;
    if (at.formula !== "" && at.formula !== null)
      throw new PortError(`${where} is not empty. Select an empty cell, then try again.`);
    const formula = choose(snap, at);
    return thenActivate(
      {
        ops: [{ op: "write", sheet: at.sheet, range: at.address, cells: [[{ formula, value: null }]] }],
        result: { where, formula },
      },
      at.sheet,
    );
  });
}
