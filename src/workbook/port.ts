/**
 * The one small interface through which the task pane and the use cases
 * (src/app) reach a workbook. OfficeWorkbook implements it over Office.js,
 * MemoryWorkbook over plain objects (the browser preview and the tests; the
 * CLI writes .xlsx files without a port). Every change is a plan worked out by
 * pure code from a snapshot, so both carry out exactly the same changes
 * (test/workbook/contract.test.ts compares them cell by cell).
 */
import type { Op, Planned } from "../sheets/plan/ops";
import type { Snapshot, SnapshotRequest, TableData } from "../sheets/plan/snapshot";
import type { PortableCopy, PortableOptions } from "../sheets/portable";

export interface ReadOptions {
  onProgress?: (rowsRead: number, totalRows: number) => void;
  signal?: AbortSignal;
}

export interface WorkbookPort {
  readonly kind: "excel" | "memory";
  /** What `request` asks for (the lists of sheets, names and tables always come too). */
  read(request?: SnapshotRequest): Promise<Snapshot>;
  /** Reads a snapshot, lets the pure `plan` decide, and carries out its ops in one batch. */
  change<R>(request: SnapshotRequest, plan: (snapshot: Snapshot) => Planned<R>): Promise<R>;
  /** A table's rows, in steps the analyst can follow and cancel. */
  readTable(name: string, options?: ReadOptions): Promise<TableData>;
  /**
   * Opens a copy of the workbook in which HARM formulas are replaced by their
   * values; the Cohort sheet's people are left out unless `includeCohort`.
   */
  makePortableCopy(options?: PortableOptions): Promise<PortableCopy>;
  /** Whether makePortableCopy can work here, and if not, why (said in the pane before anyone tries). */
  portableCopySupport(): CopySupport;
}

export interface CopySupport {
  supported: boolean;
  reason?: string;
}

/** Why the browser preview cannot make a portable copy. */
export const PREVIEW_HOLDS_NO_FILE: CopySupport = {
  supported: false,
  reason:
    "Portable copies are made from the real workbook. Open Harm Planner in Excel to make one; the preview holds no file.",
};

export { PortError, CancelledError } from "../sheets/plan/errors";
export type { Op, Planned, Snapshot, SnapshotRequest, TableData };
