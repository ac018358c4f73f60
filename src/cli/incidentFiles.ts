/**
 * Reads incident CSV files from disk for `harm-planner evaluate` through the
 * core's incident reader (the same checks and messages as the task pane),
 * streaming each file and keeping only the columns the evaluation needs.
 */
import * as fs from "fs";
import * as path from "path";
import { areasByAuthority } from "../core/authorities";
import { guessColumns, IncidentTable, readIncidentFiles, type IncidentFileSource } from "../core/incidents";
import { incidentFilesInZip, isZipName, type ByteSource } from "../app/incidentZip";
import { InputFileError } from "./operationFile";
import { headingsText } from "../core/text";

/** The CSV and zip files named, or found (one level deep) in a folder named, sorted by name. */
export function listCsvFiles(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new InputFileError(`Cannot find "${input}".`);
    }
    if (stat.isDirectory()) {
      const found = fs
        .readdirSync(input)
        .filter((f) => /\.(csv|zip)$/i.test(f))
        .sort()
        .map((f) => path.join(input, f));
      if (found.length === 0) throw new InputFileError(`The folder "${input}" has no .csv or .zip files.`);
      out.push(...found);
    } else out.push(input);
  }
  return out;
}

/** The file's size in bytes, or undefined when it cannot be read (reading it then says why). */
export function sizeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).size;
  } catch {
    return undefined;
  }
}

export interface IncidentData {
  table: IncidentTable;
  dates: string[];
  areas: string[];
  types: string[] | null;
  ids: string[] | null;
  /** The areas of each local authority, from the area names (police.uk "LSOA name"); empty without names. */
  byAuthority: Map<string, string[]>;
}

/** Node's own decoder: fatal, so bytes that are not UTF-8 send the file to the Windows-1252 reading. */
export const nativeUtf8 = () => {
  const d = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return (bytes: Uint8Array, stream: boolean) => d.decode(bytes, { stream });
};

/**
 * Reads the files keeping the date, area, offence type and crime reference
 * columns. The area name column is read too but not kept: each area's name
 * goes into a map (a few thousand entries however many rows), from which
 * the areas of each authority are worked out.
 */
/** A zip on disk, read by position (its street files are read from it as streams: src/app/incidentZip.ts). */
async function openZip(file: string): Promise<{ zip: ByteSource; close: () => Promise<void> }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, "r");
  } catch {
    throw new InputFileError(`Cannot read "${file}".`);
  }
  const { size } = await handle.stat();
  const read = async (start: number, end: number) => {
    const buf = Buffer.allocUnsafe(Math.max(0, Math.min(end, size) - start));
    const { bytesRead } = await handle.read(buf, 0, buf.length, start);
    return buf.subarray(0, bytesRead);
  };
  return { zip: { name: path.basename(file), size, read }, close: () => handle.close() };
}

/** Each file to read: CSV files as they are, zips as the incident files inside them. */
async function incidentSources(files: readonly string[], opened: (() => Promise<void>)[], notes: string[]) {
  const out: IncidentFileSource[] = [];
  for (const file of files) {
    if (!isZipName(file)) {
      out.push({
        name: path.basename(file),
        // Known sizes let the reader fingerprint only files that could be copies of one another.
        size: sizeOf(file),
        read: () => fs.createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Uint8Array>,
      });
      continue;
    }
    const { zip, close } = await openZip(file);
    opened.push(close);
    const inside = await incidentFilesInZip(zip);
    out.push(...inside.files);
    if (inside.note) notes.push(inside.note);
  }
  return out;
}

export async function readIncidentData(files: readonly string[]): Promise<IncidentData> {
  const opened: (() => Promise<void>)[] = [];
  try {
    const notes: string[] = [];
    return await readSources(await incidentSources(files, opened, notes), notes);
  } finally {
    await Promise.all(opened.map((close) => close()));
  }
}

async function readSources(sources: IncidentFileSource[], notes: string[]): Promise<IncidentData> {
  let found: ReturnType<typeof guessColumns> | null = null;
  let nameAt = -1;
  const columns: string[][] = [];
  let lines = new Int32Array(1 << 16);
  let count = 0;
  const names = new Map<string, string>();
  const read = await readIncidentFiles(sources, {
    createUtf8Decoder: nativeUtf8,
    keepColumns: (headers) => {
      const g = guessColumns(headers);
      if (g.date === null || g.area === null)
        throw new InputFileError(
          `No date (or month) column and area code column could be recognised among: ${headingsText(headers)}.`,
        );
      found = g;
      const keep = [
        g.date,
        g.area,
        ...(g.offenceType !== null ? [g.offenceType] : []),
        ...(g.id !== null ? [g.id] : []),
      ];
      nameAt = g.areaName !== null ? keep.length : -1;
      return g.areaName !== null ? [...keep, g.areaName] : keep;
    },
    // A file read again hands its rows over again from its own first row: rows from there are replaced.
    onRows: (b) => {
      b.columns.forEach((col, k) => {
        if (k === nameAt) {
          const areas = b.columns[1];
          for (let i = 0; i < col.length; i++) if (col[i] !== "") names.set(areas[i], col[i]);
          return;
        }
        const out = (columns[k] ??= []);
        out.length = b.first;
        for (let i = 0; i < col.length; i++) out.push(col[i]);
      });
      count = b.first + b.lines.length;
      if (count > lines.length) {
        const grown = new Int32Array(Math.max(count, lines.length * 2));
        grown.set(lines.subarray(0, b.first));
        lines = grown;
      }
      lines.set(b.lines, b.first);
    },
  });
  const headers = nameAt < 0 ? read.headers : read.headers.filter((_, k) => k !== nameAt);
  while (columns.length < headers.length) columns.push([]);
  const table = new IncidentTable(
    headers,
    read.allHeaders,
    columns,
    read.files,
    [...notes, ...read.notices],
    lines.slice(0, count),
  );
  const g = found as ReturnType<typeof guessColumns> | null;
  const [dates, areas, ...rest] = table.columns;
  const types = g && g.offenceType !== null ? rest.shift()! : null;
  const ids = g && g.id !== null ? rest.shift()! : null;
  const byAuthority = areasByAuthority([...names].map(([code, name]) => ({ code, name })));
  return { table, dates: dates ?? [], areas: areas ?? [], types, ids, byAuthority };
}
