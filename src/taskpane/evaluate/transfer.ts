/**
 * Incident rows handed from the import worker to the page, in batches as they
 * are read (the core reader's onRows), so the worker never holds them all.
 * Structured cloning a column of strings makes a new string per value on the
 * page, so a column of few distinct values (month, area, offence type) travels
 * as those values and a code per row, and the page shares one string per
 * value across batches. A column of many (crime references) travels as one
 * string of its values end to end with where each ends: one string is copied
 * across in one piece, where fifty thousand strings are each made anew, and
 * the page's slices of it share its characters. Codes, ends and line numbers
 * are moved, not copied.
 */
import { IncidentTable, type IncidentFileInfo, type RowBatch } from "../../core/incidents";
import type { ColumnTable } from "../../app/incidentData";
import { toColumnTable } from "./csvImport";

export type PackedColumn =
  | { kind: "dict"; values: string[]; codes: Uint32Array }
  | { kind: "joined"; text: string; ends: Uint32Array };

export interface PackedBatch {
  first: number;
  columns: PackedColumn[];
  lines: Int32Array;
  /** About how many rows there will be in all (0: unknown), so the page can size its columns once. */
  rowsHint?: number;
}

/** What the worker sends last: everything but the rows. */
export interface TableInfo {
  allHeaders: string[];
  /** Positions in allHeaders of the columns kept, in the order of a batch's columns. */
  kept: number[];
  files: IncidentFileInfo[];
  notices: string[];
}

/** A dictionary and a code per value, or null when more than `limit` values differ. */
export function packColumn(
  col: readonly string[],
  limit = Math.max(64, col.length >> 2),
): PackedColumn | null {
  const index = new Map<string, number>();
  const codes = new Uint32Array(col.length);
  for (let i = 0; i < col.length; i++) {
    let c = index.get(col[i]);
    if (c === undefined) {
      if (index.size >= limit) return null;
      index.set(col[i], (c = index.size));
    }
    codes[i] = c;
  }
  return { kind: "dict", values: [...index.keys()], codes };
}

/** The values end to end, and where each ends. */
export function joinColumn(col: readonly string[]): PackedColumn {
  const ends = new Uint32Array(col.length);
  let at = 0;
  for (let i = 0; i < col.length; i++) ends[i] = at += col[i].length;
  return { kind: "joined", text: col.join(""), ends };
}

/**
 * A batch packed, and the buffers to move (not copy) with it. `plain` marks
 * columns already found to have too many distinct values (crime references):
 * they are sent as values without trying again, and any found now are added.
 */
export function packBatch(
  b: RowBatch,
  plain: Set<number> = new Set(),
): { packed: PackedBatch; transfer: ArrayBuffer[] } {
  const columns = b.columns.map((c, k): PackedColumn => {
    const dict = plain.has(k) ? null : packColumn(c);
    if (!dict) plain.add(k);
    return dict ?? joinColumn(c);
  });
  const transfer = [b.lines, ...columns.map((c) => (c.kind === "dict" ? c.codes : c.ends))].map(
    (a) => a.buffer as ArrayBuffer,
  );
  return { packed: { first: b.first, columns, lines: b.lines }, transfer };
}

/** Distinct values kept shared per column; past this many, a column's values are kept as they come. */
const SHARED_LIMIT = 100_000;
/** No column is sized beyond this many rows from a hint (more rows still fit: the array grows). */
const MAX_HINT = 20_000_000;

/**
 * Puts the batches back together on the page, by row index (a file read again
 * sends its rows again from its first row: see RowBatch).
 */
export class RowAssembler {
  private columns: string[][] = [];
  private shared: (Map<string, string> | null)[] = [];
  private lines = new Int32Array(1024);
  private count = 0;

  add(b: PackedBatch): void {
    if (b.first === 0 || this.columns.length !== b.columns.length) {
      // Sized once from the hint: a million-row column grown by pushing is copied as it grows, and
      // old and new copies are briefly held together.
      const size = Math.min(Math.max(0, Math.floor(b.rowsHint ?? 0)), MAX_HINT);
      this.columns = b.columns.map(() => new Array<string>(size));
      this.shared = b.columns.map(() => new Map());
      if (size > this.lines.length) this.lines = new Int32Array(size);
    }
    if (b.first > this.count) throw new Error(`rows from ${b.first} arrived before rows ${this.count}…`);
    // A file read again sends its rows again from its first row: they are written over the old ones.
    this.count = b.first;
    b.columns.forEach((p, k) => this.write(k, p, b.first));
    this.grow(this.count + b.lines.length);
    this.lines.set(b.lines, this.count);
    this.count += b.lines.length;
  }

  finish(info: TableInfo): ColumnTable {
    for (const c of this.columns) c.length = this.count;
    const table = new IncidentTable(
      info.kept.map((k) => info.allHeaders[k]),
      info.allHeaders,
      this.columns.length ? this.columns : info.kept.map(() => []),
      info.files,
      info.notices,
      this.lines.slice(0, this.count),
    );
    return toColumnTable(table, info.kept);
  }

  /** A batch's column k, written from row `at` on. */
  private write(k: number, p: PackedColumn, at: number): void {
    const out = this.columns[k];
    if (p.kind === "joined") {
      const { text, ends } = p;
      for (let i = 0, from = 0; i < ends.length; from = ends[i++]) out[at + i] = text.slice(from, ends[i]);
      return;
    }
    const values = p.values.map((v) => this.share(k, v));
    for (let i = 0; i < p.codes.length; i++) out[at + i] = values[p.codes[i]];
  }

  private share(k: number, v: string): string {
    const pool = this.shared[k];
    if (pool === null) return v;
    const seen = pool.get(v);
    if (seen !== undefined) return seen;
    if (pool.size < SHARED_LIMIT) pool.set(v, v);
    else this.shared[k] = null;
    return v;
  }

  private grow(size: number): void {
    if (size <= this.lines.length) return;
    const grown = new Int32Array(Math.max(size, this.lines.length * 2));
    grown.set(this.lines.subarray(0, this.count));
    this.lines = grown;
  }
}
