/**
 * Test helpers for the sheet specs: find tables and cells in SheetModels,
 * parse the references out of formulas, and load a workbook of SheetModels
 * into HyperFormula (dev-only GPL engine) to evaluate the native formulas.
 */
import { HyperFormula, type RawCellContent } from "hyperformula";
import { isFormulaCell, type CellInput, type SheetModel, type TableModel } from "../../../src/sheets/model";
import { cellAddress, parseCell, parseRange } from "../../../src/sheets/a1";

export function sheet(models: SheetModel[], key: string): SheetModel {
  const s = models.find((m) => m.key === key);
  if (!s) throw new Error(`no sheet ${key}`);
  return s;
}

export function table(model: SheetModel, name: string): TableModel {
  const t = model.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} on ${model.name}`);
  return t;
}

export const colIndex = (t: TableModel, key: string): number => {
  const i = t.columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`no column ${key} in ${t.name}`);
  return i;
};

/** Sheet address of a table body cell (0-based data row). */
export function tableCellAddress(t: TableModel, row: number, key: string): string {
  const tl = parseCell(t.topLeft);
  return cellAddress(tl.row + 1 + row, tl.col + colIndex(t, key));
}

export function cellAt(model: SheetModel, address: string): CellInput | undefined {
  const c = model.cells.find((x) => x.address === address);
  if (c) return c.value;
  const { row, col } = parseCell(address);
  for (const t of model.tables) {
    const tl = parseCell(t.topLeft);
    const j = col - tl.col;
    if (j < 0 || j >= t.columns.length) continue;
    if (row === tl.row) return t.columns[j].header;
    const i = row - tl.row - 1;
    if (i >= 0 && i < t.rows.length) return t.rows[i][j];
  }
  return undefined;
}

/** Every populated position of a sheet: loose cells, table headers and table body cells. */
export function populated(model: SheetModel): Set<string> {
  const out = new Set(model.cells.map((c) => c.address));
  for (const t of model.tables) {
    const tl = parseCell(t.topLeft);
    for (let i = 0; i <= t.rows.length; i++)
      for (let j = 0; j < t.columns.length; j++) out.add(cellAddress(tl.row + i, tl.col + j));
  }
  return out;
}

export interface FormulaRef {
  sheet?: string;
  range: string;
}

const stripStrings = (f: string) => f.replace(/"(?:[^"]|"")*"/g, '""');

/** A1 references (with optional sheet) in a formula, ignoring text inside string literals. */
export function formulaRefs(formula: string): FormulaRef[] {
  const re =
    /(?:'((?:[^']|'')+)'!|(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_]*)!)?(?<![A-Za-z0-9_.$])(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)(?![A-Za-z0-9_(])/g;
  const out: FormulaRef[] = [];
  for (const m of stripStrings(formula).matchAll(re)) {
    const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    out.push({ sheet, range: m[3].replace(/\$/g, "") });
  }
  return out;
}

export const formulaNames = (formula: string): string[] => [
  ...new Set(stripStrings(formula).match(/\bHP_[A-Za-z0-9_]+/g) ?? []),
];

export const formulaFunctions = (formula: string): string[] => [
  ...new Set([...stripStrings(formula).matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1])),
];

/** Every formula of a sheet with where it lives. */
export function formulasOf(model: SheetModel): { address: string; formula: string; value: unknown }[] {
  const out: { address: string; formula: string; value: unknown }[] = [];
  for (const c of model.cells)
    if (isFormulaCell(c.value))
      out.push({ address: c.address, formula: c.value.formula, value: c.value.value });
  for (const t of model.tables) {
    const tl = parseCell(t.topLeft);
    t.rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (isFormulaCell(v))
          out.push({ address: cellAddress(tl.row + 1 + i, tl.col + j), formula: v.formula, value: v.value });
      }),
    );
  }
  return out;
}

export const rangeCells = (range: string): string[] => {
  const r = parseRange(range);
  const out: string[] = [];
  for (let row = r.top; row <= r.bottom; row++)
    for (let col = r.left; col <= r.right; col++) out.push(cellAddress(row, col));
  return out;
};

// ---- HyperFormula ----

const raw = (v: CellInput | undefined): RawCellContent => {
  if (v === undefined || v === null) return null;
  if (isFormulaCell(v)) return v.formula;
  // A leading apostrophe makes HyperFormula keep text as text, even "=…".
  if (typeof v === "string") return v === "" ? null : `'${v}`;
  return v;
};

/**
 * HyperFormula has no Excel tables, so a structured reference to this row's
 * cell ("[@[Target before]]") is rewritten to the A1 address Excel resolves it to.
 */
export function resolveThisRow(formula: string, t: TableModel, row: number): string {
  const tl = parseCell(t.topLeft);
  return formula.replace(/\[@\[((?:[^\]']|'.)*)\]\]/g, (_m, escaped: string) => {
    const header = escaped.replace(/'(.)/g, "$1");
    const j = t.columns.findIndex((c) => c.header === header);
    if (j < 0) throw new Error(`no column "${header}" in ${t.name}`);
    return cellAddress(tl.row + 1 + row, tl.col + j);
  });
}

export interface Evaluated {
  hf: HyperFormula;
  value(sheetName: string, address: string): unknown;
}

export function evaluate(models: SheetModel[]): Evaluated {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const m of models) {
    const grid: RawCellContent[][] = [];
    const put = (address: string, v: RawCellContent) => {
      const { row, col } = parseCell(address);
      while (grid.length <= row) grid.push([]);
      grid[row][col] = v;
    };
    for (const c of m.cells) put(c.address, raw(c.value));
    for (const t of m.tables) {
      const tl = parseCell(t.topLeft);
      t.columns.forEach((c, j) => put(cellAddress(tl.row, tl.col + j), raw(c.header)));
      t.rows.forEach((r, i) =>
        r.forEach((v, j) => {
          const cell = raw(v);
          put(
            cellAddress(tl.row + 1 + i, tl.col + j),
            typeof cell === "string" && cell.startsWith("=") ? resolveThisRow(cell, t, i) : cell,
          );
        }),
      );
    }
    sheets[m.name] = grid.map((r) => Array.from({ length: r.length }, (_, j) => r[j] ?? null));
  }
  const named = models.flatMap((m) =>
    m.names.map((n) => ({ name: n.name, expression: `='${m.name.replace(/'/g, "''")}'!${n.ref}` })),
  );
  // Excel's SUMPRODUCT evaluates its arguments as arrays; HyperFormula needs array arithmetic for that.
  const hf = HyperFormula.buildFromSheets(
    sheets,
    { licenseKey: "gpl-v3", useArrayArithmetic: true, smartRounding: false },
    named,
  );
  return {
    hf,
    value(sheetName, address) {
      const sheetId = hf.getSheetId(sheetName);
      if (sheetId === undefined) throw new Error(`no sheet ${sheetName}`);
      const { row, col } = parseCell(address);
      return hf.getCellValue({ sheet: sheetId, row, col });
    },
  };
}

/** Replace a table body value (tests fill in ratings and counts). */
export function setTableValue(t: TableModel, row: number, key: string, value: CellInput): void {
  t.rows[row][colIndex(t, key)] = value;
}

/**
 * Fill-down as Excel does for a table's calculated columns: the formulas of
 * row `from` with their relative row numbers moved by `delta` ("$" rows stay).
 */
export function shiftRows(formula: string, delta: number): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(?<![A-Za-z0-9_$.])(\$?[A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
            (m, col: string, dollar: string, row: string) => (dollar ? m : `${col}${Number(row) + delta}`),
          ),
    )
    .join("");
}

/**
 * Append a row below a table as an analyst would: typed values for some
 * columns, the other columns' formulas filled down from the last row.
 */
export function appendRow(t: TableModel, values: Record<string, CellInput>): void {
  const last = t.rows[t.rows.length - 1];
  t.rows.push(
    t.columns.map((c, j) => {
      if (c.key in values) return values[c.key];
      const v = last[j];
      return isFormulaCell(v) ? { formula: shiftRows(v.formula, 1) } : null;
    }),
  );
}
