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
 */
import { valueError } from "../errors";

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

export class CsvParser {
  private state: State = State.FieldStart;
  private field = "";
  private fieldQuoted = false;
  private row: string[] = [];
  private started = false;
  /** The previous chunk ended in CR: a leading LF in the next chunk belongs to the same line break. */
  private skipLF = false;

  constructor() {}

  /** Feed the next piece of text; returns the rows completed by it. */
  push(chunk: string): string[][] {
    const out: string[][] = [];
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
    while (i < n) {
      if (this.state === State.Quoted) {
        const q = chunk.indexOf('"', i);
        if (q === -1) {
          this.field += chunk.slice(i);
          i = n;
        } else {
          this.field += chunk.slice(i, q);
          i = q + 1;
          this.state = State.QuoteInQuoted;
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (this.state === State.QuoteInQuoted) {
        if (c === QUOTE) {
          this.field += '"';
          i++;
          this.state = State.Quoted;
          continue;
        }
        this.state = State.Unquoted; // closing quote; what follows is handled as unquoted text
      }
      if (c === COMMA) {
        this.endField();
        i++;
      } else if (c === LF) {
        this.endRow(out);
        i++;
      } else if (c === CR) {
        this.endRow(out);
        i++;
        if (i < n) {
          if (chunk.charCodeAt(i) === LF) i++;
        } else {
          this.skipLF = true;
        }
      } else if (c === QUOTE && this.state === State.FieldStart) {
        this.state = State.Quoted;
        this.fieldQuoted = true;
        i++;
      } else {
        // A run of plain text up to the next delimiter, appended in one slice.
        let j = i + 1;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === COMMA || d === LF || d === CR) break;
          j++;
        }
        this.field += chunk.slice(i, j);
        this.state = State.Unquoted;
        i = j;
      }
    }
    return out;
  }

  /** End of input: returns the last row if the text did not end with a line break. */
  finish(): string[][] {
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
    this.state = State.FieldStart;
  }

  private endRow(out: string[][]): void {
    const blankLine = this.row.length === 0 && this.field === "" && !this.fieldQuoted;
    this.endField();
    if (!blankLine) out.push(this.row);
    this.row = [];
  }

  private reset(): void {
    this.state = State.FieldStart;
    this.field = "";
    this.fieldQuoted = false;
    this.row = [];
    this.started = false;
    this.skipLF = false;
  }
}

/** Parse a whole CSV text at once. */
export function parseCsv(text: string): string[][] {
  const p = new CsvParser();
  const rows = p.push(text);
  for (const r of p.finish()) rows.push(r);
  return rows;
}
