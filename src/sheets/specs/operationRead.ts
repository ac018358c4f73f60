/**
 * Reads an Operation back from the Operation sheet's named cells (HP_…) and
 * its Areas table (long area lists: operationAreas.ts). A workbook without
 * HP_OperationName has no Operation sheet: null. A hand-edited sheet that
 * would give a silently wrong operation (a name that lost its cells, an
 * error value, a period date that is not a date, a cell that points at an
 * Areas table that is gone) is refused with a message naming the cell.
 */
import { blankOperation, type Operation } from "../../core/operation";
import { uniqueCodes } from "../../core/areas";
import { isErrorValue, parseDateCell, serialToIso } from "../../core/incidents";
import type { Scalar } from "../model";
import { PortError } from "../plan/errors";
import { findTable, type Snapshot, type SnapshotRequest } from "../plan/snapshot";
import { OPERATION_CELLS, OPERATION_NAMES, type OperationCellField } from "./operation";
import { AREA_ROLES, AREAS_TABLE, areasFromCell, areasFromTable, isAreasPointer } from "./operationAreas";

export const operationNamesRequest = {
  names: OPERATION_CELLS.map((c) => c.name),
  tables: [AREAS_TABLE],
} satisfies SnapshotRequest;

const lower = (s: string) => s.toLowerCase();
const first = (v: Scalar[][] | undefined): Scalar => (v && v[0] ? (v[0][0] ?? null) : null);
const text = (v: Scalar[][] | undefined): string => {
  const x = first(v);
  return x === null || x === undefined ? "" : String(x).trim();
};

/** An operation date: an Excel serial, yyyy-mm-dd, dd/mm/yyyy or a yyyy-mm month; "" when blank; null when not a date. */
function dateOf(v: Scalar[][] | undefined, edge: "start" | "end"): string | null {
  const x = first(v);
  if (x === null || x === undefined || (typeof x === "string" && x.trim() === "")) return "";
  const span = parseDateCell(typeof x === "string" ? x.trim() : x);
  if (!span) return null;
  try {
    return serialToIso(edge === "start" ? span.start : span.end);
  } catch {
    return null;
  }
}

/** Every non-blank cell of the range, one line each (a named cell is usually one cell). */
const cellText = (v: Scalar[][] | undefined): string =>
  (v ?? [])
    .flat()
    .filter((c) => c !== null && c !== "")
    .map(String)
    .join("\n");

export function operationFromSnapshot(snap: Snapshot): Operation | null {
  const values = new Map(snap.nameData.map((d) => [lower(d.name), d.values]));
  const addresses = new Map(
    snap.nameData.map((d) => [lower(d.name), `'${d.sheet.replace(/'/g, "''")}'!${d.address}`]),
  );
  const broken = new Set(snap.names.filter((n) => n.kind === "error").map((n) => lower(n.name)));
  const get = (f: OperationCellField) => values.get(lower(OPERATION_NAMES[f]));
  if (!get("name") && !broken.has(lower(OPERATION_NAMES.name))) return null;
  const label = (f: OperationCellField) => OPERATION_CELLS.find((c) => c.field === f)!.label;
  const where = (f: OperationCellField): string => {
    const address = addresses.get(lower(OPERATION_NAMES[f]));
    return `${address ?? `The Operation sheet's ${OPERATION_NAMES[f]} cell`} (${label(f)})`;
  };
  for (const c of OPERATION_CELLS) {
    if (broken.has(lower(c.name)))
      throw new PortError(
        `The workbook name ${c.name} (${c.label}) no longer points at a cell: its row or column may have been deleted. ` +
          `Define it again in Formulas > Name Manager, or rename the Operation sheet and insert a fresh one.`,
      );
    const bad = get(c.field)
      ?.flat()
      .find((v) => isErrorValue(v));
    if (bad !== undefined)
      throw new PortError(`${where(c.field)} shows ${String(bad)}. Correct that cell, then try again.`);
  }
  const date = (f: "preparedOn" | "beforeStart" | "beforeEnd" | "afterStart" | "afterEnd"): string => {
    const iso = dateOf(get(f), f.endsWith("End") ? "end" : "start");
    if (iso !== null) return iso;
    if (f === "preparedOn") return ""; // informational only; never blocks an evaluation
    throw new PortError(`${where(f)} holds '${text(get(f))}', which is not a date. Enter it as dd/mm/yyyy.`);
  };
  const op = blankOperation();
  op.name = text(get("name"));
  op.force = text(get("force"));
  op.analyst = text(get("analyst"));
  op.preparedOn = date("preparedOn");
  const table = findTable(snap, AREAS_TABLE);
  if (!table && snap.tables.some((t) => lower(t.name) === lower(AREAS_TABLE)))
    throw new Error(`Read the ${AREAS_TABLE} table with the operation's names (operationNamesRequest).`);
  const fromTable = areasFromTable(table);
  for (const { field } of AREA_ROLES) {
    const typed = cellText(get(field));
    if (isAreasPointer(typed) && !table)
      throw new PortError(
        `${where(field)} says '${typed.trim()}', but the workbook has no Areas table (${AREAS_TABLE}) any more. ` +
          "Type the areas into that cell, or save the operation again from the pane.",
      );
    op[field] = uniqueCodes([...areasFromCell(typed), ...fromTable[field]]);
  }
  op.before = { start: date("beforeStart"), end: date("beforeEnd") };
  op.after = { start: date("afterStart"), end: date("afterEnd") };
  const notes = text(get("notes"));
  if (notes) op.notes = notes;
  return op;
}
