/** Messages between the pane and its import worker (importWorker.ts). */
import type { KeepColumns } from "./csvImport";
import type { PackedBatch, TableInfo } from "./transfer";

export interface ImportRequest {
  files: File[];
  keep: KeepColumns;
}

export type ImportReply =
  | { type: "progress"; bytes: number; total: number; rows: number }
  | { type: "rows"; batch: PackedBatch }
  | { type: "done"; info: TableInfo }
  /** `harm`: a message for the analyst (the core's checks), else an unexpected failure. */
  | { type: "error"; message: string; harm: boolean };
