/**
 * Reads incident CSV files from disk for `harm-planner evaluate` through the
 * core's incident reader (the same checks and messages as the task pane),
 * streaming each file and keeping only the columns the evaluation needs.
 */
import * as fs from "fs";
import * as path from "path";
import { guessColumns, readIncidentFiles, type IncidentTable } from "../core/incidents";
import { InputFileError } from "./operationFile";
import { headingsText } from "../core/text";

/** The CSV files named, or found (one level deep) in a folder named, sorted by name. */
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
        .filter((f) => /\.csv$/i.test(f))
        .sort()
        .map((f) => path.join(input, f));
      if (found.length === 0) throw new InputFileError(`The folder "${input}" has no .csv files.`);
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
}

/** Node's own decoder: fatal, so bytes that are not UTF-8 send the file to the Windows-1252 reading. */
export const nativeUtf8 = () => {
  const d = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return (bytes: Uint8Array, stream: boolean) => d.decode(bytes, { stream });
};

export async function readIncidentData(files: readonly string[]): Promise<IncidentData> {
  let found: ReturnType<typeof guessColumns> | null = null;
  const table = await readIncidentFiles(
    files.map((file) => ({
      name: path.basename(file),
      // Known sizes let the reader fingerprint only files that could be copies of one another.
      size: sizeOf(file),
      read: () => fs.createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Uint8Array>,
    })),
    {
      createUtf8Decoder: nativeUtf8,
      keepColumns: (headers) => {
        const g = guessColumns(headers);
        if (g.date === null || g.area === null)
          throw new InputFileError(
            `No date (or month) column and area code column could be recognised among: ${headingsText(headers)}.`,
          );
        found = g;
        return [
          g.date,
          g.area,
          ...(g.offenceType !== null ? [g.offenceType] : []),
          ...(g.id !== null ? [g.id] : []),
        ];
      },
    },
  );
  const g = found as ReturnType<typeof guessColumns> | null;
  const [dates, areas, ...rest] = table.columns;
  const types = g && g.offenceType !== null ? rest.shift()! : null;
  const ids = g && g.id !== null ? rest.shift()! : null;
  return { table, dates: dates ?? [], areas: areas ?? [], types, ids };
}
