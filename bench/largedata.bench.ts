/**
 * Large data: 1,000,000 police.uk-style incident rows, imported and evaluated.
 *
 * Three paths, each timed and sampled for memory (rss and heapUsed, sampled
 * after every chunk and at each step; the peak is reported):
 *  - "columns": CSV generated in chunks, streamed through CsvParser keeping
 *    only the three columns the evaluation needs, then aggregateIncidents
 *    (counts by offence type, as the task pane asks for).
 *  - "core reader": the same CSV as bytes through IncidentFileReader (native
 *    TextDecoder, encoding checks, line numbers, a fingerprint of the bytes,
 *    four columns kept), then aggregateIncidents with Crime IDs and row labels.
 *  - "task pane": the pane's own reading (readCsvFiles keeping the guessed
 *    columns, as its import worker does) and evaluateIncidents() into Results rows.
 *  - "through the pane": 1,000,000 and 3,000,000 rows imported in headless
 *    Chromium by the browser preview (the pane, its import worker and its
 *    pick-lists), timed and with the renderer's memory (bench/paneImport.ts).
 * The CSV text is never held whole in Node: a 1,000,000-row file is about 184 MB.
 */
import * as fs from "fs";
import * as path from "path";
import { evaluateIncidents } from "../src/core/evaluation";
import { aggregateIncidents, CsvParser, IncidentFileReader, isoToSerial } from "../src/core/incidents";
import { readCsvFiles, type FileLike } from "../src/taskpane/evaluate/csvImport";
import { tableColumns } from "../src/app/incidentData";
import { buildPreview, importThroughPane, tempDir, writeCsv } from "./paneImport";

const ROWS = 1_000_000;
const CHUNK_ROWS = 10_000;
const AREAS = 1_000;
const TYPES = [
  "Anti-social behaviour",
  "Burglary",
  "Criminal damage and arson",
  "Drugs",
  "Other theft",
  "Possession of weapons",
  "Public order",
  "Robbery",
  "Shoplifting",
  "Vehicle crime",
  "Violence and sexual offences",
];
const OUTCOMES = [
  "Investigation complete; no suspect identified",
  "Unable to prosecute suspect",
  "Under investigation",
  "",
];
export const HEADER =
  "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";

const lsoa = (i: number): string => "W01" + String(1000 + i).padStart(6, "0");
const TARGET = Array.from({ length: 10 }, (_, i) => lsoa(i));
const BUFFER = Array.from({ length: 20 }, (_, i) => lsoa(10 + i));
const CONTROL = Array.from({ length: 200 }, (_, i) => lsoa(30 + i));

/** A well-mixed 32-bit hash of the row index, so any chunk can be regenerated identically. */
function hash(n: number, salt: number): number {
  let h = Math.imul(n ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae3d);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, "0");

/** Rows [start, start+count) as CSV text (no header). */
export function csvChunk(start: number, count: number): string {
  const parts: string[] = [];
  for (let r = start; r < start + count; r++) {
    const h1 = hash(r, 1);
    const h2 = hash(r, 2);
    const id =
      h1 % 5 === 0
        ? ""
        : hex8(h1) +
          hex8(h2) +
          hex8(hash(r, 3)) +
          hex8(hash(r, 4)) +
          hex8(hash(r, 5)) +
          hex8(hash(r, 6)) +
          hex8(hash(r, 7)) +
          hex8(hash(r, 8));
    const month = "2024-" + String(1 + (h2 % 12)).padStart(2, "0");
    const area = h1 % AREAS;
    const lon = (-3.2 + (h2 % 10000) / 100000).toFixed(6);
    const lat = (51.5 + (h1 % 10000) / 100000).toFixed(6);
    const street = h2 % 7 === 0 ? `"On or near Mill Lane, Upper"` : `On or near Street ${h2 % 500}`;
    parts.push(
      `${id},${month},Gwent Police,Gwent Police,${lon},${lat},${street},${lsoa(area)},Newport ${String(area).padStart(3, "0")}A,${TYPES[h1 % TYPES.length]},${OUTCOMES[h2 % OUTCOMES.length]},\n`,
    );
  }
  return parts.join("");
}

class Sampler {
  peakRss = 0;
  peakHeap = 0;
  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.peakRss) this.peakRss = m.rss;
    if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
  }
}

const mb = (b: number): number => +(b / 1048576).toFixed(0);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const AREA_SETS = { target: TARGET, buffer: BUFFER, control: CONTROL };
const PERIODS = {
  beforeStart: isoToSerial("2024-01-01"),
  beforeEnd: isoToSerial("2024-06-30"),
  afterStart: isoToSerial("2024-07-01"),
  afterEnd: isoToSerial("2024-12-31"),
};

/** Generates the CSV rows in chunks, hands each to `feed`, samples memory; returns the time spent generating. */
function streamRows(feed: (text: string) => void, s: Sampler): number {
  let generateMs = 0;
  for (let start = 0; start < ROWS; start += CHUNK_ROWS) {
    const g = performance.now();
    const text = csvChunk(start, Math.min(CHUNK_ROWS, ROWS - start));
    generateMs += performance.now() - g;
    feed(text);
    s.sample();
  }
  return generateMs;
}

/** The figures every path reports: times without the generating, and peak memory. */
function figures(
  s: Sampler,
  csvBytes: number,
  [t0, t1, t2]: number[],
  generateMs: number,
): Record<string, number> {
  return {
    rows: ROWS,
    csvMB: mb(csvBytes),
    importMs: Math.round(t1 - t0 - generateMs),
    evaluateMs: Math.round(t2 - t1),
    totalMs: Math.round(t2 - t0 - generateMs),
    generateMsExcluded: Math.round(generateMs),
    peakRssMB: mb(s.peakRss),
    peakHeapUsedMB: mb(s.peakHeap),
  };
}

function columnsPath(): Record<string, number | string> {
  gc();
  const base = process.memoryUsage();
  const s = new Sampler();
  s.sample();
  let csvBytes = HEADER.length;
  const t0 = performance.now();
  const parser = new CsvParser();
  const dates: string[] = [];
  const areas: string[] = [];
  const types: string[] = [];
  let header: string[] | null = null;
  const take = (rows: string[][]): void => {
    for (const r of rows) {
      if (header === null) {
        header = r;
        continue;
      }
      dates.push(r[1]);
      areas.push(r[7]);
      types.push(r[9]);
    }
  };
  take(parser.push(HEADER));
  const generateMs = streamRows((text) => {
    csvBytes += text.length;
    take(parser.push(text));
  }, s);
  take(parser.finish());
  const t1 = performance.now();
  s.sample();
  const result = aggregateIncidents({ dates, areas, offenceTypes: types }, AREA_SETS, PERIODS, {
    byType: true,
    onProgress: () => s.sample(),
  });
  const t2 = performance.now();
  s.sample();
  if (result.rowsRead !== ROWS || dates.length !== ROWS)
    throw new Error(`read ${result.rowsRead} rows, not ${ROWS}`);
  // What the three columns keep alive once garbage is collected. Fields of 13+ characters are V8 slices of
  // the chunk they were parsed from, so keeping one column can keep every chunk's text alive.
  gc();
  const retained = process.memoryUsage().heapUsed - base.heapUsed;
  const ownChars = types.reduce((n, t) => n + t.length, 0) + dates.length * 7 + areas.length * 9;
  return {
    figure: "1,000,000 rows: stream CSV → 3 columns → aggregateIncidents (byType)",
    ...figures(s, csvBytes, [t0, t1, t2], generateMs),
    baseRssMB: mb(base.rss),
    retainedHeapMBAfterGc: mb(retained),
    columnTextMB: mb(ownChars),
    rowsUsed: result.rowsUsed,
    offenceTypes: result.byType?.size ?? 0,
  };
}

/**
 * A File stand-in that produces the CSV on demand, in order, so the pane's
 * reader sees a 1,000,000-row file without the text ever existing whole.
 */
function generatedFile(s: Sampler, timing: { generateMs: number }): FileLike {
  let size = HEADER.length;
  for (let start = 0; start < ROWS; start += CHUNK_ROWS)
    size += csvChunk(start, Math.min(CHUNK_ROWS, ROWS - start)).length;
  let nextRow = 0;
  let pending = Buffer.from(HEADER);
  let offset = 0;
  return {
    name: "generated-1m.csv",
    size,
    slice(start: number, end: number): Blob {
      if (start !== offset) throw new Error(`reads must be in order: asked for ${start}, at ${offset}`);
      while (pending.length < end - start && nextRow < ROWS) {
        const count = Math.min(CHUNK_ROWS, ROWS - nextRow);
        const g = performance.now();
        const text = csvChunk(nextRow, count);
        timing.generateMs += performance.now() - g;
        pending = Buffer.concat([pending, Buffer.from(text)]);
        nextRow += count;
      }
      const out = pending.subarray(0, end - start);
      pending = Buffer.from(pending.subarray(end - start));
      offset = end;
      s.sample();
      return new Blob([out]);
    },
  };
}

async function taskPanePath(): Promise<Record<string, number | string>> {
  gc();
  const s = new Sampler();
  const timing = { generateMs: 0 };
  const file = generatedFile(s, timing);
  gc();
  s.sample();
  const t0 = performance.now();
  const table = await readCsvFiles([file], { keep: "guessed", onProgress: () => s.sample() });
  const t1 = performance.now();
  s.sample();
  const ev = evaluateIncidents({
    incidents: tableColumns(table, { date: 1, area: 7, offenceType: 9, id: 0 }),
    areas: AREA_SETS,
    periods: PERIODS,
  });
  const t2 = performance.now();
  s.sample();
  if (table.rowCount !== ROWS) throw new Error(`read ${table.rowCount} rows, not ${ROWS}`);
  return {
    figure: "1,000,000 rows: task pane readCsvFiles (guessed columns) → evaluateIncidents() Results rows",
    ...figures(s, file.size, [t0, t1, t2], timing.generateMs),
    resultsRows: ev.results.length,
    rowsUsed: ev.aggregate.rowsUsed,
  };
}

/** The generated CSV as bytes through the core reader, then counted with ids and row labels. */
function coreReaderPath(): Record<string, number | string> {
  gc();
  const base = process.memoryUsage();
  const s = new Sampler();
  s.sample();
  let bytes = 0;
  const t0 = performance.now();
  const reader = new IncidentFileReader({
    createUtf8Decoder: () => {
      const d = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
      return (b, stream) => d.decode(b, { stream });
    },
    keepColumns: ["Crime ID", "Month", "LSOA code", "Crime type"],
  });
  reader.beginFile("generated-1m.csv");
  const feed = (text: string): void => {
    const b = Buffer.from(text);
    bytes += b.length;
    reader.push(b);
  };
  feed(HEADER);
  const generateMs = streamRows(feed, s);
  reader.endFile();
  const table = reader.finish();
  const t1 = performance.now();
  s.sample();
  const result = aggregateIncidents(
    {
      dates: table.column("Month"),
      areas: table.column("LSOA code"),
      offenceTypes: table.column("Crime type"),
      ids: table.column("Crime ID"),
    },
    AREA_SETS,
    PERIODS,
    { byType: true, rowLabel: table.rowLabel, onProgress: () => s.sample() },
  );
  const t2 = performance.now();
  s.sample();
  if (result.rowsRead !== ROWS) throw new Error(`read ${result.rowsRead} rows, not ${ROWS}`);
  gc();
  const retained = process.memoryUsage().heapUsed - base.heapUsed;
  return {
    figure: "1,000,000 rows: bytes → IncidentFileReader (4 columns) → aggregateIncidents (byType, Crime IDs)",
    ...figures(s, bytes, [t0, t1, t2], generateMs),
    retainedHeapMBAfterGc: mb(retained),
    rowsUsed: result.rowsUsed,
    rowsDuplicate: result.rowsDuplicate,
  };
}

/** 1,000,000 and 3,000,000 rows chosen in the pane (browser preview, headless Chromium). */
async function throughThePane(): Promise<Record<string, number | string>[]> {
  const tmp = tempDir("hp-pane-import-");
  try {
    const dist = path.join(tmp.dir, "dist");
    await buildPreview(dist);
    const out: Record<string, number | string>[] = [];
    for (const rows of [1_000_000, 3_000_000]) {
      const file = path.join(tmp.dir, `generated-${rows / 1_000_000}m.csv`);
      writeCsv(file, HEADER, rows, csvChunk);
      const f = await importThroughPane(dist, file, rows);
      out.push({
        figure: `${rows.toLocaleString("en-GB")} rows imported through the pane (headless Chromium)`,
        ...f,
      });
      fs.rmSync(file);
    }
    return out;
  } finally {
    tmp.remove();
  }
}

export default async function run(): Promise<Record<string, number | string>[]> {
  const out: Record<string, number | string>[] = [];
  out.push(columnsPath());
  out.push(coreReaderPath());
  out.push(await taskPanePath());
  out.push(...(await throughThePane()));
  out.push({ figure: "machine", node: process.version, date: new Date().toISOString().slice(0, 10) });
  return out;
}
