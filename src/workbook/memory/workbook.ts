/**
 * The workbook port over a MemoryStore: the browser preview's stand-in for
 * Excel. Reads and plans are the same as in Excel; only the carrying out differs.
 */
import type { Planned } from "../../sheets/plan/ops";
import type { Snapshot, SnapshotRequest } from "../../sheets/plan/snapshot";
import { CancelledError, PortError } from "../../sheets/plan/errors";
import {
  PREVIEW_HOLDS_NO_FILE,
  type CopySupport,
  type ReadOptions,
  type TableData,
  type WorkbookPort,
} from "../port";
import { MemoryStore } from "./store";

export class MemoryWorkbook implements WorkbookPort {
  readonly kind = "memory" as const;
  /** Set (by a test or the preview's test hooks) to make the next call fail with this message. */
  failNext: string | null = null;

  constructor(readonly store: MemoryStore = new MemoryStore()) {}

  private checkFail(): void {
    if (this.failNext) {
      const m = this.failNext;
      this.failNext = null;
      throw new PortError(m);
    }
  }

  async read(request: SnapshotRequest = {}): Promise<Snapshot> {
    this.checkFail();
    return this.store.snapshot(request);
  }

  async change<R>(request: SnapshotRequest, plan: (snapshot: Snapshot) => Planned<R>): Promise<R> {
    this.checkFail();
    const { ops, result } = plan(this.store.snapshot(request));
    this.store.apply(ops);
    return result;
  }

  async readTable(name: string, options: ReadOptions = {}): Promise<TableData> {
    this.checkFail();
    const t = this.store.table(name);
    if (!t) throw new PortError(`There is no table called ${name} in this workbook.`);
    const snap = this.store.tableSnapshot(t);
    const rows: unknown[][] = [];
    const block = 5000;
    // In steps, as Excel reads it, so progress and Cancel behave the same in the preview.
    for (let i = 0; i < snap.values.length; i += block) {
      if (options.signal?.aborted) throw new CancelledError();
      for (const r of snap.values.slice(i, i + block)) rows.push(r);
      options.onProgress?.(rows.length, snap.values.length);
      await Promise.resolve();
    }
    if (snap.values.length === 0) options.onProgress?.(0, 0);
    return { headers: snap.headers.map((h) => String(h ?? "")), rows };
  }

  async makePortableCopy(): Promise<{ replaced: number }> {
    throw new PortError(PREVIEW_HOLDS_NO_FILE.reason!);
  }

  portableCopySupport(): CopySupport {
    return PREVIEW_HOLDS_NO_FILE;
  }
}
