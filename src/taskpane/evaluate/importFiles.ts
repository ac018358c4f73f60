/**
 * Imports incident CSV files for the pane: in a Web Worker (importWorker.ts)
 * so parsing never blocks the page, or on the page when workers are not
 * available. Cancel ends the worker at once.
 */
import { valueError } from "../../core/errors";
import type { ColumnTable } from "../../app/incidentData";
import { CancelledError } from "../../workbook/port";
import { readCsvFiles, type CsvReadOptions } from "./csvImport";
import type { ImportReply, ImportRequest } from "./importProtocol";
import { RowAssembler } from "./transfer";

function startWorker(): Worker | null {
  if (typeof Worker !== "function") return null;
  try {
    // webpack bundles the worker as its own script, served from the add-in's origin (CSP worker-src 'self').
    return new Worker(/* webpackChunkName: "import-worker" */ new URL("./importWorker.ts", import.meta.url));
  } catch {
    return null;
  }
}

export function importCsvFiles(files: File[], options: CsvReadOptions = {}): Promise<ColumnTable> {
  const worker = startWorker();
  if (!worker) return readCsvFiles(files, options);
  return new Promise<ColumnTable>((resolve, reject) => {
    const finish = () => {
      worker.terminate();
      options.signal?.removeEventListener("abort", cancel);
    };
    const cancel = () => {
      finish();
      reject(new CancelledError());
    };
    if (options.signal?.aborted) return cancel();
    options.signal?.addEventListener("abort", cancel);
    const rows = new RowAssembler();
    worker.onmessage = (e: MessageEvent<ImportReply>) => {
      const m = e.data;
      if (m.type === "progress") options.onProgress?.(m.bytes, m.total, m.rows);
      else if (m.type === "rows") rows.add(m.batch);
      else {
        finish();
        if (m.type === "done") resolve(rows.finish(m.info));
        else reject(m.harm ? valueError(m.message) : new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(e.message || "the import worker stopped"));
    };
    const request: ImportRequest = { files, keep: options.keep ?? "all" };
    worker.postMessage(request);
  });
}
