/**
 * Reads incident CSV files from disk for `harm-planner evaluate`, streaming:
 * each file is read in 1 MB pieces and only the columns the evaluation needs
 * are kept (repeated values share one string), so a million rows fit in a
 * few tens of megabytes.
 */
import * as fs from "fs";
import * as path from "path";
import { CsvParser, guessColumns } from "../core/incidents";
import { InputFileError } from "./operationFile";

const CHUNK = 1024 * 1024;

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

export interface IncidentColumnsRead {
  headers: string[];
  /** Kept columns: date, area, offence type (null when the files have none). */
  dates: string[];
  areas: string[];
  types: string[] | null;
  /** "2024-09-gwent-street.csv, line 6,065" for row i. */
  rowLabel(i: number): string;
}

export function readIncidentFiles(files: readonly string[]): IncidentColumnsRead {
  let headers: string[] | null = null;
  let cols: { date: number; area: number; type: number | null } | null = null;
  const dates: string[] = [];
  const areas: string[] = [];
  const types: string[] = [];
  const pool = new Map<string, string>();
  const share = (v: string) => {
    const seen = pool.get(v);
    if (seen !== undefined) return seen;
    if (pool.size < 50_000) pool.set(v, v);
    return v;
  };
  const starts: { file: string; first: number }[] = [];
  for (const file of files) {
    const name = path.basename(file);
    let fd: number;
    try {
      fd = fs.openSync(file, "r");
    } catch {
      throw new InputFileError(`Cannot read "${file}".`);
    }
    const parser = new CsvParser();
    const decoder = new TextDecoder("utf-8");
    let fileHeader: string[] | null = null;
    starts.push({ file: name, first: dates.length });
    const take = (rows: string[][]) => {
      for (const r of rows) {
        if (fileHeader === null) {
          fileHeader = r.map((h) => h.trim());
          if (headers === null) {
            headers = fileHeader;
            const g = guessColumns(headers);
            if (g.date === null || g.area === null)
              throw new InputFileError(
                `${name}: no date (or month) column and area code column could be recognised among: ${headers.join(", ")}.`,
              );
            cols = { date: g.date, area: g.area, type: g.offenceType };
          } else if (fileHeader.join("\u0000") !== headers.join("\u0000"))
            throw new InputFileError(
              `${name} has different column headings from the first file, so they cannot be combined.`,
            );
          continue;
        }
        dates.push(share(r[cols!.date] ?? ""));
        areas.push(share(r[cols!.area] ?? ""));
        if (cols!.type !== null) types.push(share(r[cols!.type] ?? ""));
      }
    };
    try {
      const buf = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const got = fs.readSync(fd, buf, 0, CHUNK, null);
        if (got === 0) break;
        take(parser.push(decoder.decode(buf.subarray(0, got), { stream: true })));
      }
      take(parser.push(decoder.decode()));
      take(parser.finish());
    } catch (e) {
      if (e instanceof InputFileError) throw e;
      throw new InputFileError(`${name}: ${(e as Error).message}`);
    } finally {
      fs.closeSync(fd);
    }
    if (fileHeader === null) throw new InputFileError(`${name} is empty.`);
  }
  const rowLabel = (i: number): string => {
    let k = starts.length - 1;
    while (k > 0 && starts[k].first > i) k--;
    return `${starts[k].file}, line ${(i - starts[k].first + 2).toLocaleString("en-GB")}`;
  };
  const found = cols as { type: number | null } | null;
  return {
    headers: headers ?? [],
    dates,
    areas,
    types: found && found.type !== null ? types : null,
    rowLabel,
  };
}
