/**
 * Reads the JSON files the CLI accepts (an Operation, optionally Results
 * rows). The shape is checked here; what makes an operation valid (dates,
 * periods, areas, weights) is the core's one rule set, as in the task pane.
 */
import { uniqueCodes } from "../core/areas";
import { authorityAreas } from "../core/authorities";
import { isHarmError } from "../core/errors";
import { parseUserDate } from "../core/incidents/dates";
import {
  blankOperation,
  operationProblems,
  type HarmWeight,
  type Operation,
  type Period,
} from "../core/operation";
import type { OperationPurpose } from "../core/operation/validate";
import { weightTable } from "../core/weights";
import type { ResultsRow } from "../core/evaluation";

export class InputFileError extends Error {}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const shown = (v: unknown): string => {
  if (typeof v === "number") return String(v); // JSON would show Infinity (from 1e999) as null
  if (Array.isArray(v)) return "a list";
  if (isObject(v)) return "an object";
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

/** Longest text any field may hold: Excel's limit for one cell. */
const MAX_TEXT = 32_767;

function str(o: Json, key: string, where: string, required = false): string {
  const v = o[key];
  if (v === undefined && !required) return "";
  if (typeof v !== "string") throw new InputFileError(`${where}.${key} must be text (got ${shown(v)}).`);
  if (v.length > MAX_TEXT)
    throw new InputFileError(
      `${where}.${key} is ${v.length.toLocaleString("en-GB")} characters long; a cell holds at most 32,767.`,
    );
  return v;
}

function date(o: Json, key: string, where: string): string {
  const v = str(o, key, where);
  if (v === "") return "";
  const iso = parseUserDate(v);
  if (iso === null)
    throw new InputFileError(
      `${where}.${key} must be a real date written yyyy-mm-dd or dd/mm/yyyy, from 1900 on (got "${v}").`,
    );
  return iso;
}

function areas(o: Json, key: string, where: string): string[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
    throw new InputFileError(`${where}.${key} must be a list of area codes, e.g. ["W01001685"].`);
  return uniqueCodes(v);
}

function period(o: Json, key: string): Period {
  const v = o[key];
  if (v === undefined) return { start: "", end: "" };
  if (!isObject(v))
    throw new InputFileError(`operation.${key} must be { "start": "yyyy-mm-dd", "end": "yyyy-mm-dd" }.`);
  return { start: date(v, "start", `operation.${key}`), end: date(v, "end", `operation.${key}`) };
}

function weights(o: Json): HarmWeight[] {
  const v = o.harmWeights;
  if (v === undefined) return blankOperation().harmWeights;
  if (!Array.isArray(v))
    throw new InputFileError("operation.harmWeights must be a list of { offenceType, weight }.");
  v.forEach((w, i) => {
    if (!isObject(w))
      throw new InputFileError(`operation.harmWeights[${i}] must be { "offenceType": "...", "weight": 1 }.`);
    str(w, "offenceType", `operation.harmWeights[${i}]`, true);
    if (typeof w.weight !== "number" || !Number.isFinite(w.weight))
      throw new InputFileError(
        `operation.harmWeights[${i}].weight must be a number of 0 or more (got ${shown(w.weight)}).`,
      );
  });
  try {
    weightTable(v as { offenceType: string; weight: number }[], (i) => `operation.harmWeights[${i}]`);
  } catch (e) {
    if (isHarmError(e)) throw new InputFileError(e.message);
    throw e;
  }
  return (v as Json[]).map((w, i) => {
    const note = w.note === undefined ? undefined : str(w, "note", `operation.harmWeights[${i}]`);
    const base = { offenceType: String(w.offenceType), weight: w.weight as number };
    return note === undefined ? base : { ...base, note };
  });
}

/** Every field of operation.json, with what it holds: shown by --help. */
export const OPERATION_FIELDS: { key: string; shape: string }[] = [
  { key: "name", shape: 'text, required: "Operation Clearwater"' },
  { key: "force", shape: 'text: "Gwent Police"' },
  { key: "analyst", shape: 'text: "A. Analyst"' },
  { key: "preparedOn", shape: 'date: "2025-01-15" or "15/01/2025"' },
  { key: "targetAreas", shape: 'list of area codes: ["W01001685"]' },
  { key: "bufferAreas", shape: 'list of area codes: ["W01001601", "W01001603"]' },
  { key: "controlAreas", shape: "list of area codes; [] or left out = every other area in the data" },
  {
    key: "bufferAuthority",
    shape: 'evaluate only: "Torfaen" = every area of that authority in the data but the target',
  },
  {
    key: "controlAuthority",
    shape: 'evaluate only: "Torfaen" = every area of that authority in the data but the target and buffer',
  },
  { key: "before", shape: '{ "start": date, "end": date }: the before period' },
  { key: "after", shape: '{ "start": date, "end": date }: the after period' },
  { key: "harmWeights", shape: '[{ "offenceType": "Drugs", "weight": 1, "note": "source" }]' },
  { key: "notes", shape: "text" },
];

/** Checks a parsed operation.json; missing optional fields take the blank template's values. */
export function parseOperation(data: unknown, purpose: OperationPurpose = "save"): Operation {
  if (!isObject(data)) throw new InputFileError("The operation file must hold one JSON object.");
  const allowed = OPERATION_FIELDS.map((f) => f.key);
  const unknown = Object.keys(data).filter((k) => !allowed.includes(k));
  if (unknown.length > 0)
    throw new InputFileError(
      `Unknown field(s) in the operation file: ${unknown.join(", ")}. Allowed: ${allowed.join(", ")}.`,
    );
  const op: Operation = {
    name: str(data, "name", "operation", true),
    force: str(data, "force", "operation"),
    analyst: str(data, "analyst", "operation"),
    preparedOn: date(data, "preparedOn", "operation"),
    targetAreas: areas(data, "targetAreas", "operation"),
    bufferAreas: areas(data, "bufferAreas", "operation"),
    controlAreas: areas(data, "controlAreas", "operation"),
    before: period(data, "before"),
    after: period(data, "after"),
    harmWeights: weights(data),
  };
  if (data.notes !== undefined) op.notes = str(data, "notes", "operation");
  const byName = authorities(data);
  if (purpose !== "evaluate" && (byName.buffer || byName.control))
    throw new InputFileError(
      "operation.bufferAuthority and controlAuthority pick areas from incident data: use them with harm-planner evaluate --data.",
    );
  // A template may leave the periods blank; anything filled in must still make sense.
  const problems = operationProblems(op, purpose).filter(
    (p) => purpose !== "save" || !/^Enter both dates/.test(p) || isFilled(op),
  );
  if (problems.length) throw new InputFileError(`The operation file has problems: ${problems.join(" ")}`);
  return op;
}

/** The authorities operation.json names for the buffer and control ("" when none). */
function authorities(data: Json): { buffer: string; control: string } {
  return {
    buffer: str(data, "bufferAuthority", "operation").trim(),
    control: str(data, "controlAuthority", "operation").trim(),
  };
}

/** The authorities operation.json picks its buffer and control by (areas only the data's names can list). */
export const namedAuthorities = (data: unknown): { buffer: string; control: string } =>
  authorities(data as Json);

/**
 * The operation with operation.json's bufferAuthority and controlAuthority
 * added to its buffer and control: every area of the authority in the data,
 * less the target (and, for the control, the buffer).
 */
export function withAuthorities(
  op: Operation,
  data: unknown,
  byAuthority: ReadonlyMap<string, readonly string[]>,
): Operation {
  const wanted = authorities(data as Json);
  const areasOf = (key: "bufferAuthority" | "controlAuthority", authority: string, taken: string[]) => {
    try {
      const found = authorityAreas(byAuthority, authority, taken);
      if (found.length === 0)
        throw new InputFileError(
          `operation.${key}: every area of ${authority} in the data is already in the target${key === "controlAuthority" ? " or buffer" : ""}.`,
        );
      return found;
    } catch (e) {
      if (isHarmError(e)) throw new InputFileError(`operation.${key}: ${e.message}`);
      throw e;
    }
  };
  let out = op;
  if (wanted.buffer) {
    const more = areasOf("bufferAuthority", wanted.buffer, op.targetAreas);
    out = { ...out, bufferAreas: uniqueCodes([...out.bufferAreas, ...more]) };
  }
  if (wanted.control) {
    const more = areasOf("controlAuthority", wanted.control, [...out.targetAreas, ...out.bufferAreas]);
    out = { ...out, controlAreas: uniqueCodes([...out.controlAreas, ...more]) };
  }
  return out;
}

const isFilled = (op: Operation) =>
  [op.before.start, op.before.end, op.after.start, op.after.end].some(Boolean);

function count(o: Json, key: string, where: string): { before: number; after: number } {
  const v = o[key];
  if (!isObject(v)) throw new InputFileError(`${where}.${key} must be { "before": n, "after": n }.`);
  for (const k of ["before", "after"] as const) {
    const n = v[k];
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0)
      throw new InputFileError(`${where}.${key}.${k} must be a count of 0 or more (got ${shown(n)}).`);
  }
  return { before: v.before as number, after: v.after as number };
}

/** Checks a parsed results.json: a list of { measure, harm?, target, buffer?, control, note? }. */
export function parseResults(data: unknown): ResultsRow[] {
  if (!Array.isArray(data)) throw new InputFileError("The results file must hold a JSON list of rows.");
  return data.map((r, i) => {
    const where = `results[${i}]`;
    if (!isObject(r)) throw new InputFileError(`${where} must be an object.`);
    const row: ResultsRow = {
      measure: str(r, "measure", where, true),
      target: count(r, "target", where),
      control: count(r, "control", where),
    };
    if (r.harm !== undefined) row.harm = str(r, "harm", where);
    if (r.buffer !== undefined) row.buffer = count(r, "buffer", where);
    if (r.note !== undefined) row.note = str(r, "note", where);
    return row;
  });
}
