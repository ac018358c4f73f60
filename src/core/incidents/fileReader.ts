/**
 * Reads incident CSV files (police.uk street files as downloaded, or a
 * force's own export) from bytes, one file after another, into one table.
 * The task pane and the CLI feed it the same way, so both make the same
 * checks with the same messages:
 * - text encoding and file type (encoding.ts): binary files refused by name,
 *   UTF-16 decoded, non-UTF-8 read as Windows-1252 with a notice
 * - every file has the first file's column headings, at least one row, and
 *   every record has as many fields as its header: otherwise the file is
 *   refused, naming the line where the record starts (a stray quote runs on
 *   over line ends and is named as such), never silently shortened
 * - a file identical to one already read (same bytes) is refused; only files
 *   whose size another file shares need their bytes fingerprinted for this
 * - police.uk files (policeUk.ts) may hold no line break inside a field, and
 *   a month of a force may be in one file only, whatever its bytes
 * Each row keeps its file and the file's own line number, so a rejected row
 * can be named as "2024-09-gwent-street.csv, line 6,065" (IncidentTable.rowLabel).
 * A refusal throws a HarmError; the reader is then finished with.
 */
import { valueError } from "../errors";
import { CsvParser, CsvRecordTooLong, MAX_RECORD_CHARS } from "./csv";
import { FileTextDecoder, type ChunkDecoder, type TextEncodingName } from "./encoding";
import { ContentHasher, SameBytes } from "./hash";
import { MonthsByFile, policeUkColumns } from "./policeUk";

export interface IncidentReaderOptions {
  /** A native UTF-8 decoder per file, for speed (see ChunkDecoder); a pure one is used without it. */
  createUtf8Decoder?: () => ChunkDecoder;
  /**
   * The columns to keep once the header is known, by name or 0-based
   * position, in the order wanted; the rest are dropped as they are read, to
   * save memory. Default: every column.
   */
  keepColumns?: readonly (string | number)[] | ((headers: readonly string[]) => readonly (string | number)[]);
  /**
   * Share one string among a column's repeated values (default true), which
   * saves memory when the rows are kept; a reader whose rows are counted and
   * dropped (takeRows) is faster without.
   */
  poolStrings?: boolean;
}

export interface IncidentFileInfo {
  name: string;
  bytes: number;
  rows: number;
  encoding: TextEncodingName;
  /** The table index of the file's first row. */
  firstRow: number;
}

/**
 * Incidents share a few values (month, area code, offence type) across many
 * rows; one string per distinct value keeps a million rows in far less
 * memory. A column with more distinct values than this (crime IDs) stops being shared.
 */
const POOL_LIMIT = 20_000;

const formatLine = (n: number): string => n.toLocaleString("en-GB");

/**
 * Rows handed over while files are read (IncidentFileReader.takeRows, or
 * readIncidentFiles' onRows), so a reader of a million rows need not hold
 * them all. `first` is the table index of the batch's first row. A file that
 * must be read again (see IncidentFileReader) hands its rows over again from
 * its own first row, so keep rows by index: drop any you hold from `first`
 * on, then add the batch.
 */
export interface RowBatch {
  first: number;
  /** One array per kept column, as in IncidentTable.columns. */
  columns: string[][];
  /** The line of its file on which each row starts. */
  lines: Int32Array;
}

/** The rows read, as columns, with the file and line of every row. */
export class IncidentTable {
  constructor(
    /** The headings of the kept columns, in the order kept. */
    readonly headers: string[],
    /** Every heading of the files. */
    readonly allHeaders: string[],
    /** One array per kept column. */
    readonly columns: string[][],
    readonly files: IncidentFileInfo[],
    /** Things the analyst should know that did not stop the reading (an encoding guessed). */
    readonly notices: string[],
    private readonly lines: Int32Array,
  ) {}

  get rowCount(): number {
    return this.lines.length;
  }

  /** The file row i (0-based) came from. */
  fileOf(i: number): IncidentFileInfo {
    let lo = 0;
    let hi = this.files.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.files[mid].firstRow <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.files[lo];
  }

  /** The line of its file on which row i (0-based) starts (1-based; the header is line 1). */
  lineOf(i: number): number {
    return this.lines[i];
  }

  /** "2024-09-gwent-street.csv, line 6,065": pass as aggregateIncidents' `rowLabel`. */
  readonly rowLabel = (i: number): string => `${this.fileOf(i).name}, line ${formatLine(this.lines[i])}`;

  /** A kept column by its heading. */
  column(heading: string): string[] {
    const k = this.headers.indexOf(heading);
    if (k < 0) throw valueError(`the incident data has no column '${heading}'`);
    return this.columns[k];
  }

  /** The rows as arrays of the kept columns (for writing a table). */
  rows(): string[][] {
    const out: string[][] = new Array(this.rowCount);
    for (let i = 0; i < out.length; i++) out[i] = this.columns.map((c) => c[i]);
    return out;
  }
}

/** Whether two files' headings (trimmed) are the same, so their rows can be combined. */
export const sameHeadings = (a: readonly string[], b: readonly string[]): boolean =>
  a.join("\u0000") === b.join("\u0000");

/** The refusal of file `name`, whose headings are not those of `first`. */
export const differentHeadings = (name: string, first: string) =>
  valueError(
    `${name} has different column headings from ${first}, so the files cannot be combined; load it on its own.`,
  );

/**
 * Usage: for each file, beginFile(name), push(bytes) for each piece in order,
 * endFile(); then finish(). push() and endFile() return false when the file
 * must be fed again from its first byte, with no new beginFile() (it turned
 * out not to be UTF-8 after non-ASCII text had been read as UTF-8; what was
 * read of it is dropped and it is read again as Windows-1252).
 * readIncidentFiles does all of this.
 */
export class IncidentFileReader {
  private header: string[] | null = null;
  private headerFile = "";
  private keep: number[] = [];
  private columns: string[][] = [];
  private pools: (Map<string, string> | null)[] = [];
  private lines = new Int32Array(1024);
  private count = 0;
  /** The table index of the first row held in `columns` and `lines` (rows before it were taken). */
  private base = 0;
  private readonly files: IncidentFileInfo[] = [];
  private readonly notices: string[] = [];
  private readonly copies = new SameBytes();
  private last: { digest: string | null; months: string[] } | null = null;
  // The file being read.
  private name: string | null = null;
  private decoder: FileTextDecoder | null = null;
  private parser = new CsvParser({ trackLines: true });
  private hasher = new ContentHasher();
  private fingerprint = true;
  private fileHeaderSeen = false;
  /** The files are police.uk's: a quoted field never holds a line break. */
  private policeUk = false;
  /** In police.uk files: which file holds each month of each force. */
  private months: MonthsByFile | null = null;
  private fileStart = 0;
  private fileBytes = 0;

  constructor(private readonly options: IncidentReaderOptions = {}) {}

  /** Rows read so far. */
  get rowCount(): number {
    return this.count;
  }

  /** The files' headings (trimmed), once a header has been read. */
  get headings(): readonly string[] | null {
    return this.header;
  }

  /**
   * The file last read to its end: its fingerprint (when taken) and, for
   * police.uk files, its months (MonthsByFile), so files read by separate
   * readers can be checked against one another (SameBytes, MonthHolders).
   */
  get lastFile(): { digest: string | null; months: string[] } | null {
    return this.last;
  }

  /** Rows read and not yet taken (takeRows). */
  get heldRows(): number {
    return this.count - this.base;
  }

  /** Hands over the rows read since the last call; they are no longer held here (see RowBatch). */
  takeRows(): RowBatch {
    const batch: RowBatch = {
      first: this.base,
      columns: this.columns,
      lines: this.lines.slice(0, this.count - this.base),
    };
    this.columns = this.keep.map(() => []);
    this.base = this.count;
    return batch;
  }

  /**
   * `fingerprint: false` says no other file has this one's size, so it cannot be a copy of one:
   * its bytes need not be fingerprinted (a tenth of the reading time). Default true.
   */
  beginFile(name: string, options: { fingerprint?: boolean } = {}): void {
    if (this.name !== null) throw new Error(`beginFile(${name}) before endFile() of ${this.name}`);
    this.name = name;
    this.fingerprint = options.fingerprint !== false;
    this.startFile(false);
  }

  push(bytes: Uint8Array): boolean {
    const name = this.current();
    if (this.fingerprint) this.hasher.update(bytes);
    this.fileBytes += bytes.length;
    const text = this.decoder!.push(bytes);
    if (text === null) return this.restart();
    this.take(this.parse(text, name), name);
    return true;
  }

  /** The rows the text completes; a record too long to be one refuses the file, naming only file and line. */
  private parse(text: string, name: string): string[][] {
    try {
      return this.parser.push(text);
    } catch (e) {
      if (!(e instanceof CsvRecordTooLong)) throw e;
      throw valueError(
        `${name}, line ${formatLine(e.line)}: this line is over ${formatLine(MAX_RECORD_CHARS)} characters long, ` +
          `far longer than any incident record, so ${name} was refused. Is it a CSV file with a line for each record?`,
      );
    }
  }

  endFile(): boolean {
    const name = this.current();
    const text = this.decoder!.end();
    if (text === null) return this.restart();
    this.take(this.parse(text, name), name);
    const open = this.parser.openQuoteLine;
    if (open > 0) {
      throw valueError(
        `${name}, line ${formatLine(open)}: a quoted field starts here and runs on over line ends to the end of ` +
          `the file; a closing quote (") is missing, so ${name} was refused. Correct that line and load the files again.`,
      );
    }
    this.take(this.parser.finish(), name);
    if (!this.fileHeaderSeen) throw valueError(`${name} is empty; it has no header and no rows.`);
    const rows = this.count - this.fileStart;
    if (rows === 0) throw valueError(`${name} has a header but no rows.`);
    const digest = this.fingerprint ? this.hasher.digest() : null;
    this.last = { digest, months: this.months?.fileMonths ?? [] };
    if (digest !== null) this.copies.see(name, digest);
    this.months?.endFile(name, this.files.length);
    this.files.push({
      name,
      bytes: this.fileBytes,
      rows,
      encoding: this.decoder!.encoding,
      firstRow: this.fileStart,
    });
    if (this.decoder!.notice) this.notices.push(this.decoder!.notice);
    this.name = null;
    return true;
  }

  finish(): IncidentTable {
    if (this.name !== null) throw new Error(`finish() before endFile() of ${this.name}`);
    if (this.header === null) throw valueError("no incident files were read");
    // Rows partly taken: the table would index them wrongly, so the rest must be taken too.
    if (this.base > 0 && this.count > this.base) throw new Error("finish() with rows not yet taken");
    const headers = this.keep.map((k) => this.header![k]);
    return new IncidentTable(
      headers,
      this.header,
      this.columns,
      this.files,
      this.notices,
      this.lines.slice(0, this.count - this.base),
    );
  }

  private current(): string {
    if (this.name === null) throw new Error("push() or endFile() without beginFile()");
    return this.name;
  }

  private startFile(windows1252: boolean): void {
    this.decoder = new FileTextDecoder(this.name!, {
      createUtf8Decoder: this.options.createUtf8Decoder,
      windows1252,
    });
    this.parser = new CsvParser({ trackLines: true });
    this.hasher = new ContentHasher();
    this.months?.startFile();
    this.fileHeaderSeen = false;
    this.fileStart = this.count;
    this.fileBytes = 0;
  }

  /** Forget what was read of the current file and read it again as Windows-1252. */
  private restart(): false {
    this.count = this.fileStart;
    if (this.fileStart < this.base) {
      // Rows of this file were taken already: they are handed over again, from the file's first row.
      this.base = this.fileStart;
      this.columns = this.keep.map(() => []);
    } else for (const c of this.columns) c.length = this.fileStart - this.base;
    if (this.headerFile === this.name && this.files.length === 0) this.header = null;
    this.startFile(true);
    return false;
  }

  private take(rows: string[][], name: string): void {
    const starts = this.parser.rowLines;
    const quotes = this.parser.rowQuoteLines;
    const broken = this.parser.rowQuoteBroken;
    const quoteEnds = this.parser.rowQuoteEndLines;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      // A quoted field over line ends is fine in a record that fits the header, unless text follows its
      // closing quote (a stray quote paired with the opening quote of a later field), or the files are
      // police.uk's, which never hold one: there a stray quote can pair with another and fit by chance.
      if (
        quotes[r] > 0 &&
        (!this.fileHeaderSeen || this.policeUk || broken[r] || row.length !== this.header!.length)
      ) {
        throw this.strayQuote(name, quotes[r], quoteEnds[r]);
      }
      if (!this.fileHeaderSeen) {
        this.setHeader(row, name);
        continue;
      }
      const width = this.header!.length;
      if (row.length !== width) {
        if (row.length === 1 && width > 1 && row[0].trim() === "") continue; // a line of spaces
        throw valueError(
          `${name}, line ${formatLine(starts[r])}: this row has ${row.length} fields but the header has ${width}, ` +
            `so ${name} was refused; a comma or quote may be missing or extra. Correct that line and load the files again.`,
        );
      }
      this.store(row, starts[r]);
    }
  }

  /** The refusal of a quoted field running from line `from` over line ends to line `to`. */
  private strayQuote(name: string, from: number, to: number): Error {
    const where = `${name}, lines ${formatLine(from)} to ${formatLine(to)}: a quoted field starts on line ${formatLine(from)} and runs on over line ends to line ${formatLine(to)}`;
    const why = this.policeUk
      ? `, but police.uk files hold no line breaks inside fields, so a quote (") on line ${formatLine(from)} is probably stray`
      : `; a closing quote (") is probably missing`;
    return valueError(`${where}${why}, and ${name} was refused. Correct that line and load the files again.`);
  }

  private setHeader(row: string[], name: string): void {
    this.fileHeaderSeen = true;
    const heads = row.map((h) => h.trim());
    if (this.header === null) {
      this.header = heads;
      this.headerFile = name;
      const monthForce = policeUkColumns(heads);
      this.policeUk = monthForce !== null;
      this.months = monthForce ? new MonthsByFile(monthForce.month, monthForce.force) : null;
      this.keep = this.keptColumns(heads, name);
      this.columns = this.keep.map(() => []);
      this.pools = this.keep.map(() => (this.options.poolStrings === false ? null : new Map()));
    } else if (!sameHeadings(heads, this.header)) throw differentHeadings(name, this.headerFile);
    // The rest of this file's records: no strings made for the columns not kept.
    const kept = new Set([...this.keep, ...(this.months?.columns ?? [])]);
    this.parser.dropFields(this.header.map((_, k) => k).filter((k) => !kept.has(k)));
  }

  private keptColumns(heads: string[], name: string): number[] {
    const spec = this.options.keepColumns;
    if (spec === undefined) return heads.map((_, k) => k);
    const wanted = typeof spec === "function" ? spec(heads) : spec;
    return wanted.map((w) => {
      if (typeof w === "number") {
        if (Number.isInteger(w) && w >= 0 && w < heads.length) return w;
        throw valueError(`${name} has ${heads.length} columns, so there is no column ${w + 1}`);
      }
      let k = heads.indexOf(w.trim());
      if (k < 0) k = heads.findIndex((h) => h.toLowerCase() === w.trim().toLowerCase());
      if (k < 0) throw valueError(`${name} has no column '${w}'`);
      return k;
    });
  }

  private store(row: string[], line: number): void {
    if (this.months !== null) this.months.see(row);
    const at = this.count - this.base;
    if (at === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[at] = line;
    this.count++;
    for (let c = 0; c < this.keep.length; c++) {
      let v = row[this.keep[c]];
      const pool = this.pools[c];
      if (pool !== null) {
        const seen = pool.get(v);
        if (seen !== undefined) v = seen;
        else if (pool.size < POOL_LIMIT) pool.set(v, v);
        else this.pools[c] = null;
      }
      this.columns[c].push(v);
    }
  }
}

/** One file to read: its name, and its bytes in order (read() is called again if the file must be re-read). */
export interface IncidentFileSource {
  name: string;
  read(): Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  /** Its size in bytes, when known: a file whose size no other has is not fingerprinted (beginFile). */
  size?: number;
}

export interface ReadIncidentFilesOptions extends IncidentReaderOptions {
  /** After each piece: bytes read so far (re-reads included) and rows so far. */
  onProgress?: (bytesRead: number, rowsRead: number) => void;
  /**
   * Receives every row, in batches of about `batchRows` as they are read
   * (RowBatch), so they are not all held here; the table returned then has
   * the headers, files and notices but no rows.
   */
  onRows?: (batch: RowBatch) => void;
  /** Default 50,000. */
  batchRows?: number;
}

/** Reads the files in order into one table (see IncidentFileReader for the checks). */
export async function readIncidentFiles(
  sources: readonly IncidentFileSource[],
  options: ReadIncidentFilesOptions = {},
): Promise<IncidentTable> {
  const reader = new IncidentFileReader(options);
  const onRows = options.onRows;
  const batchRows = options.batchRows ?? 50_000;
  let bytesRead = 0;
  const sizes = new Map<number, number>();
  for (const { size } of sources) if (size !== undefined) sizes.set(size, (sizes.get(size) ?? 0) + 1);
  for (const source of sources) {
    const alone = source.size !== undefined && sizes.get(source.size) === 1;
    reader.beginFile(source.name, { fingerprint: !alone });
    for (let attempt = 0; attempt < 2; attempt++) {
      let complete = true;
      for await (const piece of source.read()) {
        bytesRead += piece.length;
        if (!reader.push(piece)) {
          complete = false;
          break;
        }
        options.onProgress?.(bytesRead, reader.rowCount);
        if (onRows && reader.heldRows >= batchRows) onRows(reader.takeRows());
      }
      if (complete && reader.endFile()) break;
    }
  }
  if (onRows) onRows(reader.takeRows());
  return reader.finish();
}
