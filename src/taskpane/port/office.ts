/**
 * The workbook port over Office.js. Each method is one Excel.run batch with a
 * fixed, small number of syncs; only readTable syncs once per group of blocks,
 * because each group is a progress step the analyst can cancel.
 */
import { isFormulaCell, type CellInput, type Scalar, type SheetModel } from "../../sheets/model";
import { existingSheetNames, insertSheets } from "../../sheets/render/office";
import { officeInput, textKey } from "../../sheets/render/shared";
import { cellAddress, parseCell, parseRange, splitSheetRef } from "../../sheets/render/a1";
import { shiftFormulaRows } from "./shift";
import type { Operation } from "../../core/operation";
import { OPERATION_NAMES, operationFromNames, type NameInfo, type NamedValues } from "./operationNames";
import {
  CancelledError,
  PortError,
  type ClashChoice,
  type InsertReport,
  type ReadOptions,
  type RefreshReport,
  type TableData,
  type TableInfo,
  type UpsertReport,
  type WorkbookPort,
} from "./types";

/** How Excel.run is reached: the real one in Excel, a fake in tests. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * Table reads stay well under Office's 5 MB per-request limit: the first
 * sync reads a small probe (FIRST_SYNC_CELLS, so even long text is safe),
 * then each sync asks for as many rows as fit TARGET_SYNC_BYTES at the size
 * measured so far, split into ranges of at most CELLS_PER_BLOCK cells.
 */
export const FIRST_SYNC_CELLS = 5_000;
export const TARGET_SYNC_BYTES = 2_000_000;
export const CELLS_PER_BLOCK = 20_000;

const lower = (s: string) => s.toLowerCase();

function encodeBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...Array.from(bytes.subarray(i, i + 0x8000)));
  return btoa(s);
}

export interface OfficeHost {
  /** The open document as .xlsx bytes (Office.context.document.getFileAsync). */
  getFileBytes(): Promise<Uint8Array>;
  /** Opens a new workbook window from base64 .xlsx (Excel.createWorkbook). */
  createWorkbook(base64: string): Promise<void>;
}

/** The real host functions; kept apart so tests can supply their own. */
export const officeHost: OfficeHost = {
  getFileBytes: () =>
    new Promise((resolve, reject) => {
      Office.context.document.getFileAsync(
        Office.FileType.Compressed,
        { sliceSize: 4 * 1024 * 1024 },
        (res) => {
          if (res.status !== Office.AsyncResultStatus.Succeeded) {
            reject(new PortError(`Excel could not hand over the file (${res.error.message}).`));
            return;
          }
          const file = res.value;
          const parts: Uint8Array[] = [];
          const next = (i: number) => {
            if (i >= file.sliceCount) {
              file.closeAsync();
              const total = parts.reduce((s, p) => s + p.length, 0);
              const out = new Uint8Array(total);
              let o = 0;
              for (const p of parts) {
                out.set(p, o);
                o += p.length;
              }
              resolve(out);
              return;
            }
            file.getSliceAsync(i, (sr) => {
              if (sr.status !== Office.AsyncResultStatus.Succeeded) {
                file.closeAsync();
                reject(new PortError(`Excel could not hand over part of the file (${sr.error.message}).`));
                return;
              }
              parts.push(new Uint8Array(sr.value.data as number[]));
              next(i + 1);
            });
          };
          next(0);
        },
      );
    }),
  createWorkbook: async (base64) => {
    if (!Office.context.requirements.isSetSupported("ExcelApi", "1.8"))
      throw new PortError(
        "This version of Excel cannot open a new workbook from an add-in (that needs Excel 2019, Microsoft 365 or Excel for the web). Update Excel, or open this workbook in Excel for the web, and try again.",
      );
    await Excel.createWorkbook(base64);
  },
};

export class OfficeWorkbook implements WorkbookPort {
  readonly kind = "excel" as const;
  constructor(
    private readonly run: ExcelRunner = (batch) =>
      typeof Excel === "undefined"
        ? Promise.reject(
            new PortError("Excel is not ready yet. Close the pane and open it again from the Home tab."),
          )
        : Excel.run(batch),
    private readonly host: OfficeHost = officeHost,
  ) {}

  listSheets(): Promise<string[]> {
    return this.run((context) => existingSheetNames(context));
  }

  insertSheets(sheets: SheetModel[], onClash: ClashChoice): Promise<InsertReport> {
    return this.run((context) => insertSheets(context, sheets, onClash));
  }

  /** Two syncs: the names that exist, then their values and addresses. */
  private readNames(
    context: Excel.RequestContext,
    wanted: readonly string[],
  ): Promise<{ values: NamedValues; info: NameInfo }> {
    const names = context.workbook.names;
    names.load("items/name,items/type");
    return context.sync().then(async () => {
      const want = new Set(wanted.map(lower));
      const ours = names.items.filter((n) => want.has(lower(n.name)));
      // A name whose cells were deleted becomes =#REF! (type "Error"): report it, don't read it.
      const broken = new Set(ours.filter((n) => n.type !== "Range").map((n) => lower(n.name)));
      const ranges = ours
        .filter((n) => n.type === "Range")
        .map((n) => {
          const r = n.getRange();
          r.load("values,address");
          return { name: lower(n.name), r };
        });
      await context.sync();
      const values: NamedValues = new Map();
      const addresses = new Map<string, string>();
      for (const { name, r } of ranges) {
        values.set(name, r.values as Scalar[][]);
        addresses.set(name, r.address);
      }
      return { values, info: { addresses, broken } };
    });
  }

  readOperation(): Promise<Operation | null> {
    return this.run(async (context) => {
      const { values, info } = await this.readNames(context, Object.values(OPERATION_NAMES));
      return operationFromNames(values, info);
    });
  }

  writeOperation(model: SheetModel): Promise<{ created: boolean; written: number }> {
    return this.run(async (context) => {
      const names = context.workbook.names;
      names.load("items/name,items/type");
      await context.sync();
      const existingNames = new Set(names.items.map((n) => lower(n.name)));
      // A name whose cells were deleted (=#REF!, type "Error") has no range: NamedItem.getRange
      // would throw and fail the whole batch, so such names are skipped rather than written.
      const intact = new Set(names.items.filter((n) => n.type === "Range").map((n) => lower(n.name)));
      const present = model.names.filter((n) => existingNames.has(lower(n.name)));
      if (present.length === 0) {
        const report = await insertSheets(context, [model], "rename");
        return { created: report.plans.some((p) => p.action !== "update"), written: model.names.length };
      }
      const byAddress = new Map(model.cells.map((c) => [c.address, c]));
      let written = 0;
      for (const n of present) {
        if (!intact.has(lower(n.name))) continue;
        const ref = parseRange(n.ref);
        const grid: (string | number | boolean)[][] = [];
        let inputsOnly = true;
        for (let r = ref.top; r <= ref.bottom; r++) {
          const line: (string | number | boolean)[] = [];
          for (let c = ref.left; c <= ref.right; c++) {
            const cell = byAddress.get(cellAddress(r, c));
            if (cell && (cell.style !== "input" || isFormulaCell(cell.value))) inputsOnly = false;
            // Typed text is always literal: "=..." from a form field must not become a formula.
            line.push(officeInput(cell ? cell.value : null, true));
          }
          grid.push(line);
        }
        if (!inputsOnly) continue; // only the operation's own input cells are written
        const target = names
          .getItem(n.name)
          .getRange()
          .getCell(0, 0)
          .getResizedRange(ref.bottom - ref.top, ref.right - ref.left);
        target.values = grid;
        written += grid.length * (grid[0]?.length ?? 0);
      }
      await context.sync();
      return { created: false, written };
    });
  }

  upsertTableRows(model: SheetModel, tableName: string): Promise<UpsertReport> {
    const mt = model.tables.find((t) => t.name === tableName);
    if (!mt) return Promise.reject(new PortError(`The ${model.name} sheet has no table ${tableName}.`));
    return this.run(async (context) => {
      const tables = context.workbook.tables;
      tables.load("items/name");
      await context.sync();
      const found = tables.items.find((t) => lower(t.name) === lower(tableName));
      if (!found) {
        const report = await insertSheets(context, [model], "update");
        const plan = report.plans[0];
        return {
          sheet: plan?.finalName ?? model.name,
          table: tableName,
          updated: [],
          added: mt.rows.map((r) => String(isFormulaCell(r[0]) ? (r[0].value ?? "") : (r[0] ?? ""))),
          createdSheet: true,
        };
      }
      const table = context.workbook.tables.getItem(found.name);
      const header = table.getHeaderRowRange();
      header.load("values,rowIndex,address");
      const body = table.getDataBodyRange();
      body.load("values");
      await context.sync();
      const headers = (header.values[0] ?? []).map(textKey);
      const modelTop = parseCell(mt.topLeft).row;
      const colMap = mt.columns.map((c) => {
        const i = headers.indexOf(textKey(c.header));
        return i >= 0 ? i : headers.indexOf(textKey(c.key));
      });
      if (colMap[0] < 0)
        throw new PortError(
          `The ${found.name} table has no "${mt.columns[0].header}" column, so rows cannot be matched.`,
        );
      const rows = body.values as unknown[][];
      // Rows with no key and no input values (a fresh sheet's blank rows) are filled before appending.
      const inputCols = mt.columns.map((c, j) => (c.computed ? -1 : colMap[j])).filter((i) => i >= 0);
      const blank = (r: unknown[]) => inputCols.every((i) => textKey(r[i]) === "");
      const freeRows = rows.map((r, i) => (blank(r) ? i : -1)).filter((i) => i >= 0);
      const report: UpsertReport = {
        sheet: splitSheetRef(header.address).sheet ?? model.name,
        table: found.name,
        updated: [],
        added: [],
        createdSheet: false,
      };
      const appended: (string | number | boolean)[][] = [];
      const toOffice = (v: CellInput, shift = 0) =>
        isFormulaCell(v)
          ? officeInput({ ...v, formula: shiftFormulaRows(v.formula, shift) })
          : officeInput(v, typeof v === "string");
      const appendAt = rows.length;
      for (const [mi, r] of mt.rows.entries()) {
        const key = textKey(r[0]);
        const at = rows.findIndex((er) => textKey(er[colMap[0]]) === key);
        const label = String(isFormulaCell(r[0]) ? (r[0].value ?? "") : (r[0] ?? ""));
        const rowIndex = at >= 0 ? at : freeRows.shift();
        if (rowIndex !== undefined) {
          mt.columns.forEach((c, j) => {
            if (colMap[j] < 0) return;
            // Live formulas already in the sheet stay (Excel recalculates them); stored statistics are replaced.
            const v = r[j] ?? null;
            if (at >= 0 && c.computed && isFormulaCell(v)) return;
            const cell = body.getCell(rowIndex, colMap[j]);
            const shift = header.rowIndex + rowIndex - (modelTop + mi);
            if (isFormulaCell(v)) cell.formulas = [[toOffice(v, shift)]];
            else cell.values = [[toOffice(v)]];
          });
          (at >= 0 ? report.updated : report.added).push(label);
        } else {
          const line: (string | number | boolean)[] = headers.map(() => "");
          const shift = header.rowIndex + appendAt + appended.length - (modelTop + mi);
          mt.columns.forEach((_, j) => {
            if (colMap[j] >= 0) line[colMap[j]] = toOffice(r[j] ?? null, shift);
          });
          appended.push(line);
          report.added.push(label);
        }
      }
      if (appended.length) table.rows.add(undefined, appended);
      await context.sync();
      return report;
    });
  }

  /** Three syncs: what exists, the current formulas, then the writes and a recalculation. */
  refreshSheet(model: SheetModel): Promise<RefreshReport> {
    return this.run(async (context) => {
      const wb = context.workbook;
      const sheets = wb.worksheets;
      sheets.load("items/name");
      const tables = wb.tables;
      tables.load("items/name");
      await context.sync();
      const existing = sheets.items.find((w) => lower(w.name) === lower(model.name));
      if (!existing) {
        const report = await insertSheets(context, [model], "rename");
        return {
          created: true,
          finalName: report.plans[0]?.finalName ?? model.name,
          addedRows: 0,
          keptValues: 0,
        };
      }
      const report: RefreshReport = { created: false, finalName: existing.name, addedRows: 0, keptValues: 0 };
      const ws = wb.worksheets.getItem(existing.name);
      const onSheet = ws.tables.load("items/name");
      const formulaCells = model.cells.filter((c) => isFormulaCell(c.value));
      let box: Excel.Range | null = null;
      let top = 0;
      let left = 0;
      if (formulaCells.length) {
        const refs = formulaCells.map((c) => parseCell(c.address));
        top = Math.min(...refs.map((r) => r.row));
        left = Math.min(...refs.map((r) => r.col));
        const bottom = Math.max(...refs.map((r) => r.row));
        const right = Math.max(...refs.map((r) => r.col));
        box = ws.getRangeByIndexes(top, left, bottom - top + 1, right - left + 1);
        box.load("formulas");
      }
      const taken = new Set(tables.items.map((t) => lower(t.name)));
      const found = model.tables
        .filter((t) => taken.has(lower(t.name)))
        .map((t) => {
          const table = wb.tables.getItem(t.name);
          const header = table.getHeaderRowRange();
          header.load("values,rowIndex");
          const body = table.getDataBodyRange();
          body.load("formulas");
          return { t, table, header, body };
        });
      await context.sync();
      // A sheet of that name without our tables is the analyst's own: leave it alone and add a copy.
      const here = new Set(onSheet.items.map((t) => lower(t.name)));
      if (!model.tables.every((t) => here.has(lower(t.name)))) {
        const copy = await insertSheets(context, [model], "rename");
        return {
          created: true,
          finalName: copy.plans[0]?.finalName ?? model.name,
          addedRows: 0,
          keptValues: 0,
        };
      }
      const empty = (v: unknown) => v === "" || v === null || v === undefined;
      const replaceable = (v: unknown) => empty(v) || (typeof v === "string" && v.startsWith("="));
      // Computed cells: our formulas are rewritten; anything typed is kept.
      if (box) {
        const current = box.formulas as unknown[][];
        for (const c of formulaCells) {
          const { row, col } = parseCell(c.address);
          if (!replaceable(current[row - top]?.[col - left])) {
            report.keptValues++;
            continue;
          }
          ws.getRange(c.address).formulas = [[officeInput(c.value)]];
        }
      }
      for (const { t, table, header, body } of found) {
        const headers = (header.values[0] ?? []).map(textKey);
        const colMap = t.columns.map((c) => headers.indexOf(textKey(c.header)));
        const current = body.formulas as unknown[][];
        const shift = header.rowIndex - parseCell(t.topLeft).row;
        const toOffice = (v: CellInput) =>
          isFormulaCell(v)
            ? officeInput({ ...v, formula: shiftFormulaRows(v.formula, shift) })
            : officeInput(v);
        const appended: (string | number | boolean)[][] = [];
        t.rows.forEach((r, i) => {
          if (i >= current.length) {
            const line: (string | number | boolean)[] = headers.map(() => "");
            colMap.forEach((k, j) => {
              if (k >= 0) line[k] = toOffice(r[j] ?? null);
            });
            appended.push(line);
            return;
          }
          colMap.forEach((k, j) => {
            const v = r[j] ?? null;
            if (k < 0 || !isFormulaCell(v)) return;
            if (replaceable(current[i][k])) body.getCell(i, k).formulas = [[toOffice(v)]];
            else report.keptValues++;
          });
        });
        if (appended.length) table.rows.add(undefined, appended);
        report.addedRows += appended.length;
      }
      wb.application.calculate("Full" as Excel.CalculationType);
      await context.sync();
      return report;
    });
  }

  listTables(): Promise<TableInfo[]> {
    return this.run(async (context) => {
      const tables = context.workbook.tables;
      tables.load("items/name");
      await context.sync();
      const info = tables.items.map((t) => {
        const ws = t.worksheet;
        ws.load("name");
        const body = t.getDataBodyRange();
        body.load("rowCount");
        return { t, ws, body };
      });
      await context.sync();
      return info.map(({ t, ws, body }) => ({ name: t.name, sheet: ws.name, rows: body.rowCount }));
    });
  }

  readTable(name: string, options: ReadOptions = {}): Promise<TableData> {
    return this.run(async (context) => {
      const tables = context.workbook.tables;
      tables.load("items/name");
      await context.sync();
      const found = tables.items.find((t) => lower(t.name) === lower(name));
      if (!found) throw new PortError(`There is no table called ${name} in this workbook.`);
      const table = context.workbook.tables.getItem(found.name);
      const header = table.getHeaderRowRange();
      header.load("values");
      const body = table.getDataBodyRange();
      body.load("rowCount,columnCount");
      await context.sync();
      const headers = (header.values[0] ?? []).map((h) => String(h));
      const total = body.rowCount;
      const cols = Math.max(1, body.columnCount);
      const blockRows = Math.max(1, Math.floor(CELLS_PER_BLOCK / cols));
      const rows: unknown[][] = [];
      let bytesRead = 0;
      // One sync per group of blocks: each group is a visible, cancellable progress step.
      const step = async (start: number, groupRows: number): Promise<void> => {
        if (start >= total) return;
        if (options.signal?.aborted) throw new CancelledError();
        const end = Math.min(total, start + groupRows);
        const ranges: Excel.Range[] = [];
        for (let s = start; s < end; s += blockRows) {
          const r = body.getCell(s, 0).getResizedRange(Math.min(blockRows, end - s) - 1, cols - 1);
          r.load("values");
          ranges.push(r);
        }
        await context.sync();
        for (const r of ranges) {
          bytesRead += JSON.stringify(r.values).length;
          for (const line of r.values) rows.push(line);
        }
        options.onProgress?.(rows.length, total);
        const bytesPerRow = Math.max(1, bytesRead / rows.length);
        return step(end, Math.max(1, Math.floor(TARGET_SYNC_BYTES / bytesPerRow)));
      };
      await step(0, Math.max(1, Math.floor(FIRST_SYNC_CELLS / cols)));
      if (total === 0) options.onProgress?.(0, 0);
      return { headers, rows };
    });
  }

  /** Two syncs: check the active cell is empty (never overwrite), then write. */
  insertFormula(formula: string): Promise<string> {
    return this.run(async (context) => {
      // The active cell (ExcelApi 1.7): getSelectedRange() throws when several ranges are selected,
      // and its top-left cell is not the active one when the selection was made upwards or leftwards.
      const cell = context.workbook.getActiveCell();
      cell.load("address,formulas");
      await context.sync();
      const current = cell.formulas[0]?.[0];
      if (current !== "" && current !== null && current !== undefined)
        throw new PortError(`${cell.address} is not empty. Select an empty cell, then try again.`);
      cell.formulas = [[formula]];
      await context.sync();
      return cell.address;
    });
  }

  async makePortableCopy(): Promise<{ replaced: number }> {
    const bytes = await this.host.getFileBytes();
    // Loaded on demand: the zip code is only needed for this one button.
    const { stripHarmFormulas } = await import(/* webpackChunkName: "portable" */ "../../sheets/portable");
    const { bytes: out, replaced } = stripHarmFormulas(bytes);
    await this.host.createWorkbook(encodeBase64(out));
    return { replaced };
  }
}
