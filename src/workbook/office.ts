/**
 * The workbook port over Office.js. A change is one Excel.run batch: one
 * sync for the lists of sheets, names and tables, one more only when cells
 * must be read, and one to carry out the plan. readTable syncs once per
 * group of blocks, because each group is a progress step the analyst can cancel.
 */
import type { Scalar } from "../sheets/model";
import { parseRange, splitSheetRef, rangeAddress } from "../sheets/a1";
import type { Planned } from "../sheets/plan/ops";
import {
  resolveRequest,
  type Snapshot,
  type SnapshotRequest,
  type WorkbookLists,
} from "../sheets/plan/snapshot";
import { applyOps } from "../sheets/render/office";
import { checkPlan } from "../sheets/plan/limits";

import type { Op } from "../sheets/plan/ops";
import { CancelledError, PortError } from "../sheets/plan/errors";
import type { CopySupport, ReadOptions, TableData, WorkbookPort } from "./port";
import type { PortableCopy, PortableOptions } from "../sheets/portable";
import { officeHost, type OfficeHost } from "./officeHost";

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
const local = (address: string) => {
  const { sheet, range } = splitSheetRef(address);
  return { sheet: sheet ?? "", address: rangeAddress(range) };
};

/** Reads what `request` asks for: one sync for the lists, one more for any cells. */
export async function readSnapshot(
  context: Excel.RequestContext,
  request: SnapshotRequest = {},
): Promise<Snapshot> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load("items/name");
  const names = wb.names;
  names.load("items/name,items/type");
  const tables = wb.tables;
  tables.load("items/name,items/worksheet/name");
  // The active cell (ExcelApi 1.7): getSelectedRange() throws when several ranges are selected.
  const active = request.activeCell ? wb.getActiveCell() : null;
  active?.load("address,formulas");
  await context.sync();
  const lists: WorkbookLists = {
    sheets: sheets.items.map((s) => s.name),
    // A name whose cells were deleted becomes =#REF! (type "Error"): it has no range.
    names: names.items.map((n) => ({
      name: n.name,
      kind:
        n.type === "Range"
          ? ("range" as const)
          : n.type === "Error"
            ? ("error" as const)
            : ("other" as const),
    })),
    tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
  };
  const want = resolveRequest(request, lists);
  const tableReads = want.tables.map((name) => {
    const t = wb.tables.getItem(name);
    const header = t.getHeaderRowRange();
    header.load("values,rowIndex,columnIndex");
    const body = t.getDataBodyRange();
    body.load("values,formulas");
    return { name, sheet: lists.tables.find((x) => x.name === name)!.sheet, header, body };
  });
  const nameReads = want.names.map((name) => {
    const r = wb.names.getItem(name).getRange();
    r.load("values,address");
    return { name, r };
  });
  const rangeReads = want.ranges.map((x) => {
    const r = wb.worksheets.getItem(x.sheet).getRange(x.address);
    r.load("values,formulas");
    return { ...x, r };
  });
  const sizes = request.tableRows
    ? lists.tables.map((t) => {
        const body = wb.tables.getItem(t.name).getDataBodyRange();
        body.load("rowCount");
        return { name: t.name, body };
      })
    : [];
  if (tableReads.length + nameReads.length + rangeReads.length + sizes.length > 0) await context.sync();
  const snap: Snapshot = {
    ...lists,
    tableData: tableReads.map((t) => ({
      name: t.name,
      sheet: t.sheet,
      top: t.header.rowIndex,
      left: t.header.columnIndex,
      headers: (t.header.values[0] ?? []) as Scalar[],
      values: t.body.values as Scalar[][],
      formulas: t.body.formulas as Scalar[][],
    })),
    nameData: nameReads.map(({ name, r }) => ({ name, ...local(r.address), values: r.values as Scalar[][] })),
    rangeData: rangeReads.map((x) => ({
      sheet: x.sheet,
      address: x.address,
      values: x.r.values as Scalar[][],
      formulas: x.r.formulas as Scalar[][],
    })),
  };
  if (request.tableRows) snap.tableRows = new Map(sizes.map((x) => [lower(x.name), x.body.rowCount]));
  if (active)
    snap.activeCell = { ...local(active.address), formula: (active.formulas[0]?.[0] ?? "") as Scalar };
  return snap;
}

/**
 * Excel on the web refuses a request over 5 MB, so the ops of a plan go to
 * Excel in batches of at most this much (estimated as JSON), one sync each.
 */
export const MAX_SYNC_BYTES = 4_000_000;
const OP_BYTES = 200; // an op's own share of the request, besides its cells

type Rows = readonly (readonly unknown[])[];
const rowsOf = (o: Op): Rows | undefined =>
  o.op === "write"
    ? o.cells
    : o.op === "numberFormat"
      ? o.formats
      : o.op === "addTableRows"
        ? o.rows
        : undefined;

/** Rows [a, b) of a write, number-format or append op. */
function sliceOp(o: Op, a: number, b: number): Op {
  if (o.op === "addTableRows") return { ...o, rows: o.rows.slice(a, b) };
  if (o.op !== "write" && o.op !== "numberFormat") return o;
  const r = parseRange(o.range);
  const range = rangeAddress({ ...r, top: r.top + a, bottom: r.top + b - 1 });
  return o.op === "write"
    ? { ...o, range, cells: o.cells.slice(a, b) }
    : { ...o, range, formats: o.formats.slice(a, b) };
}

/** An op as one or more pieces, each with its estimated request size; large writes are cut by rows. */
function pieces(o: Op, budget: number): [Op, number][] {
  const rows = rowsOf(o);
  if (!rows) return [[o, JSON.stringify(o).length + OP_BYTES]];
  const sizes = rows.map((r) => JSON.stringify(r).length + 1);
  const out: [Op, number][] = [];
  let start = 0;
  let acc = 0;
  sizes.forEach((n, i) => {
    if (i > start && acc + n + OP_BYTES > budget) {
      out.push([sliceOp(o, start, i), acc + OP_BYTES]);
      start = i;
      acc = 0;
    }
    acc += n;
  });
  out.push([start === 0 ? o : sliceOp(o, start, rows.length), acc + OP_BYTES]);
  return out;
}

/**
 * The plan's ops, in order, in batches whose estimated payload stays under
 * `budget`. Ops are independent enough to be carried out in order over
 * several syncs; a write or append too large for one is cut into row blocks.
 */
export function batchOps(ops: readonly Op[], budget = MAX_SYNC_BYTES): Op[][] {
  const batches: Op[][] = [];
  let current: Op[] = [];
  let size = 0;
  for (const o of ops)
    for (const [piece, bytes] of pieces(o, budget)) {
      if (bytes > budget)
        throw new PortError(
          `One change is too large for Excel to take in one step (about ${Math.ceil(bytes / 1e6)} MB; Excel allows 5 MB). Split the data into smaller tables and try again.`,
        );
      if (current.length > 0 && size + bytes > budget) {
        batches.push(current);
        current = [];
        size = 0;
      }
      current.push(piece);
      size += bytes;
    }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Reads, plans and carries out the plan on one request context (also used
 * by tests on the fake). The plan is checked against Excel's limits first,
 * and goes to Excel in batches under its request size limit.
 */
export async function changeWithContext<R>(
  context: Excel.RequestContext,
  request: SnapshotRequest,
  plan: (snapshot: Snapshot) => Planned<R>,
): Promise<R> {
  const snap = await readSnapshot(context, request);
  const { ops, result } = plan(snap);
  checkPlan(ops);
  for (const batch of batchOps(ops)) {
    applyOps(context, batch);
    // One sync per batch is the point: each request must stay under Excel's 5 MB.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
  }
  return result;
}

function encodeBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...Array.from(bytes.subarray(i, i + 0x8000)));
  return btoa(s);
}

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

  read(request: SnapshotRequest = {}): Promise<Snapshot> {
    return this.run((context) => readSnapshot(context, request));
  }

  change<R>(request: SnapshotRequest, plan: (snapshot: Snapshot) => Planned<R>): Promise<R> {
    return this.run((context) => changeWithContext(context, request, plan));
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

  async makePortableCopy(options: PortableOptions = {}): Promise<PortableCopy> {
    const bytes = await this.host.getFileBytes();
    // Loaded on demand: the zip code is only needed for this one button.
    const { stripHarmFormulas } = await import(/* webpackChunkName: "portable" */ "../sheets/portable");
    const { bytes: out, ...done } = stripHarmFormulas(bytes, options);
    await this.host.createWorkbook(encodeBase64(out));
    return done;
  }

  portableCopySupport(): CopySupport {
    return this.host.support?.() ?? { supported: true };
  }
}
