/**
 * The one small interface through which the task pane reaches a workbook.
 * OfficeWorkbook implements it over Office.js; MemoryWorkbook over plain
 * objects (browser preview and tests). Both pass test/taskpane/port.contract.ts.
 */
import type { CellInput, SheetModel } from "../../sheets/model";
import type { Operation } from "../../core/operation";

export type { ClashChoice, InsertPlan, InsertReport } from "../../sheets/render/office";
import type { ClashChoice, InsertReport } from "../../sheets/render/office";

export interface TableInfo {
  name: string;
  sheet: string;
  rows: number; // data rows, excluding the header
}

export interface TableData {
  headers: string[];
  rows: unknown[][];
}

export interface ReadOptions {
  onProgress?: (rowsRead: number, totalRows: number) => void;
  signal?: AbortSignal;
}

/** Rows of a model table written by key (first column): matching rows updated, new ones appended. */
export interface UpsertReport {
  sheet: string;
  table: string;
  updated: string[];
  added: string[];
  createdSheet: boolean;
}

export interface RefreshReport {
  created: boolean;
  finalName: string;
  addedRows: number;
  keptValues: number;
}

export interface WorkbookPort {
  readonly kind: "excel" | "memory";
  listSheets(): Promise<string[]>;
  insertSheets(sheets: SheetModel[], onClash: ClashChoice): Promise<InsertReport>;
  /** The Operation sheet read back through its HP_ names, or null when there is none. */
  readOperation(): Promise<Operation | null>;
  /**
   * Writes the operation's values into the Operation sheet's named input cells,
   * creating the sheet from `model` when it does not exist. Only the named cells change.
   */
  writeOperation(model: SheetModel): Promise<{ created: boolean; written: number }>;
  /**
   * For each row of `model`'s table `tableName`: a workbook row whose first
   * column equals it has its non-computed cells replaced; otherwise the row is
   * appended. Other rows and columns are left alone. Creates the sheet if missing.
   */
  upsertTableRows(model: SheetModel, tableName: string): Promise<UpsertReport>;
  /**
   * Makes a computed sheet (e.g. Summary) current: creates it when missing;
   * otherwise rewrites its formula (or empty) cells from the model, extends its
   * tables to the model's row count and recalculates. Typed values are kept.
   */
  refreshSheet(model: SheetModel): Promise<RefreshReport>;
  listTables(): Promise<TableInfo[]>;
  readTable(name: string, options?: ReadOptions): Promise<TableData>;
  insertFormula(formula: string): Promise<string>; // returns the address written
  makePortableCopy(): Promise<{ replaced: number }>;
}

export class PortError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PortError";
  }
}

export class CancelledError extends Error {
  constructor() {
    super("Cancelled.");
    this.name = "CancelledError";
  }
}

export type { CellInput };
