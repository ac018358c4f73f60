/**
 * The import worker: reads the incident files off the page's thread, so the
 * pane answers while a million rows are parsed, and hands back only the
 * kept columns, in packed batches as they are read (transfer.ts), so it never
 * holds them all. The pane ends it after each import.
 */
import { isHarmError } from "../../core/errors";
import { readIncidentTable } from "./csvImport";
import type { ImportReply, ImportRequest } from "./importProtocol";
import { packBatch } from "./transfer";

/** Larger reads than on the page: nothing here needs to paint between them. */
const WORKER_CHUNK_BYTES = 1024 * 1024;
/** Progress at most this often (ms): each redraws the pane, which shares the page's thread with the rows arriving. */
const PROGRESS_MS = 250;

interface WorkerScope {
  onmessage: ((e: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const { files, keep } = e.data;
  let last = 0;
  const plain = new Set<number>();
  let read = { bytes: 0, total: 0, rows: 0 };
  readIncidentTable(files, {
    keep,
    chunkBytes: WORKER_CHUNK_BYTES,
    yieldBetween: false,
    onProgress: (bytes, total, rows) => {
      read = { bytes, total, rows };
      const now = Date.now();
      if (now - last < PROGRESS_MS) return;
      last = now;
      scope.postMessage({ type: "progress", bytes, total, rows });
    },
    // Each batch goes to the page as soon as it is read: the worker holds no more than one.
    onRows: (b) => {
      const { packed, transfer } = packBatch(b, plain);
      // Rows to come, from the rows per byte so far (a little over, so the page sizes its columns once).
      if (read.bytes > 0) packed.rowsHint = Math.ceil(((read.rows * read.total) / read.bytes) * 1.02);
      scope.postMessage({ type: "rows", batch: packed }, transfer);
    },
  })
    .then(({ table, kept }) => {
      const info = { allHeaders: table.allHeaders, kept, files: table.files, notices: table.notices };
      scope.postMessage({ type: "done", info });
    })
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      scope.postMessage({ type: "error", message, harm: isHarmError(err) });
    });
};
