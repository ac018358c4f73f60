/**
 * Insert into active cell (the Functions step): on a row of the Results
 * table, a HARM function whose arguments are counts gets that row's cells
 * (=HARM.WDQ(HP_Results[@[Target before]],…), or [@[Target before]] inside
 * the table) and the operation's period lengths where it takes them, so it
 * works out that row's figure; anywhere else, its worked example.
 */
import { RESULTS_COLUMNS } from "../sheets/specs/results";
import { LENGTH_NAMES } from "../sheets/specs/operation";
import type { Snapshot, TableSnapshot } from "../sheets/plan/snapshot";
import type { WorkbookPort } from "../workbook/port";
import { insertAtActiveCell, type ActiveCell } from "./tables";
import { parseCell } from "../sheets/a1";

/** The Results table's name, and that of a renamed copy's (HP_Results2…). */
const RESULTS_TABLE = /^HP_Results\d*$/i;

/** The Results column that feeds each argument, by the argument's name in the function's metadata. */
const FROM_ROW: Record<string, string> = {
  targetBefore: "tBefore",
  targetAfter: "tAfter",
  bufferBefore: "bBefore",
  bufferAfter: "bAfter",
  controlBefore: "cBefore",
  controlAfter: "cAfter",
  // One area's before and after (change, Poisson Z, E-test, rate ratio): the target's.
  before: "tBefore",
  after: "tAfter",
  count1: "tBefore",
  count2: "tAfter",
  countBefore: "tBefore",
  countAfter: "tAfter",
};

/** The Operation sheet's period lengths, for arguments that take them, as the Results sheet uses them. */
const LENGTHS: Record<string, string> = {
  beforeLength: LENGTH_NAMES.before,
  afterLength: LENGTH_NAMES.after,
  exposure1: LENGTH_NAMES.before,
  exposure2: LENGTH_NAMES.after,
  exposureBefore: LENGTH_NAMES.before,
  exposureAfter: LENGTH_NAMES.after,
};

export interface FunctionToInsert {
  /** "HARM.WDQ" */
  id: string;
  /** The worked example, inserted anywhere but a Results row. */
  example: string;
  /** Its arguments in order, as in src/functions/metadata.ts. */
  parameters: readonly { name: string; optional: boolean }[];
}

/** A column name in a structured reference: ' [ ] and # are escaped with '. */
const column = (header: string) => `[${header.replace(/['[\]#]/g, "'$&")}]`;

/** The Results table whose data rows hold the active cell. */
function resultsRowAt(snap: Snapshot, at: ActiveCell): TableSnapshot | null {
  let cell: { row: number; col: number };
  try {
    cell = parseCell(at.address);
  } catch {
    return null;
  }
  const t = snap.tableData.find(
    (x) =>
      x.sheet.toLowerCase() === at.sheet.toLowerCase() &&
      RESULTS_TABLE.test(x.name) &&
      cell.row > x.top &&
      cell.row <= x.top + x.values.length,
  );
  return t ?? null;
}

/**
 * The formula for a Results row: every argument the row (or the operation's
 * lengths) can give, "" for an optional one it cannot before one it can;
 * null when a required argument has no cell on the row.
 */
export function rowFormula(
  fn: FunctionToInsert,
  table: Pick<TableSnapshot, "name" | "left" | "headers">,
  col: number,
  workbookNames: ReadonlySet<string>,
): string | null {
  const inside = col >= table.left && col < table.left + table.headers.length;
  const prefix = inside ? "" : table.name;
  const headers = table.headers.map((h) => String(h ?? ""));
  const args = fn.parameters.map((p) => {
    const key = FROM_ROW[p.name];
    const header = key ? RESULTS_COLUMNS.find((c) => c.key === key)?.header : undefined;
    if (header && headers.includes(header)) return `${prefix}[@${column(header)}]`;
    const name = LENGTHS[p.name];
    if (name && workbookNames.has(name.toLowerCase())) return name;
    return null;
  });
  if (fn.parameters.some((p, i) => !p.optional && args[i] === null)) return null;
  if (!args.some((a) => a !== null && a.includes("[@"))) return null;
  while (args.length && args[args.length - 1] === null) args.pop();
  return `=${fn.id}(${args.map((a) => a ?? "").join(",")})`;
}

/** Inserts `fn` into the active cell (which must be empty): with the row's cells on a Results row, else its example. */
export function insertFunction(
  port: WorkbookPort,
  fn: FunctionToInsert,
): Promise<{ where: string; formula: string }> {
  return insertAtActiveCell(
    port,
    { tables: (lists) => lists.tables.filter((t) => RESULTS_TABLE.test(t.name)).map((t) => t.name) },
    (snap, at) => {
      const table = resultsRowAt(snap, at);
      if (!table) return fn.example;
      const names = new Set(snap.names.filter((n) => n.kind === "range").map((n) => n.name.toLowerCase()));
      return rowFormula(fn, table, parseCell(at.address).col, names) ?? fn.example;
    },
  );
}
