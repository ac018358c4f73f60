/**
 * Reads and checks the JSON files the CLI accepts (an Operation, and
 * optionally Results rows), with messages that say which field is wrong.
 */
import { blankOperation, type HarmWeight, type Operation, type Period } from "../core/operation";
import type { ResultsRow } from "../sheets/build";

export class InputFileError extends Error {}

type Json = Record<string, unknown>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function str(o: Json, key: string, where: string, required = false): string {
  const v = o[key];
  if (v === undefined && !required) return "";
  if (typeof v !== "string")
    throw new InputFileError(`${where}.${key} must be text (got ${JSON.stringify(v)}).`);
  return v;
}

function date(o: Json, key: string, where: string): string {
  const v = str(o, key, where);
  if (v !== "" && (!ISO_DATE.test(v) || Number.isNaN(Date.parse(v))))
    throw new InputFileError(`${where}.${key} must be a date written yyyy-mm-dd (got "${v}").`);
  return v;
}

function strings(o: Json, key: string, where: string): string[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
    throw new InputFileError(`${where}.${key} must be a list of area names, e.g. ["E01000001"].`);
  return v as string[];
}

function period(o: Json, key: string): Period {
  const v = o[key];
  if (v === undefined) return { start: "", end: "" };
  if (!isObject(v))
    throw new InputFileError(`operation.${key} must be { "start": "yyyy-mm-dd", "end": "yyyy-mm-dd" }.`);
  const p = { start: date(v, "start", `operation.${key}`), end: date(v, "end", `operation.${key}`) };
  if (p.start && p.end && p.start > p.end)
    throw new InputFileError(`operation.${key} starts (${p.start}) after it ends (${p.end}).`);
  return p;
}

function weights(o: Json): HarmWeight[] {
  const v = o.harmWeights;
  if (v === undefined) return blankOperation().harmWeights;
  if (!Array.isArray(v))
    throw new InputFileError("operation.harmWeights must be a list of { offenceType, weight }.");
  return v.map((w, i) => {
    const where = `operation.harmWeights[${i}]`;
    if (!isObject(w)) throw new InputFileError(`${where} must be { "offenceType": "...", "weight": 1 }.`);
    const offenceType = str(w, "offenceType", where, true);
    if (typeof w.weight !== "number" || !Number.isFinite(w.weight) || w.weight < 0)
      throw new InputFileError(
        `${where}.weight must be a number of 0 or more (got ${JSON.stringify(w.weight)}).`,
      );
    const note = w.note === undefined ? undefined : str(w, "note", where);
    return note === undefined ? { offenceType, weight: w.weight } : { offenceType, weight: w.weight, note };
  });
}

const OPERATION_FIELDS = [
  "name",
  "force",
  "analyst",
  "preparedOn",
  "targetAreas",
  "bufferAreas",
  "controlAreas",
  "before",
  "after",
  "harmWeights",
  "notes",
];

/** Checks a parsed operation.json; missing optional fields take the blank template's values. */
export function parseOperation(data: unknown): Operation {
  if (!isObject(data)) throw new InputFileError("The operation file must hold one JSON object.");
  const unknown = Object.keys(data).filter((k) => !OPERATION_FIELDS.includes(k));
  if (unknown.length > 0)
    throw new InputFileError(
      `Unknown field(s) in the operation file: ${unknown.join(", ")}. Allowed: ${OPERATION_FIELDS.join(", ")}.`,
    );
  const name = str(data, "name", "operation", true);
  if (name.trim() === "") throw new InputFileError("operation.name must not be empty.");
  const op: Operation = {
    name,
    force: str(data, "force", "operation"),
    analyst: str(data, "analyst", "operation"),
    preparedOn: date(data, "preparedOn", "operation"),
    targetAreas: strings(data, "targetAreas", "operation"),
    bufferAreas: strings(data, "bufferAreas", "operation"),
    controlAreas: strings(data, "controlAreas", "operation"),
    before: period(data, "before"),
    after: period(data, "after"),
    harmWeights: weights(data),
  };
  if (data.notes !== undefined) op.notes = str(data, "notes", "operation");
  return op;
}

function count(o: Json, key: string, where: string): { before: number; after: number } {
  const v = o[key];
  if (!isObject(v)) throw new InputFileError(`${where}.${key} must be { "before": n, "after": n }.`);
  for (const k of ["before", "after"] as const) {
    const n = v[k];
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0)
      throw new InputFileError(
        `${where}.${key}.${k} must be a count of 0 or more (got ${JSON.stringify(n)}).`,
      );
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
