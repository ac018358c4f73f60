/**
 * What Excel refuses, checked before a plan reaches it, so the analyst gets
 * a message that names the problem instead of a failed batch. The in-memory
 * workbook and the test fake of Excel apply the same rules.
 * (Excel specifications and limits; Office.js Worksheet.name, Table.name.)
 */
import { PortError } from "./errors";
import { parseRange } from "../a1";
import type { Op, PlanCell } from "./ops";

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384; // column XFD
export const MAX_CELL_TEXT = 32_767;
export const MAX_SHEET_NAME = 31;

/** Sheet names: 1–31 characters, none of : \ / ? * [ ], not starting or ending with an apostrophe. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === "") return "A sheet name cannot be blank.";
  if (name.length > MAX_SHEET_NAME)
    return `The sheet name "${name}" is ${name.length} characters long; Excel allows ${MAX_SHEET_NAME}.`;
  if (/[:\\/?*[\]]/.test(name))
    return `The sheet name "${name}" contains one of : \\ / ? * [ ], which Excel does not allow.`;
  if (name.startsWith("'") || name.endsWith("'"))
    return `The sheet name "${name}" starts or ends with an apostrophe, which Excel does not allow.`;
  return null;
}

export function checkSheetName(name: string): void {
  const p = sheetNameProblem(name);
  if (p) throw new PortError(p);
}

/**
 * Table and workbook names: start with a letter, _ or \, then letters,
 * digits, _ and .; at most 255 characters; not a cell reference (A1, R1C1)
 * and not the single letters C or R.
 */
export function definedNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 255)
    return `"${name}" is not a valid name: it must be 1 to 255 characters.`;
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name))
    return `"${name}" is not a valid name: use letters, digits, _ and ., starting with a letter or _.`;
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[CcRr]$/.test(name))
    return `"${name}" is not a valid name: it looks like a cell reference.`;
  return null;
}

export function checkTableName(name: string): void {
  const p = definedNameProblem(name);
  if (p) throw new PortError(p);
}

const textLength = (c: PlanCell): number =>
  c === null
    ? 0
    : typeof c === "string"
      ? c.length
      : typeof c === "object"
        ? Math.max(c.formula.length, typeof c.value === "string" ? c.value.length : 0)
        : 0;

const checkTexts = (cells: readonly PlanCell[], where: string): void => {
  for (const c of cells)
    if (textLength(c) > MAX_CELL_TEXT)
      throw new PortError(
        `A value for ${where} is longer than Excel's ${MAX_CELL_TEXT.toLocaleString("en-GB")} characters per cell.`,
      );
};

/**
 * Every op of a plan checked before it reaches Excel, so the analyst reads
 * what is wrong instead of a failed batch: names of new sheets, tables and
 * workbook names, the grid, and the length of each cell's text.
 */
export function checkPlan(ops: readonly Op[]): void {
  for (const o of ops) {
    if (o.op === "addSheet") checkSheetName(o.sheet);
    else if (o.op === "addTable" || o.op === "addName") checkTableName(o.name);
    else if (o.op === "addTableRows") for (const r of o.rows) checkTexts(r, `table ${o.table}`);
    else if (o.op === "addTableColumn") checkTexts(o.cells, `table ${o.table}`);
    checkOpLimits(o);
  }
}

/** One op within Excel's grid and cell limits; the grid of a write matches its range. */
export function checkOpLimits(o: Op): void {
  if (!("range" in o) || typeof o.range !== "string") return;
  const ref = parseRange(o.range);
  if (ref.bottom >= MAX_ROWS || ref.right >= MAX_COLUMNS)
    throw new PortError(`${o.range} is outside Excel's grid (last row 1,048,576, last column XFD).`);
  if (o.op === "write") {
    const rows = ref.bottom - ref.top + 1;
    const cols = ref.right - ref.left + 1;
    if (o.cells.length !== rows || o.cells.some((r) => r.length !== cols))
      throw new Error(`Plan error: ${o.range} is ${rows}×${cols} but ${o.cells.length} rows were given.`);
    for (const r of o.cells) checkTexts(r, `${o.sheet}!${o.range}`);
  }
}
