/**
 * Argument readers shared by the functions over incident rows
 * (HARM.PERIODCOUNTS, HARM.HARMWDD, HARM.MONTHLYCOUNTS, HARM.VERDICT): area
 * lists, period bounds, the incident columns and the rule that a row which
 * could not be used fails the result.
 */
import { isAreasTablePointer } from "../core/areasTable";
import { parseAreaList, uniqueCodes } from "../core/areas";
import { isHarmError, valueError } from "../core/errors";
import { parseBound, REASON, type AreaSets, type CountAccounting, type Periods } from "../core/incidents";
import { isBlank, isExcelError, unwrapScalar } from "./excel";

/**
 * Area codes from a range (blank cells ignored) or cells of codes separated by
 * commas, semicolons or line breaks, read by the add-in's one rule
 * (src/core/areas.ts). Error and TRUE/FALSE cells are refused here, as only a
 * sheet can hold them.
 */
export function areaList(v: unknown, name: string, required: boolean): string[] {
  const parts: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x === null || x === undefined) return;
    else if (isExcelError(x)) throw valueError(`${name} contains an error value (${x.code}); fix that cell.`);
    else if (typeof x === "number" && Number.isFinite(x)) parts.push(String(x));
    else if (typeof x === "string") {
      // The Operation sheet's cell for a long list says where the list is; read as codes it would count nothing.
      if (isAreasTablePointer(x))
        throw valueError(
          `${name} is a cell that says the areas are in the Areas table; pass that table's codes instead, ` +
            `e.g. FILTER(HP_Areas[Area code],HP_Areas[Role]="Control").`,
        );
      parts.push(...parseAreaList(x));
    } else
      throw valueError(
        `${name} must list area codes as text; got ${typeof x === "boolean" ? x : "a value"}.`,
      );
  };
  walk(v);
  const codes = uniqueCodes(parts);
  if (required && codes.length === 0)
    throw valueError(
      `${name} is empty; select the cells that list the area codes, or type them separated by commas.`,
    );
  return codes;
}

/** Only the outer shape is checked up front: a per-row check would cost a pass over a million rows. */
function column(v: unknown, name: string): unknown[][] {
  if (!Array.isArray(v) || v.length === 0) throw valueError(`${name} is empty; select a column of cells.`);
  return v as unknown[][];
}

/** After an unexpected fault, finds the ragged column that caused it so the message says what to fix. */
function explainShape(cols: Record<string, unknown[] | undefined>): void {
  for (const [name, v] of Object.entries(cols)) {
    if (!v || !Array.isArray(v[0])) continue;
    for (let i = 0; i < v.length; i++) {
      const row = v[i];
      if (!Array.isArray(row) || row.length !== 1)
        throw valueError(`${name} must be a single column; select one column of cells.`);
    }
  }
}

const bound = (v: unknown, name: string, edge: "start" | "end"): number =>
  parseBound(unwrapScalar(v, name), name, edge);

/** beforeStart, beforeEnd, afterStart, afterEnd as Excel passes them: dates or yyyy-mm months. */
export function periodsFrom([beforeStart, beforeEnd, afterStart, afterEnd]: readonly unknown[]): Periods {
  return {
    beforeStart: bound(beforeStart, "beforeStart", "start"),
    beforeEnd: bound(beforeEnd, "beforeEnd", "end"),
    afterStart: bound(afterStart, "afterStart", "start"),
    afterEnd: bound(afterEnd, "afterEnd", "end"),
  };
}

export interface AreaArgs {
  targetAreas: unknown;
  bufferAreas: unknown;
  controlAreas: unknown;
}

/** The three area groups: target and control must list codes; the buffer may be blank. */
export const areaSets = (a: AreaArgs): AreaSets => ({
  target: areaList(a.targetAreas, "targetAreas", true),
  buffer: areaList(a.bufferAreas, "bufferAreas", false),
  control: areaList(a.controlAreas, "controlAreas", true),
});

export interface ColumnArgs {
  dates: unknown;
  areas: unknown;
  offenceTypes: unknown;
  /** Crime references (police.uk "Crime ID"): a repeated one is counted once. */
  ids?: unknown;
}

/** The incident columns; Excel's arrays go straight to the core: no flattening copies. */
export const incidentColumns = (
  a: ColumnArgs,
): { dates: unknown[][]; areas: unknown[][]; offenceTypes?: unknown[][]; ids?: unknown[][] } => ({
  dates: column(a.dates, "dates"),
  areas: column(a.areas, "areas"),
  offenceTypes: isBlank(a.offenceTypes) ? undefined : column(a.offenceTypes, "offenceTypes"),
  ...(isBlank(a.ids) ? {} : { ids: column(a.ids, "crimeIds") }),
});

/**
 * One core count over the columns: an unexpected fault is explained by the
 * ragged column that caused it, and unusable rows fail the result.
 */
export function counted<T extends CountAccounting>(
  cols: ReturnType<typeof incidentColumns>,
  count: () => T,
): T {
  let result: T;
  try {
    result = count();
  } catch (e) {
    if (!isHarmError(e)) explainShape(cols);
    throw e;
  }
  reportUnusableRows(result);
  return result;
}

/**
 * A cell can't list rejected rows, so any row that could not be read (bad or
 * blank date, error value, month straddling a period) fails the whole result
 * rather than leaving the counts silently short. Rows with no area code are
 * the exception: they belong to no area (police.uk "No Location" rows), so
 * they cannot change any count.
 */
export function reportUnusableRows(r: CountAccounting): void {
  const unusable = r.rejectedCount - (r.rejectedByReason[REASON.noArea] ?? 0);
  if (unusable <= 0) return;
  const first = r.rejected.find((x) => x.reason !== REASON.noArea);
  const where = first
    ? `row ${first.row} (${first.reason}${first.value ? `: '${first.value}'` : ""})`
    : "some rows";
  const more = unusable > 1 ? ` and ${unusable - 1} other row${unusable > 2 ? "s" : ""}` : "";
  throw valueError(
    `${where}${more} could not be used; fix or remove them, or use the task pane's evaluation, which lists every unusable row.`,
  );
}

/** A range of offence types or one cell listing them, separated by commas, semicolons or line breaks. */
export function offenceList(v: unknown): Set<string> {
  const types = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x === null || x === undefined) return;
    else if (isExcelError(x))
      throw valueError(`offenceFilter contains an error value (${x.code}); fix that cell.`);
    else
      for (const part of String(x).split(/[,;\r\n]+/)) {
        const t = part.trim();
        if (t !== "") types.add(t);
      }
  };
  walk(v);
  return types;
}
