/**
 * Reads incident CSV files chosen in the pane through the core's incident
 * reader (the same checks and messages as the command line), keeping only
 * the columns the evaluation can use once the header is known: a million
 * police.uk rows of twelve columns would not fit in the pane otherwise.
 * Several files with the same header (police.uk's monthly files) become one
 * table. The pane runs this in a Web Worker (importWorker.ts); on the page
 * itself (no worker) it reads in pieces and yields between them.
 */
import {
  guessColumns,
  readIncidentFiles,
  type IncidentFileSource,
  type IncidentTable,
  type RowBatch,
} from "../../core/incidents";
import { ColumnTable } from "../../app/incidentData";
import { incidentFilesInZip, isZipName } from "../../app/incidentZip";
import { CancelledError } from "../../workbook/port";
import { yieldToEventLoop } from "../util";

export const CSV_CHUNK_BYTES = 256 * 1024;

/** The part of File the reader needs (so tests can pass plain blobs). */
export interface FileLike {
  name: string;
  size: number;
  slice(start: number, end: number): Blob;
}

/** Which columns to keep: those guessed for the evaluation, every one, or these positions. */
export type KeepColumns = "guessed" | "all" | readonly number[];

export interface CsvReadOptions {
  onProgress?: (bytesRead: number, totalBytes: number, rowsRead: number) => void;
  signal?: AbortSignal;
  /** Default "all". */
  keep?: KeepColumns;
  /** Bytes per read (default CSV_CHUNK_BYTES). */
  chunkBytes?: number;
  /** Yield to the event loop between reads (default true: on the page, the pane stays responsive). */
  yieldBetween?: boolean;
  /** Rows handed over in batches as they are read (the import worker); the table then holds none. */
  onRows?: (batch: RowBatch) => void;
}

/**
 * Positions of the columns guessed as date, area, offence type, area name and
 * crime reference; every column when the date or area cannot be guessed (the
 * analyst will choose them, so nothing may be dropped yet).
 */
export function guessedColumns(headers: readonly string[]): number[] {
  const g = guessColumns(headers);
  if (g.date === null || g.area === null) return headers.map((_, i) => i);
  const wanted = [g.date, g.area, g.offenceType, g.areaName, g.id];
  return [...new Set(wanted.filter((i): i is number => i !== null))].sort((a, b) => a - b);
}

/** The file read as the core table, with the positions (in allHeaders) of the columns kept. */
export async function readIncidentTable(
  files: readonly FileLike[],
  options: CsvReadOptions = {},
): Promise<{ table: IncidentTable; kept: number[] }> {
  const chunk = options.chunkBytes ?? CSV_CHUNK_BYTES;
  const pause = options.yieldBetween ?? true;
  let kept: number[] = [];
  const keep = options.keep ?? "all";
  const notes: string[] = [];
  const zipped = await zipContents(files, chunk, options.signal, pause, notes);
  const total = files.reduce(
    (s, f) => s + (zipped.get(f)?.reduce((t, z) => t + (z.size ?? 0), 0) ?? f.size),
    0,
  );
  const table = await readIncidentFiles(
    files.flatMap(
      (file): IncidentFileSource[] =>
        zipped.get(file) ?? [
          {
            name: file.name,
            size: file.size,
            read: async function* () {
              const piece = (offset: number) =>
                file.slice(offset, Math.min(file.size, offset + chunk)).arrayBuffer();
              // The next piece is asked for before this one is parsed, so reading and parsing overlap.
              let next = file.size > 0 ? piece(0) : null;
              try {
                for (let offset = 0; next; offset += chunk) {
                  if (options.signal?.aborted) throw new CancelledError();
                  const bytes = new Uint8Array(await next);
                  next = offset + chunk < file.size ? piece(offset + chunk) : null;
                  yield bytes;
                  if (pause) await yieldToEventLoop();
                }
              } finally {
                next?.catch(() => undefined); // a read left unfinished (cancelled, or the file read again) fails quietly
              }
            },
          },
        ],
    ),
    {
      createUtf8Decoder: typeof TextDecoder === "function" ? nativeUtf8 : undefined,
      keepColumns: (headers) => {
        kept =
          keep === "all"
            ? headers.map((_, i) => i)
            : keep === "guessed"
              ? guessedColumns(headers)
              : keep.filter((i) => i >= 0 && i < headers.length);
        return kept;
      },
      onProgress: (bytes, rows) => options.onProgress?.(Math.min(bytes, total), total, rows),
      ...(options.onRows ? { onRows: options.onRows } : {}),
    },
  );
  if (options.signal?.aborted) throw new CancelledError();
  table.notices.unshift(...notes); // what a zip held besides the files read comes first
  return { table, kept };
}

/**
 * The files inside each police.uk zip chosen (src/app/incidentZip.ts), each
 * inflated as it is read, with the same stops for Cancel and for the page to
 * paint as a chosen CSV file; what each zip held besides is added to `notes`.
 */
async function zipContents(
  files: readonly FileLike[],
  chunk: number,
  signal: AbortSignal | undefined,
  pause: boolean,
  notes: string[],
): Promise<Map<FileLike, IncidentFileSource[]>> {
  const out = new Map<FileLike, IncidentFileSource[]>();
  for (const file of files) {
    if (!isZipName(file.name)) continue;
    const read = async (start: number, end: number) =>
      new Uint8Array(await file.slice(start, end).arrayBuffer());
    const inside = await incidentFilesInZip({ name: file.name, size: file.size, read }, chunk);
    if (inside.note) notes.push(inside.note);
    out.set(
      file,
      inside.files.map((f) => ({
        ...f,
        read: async function* () {
          for await (const bytes of f.read()) {
            if (signal?.aborted) throw new CancelledError();
            yield bytes;
            if (pause) await yieldToEventLoop();
          }
        },
      })),
    );
  }
  return out;
}

/** The core table as the pane holds it: columns by their position in the files' header. */
export function toColumnTable(table: IncidentTable, kept: readonly number[]): ColumnTable {
  const columns = new Map(kept.map((k, j) => [k, table.columns[j]]));
  return ColumnTable.of(table.allHeaders, columns, table.rowCount, table.rowLabel, table.notices);
}

/** Reads on this page (tests, and browsers without workers). */
export async function readCsvFiles(
  files: readonly FileLike[],
  options: CsvReadOptions = {},
): Promise<ColumnTable> {
  const { table, kept } = await readIncidentTable(files, options);
  return toColumnTable(table, kept);
}

/** The browser's own decoder: fatal, so bytes that are not UTF-8 send the file to the Windows-1252 reading. */
const nativeUtf8 = () => {
  const d = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return (bytes: Uint8Array, stream: boolean) => d.decode(bytes, { stream });
};
