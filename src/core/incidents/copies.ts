/**
 * Rows without a crime reference that were copied, found by where they sit.
 *
 * Being identical proves nothing for such rows: police.uk gives separate
 * anti-social behaviour incidents at one snapped map point the same line
 * (7,092 of the 24,588 Gwent rows without a reference, 28.8%, repeat another
 * row of their month exactly), so counting identical rows once would drop
 * real incidents. A copied stretch of rows (a month pasted twice into one
 * sheet, a file appended to itself) leaves proof in its referenced rows: they
 * repeat earlier ones, each the same number of rows back (its shift).
 *
 * The rows without a reference between two counted referenced rows (a gap)
 * are judged at a shift d when two repeats in a row at shift d prove a copy
 * there: the rows on both sides of the gap, or the two after it (the start
 * of a copy), or the two before it when the gap ends a file or batch. Each
 * row of the gap is then a copy when the row d rows back was counted too,
 * also without a reference, in the same cell of the count (area, time) and of
 * the same kind (offence type, weight). One repeat is not enough: police.uk repeats some references a row
 * or two apart (201 in Gwent's May 2024), and then no row is taken.
 *
 * Rows must come in increasing order (below 2^32); memory is 16 bytes for
 * each counted row without a reference, as the references are kept for repeats.
 */
import type { DuplicateRow } from "./rows";

/** Kinds of row (offence types, weights) a counter may tell apart; a row of a later kind is never judged. */
export const COPY_KINDS = 65536;

export class CopyFinder {
  /** Rows found to be copies so far. */
  copied = 0;
  /** The first of them (at most maxListed), each with the row it copies. */
  readonly examples: DuplicateRow[] = [];
  private rows = new Uint32Array(1024);
  private keys = new Float64Array(1024);
  private lines = new Int32Array(1024);
  private n = 0;
  /** The gap since the last counted referenced row starts here… */
  private gapFrom = 0;
  /** …and the one before it is [prevFrom, gapFrom). */
  private prevFrom = 0;
  /** The shifts of the last two counted referenced rows (0: not a repeat). */
  private left = 0;
  private leftLeft = 0;
  /** The rows found to be copies by the last call (indices for cellOf, kindOf, rowOf, lineOf). */
  readonly found: number[] = [];
  /** The earlier row each found row copies (an index as in `found`). */
  readonly origin: number[] = [];

  /** `label` names a row (by its index over all rows, or its line when one was given) in the examples. */
  constructor(
    private readonly maxListed = 20,
    private readonly label?: (row: number, line: number) => string | undefined,
  ) {}

  /**
   * A counted row without a reference, added to the count's `cell` (its
   * area and time, as the counter numbers them) as a row of `kind` (below
   * COPY_KINDS); `line` names it in messages (-1: none).
   */
  unreferenced(row: number, cell: number, kind: number, line = -1): void {
    const n = this.n;
    // Out of order, too far, or of a kind with no room: never judged.
    if ((n > 0 && row <= this.rows[n - 1]) || row > 0xffffffff || kind >= COPY_KINDS) return;
    const key = cell * COPY_KINDS + kind;
    if (n === this.rows.length) this.grow();
    this.rows[n] = row;
    this.keys[n] = key;
    this.lines[n] = line;
    this.n = n + 1;
  }

  /**
   * A counted referenced row; `firstRow` is the row that counted its reference
   * first, or -1. Returns how many rows are now found to be copies (listed in
   * `found`): the caller takes them off the count.
   */
  referenced(row: number, firstRow: number): number {
    const shift = firstRow >= 0 ? row - firstRow : 0;
    this.found.length = 0;
    this.origin.length = 0;
    if (shift > 0 && shift === this.left) {
      // The gap before the last row was judged already if that row had this shift too.
      if (this.leftLeft !== shift) this.judge(this.prevFrom, this.gapFrom, shift);
      this.judge(this.gapFrom, this.n, shift);
    }
    this.prevFrom = this.gapFrom;
    this.gapFrom = this.n;
    this.leftLeft = this.left;
    this.left = shift;
    return this.found.length;
  }

  /** The end of a file or batch: the last gap is judged by the two rows before it, and nothing carries on. */
  end(): number {
    this.found.length = 0;
    this.origin.length = 0;
    if (this.left > 0 && this.left === this.leftLeft) this.judge(this.gapFrom, this.n, this.left);
    this.prevFrom = this.gapFrom = this.n;
    this.left = this.leftLeft = 0;
    return this.found.length;
  }

  /** The cell and kind row i was counted under (unreferenced). */
  cellOf(i: number): number {
    return Math.floor(this.keys[i] / COPY_KINDS);
  }
  kindOf(i: number): number {
    return this.keys[i] % COPY_KINDS;
  }
  rowOf(i: number): number {
    return this.rows[i];
  }
  lineOf(i: number): number {
    return this.lines[i];
  }

  private judge(from: number, to: number, shift: number): void {
    for (let i = from; i < to; i++) {
      const j = this.match(i, shift);
      if (j < 0) continue;
      this.found.push(i);
      this.origin.push(j);
      this.copied++;
      if (this.examples.length < this.maxListed) this.examples.push(this.example(i, j));
    }
  }

  private example(i: number, j: number): DuplicateRow {
    const ex: DuplicateRow = { row: this.rows[i] + 1, firstRow: this.rows[j] + 1 };
    const where = this.label?.(this.rows[i], this.lines[i]);
    const firstWhere = this.label?.(this.rows[j], this.lines[j]);
    if (where !== undefined) ex.where = where;
    if (firstWhere !== undefined) ex.firstWhere = firstWhere;
    return ex;
  }

  /** The earlier row `shift` rows before row i, when it was counted without a reference and has i's cell and kind; else -1. */
  private match(i: number, shift: number): number {
    if (shift <= 0) return -1;
    const want = this.rows[i] - shift;
    let lo = 0;
    let hi = i - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const r = this.rows[mid];
      if (r === want) return this.keys[mid] === this.keys[i] ? mid : -1;
      if (r < want) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private grow(): void {
    const m = this.rows.length * 2;
    const rows = new Uint32Array(m);
    rows.set(this.rows);
    const keys = new Float64Array(m);
    keys.set(this.keys);
    const lines = new Int32Array(m);
    lines.set(this.lines);
    this.rows = rows;
    this.keys = keys;
    this.lines = lines;
  }
}
