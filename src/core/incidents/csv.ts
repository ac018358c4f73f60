/**
 * RFC 4180 CSV reader that can be fed a file in pieces, so a large police.uk
 * download is parsed as it is read instead of held twice in memory.
 *
 * - fields may be quoted; "" inside quotes is one quote; quoted fields may hold commas and line breaks
 * - rows end with CRLF, LF or a lone CR (a CRLF split across two chunks is still one line break)
 * - a byte-order mark at the very start is dropped
 * - completely empty lines are skipped (so a trailing line break adds no row)
 * - lenient on malformed input the way spreadsheet programs are: a quote in the middle of an
 *   unquoted field is kept as text, and text after a closing quote is appended to the field
 * - a file that ends inside a quoted field is an error, because the rest of the file would
 *   otherwise be swallowed into one cell without anyone noticing
 * - with `trackLines`, it says on which line of the text each row starts, and where a quoted
 *   field ran on over line ends (IncidentFileReader uses both to name the line of a stray quote)
 * - a record longer than MAX_RECORD_CHARS is refused (CsvRecordTooLong) as soon as it is that long,
 *   before its text can outgrow what a string may hold (a 600 MB line gave "Invalid string length")
 */
import { HarmError, valueError } from "../errors";

/**
 * The longest record taken, in characters: a police.uk record is a few hundred,
 * and a force export's free-text fields are held to Excel's 32,767 per cell.
 * A longer "line" is not a record: a file without line breaks, or not a CSV file.
 */
export const MAX_RECORD_CHARS = 1 << 20;

/** A record over MAX_RECORD_CHARS; `line` is the line it starts on. */
export class CsvRecordTooLong extends HarmError {
  constructor(readonly line: number) {
    super(
      "value",
      `line ${line.toLocaleString("en-GB")}: this line is over ${MAX_RECORD_CHARS.toLocaleString("en-GB")} characters ` +
        "long, far longer than any incident record; is it a CSV file with a line for each record?",
    );
  }
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** Just read a quote inside a quoted field: either "" (escape) or the closing quote. */
  QuoteInQuoted,
}

export interface CsvParserOptions {
  /** Fill `rowLines` and `rowQuoteLines` for the rows each push() and finish() return. */
  trackLines?: boolean;
}

export class CsvParser {
  /** With trackLines: the 1-based line on which each row returned by the last push()/finish() starts. */
  rowLines: number[] = [];
  /**
   * With trackLines: for each row returned by the last push()/finish(), the
   * line on which its first quoted field holding a line break starts, or 0.
   */
  rowQuoteLines: number[] = [];
  /**
   * With trackLines: for each row, whether a quoted field holding a line break
   * had text after its closing quote, the mark of a stray quote paired with a later one.
   */
  rowQuoteBroken: boolean[] = [];
  /** With trackLines: for each row whose quoted field runs over line ends (rowQuoteLines), the line it ends on, else 0. */
  rowQuoteEndLines: number[] = [];
  private readonly track: boolean;
  private state: State = State.FieldStart;
  private field = "";
  private fieldQuoted = false;
  private row: string[] = [];
  private started = false;
  /** The previous chunk ended in CR: a leading LF in the next chunk belongs to the same line break. */
  private skipLF = false;
  /** The line being read, the line the current row started on, and where the current quoted field started. */
  private line = 1;
  private rowStart = 1;
  private quoteLine = 0;
  private spanLine = 0;
  private fieldSpans = false;
  private rowBroken = false;
  /** Inside quotes, the last character was CR (so a following LF is the same line break). */
  private quotedCR = false;
  /** Characters pushed before the current chunk, and the position (in those terms) where the current row began. */
  private consumed = 0;
  private rowAt = 0;
  /** Fields whose text is not wanted (see dropFields), and whether the current field is one. */
  private dropped: readonly boolean[] = [];
  private skip = false;

  constructor(options: CsvParserOptions = {}) {
    this.track = options.trackLines === true;
  }

  /**
   * From the next field on, the fields at these positions come back as "" (their text is never
   * copied out): a reader that keeps five columns of twelve need not make strings of the other seven.
   * The first field is always read, so a line of spaces can still be told from a short record.
   */
  dropFields(positions: readonly number[]): void {
    const dropped: boolean[] = [];
    for (const p of positions) if (p > 0) dropped[p] = true;
    this.dropped = dropped;
  }

  /** The line on which an unfinished quoted field started, or 0 when the text read so far is not inside quotes. */
  get openQuoteLine(): number {
    return this.state === State.Quoted ? this.quoteLine : 0;
  }

  /** Feed the next piece of text; returns the rows completed by it. */
  push(chunk: string): string[][] {
    const out: string[][] = [];
    if (this.track) {
      this.rowLines = [];
      this.rowQuoteLines = [];
      this.rowQuoteBroken = [];
      this.rowQuoteEndLines = [];
    }
    const n = chunk.length;
    if (n === 0) return out;
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === BOM) i = 1;
    }
    if (this.skipLF && i < n) {
      this.skipLF = false;
      if (chunk.charCodeAt(i) === LF) i++;
    }
    // Where the next LF and CR are (n when there is none), found natively and kept until passed.
    let nextLF = -1;
    let nextCR = -1;
    while (i < n) {
      if (this.state === State.Quoted) {
        const q = chunk.indexOf('"', i);
        const j = q === -1 ? n : q;
        if (this.track) this.countQuotedLines(chunk, i, j);
        if (!this.skip) this.field += chunk.slice(i, j);
        i = j;
        if (q !== -1) {
          i = q + 1;
          this.quotedCR = false;
          this.state = State.QuoteInQuoted;
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (this.state === State.QuoteInQuoted) {
        if (c === QUOTE) {
          if (!this.skip) this.field += '"';
          i++;
          this.state = State.Quoted;
          continue;
        }
        this.state = State.Unquoted; // closing quote; what follows is handled as unquoted text
        if (this.fieldSpans && c !== COMMA && c !== LF && c !== CR) this.rowBroken = true;
      }
      if (c === COMMA) {
        this.endField();
        i++;
      } else if (c === LF) {
        if (this.consumed + i - this.rowAt > MAX_RECORD_CHARS) throw this.tooLong();
        this.endRow(out);
        this.rowStart = ++this.line;
        i++;
        this.rowAt = this.consumed + i;
      } else if (c === CR) {
        if (this.consumed + i - this.rowAt > MAX_RECORD_CHARS) throw this.tooLong();
        this.endRow(out);
        this.rowStart = ++this.line;
        i++;
        this.rowAt = this.consumed + i + (i < n && chunk.charCodeAt(i) === LF ? 1 : 0);
        if (i < n) {
          if (chunk.charCodeAt(i) === LF) i++;
        } else {
          this.skipLF = true;
        }
      } else if (c === QUOTE && this.state === State.FieldStart) {
        this.state = State.Quoted;
        this.fieldQuoted = true;
        this.quoteLine = this.line;
        i++;
      } else {
        // A run of plain text up to the next delimiter, appended in one slice. The delimiters are found
        // with indexOf (native, many characters at a time) rather than character by character.
        if (nextLF < i) {
          nextLF = chunk.indexOf("\n", i);
          if (nextLF < 0) nextLF = n;
        }
        if (nextCR < i) {
          nextCR = chunk.indexOf("\r", i);
          if (nextCR < 0) nextCR = n;
        }
        let j = chunk.indexOf(",", i);
        if (j < 0 || j > nextLF) j = nextLF;
        if (j > nextCR) j = nextCR;
        if (!this.skip) this.field += chunk.slice(i, j);
        this.state = State.Unquoted;
        i = j;
      }
    }
    this.consumed += n;
    if (this.consumed - this.rowAt > MAX_RECORD_CHARS) throw this.tooLong();
    return out;
  }

  private tooLong(): CsvRecordTooLong {
    const line = this.rowStart;
    this.reset();
    return new CsvRecordTooLong(line);
  }

  /** End of input: returns the last row if the text did not end with a line break. */
  finish(): string[][] {
    if (this.track) {
      this.rowLines = [];
      this.rowQuoteLines = [];
      this.rowQuoteBroken = [];
      this.rowQuoteEndLines = [];
    }
    if (this.state === State.Quoted) {
      this.reset();
      throw valueError('the CSV text ends inside a quoted field; a closing quote (") is missing');
    }
    const out: string[][] = [];
    if (this.row.length > 0 || this.field !== "" || this.fieldQuoted) this.endRow(out);
    this.reset();
    return out;
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = "";
    this.fieldQuoted = false;
    this.fieldSpans = false;
    this.state = State.FieldStart;
    this.skip = this.dropped[this.row.length] === true;
  }

  private endRow(out: string[][]): void {
    const blankLine = this.row.length === 0 && this.field === "" && !this.fieldQuoted;
    this.endField();
    if (!blankLine) {
      out.push(this.row);
      if (this.track) {
        this.rowLines.push(this.rowStart);
        this.rowQuoteLines.push(this.spanLine);
        this.rowQuoteBroken.push(this.rowBroken);
        this.rowQuoteEndLines.push(this.spanLine > 0 ? this.line : 0);
      }
    }
    this.spanLine = 0;
    this.rowBroken = false;
    this.row = [];
    this.skip = false;
  }

  /** Line breaks (CRLF, LF or CR) inside quoted text chunk[from, to). */
  private countQuotedLines(chunk: string, from: number, to: number): void {
    let cr = this.quotedCR;
    let breaks = 0;
    for (let p = from; p < to; p++) {
      const c = chunk.charCodeAt(p);
      if (c === CR) {
        breaks++;
        cr = true;
      } else {
        if (c === LF && !cr) breaks++;
        cr = false;
      }
    }
    this.quotedCR = cr;
    if (breaks > 0) {
      this.line += breaks;
      this.fieldSpans = true;
      if (this.spanLine === 0) this.spanLine = this.quoteLine;
    }
  }

  private reset(): void {
    this.state = State.FieldStart;
    this.field = "";
    this.fieldQuoted = false;
    this.row = [];
    this.started = false;
    this.skipLF = false;
    this.line = 1;
    this.rowStart = 1;
    this.quoteLine = 0;
    this.spanLine = 0;
    this.fieldSpans = false;
    this.rowBroken = false;
    this.quotedCR = false;
    this.skip = false;
    this.consumed = 0;
    this.rowAt = 0;
  }
}

/** Parse a whole CSV text at once. */
export function parseCsv(text: string): string[][] {
  const p = new CsvParser();
  const rows = p.push(text);
  for (const r of p.finish()) rows.push(r);
  return rows;
}
