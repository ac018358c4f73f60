/**
 * One incident file read and sorted for the cube, on its own: what a worker
 * thread does with each file it is given (readWorker.ts), and what the
 * command does itself when it reads on one thread. The checks that compare
 * files with one another (the same headings, the same bytes, the same month
 * twice) and the counting of rows that passed are left to countFiles.ts,
 * which takes the files in their order; so the file's facts for those come
 * back with its part of the cube, and a refusal comes back as data too.
 */
import * as fs from "fs";
import { isHarmError } from "../core/errors";
import { guessColumns, IncidentFileReader, type RowBatch, type TextEncodingName } from "../core/incidents";
import type { CubeFrame } from "../core/incidents/cube";
import type { CubePart } from "../core/incidents/cubePart";
import { CubeRecorder } from "../core/incidents/cubeRecorder";
import { DataCensus, type CensusData } from "../core/incidents/census";
import { headingsText } from "../core/text";
import { entryBytes, type ZipEntry } from "../app/incidentZip";
import { nativeUtf8, openZip } from "./incidentFiles";
import { InputFileError } from "./operationFile";

/** One file to read: a CSV file on disk, or a file inside a zip on disk. */
export interface FileTask {
  /** Its place in the order the files are taken in. */
  index: number;
  /** As messages name it: the file's name, or the path inside the zip. */
  name: string;
  path: string;
  entry?: ZipEntry;
  size?: number;
  /** Fingerprint its bytes: another file has its size, so it could be a copy. */
  fingerprint: boolean;
}

/** What every file is read for: the evaluation's counting window and areas. */
export interface CountPlan {
  frame: CubeFrame;
  /** Normalised codes of the areas to keep; null keeps every area. */
  keepAreas: string[] | null;
  /** Local authorities (authorityKey) whose areas are kept too, told by each row's area name. */
  keepAuthorities: string[] | null;
  onsOnly: boolean;
  /** Read the area names (to group areas by local authority). */
  names: boolean;
  maxListed: number;
}

/** A refusal or failure, as data (it may cross from a worker thread). */
export interface FileFailure {
  kind: "harm" | "input" | "other";
  message: string;
  /** A file-system error's code, call and path (see fileErrors.ts). */
  code?: string;
  syscall?: string;
  path?: string;
}

export interface FileCount {
  index: number;
  name: string;
  /** The file's headings (trimmed), when its header was read. */
  headings: string[] | null;
  /** Why the file was refused; null when it was read to its end. */
  failure: FileFailure | null;
  bytes: number;
  rows: number;
  encoding: TextEncodingName;
  notice: string | null;
  digest: string | null;
  /** police.uk months of forces (MonthsByFile). */
  months: string[];
  part: CubePart | null;
  census: CensusData | null;
}

/** Rows sorted at a time: small enough that a file's rows are never all held. */
const BATCH_ROWS = 20_000;
const formatLine = (n: number): string => n.toLocaleString("en-GB");

export function failureOf(e: unknown): FileFailure {
  const message = e instanceof Error ? e.message : String(e);
  if (isHarmError(e)) return { kind: "harm", message };
  if (e instanceof InputFileError) return { kind: "input", message };
  const { code, syscall, path: where } = (e ?? {}) as { code?: unknown; syscall?: unknown; path?: unknown };
  const out: FileFailure = { kind: "other", message };
  if (typeof code === "string") out.code = code;
  if (typeof syscall === "string") out.syscall = syscall;
  if (typeof where === "string") out.path = where;
  return out;
}

/** The file's bytes, from the start, each time it is called; and what to close afterwards. */
async function openTask(task: FileTask) {
  if (!task.entry) {
    const read = () =>
      fs.createReadStream(task.path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Uint8Array>;
    return { read, close: async () => {} };
  }
  const { zip, close } = await openZip(task.path);
  const entry = task.entry;
  return { read: () => entryBytes(zip, entry, 1024 * 1024), close };
}

/** Reads and sorts one file; never throws (a refusal is in `failure`). */
export async function countFile(
  task: FileTask,
  plan: CountPlan,
  progress?: (bytes: number, rows: number) => void,
): Promise<FileCount> {
  const out: FileCount = {
    index: task.index,
    name: task.name,
    headings: null,
    failure: null,
    bytes: 0,
    rows: 0,
    encoding: "utf-8",
    notice: null,
    digest: null,
    months: [],
    part: null,
    census: null,
  };
  let reader: IncidentFileReader | null = null;
  let close = async () => {};
  try {
    const source = await openTask(task);
    close = source.close;
    // Where each wanted column is among those kept: date, area, then type, reference and name when present.
    let at = { type: -1, id: -1, name: -1 };
    reader = new IncidentFileReader({
      createUtf8Decoder: nativeUtf8,
      // Rows are counted and dropped a batch at a time: sharing their strings would only cost time.
      poolStrings: false,
      keepColumns: (headers) => {
        const g = guessColumns(headers);
        if (g.date === null || g.area === null)
          throw new InputFileError(
            `No date (or month) column and area code column could be recognised among: ${headingsText(headers)}.`,
          );
        const keep = [g.date, g.area];
        const add = (k: number | null) => (k === null ? -1 : keep.push(k) - 1);
        at = { type: add(g.offenceType), id: add(g.id), name: plan.names ? add(g.areaName) : -1 };
        return keep;
      },
    });
    let lines: Int32Array = new Int32Array(0);
    let first = 0;
    const lineOf = (i: number) => lines[i - first];
    const sorter = () =>
      new CubeRecorder(plan.frame, {
        keepAreas: plan.keepAreas ? new Set(plan.keepAreas) : null,
        keepAuthorities: plan.keepAuthorities ? new Set(plan.keepAuthorities) : null,
        onsOnly: plan.onsOnly,
        maxListed: plan.maxListed,
        rowLabel: (i) => `${task.name}, line ${formatLine(lineOf(i))}`,
        lineOf,
      });
    let recorder = sorter();
    let census = new DataCensus();
    const sort = (b: RowBatch) => {
      if (b.lines.length === 0) return;
      lines = b.lines;
      first = b.first;
      const [dates, areas] = b.columns;
      const offenceTypes = at.type >= 0 ? b.columns[at.type] : undefined;
      recorder.add(
        {
          dates,
          areas,
          ...(offenceTypes ? { offenceTypes } : {}),
          ...(at.id >= 0 ? { ids: b.columns[at.id] } : {}),
          ...(at.name >= 0 ? { names: b.columns[at.name] } : {}),
        },
        b.first,
      );
      census.add({
        dates,
        areas,
        offenceTypes: offenceTypes ?? null,
        names: at.name >= 0 ? b.columns[at.name] : null,
      });
    };
    let bytes = 0;
    reader.beginFile(task.name, { fingerprint: task.fingerprint });
    for (let attempt = 0; attempt < 2; attempt++) {
      let complete = true;
      for await (const piece of source.read()) {
        bytes += piece.length;
        if (!reader.push(piece)) {
          complete = false;
          break;
        }
        if (reader.heldRows >= BATCH_ROWS) sort(reader.takeRows());
        progress?.(bytes, reader.rowCount);
      }
      if (complete && reader.endFile()) break;
      // Read again from its first row as Windows-1252: what was sorted of it is dropped.
      recorder = sorter();
      census = new DataCensus();
    }
    sort(reader.takeRows());
    const table = reader.finish();
    const info = table.files[0];
    out.headings = table.allHeaders;
    out.bytes = info.bytes;
    out.rows = info.rows;
    out.encoding = info.encoding;
    out.notice = table.notices[0] ?? null;
    out.digest = reader.lastFile?.digest ?? null;
    out.months = reader.lastFile?.months ?? [];
    out.part = recorder.part();
    out.census = census.data();
  } catch (e) {
    out.failure = failureOf(e);
    out.headings = reader?.headings ? [...reader.headings] : null;
  } finally {
    await close();
  }
  return out;
}
