/**
 * Long area lists on the Operation sheet: a list too long to read in one
 * cell (and a force's "every other area" control, thousands of codes, is
 * longer than Excel's 32,767 characters) goes into the Areas table, one
 * area a row with its role, and its named cell (HP_ControlAreas…) says
 * "3,500 areas: see the Areas table". Short lists stay in their cells, as
 * in workbooks made before the table, which read as they always have.
 * Areas in the table count as well as those typed in the cells.
 */
import { parseAreaList, uniqueCodes } from "../../core/areas";
import { isAreasTablePointer } from "../../core/areasTable";
import type { Operation } from "../../core/operation";
import type { Scalar } from "../model";
import { PortError } from "../plan/errors";
import type { TableSnapshot } from "../plan/snapshot";
import { choiceColumn } from "./columns";
import type { BlockSpec } from "./layout";

export const AREAS_TABLE = "HP_Areas";

export type AreaField = "targetAreas" | "bufferAreas" | "controlAreas";

/** Each list and its role in the table, in the Operation sheet's order. */
export const AREA_ROLES: readonly { field: AreaField; role: string }[] = [
  { field: "targetAreas", role: "Target" },
  { field: "bufferAreas", role: "Buffer" },
  { field: "controlAreas", role: "Control" },
];

/** Longer lists go to the table: a cell of more than this is hard to read or edit (and Excel caps it). */
export const AREA_CELL_LIMIT = 255;

const joined = (areas: readonly string[]) => areas.filter((a) => a.trim() !== "").join("; ");

/** Whether a list is kept in the Areas table rather than in its cell. */
export const inAreasTable = (areas: readonly string[]): boolean => joined(areas).length > AREA_CELL_LIMIT;

/** What a list's named cell holds: the list itself, or where to find it. */
export function areaCellText(areas: readonly string[]): string {
  const text = joined(areas);
  if (text.length <= AREA_CELL_LIMIT) return text;
  const n = areas.filter((a) => a.trim() !== "").length;
  return `${n.toLocaleString("en-GB")} areas: see the Areas table`;
}

/** A cell that points at the table: it names no area itself. */
export const isAreasPointer = isAreasTablePointer;

/** The table's rows for `op`: every list too long for its cell, one area a row. */
export function areasTableRows(op: Operation): { area: string; role: string }[] {
  return AREA_ROLES.flatMap(({ field, role }) =>
    inAreasTable(op[field]) ? op[field].filter((a) => a.trim() !== "").map((area) => ({ area, role })) : [],
  );
}

/** The Areas table block, or none when every list fits its cell. */
export function areasBlock(op: Operation): BlockSpec | null {
  const rows = areasTableRows(op);
  if (rows.length === 0) return null;
  return {
    id: "areas",
    kind: "table",
    heading: "Areas (lists too long for one cell)",
    table: {
      name: AREAS_TABLE,
      columns: [
        {
          key: "area",
          header: "Area code",
          help: "One area a row, as in the incident data (e.g. an LSOA code).",
          width: 24,
        },
        choiceColumn(
          "role",
          "Role",
          "Target, Buffer or Control. These count as well as any areas typed in the cells above.",
          34,
          AREA_ROLES.map((r) => r.role),
        ),
      ],
      rows,
    },
  };
}

const text = (v: Scalar | undefined): string => (v === null || v === undefined ? "" : String(v).trim());

/**
 * Each list's areas from the table (none without one). A row with an area
 * but no known role is refused: it would otherwise be lost without a word.
 */
export function areasFromTable(t: TableSnapshot | undefined): Record<AreaField, string[]> {
  const out: Record<AreaField, unknown[]> = { targetAreas: [], bufferAreas: [], controlAreas: [] };
  if (t) {
    const heads = t.headers.map((h) => text(h).toLowerCase());
    const areaCol = heads.indexOf("area code");
    const roleCol = heads.indexOf("role");
    if (areaCol < 0 || roleCol < 0)
      throw new PortError(
        `The Areas table (${t.name}) needs its "Area code" and "Role" columns. Put their headings back, then try again.`,
      );
    t.values.forEach((r, i) => {
      const area = text(r[areaCol]);
      const role = text(r[roleCol]).toLowerCase();
      if (area === "" && role === "") return;
      const found = AREA_ROLES.find((x) => x.role.toLowerCase() === role);
      if (!found || area === "")
        throw new PortError(
          `The Areas table (${t.name}), row ${(i + 1).toLocaleString("en-GB")} of its body: ` +
            (area === ""
              ? "a role with no area code. Fill in the area or clear the row."
              : `the role must be Target, Buffer or Control. Correct it, then try again.`),
        );
      out[found.field].push(area);
    });
  }
  return {
    targetAreas: uniqueCodes(out.targetAreas),
    bufferAreas: uniqueCodes(out.bufferAreas),
    controlAreas: uniqueCodes(out.controlAreas),
  };
}

/** A list's areas from its cell text: none when the cell points at the table. */
export const areasFromCell = (cellText: string): string[] =>
  isAreasPointer(cellText) ? [] : parseAreaList(cellText);
