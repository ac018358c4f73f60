/**
 * Reads incident CSV files (police.uk street files as downloaded, or any CSV
 * with a header row) in chunks, yielding to the event loop between chunks so
 * the pane stays responsive for 100,000+ rows. Several files with the same
 * header (one per month, as police.uk publishes them) become one table.
 */
import { CsvParser } from "../../core/incidents";
import { CancelledError, PortError, type TableData } from "../port/types";
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

export async function readCsvFiles(
  files: readonly FileLike[],
  options: CsvReadOptions = {},
): Promise<TableData> {
  const total = files.reduce((s, f) => s + f.size, 0);
  let done = 0;
  let headers: string[] | null = null;
  const rows: string[][] = [];
  for (const file of files) {
    const parser = new CsvParser();
    const decoder = new TextDecoder("utf-8"); // drops a leading BOM
    let fileHeader: string[] | null = null;
    const take = (parsed: string[][]) => {
      for (const r of parsed) {
        if (fileHeader === null) {
          fileHeader = r.map((h) => h.trim());
          if (headers === null) headers = fileHeader;
          else if (fileHeader.join("\u0000") !== headers.join("\u0000"))
            throw new PortError(
              `${file.name} has different column headings from the first file, so the files cannot be combined. Import it on its own.`,
            );
          continue;
        }
        if (r.length === 1 && r[0] === "") continue; // blank line
        rows.push(r);
      }
    };
    for (let offset = 0; offset < file.size; offset += CSV_CHUNK_BYTES) {
      if (options.signal?.aborted) throw new CancelledError();
      const buf = await file.slice(offset, Math.min(file.size, offset + CSV_CHUNK_BYTES)).arrayBuffer();
      take(parser.push(decoder.decode(buf, { stream: true })));
      done += buf.byteLength;
      options.onProgress?.(done, total, rows.length);
      await yieldToEventLoop();
    }
    take(parser.push(decoder.decode()));
    take(parser.finish());
    if (fileHeader === null) throw new PortError(`${file.name} is empty.`);
  }
  if (options.signal?.aborted) throw new CancelledError();
  return { headers: headers ?? [], rows };
}
