/**
 * Reads incident files into one cube for `harm-planner evaluate`, in worker
 * threads when there are several files (one per core, up to MAX_WORKERS).
 * Each file is read and sorted on its own (countFile.ts); the results are
 * then taken strictly in the files' order, whichever thread finished first:
 * the headings, copies and repeated months are checked, the first refusal in
 * that order is the one reported, and the rows that passed are counted, a
 * repeated crime reference being dropped wherever it comes later in that
 * order. So the cube, every message and the workbook are the same, byte for
 * byte, whatever the number of threads. No row is kept once counted: memory
 * goes with the areas and months counted (and the references of the rows
 * counted), not with the rows read.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { areasByAuthority } from "../core/authorities";
import { valueError } from "../core/errors";
import { differentHeadings, sameHeadings } from "../core/incidents/fileReader";
import { CubeBuilder, type IncidentCube } from "../core/incidents/cube";
import { DataCensus, type CensusData } from "../core/incidents/census";
import { SameBytes } from "../core/incidents/hash";
import { MonthHolders } from "../core/incidents/policeUk";
import { incidentFilesInZip, isZipName } from "../app/incidentZip";
import { countFile, type CountPlan, type FileCount, type FileFailure, type FileTask } from "./countFile";
import { openZip, sizeOf } from "./incidentFiles";
import { InputFileError } from "./operationFile";

/** Beyond this many threads reading files, the disk and the thread that counts set the pace. */
export const MAX_WORKERS = 8;

/** The default number of threads: one per core, up to MAX_WORKERS. */
export const defaultWorkers = (): number =>
  Math.max(
    1,
    Math.min(
      MAX_WORKERS,
      typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length,
    ),
  );

export interface CountedData {
  cube: IncidentCube;
  /** What all the rows hold (every area code, month and offence type), whatever the cube keeps. */
  census: CensusData;
  /** Files read (each file inside a zip counts). */
  files: number;
  /** Notes on zips and on files read as Windows-1252, in the files' order. */
  notices: string[];
  /** Area codes by local authority, from the areas' names (when names were read). */
  byAuthority: Map<string, string[]>;
}

export interface ReadProgress {
  files: number;
  filesDone: number;
  /** Bytes read so far (inflated, for files in zips) and the total expected. */
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface CountOptions {
  /** Threads to read with; 1 reads in this thread. */
  workers: number;
  onProgress?: (p: ReadProgress) => void;
}

/** Each file to read, in order: CSV files as they are, zips as the incident files inside them. */
export async function fileTasks(files: readonly string[]): Promise<{ tasks: FileTask[]; notes: string[] }> {
  const tasks: FileTask[] = [];
  const notes: string[] = [];
  for (const file of files) {
    if (!isZipName(file)) {
      const size = sizeOf(file);
      tasks.push({
        index: tasks.length,
        name: path.basename(file),
        path: file,
        fingerprint: true,
        ...(size !== undefined ? { size } : {}),
      });
      continue;
    }
    const { zip, close } = await openZip(file);
    try {
      const inside = await incidentFilesInZip(zip);
      for (const entry of inside.entries)
        tasks.push({
          index: tasks.length,
          name: entry.name,
          path: file,
          entry,
          size: entry.size,
          fingerprint: true,
        });
      if (inside.note) notes.push(inside.note);
    } finally {
      await close();
    }
  }
  // Only a file whose size another shares can be a copy of it: the rest need no fingerprint.
  const sizes = new Map<number, number>();
  for (const { size } of tasks) if (size !== undefined) sizes.set(size, (sizes.get(size) ?? 0) + 1);
  for (const t of tasks) t.fingerprint = !(t.size !== undefined && sizes.get(t.size) === 1);
  return { tasks, notes };
}

/** The error a refusal stands for, as the file's own reading would have thrown it. */
function failureError(f: FileFailure): Error {
  if (f.kind === "harm") return valueError(f.message);
  if (f.kind === "input") return new InputFileError(f.message);
  return Object.assign(new Error(f.message), {
    ...(f.code ? { code: f.code } : {}),
    ...(f.syscall ? { syscall: f.syscall } : {}),
    ...(f.path ? { path: f.path } : {}),
  });
}

const formatLine = (n: number): string => n.toLocaleString("en-GB");

/**
 * Takes each file's count in the files' order, whatever order they come in
 * (a count waits until those before it are taken): the checks across files,
 * then its rows into the cube.
 */
export class FileMerger {
  private readonly builder: CubeBuilder;
  private readonly census = new DataCensus();
  private readonly copies = new SameBytes();
  private readonly months = new MonthHolders();
  private headings: string[] | null = null;
  private headerFile = "";
  private rows = 0;
  private files = 0;
  private readonly waiting = new Map<number, FileCount>();
  readonly notices: string[];

  constructor(plan: CountPlan, notes: readonly string[]) {
    this.builder = new CubeBuilder(plan.frame, { maxListed: plan.maxListed });
    this.notices = [...notes];
  }

  /** Files taken so far (the next to take has this index). */
  get taken(): number {
    return this.files;
  }

  add(f: FileCount): void {
    this.waiting.set(f.index, f);
    for (let next = this.waiting.get(this.files); next !== undefined; next = this.waiting.get(this.files)) {
      this.waiting.delete(this.files);
      this.take(next);
    }
  }

  private take(f: FileCount): void {
    // In the order one reader meets them: other headings, then the file's own refusal, then the checks at its end.
    if (f.headings && this.headings && !sameHeadings(f.headings, this.headings))
      throw differentHeadings(f.name, this.headerFile);
    if (f.failure) throw failureError(f.failure);
    if (this.headings === null) {
      this.headings = f.headings;
      this.headerFile = f.name;
    }
    if (f.digest !== null) this.copies.see(f.name, f.digest);
    this.months.hold(f.name, this.files, f.months);
    this.builder.addPart(f.part!, this.rows, (line) => `${f.name}, line ${formatLine(line)}`);
    this.census.merge(f.census!);
    if (f.notice) this.notices.push(f.notice);
    this.rows += f.rows;
    this.files++;
  }

  finish(): CountedData {
    if (this.headings === null) throw valueError("no incident files were read");
    if (this.waiting.size) throw new Error("a file's count came without those before it");
    const cube = this.builder.finish();
    const census = this.census.data();
    const found = areasByAuthority(cube.areas.map((code, k) => ({ code, name: cube.areaNames[k] })));
    // Every authority in the data, so one asked for that is not there can be answered with those that are.
    const byAuthority = new Map(
      [...new Set([...found.keys(), ...census.authorities])]
        .sort((a, b) => a.localeCompare(b, "en-GB"))
        .map((a) => [a, found.get(a) ?? []]),
    );
    return { cube, census, files: this.files, notices: this.notices, byAuthority };
  }
}

/** Sums each file's progress as threads report it. */
class Progress {
  private readonly current = new Map<number, { bytes: number; rows: number }>();
  private doneBytes = 0;
  private doneRows = 0;
  private filesDone = 0;
  private readonly totalBytes: number;

  constructor(
    private readonly tasks: readonly FileTask[],
    private readonly report?: (p: ReadProgress) => void,
  ) {
    this.totalBytes = tasks.reduce((n, t) => n + (t.size ?? 0), 0);
  }

  file(index: number, bytes: number, rows: number): void {
    this.current.set(index, { bytes, rows });
    this.send();
  }

  done(f: FileCount): void {
    this.current.delete(f.index);
    this.filesDone++;
    this.doneBytes += f.bytes;
    this.doneRows += f.rows;
    this.send();
  }

  private send(): void {
    if (!this.report) return;
    let bytes = this.doneBytes;
    let rows = this.doneRows;
    for (const c of this.current.values()) {
      bytes += c.bytes;
      rows += c.rows;
    }
    this.report({
      files: this.tasks.length,
      filesDone: this.filesDone,
      bytes,
      totalBytes: this.totalBytes,
      rows,
    });
  }
}

/** The worker script beside this module once built (lib/cli); absent when run from the TypeScript sources. */
const WORKER_SCRIPT = path.join(__dirname, "readWorker.js");

/** Reads the files (see fileTasks) into one cube, for the plan's window and areas. */
export async function countIncidentFiles(
  files: readonly string[],
  plan: CountPlan,
  options: CountOptions,
): Promise<CountedData> {
  const { tasks, notes } = await fileTasks(files);
  const merger = new FileMerger(plan, notes);
  const progress = new Progress(tasks, options.onProgress);
  const threads = Math.min(options.workers, tasks.length);
  if (threads <= 1 || !fs.existsSync(WORKER_SCRIPT)) {
    for (const task of tasks) {
      const f = await countFile(task, plan, (bytes, rows) => progress.file(task.index, bytes, rows));
      progress.done(f);
      merger.add(f);
    }
  } else await inWorkers(tasks, plan, threads, merger, progress);
  return merger.finish();
}

type FromWorker =
  { type: "progress"; index: number; bytes: number; rows: number } | { type: "done"; count: FileCount };

/**
 * The files read by `threads` workers, each given the next file as it
 * finishes one. Counts are merged in the files' order; a worker is not given
 * a file more than a few places ahead of the next to merge, so few finished
 * counts wait (and a worker on a long file holds up little).
 */
function inWorkers(
  tasks: readonly FileTask[],
  plan: CountPlan,
  threads: number,
  merger: FileMerger,
  progress: Progress,
): Promise<void> {
  const ahead = threads * 4;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const idle: Worker[] = [];
    let given = 0;
    let over = false;
    const end = (e?: unknown) => {
      if (over) return;
      over = true;
      for (const w of workers) void w.terminate();
      if (e === undefined) resolve();
      else reject(e instanceof Error ? e : new Error(String(e)));
    };
    const give = (w: Worker) => {
      if (given < tasks.length && given < merger.taken + ahead) w.postMessage(tasks[given++]);
      else idle.push(w);
    };
    for (let k = 0; k < threads; k++) {
      const w = new Worker(WORKER_SCRIPT, { workerData: plan });
      workers.push(w);
      w.on("message", (m: FromWorker) => {
        if (over) return;
        if (m.type === "progress") return progress.file(m.index, m.bytes, m.rows);
        progress.done(m.count);
        try {
          merger.add(m.count);
        } catch (e) {
          return end(e);
        }
        if (merger.taken === tasks.length) return end();
        give(w);
        while (idle.length && given < tasks.length && given < merger.taken + ahead) give(idle.shift()!);
      });
      w.on("error", (e) => end(e));
      w.on("exit", (code) => {
        if (!over) end(new Error(`a thread reading the files stopped (exit code ${code})`));
      });
      give(w);
    }
  });
}
