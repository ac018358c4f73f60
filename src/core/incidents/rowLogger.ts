/**
 * The rejected and repeated rows of one pass over incident rows, shared by
 * the period counts (scan.ts) and the cube (cube.ts).
 */
import { clipText } from "../text";
import { cellText, type CountAccounting, type DuplicateRow, type RejectedRow } from "./rows";

export type RowLog = Pick<
  CountAccounting,
  "rejected" | "rejectedCount" | "rejectedByReason" | "duplicates" | "rowsDuplicate"
>;

/**
 * The rejected and duplicate rows of one pass: the counts are complete, the
 * lists stop at `maxListed` and name a row by `rowLabel` when given.
 */
export class RowLogger {
  readonly log: RowLog = {
    rejected: [],
    rejectedCount: 0,
    rejectedByReason: {},
    duplicates: [],
    rowsDuplicate: 0,
  };

  constructor(
    private readonly maxListed: number,
    private readonly rowLabel: ((i: number) => string) | undefined,
  ) {}

  reject(i: number, reason: string, v: unknown): void {
    const log = this.log;
    log.rejectedCount++;
    log.rejectedByReason[reason] = (log.rejectedByReason[reason] ?? 0) + 1;
    if (log.rejected.length < this.maxListed) {
      const r: RejectedRow = { row: i + 1, reason, value: clipText(cellText(v)) };
      if (this.rowLabel) r.where = this.rowLabel(i);
      log.rejected.push(r);
    }
  }

  /**
   * Rejected rows logged elsewhere (another thread's part of the rows), as if
   * logged here: their rows come after every row logged so far and are
   * numbered from `firstRow` on.
   */
  absorb(
    rejected: readonly RejectedRow[],
    count: number,
    byReason: Record<string, number>,
    firstRow: number,
  ): void {
    const log = this.log;
    log.rejectedCount += count;
    for (const [reason, k] of Object.entries(byReason))
      log.rejectedByReason[reason] = (log.rejectedByReason[reason] ?? 0) + k;
    for (const r of rejected) {
      if (log.rejected.length >= this.maxListed) break;
      log.rejected.push({ ...r, row: r.row + firstRow });
    }
  }

  duplicate(i: number, id: string, firstIndex: number): void {
    const log = this.log;
    log.rowsDuplicate++;
    if (log.duplicates.length < this.maxListed) {
      const d: DuplicateRow = { row: i + 1, id, firstRow: firstIndex + 1 };
      if (this.rowLabel) {
        d.where = this.rowLabel(i);
        d.firstWhere = this.rowLabel(firstIndex);
      }
      log.duplicates.push(d);
    }
  }
}
