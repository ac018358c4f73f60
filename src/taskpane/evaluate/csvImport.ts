/**
 * Reads incident CSV files (police.uk street files as downloaded, or any CSV
 * with a header row) in chunks, yielding to the event loop between chunks so
 * the pane stays responsive for 100,000+ rows. Several files with the same
 * header (one per month, as police.uk publishes them) become one table.
 */
import { CsvParser } from "../../core/incidents";
import { CancelledError, PortError, type TableData } from "../../workbook/port";
import { yieldToEventLoop } from "../util";

export const CSV_CHUNK_BYTES = 256 * 1024;

/**
 * Incident files repeat the same few values (month, area code, offence type)
 * on every row; sharing one string per distinct value keeps a million-row
 * import in far less memory. A column with more distinct values than this
 * (crime IDs) stops being pooled.
 */
const POOL_LIMIT = 20_000;

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
  const pools: (Map<string, string> | null)[] = [];
  const share = (r: string[]): string[] => {
    for (let j = 0; j < r.length; j++) {
      let pool = pools[j];
      if (pool === null) continue;
      if (pool === undefined) pool = pools[j] = new Map();
      const v = r[j];
      const seen = pool.get(v);
      if (seen !== undefined) r[j] = seen;
      else if (pool.size < POOL_LIMIT) pool.set(v, v);
      else pools[j] = null;
    }
    return r;
  };
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
        rows.push(share(r));
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
