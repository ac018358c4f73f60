/**
 * Reads an Operation back from the Operation sheet's workbook names (HP_*).
 * Names are matched case-insensitively; a workbook without HP_OperationName
 * has no Operation sheet, so the result is null.
 */
import { blankOperation, type Operation } from "../../core/operation";
import { serialToIso } from "../../core/incidents";
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

const first = (v: Scalar[][] | undefined): Scalar => (v && v[0] ? (v[0][0] ?? null) : null);

const text = (v: Scalar[][] | undefined): string => {
  const x = first(v);
  return x === null || x === undefined ? "" : String(x).trim();
};

/** A date cell: an Excel serial, or text already in yyyy-mm-dd. */
function isoDate(v: Scalar[][] | undefined): string {
  const x = first(v);
  if (typeof x === "number" && Number.isFinite(x) && x > 60) {
    try {
      return serialToIso(Math.floor(x));
    } catch {
      return "";
    }
  }
  if (typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x.trim())) return x.trim();
  return "";
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

export function operationFromNames(values: NamedValues): Operation | null {
  const get = (n: string) => values.get(n.toLowerCase());
  if (!get(OPERATION_NAMES.name)) return null;
  const op = blankOperation();
  op.name = text(get(OPERATION_NAMES.name));
  op.force = text(get(OPERATION_NAMES.force));
  op.analyst = text(get(OPERATION_NAMES.analyst));
  op.preparedOn = isoDate(get(OPERATION_NAMES.preparedOn));
  op.targetAreas = areas(get(OPERATION_NAMES.targetAreas));
  op.bufferAreas = areas(get(OPERATION_NAMES.bufferAreas));
  op.controlAreas = areas(get(OPERATION_NAMES.controlAreas));
  op.before = {
    start: isoDate(get(OPERATION_NAMES.beforeStart)),
    end: isoDate(get(OPERATION_NAMES.beforeEnd)),
  };
  op.after = { start: isoDate(get(OPERATION_NAMES.afterStart)), end: isoDate(get(OPERATION_NAMES.afterEnd)) };
  const notes = text(get(OPERATION_NAMES.notes));
  if (notes) op.notes = notes;
  return op;
}
