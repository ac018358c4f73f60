/**
 * Reads incident CSV files chosen in the pane through the core's incident
 * reader (the same checks and messages as the command line), in pieces,
 * yielding to the event loop between them so the pane stays responsive.
 * Several files with the same header (police.uk's monthly files) become one table.
 */
import { readIncidentFiles } from "../../core/incidents";
import { CancelledError, type TableData } from "../../workbook/port";
import { yieldToEventLoop } from "../util";

export const CSV_CHUNK_BYTES = 256 * 1024;

/** The part of File the reader needs (so tests can pass plain blobs). */
export interface FileLike {
  name: string;
  size: number;
  slice(start: number, end: number): Blob;
}

export interface CsvReadOptions {
  onProgress?: (bytesRead: number, totalBytes: number, rowsRead: number) => void;
  signal?: AbortSignal;
}

/** Incident rows, with where each came from, and what the analyst should know about the files. */
export interface CsvData extends TableData {
  notices: string[];
}

/** The browser's own decoder: fatal, so bytes that are not UTF-8 send the file to the Windows-1252 reading. */
const nativeUtf8 = () => {
  const d = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return (bytes: Uint8Array, stream: boolean) => d.decode(bytes, { stream });
};

export async function readCsvFiles(
  files: readonly FileLike[],
  options: CsvReadOptions = {},
): Promise<CsvData> {
  const total = files.reduce((s, f) => s + f.size, 0);
  const table = await readIncidentFiles(
    files.map((file) => ({
      name: file.name,
      read: async function* () {
        for (let offset = 0; offset < file.size; offset += CSV_CHUNK_BYTES) {
          if (options.signal?.aborted) throw new CancelledError();
          const end = Math.min(file.size, offset + CSV_CHUNK_BYTES);
          yield new Uint8Array(await file.slice(offset, end).arrayBuffer());
          await yieldToEventLoop();
        }
      },
    })),
    {
      createUtf8Decoder: typeof TextDecoder === "function" ? nativeUtf8 : undefined,
      onProgress: (bytes, rows) => options.onProgress?.(Math.min(bytes, total), total, rows),
    },
  );
  if (options.signal?.aborted) throw new CancelledError();
  return { headers: table.headers, rows: table.rows(), rowLabel: table.rowLabel, notices: table.notices };
}
