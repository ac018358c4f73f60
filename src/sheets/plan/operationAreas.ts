/**
 * Saving the operation's long area lists into the Areas table of an
 * Operation sheet that exists: the table's Area code and Role columns are
 * rewritten from the top (rows appended when there are more areas, the rest
 * cleared when there are fewer), so a list moved back into its cell leaves no
 * rows behind to count twice. An Operation sheet made before the table gets
 * one where a new sheet has it, if those cells are free; otherwise the save
 * is refused, naming them.
 */
import type { SheetModel, TableModel } from "../model";
import { rangeAddress } from "../a1";
import { emptyRenames } from "../cells";
import { AREAS_TABLE } from "../specs/operationAreas";
import { PortError } from "./errors";
import type { Op, PlanCell } from "./ops";
import { emptyPhases, newTableOps, planCell, tableArea } from "./sheet";
import { findTable, type Snapshot, type WorkbookLists } from "./snapshot";
import { columnMap } from "./update";

const lower = (s: string) => s.toLowerCase();

const modelTable = (model: SheetModel): TableModel | undefined =>
  model.tables.find((t) => lower(t.name) === lower(AREAS_TABLE));

/** The sheet the Operation's own tables are on (it may have been renamed), else the model's name. */
const operationSheet = (lists: WorkbookLists, model: SheetModel): string =>
  lists.tables.find((t) => model.tables.some((m) => lower(m.name) === lower(t.name)))?.sheet ?? model.name;

/** What saving the areas must read: the table, or where a new one would go. */
export function areasRequest(model: SheetModel) {
  const t = modelTable(model);
  return {
    tables: [AREAS_TABLE],
    ranges: (lists: WorkbookLists) =>
      !t || lists.tables.some((x) => lower(x.name) === lower(AREAS_TABLE))
        ? []
        : [{ sheet: operationSheet(lists, model), address: rangeAddress(tableArea(t)) }],
  };
}

/** The ops that leave the workbook's Areas table holding the model's rows, and how many cells they write. */
export function planAreasTable(
  snap: Snapshot,
  model: SheetModel,
  sheet: string,
): { ops: Op[]; written: number } {
  const t = modelTable(model);
  const e = findTable(snap, AREAS_TABLE);
  if (e) return rewriteTable(e, t);
  if (!t) return { ops: [], written: 0 };
  const area = rangeAddress(tableArea(t));
  const read = snap.rangeData.find((r) => lower(r.sheet) === lower(sheet) && r.address === area);
  const where = `an Areas table at '${sheet}'!${area}`;
  if (!read)
    throw new PortError(
      `The area lists are too long for their cells, so they go in ${where}, but that sheet does not hold the ` +
        "Operation sheet's weight tables, so it was left alone. Insert a new Operation sheet, then save again.",
    );
  if (!read.formulas.every((row) => row.every((v) => v === null || v === "")))
    throw new PortError(
      `The area lists are too long for their cells, so they go in ${where}, but those cells are not empty. ` +
        "Move what is there, then save again.",
    );
  const phases = emptyPhases();
  newTableOps(t, sheet, emptyRenames(), phases);
  return {
    ops: [...phases.structure, ...phases.values, ...phases.formats],
    written: t.rows.length * t.columns.length,
  };
}

function rewriteTable(e: NonNullable<ReturnType<typeof findTable>>, t: TableModel | undefined) {
  const columns = [
    { key: "area", header: "Area code" },
    { key: "role", header: "Role" },
  ];
  const [areaCol, roleCol] = columnMap(e.headers, columns);
  if (areaCol < 0 || roleCol < 0)
    throw new PortError(
      `The Areas table (${e.name}) needs its "Area code" and "Role" columns. Put their headings back, then save again.`,
    );
  const rows: PlanCell[][] = (t?.rows ?? []).map((r) => [planCell(r[0]), planCell(r[1])]);
  const had = e.values.length;
  const ops: Op[] = [];
  // Over the rows there are, the model's areas first, then blanks where rows of a longer list were.
  const over = Math.min(had, Math.max(rows.length, lastFilled(e.values, areaCol, roleCol) + 1));
  if (over > 0) {
    const cells = Array.from({ length: over }, (_, i) => rows[i] ?? [null, null]);
    for (const [j, col] of [areaCol, roleCol].entries())
      ops.push({
        op: "write",
        sheet: e.sheet,
        range: rangeAddress({
          top: e.top + 1,
          bottom: e.top + over,
          left: e.left + col,
          right: e.left + col,
        }),
        cells: cells.map((r) => [r[j]]),
      });
  }
  if (rows.length > had)
    ops.push({
      op: "addTableRows",
      table: e.name,
      rows: rows.slice(had).map((r) => {
        const line: PlanCell[] = new Array(e.headers.length).fill(null);
        line[areaCol] = r[0];
        line[roleCol] = r[1];
        return line;
      }),
    });
  return { ops, written: rows.length * 2 };
}

/** The last body row with an area or a role in it, or −1. */
function lastFilled(values: readonly (readonly unknown[])[], a: number, b: number): number {
  for (let i = values.length - 1; i >= 0; i--)
    if (![values[i][a], values[i][b]].every((v) => v === null || v === undefined || v === "")) return i;
  return -1;
}
