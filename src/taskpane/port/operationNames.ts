/**
 * Reads an Operation back from the Operation sheet's workbook names (HP_*).
 * Names are matched case-insensitively; a workbook without HP_OperationName
 * has no Operation sheet, so the result is null.
 */
import { blankOperation, type Operation } from "../../core/operation";
import { isErrorValue, parseDateCell, serialToIso } from "../../core/incidents";
import { PortError } from "./types";
import type { Scalar } from "../../sheets/model";

export type NamedValues = Map<string, Scalar[][]>; // lower-case name → values

/** The Operation sheet's names for each field. Kept in step with src/sheets/specs (operation spec). */
export const OPERATION_NAMES = {
  name: "HP_OperationName",
  force: "HP_Force",
  analyst: "HP_Analyst",
  preparedOn: "HP_PreparedOn",
  targetAreas: "HP_TargetAreas",
  bufferAreas: "HP_BufferAreas",
  controlAreas: "HP_ControlAreas",
  beforeStart: "HP_BeforeStart",
  beforeEnd: "HP_BeforeEnd",
  afterStart: "HP_AfterStart",
  afterEnd: "HP_AfterEnd",
  notes: "HP_Notes",
} as const;

/** Field labels as the Operation sheet shows them, for messages that name the cell. */
const LABELS: Record<keyof typeof OPERATION_NAMES, string> = {
  name: "Operation name",
  force: "Force or area",
  analyst: "Analyst",
  preparedOn: "Prepared on",
  targetAreas: "Target areas",
  bufferAreas: "Buffer areas",
  controlAreas: "Control areas",
  beforeStart: "Before period: start",
  beforeEnd: "Before period: end",
  afterStart: "After period: start",
  afterEnd: "After period: end",
  notes: "Notes",
};

/** Where each name points, and which names exist but no longer point at cells (e.g. =#REF!). */
export interface NameInfo {
  addresses?: ReadonlyMap<string, string>; // lower-case name → "Operation!B14"
  broken?: ReadonlySet<string>; // lower-case names
}

const first = (v: Scalar[][] | undefined): Scalar => (v && v[0] ? (v[0][0] ?? null) : null);

const text = (v: Scalar[][] | undefined): string => {
  const x = first(v);
  return x === null || x === undefined ? "" : String(x).trim();
};

/** Reads an operation date: an Excel serial, yyyy-mm-dd, dd/mm/yyyy or a yyyy-mm month. */
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

/** An area list: every non-blank cell of the range, each split on commas/semicolons. */
function areas(v: Scalar[][] | undefined): string[] {
  if (!v) return [];
  const out: string[] = [];
  for (const row of v)
    for (const cell of row) {
      if (cell === null || cell === undefined || cell === "") continue;
      for (const part of String(cell).split(/[,;\n]/)) {
        const t = part.trim();
        if (t && !out.includes(t)) out.push(t);
      }
    }
  return out;
}

/**
 * Builds the Operation from the named cells. A hand-edited sheet that would
 * give a silently wrong operation (a name that lost its cell, an error value,
 * a period date that is not a date) is refused with a message naming the cell.
 */
export function operationFromNames(values: NamedValues, info: NameInfo = {}): Operation | null {
  const get = (n: string) => values.get(n.toLowerCase());
  if (!get(OPERATION_NAMES.name) && !info.broken?.has(OPERATION_NAMES.name.toLowerCase())) return null;
  const where = (field: keyof typeof OPERATION_NAMES): string => {
    const address = info.addresses?.get(OPERATION_NAMES[field].toLowerCase());
    return `${address ?? `The Operation sheet's ${OPERATION_NAMES[field]} cell`} (${LABELS[field]})`;
  };
  for (const field of Object.keys(OPERATION_NAMES) as (keyof typeof OPERATION_NAMES)[]) {
    const name = OPERATION_NAMES[field];
    if (info.broken?.has(name.toLowerCase()))
      throw new PortError(
        `The workbook name ${name} (${LABELS[field]}) no longer points at a cell: its row or column may have been deleted. ` +
          `Define it again in Formulas > Name Manager, or rename the Operation sheet and insert a fresh one.`,
      );
    const bad = get(name)
      ?.flat()
      .find((c) => isErrorValue(c));
    if (bad !== undefined)
      throw new PortError(`${where(field)} shows ${String(bad)}. Correct that cell, then try again.`);
  }
  const date = (field: "preparedOn" | "beforeStart" | "beforeEnd" | "afterStart" | "afterEnd"): string => {
    const iso = dateOf(get(OPERATION_NAMES[field]), field.endsWith("End") ? "end" : "start");
    if (iso !== null) return iso;
    if (field === "preparedOn") return ""; // informational only; never blocks an evaluation
    throw new PortError(
      `${where(field)} holds '${text(get(OPERATION_NAMES[field]))}', which is not a date. Enter it as dd/mm/yyyy.`,
    );
  };
  const op = blankOperation();
  op.name = text(get(OPERATION_NAMES.name));
  op.force = text(get(OPERATION_NAMES.force));
  op.analyst = text(get(OPERATION_NAMES.analyst));
  op.preparedOn = date("preparedOn");
  op.targetAreas = areas(get(OPERATION_NAMES.targetAreas));
  op.bufferAreas = areas(get(OPERATION_NAMES.bufferAreas));
  op.controlAreas = areas(get(OPERATION_NAMES.controlAreas));
  op.before = { start: date("beforeStart"), end: date("beforeEnd") };
  op.after = { start: date("afterStart"), end: date("afterEnd") };
  const notes = text(get(OPERATION_NAMES.notes));
  if (notes) op.notes = notes;
  return op;
}
