import fc from "fast-check";
import { isHarmError } from "../../../src/core/errors";
import { CsvParser, CsvRecordTooLong, MAX_RECORD_CHARS, parseCsv } from "../../../src/core/incidents/csv";

/** Feed `text` to a fresh parser in the given piece lengths. */
function parseInPieces(text: string, cuts: number[]): string[][] {
  const p = new CsvParser();
  const rows: string[][] = [];
  let at = 0;
  for (const len of cuts) {
    rows.push(...p.push(text.slice(at, at + len)));
    at += len;
  }
  rows.push(...p.push(text.slice(at)));
  rows.push(...p.finish());
  return rows;
}

function outcome(f: () => string[][]): string[][] | string {
  try {
    return f();
  } catch (e) {
    if (isHarmError(e)) return `error: ${e.message}`;
    throw e;
  }
}

/** Writes rows the RFC 4180 way, quoting every field, so an empty row survives as `""`. */
const toCsv = (rows: string[][], eol: string): string =>
  rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(",")).join(eol) + eol;

describe("parseCsv", () => {
  test("plain rows, with and without a final line break", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(parseCsv("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  test("quoted commas, escaped quotes and line breaks inside quotes", () => {
    expect(parseCsv('name,note\n"Smith, J","said ""hi"""\n"two\r\nlines",x\n')).toEqual([
      ["name", "note"],
      ["Smith, J", 'said "hi"'],
      ["two\r\nlines", "x"],
    ]);
  });

  test("CRLF, LF and lone CR line endings", () => {
    expect(parseCsv("a,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a\rb\nc\r\nd")).toEqual([["a"], ["b"], ["c"], ["d"]]);
  });

  test("a byte-order mark is dropped only at the very start", () => {
    expect(parseCsv("\uFEFFMonth,LSOA code\n2024-01,W01\n")).toEqual([
      ["Month", "LSOA code"],
      ["2024-01", "W01"],
    ]);
    expect(parseCsv("a,\uFEFFb")).toEqual([["a", "\uFEFFb"]]);
  });

  test("empty fields and blank lines", () => {
    expect(parseCsv("a,,c,\n\n\n,\n")).toEqual([
      ["a", "", "c", ""],
      ["", ""],
    ]);
    expect(parseCsv('""\n')).toEqual([[""]]);
    expect(parseCsv("")).toEqual([]);
  });

  test("lenient with stray quotes, like spreadsheet programs", () => {
    expect(parseCsv('ab"c,"x"y\n')).toEqual([['ab"c', "xy"]]);
  });

  test("text ending inside a quoted field is an error", () => {
    expect(outcome(() => parseCsv('a,"unfinished\n1,2\n'))).toMatch(
      /^error: the CSV text ends inside a quoted field/,
    );
  });

  test("the parser can be reused after finish()", () => {
    const p = new CsvParser();
    expect(p.push("a,b\r")).toEqual([["a", "b"]]);
    expect(p.finish()).toEqual([]);
    expect(p.push("\uFEFF\nc")).toEqual([]); // BOM again at a new start; the LF is a blank line, not part of the old CRLF
    expect(p.finish()).toEqual([["c"]]);
  });
});

describe("CsvParser streaming", () => {
  test("a CRLF split across two pieces is one line break", () => {
    const p = new CsvParser();
    expect(p.push("a,b\r")).toEqual([["a", "b"]]);
    expect(p.push("\n1,2\r")).toEqual([["1", "2"]]);
    expect(p.push("\n")).toEqual([]);
    expect(p.finish()).toEqual([]);
  });

  test('an escaped quote "" split across pieces', () => {
    expect(parseInPieces('"a""b",c\n', [3, 0, 1])).toEqual([['a"b', "c"]]);
  });

  test("any split gives the same rows as parsing at once (property)", () => {
    const textArb = fc
      .array(fc.constantFrom("a", "b", ",", '"', '""', "\r", "\n", "\r\n", " ", "é", "\uFEFF"), {
        maxLength: 40,
      })
      .map((parts) => parts.join(""));
    const withBom = fc.tuple(fc.boolean(), textArb).map(([bom, t]) => (bom ? "\uFEFF" + t : t));
    fc.assert(
      fc.property(withBom, fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 12 }), (text, cuts) => {
        expect(outcome(() => parseInPieces(text, cuts))).toEqual(outcome(() => parseCsv(text)));
      }),
      { numRuns: 2000 },
    );
  });

  test("written rows are read back unchanged (property)", () => {
    const field = fc.string({
      unit: fc.constantFrom("a", "Z", ",", '"', "\r", "\n", " ", "=", "£"),
      maxLength: 8,
    });
    const rows = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 8 });
    fc.assert(
      fc.property(
        rows,
        fc.constantFrom("\n", "\r\n"),
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 10 }),
        (r, eol, cuts) => {
          const text = toCsv(r, eol);
          expect(parseCsv(text)).toEqual(r);
          expect(parseInPieces(text, cuts)).toEqual(r);
        },
      ),
    );
  });
});

describe("CsvParser line tracking", () => {
  /** Rows with their start lines and quote lines, fed in pieces. */
  function tracked(text: string, cuts: number[] = []): [string[], number, number][] {
    const p = new CsvParser({ trackLines: true });
    const out: [string[], number, number][] = [];
    const take = (rows: string[][]): void =>
      rows.forEach((r, k) => out.push([r, p.rowLines[k], p.rowQuoteLines[k]]));
    let at = 0;
    for (const len of cuts) {
      take(p.push(text.slice(at, at + len)));
      at += len;
    }
    take(p.push(text.slice(at)));
    take(p.finish());
    return out;
  }

  test("each row's first line, counting blank lines and line breaks inside quotes", () => {
    const text = 'h1,h2\r\n\r\na,b\n"two\r\nlines",x\n\n"three\rline\n\ns",y\rlast,z';
    expect(tracked(text)).toEqual([
      [["h1", "h2"], 1, 0],
      [["a", "b"], 3, 0],
      [["two\r\nlines", "x"], 4, 4],
      [["three\rline\n\ns", "y"], 7, 7],
      [["last", "z"], 11, 0],
    ]);
  });

  test("a quoted field over line ends with text after its closing quote is marked (a stray quote paired later)", () => {
    const p = new CsvParser({ trackLines: true });
    const rows = p.push('a,"b\nc",d\ne,"f\ng"h,i\nj,"k"l,m\n');
    expect(rows).toEqual([
      ["a", "b\nc", "d"],
      ["e", "f\ngh", "i"],
      ["j", "kl", "m"],
    ]);
    expect(p.rowQuoteLines).toEqual([1, 3, 0]);
    expect(p.rowQuoteBroken).toEqual([false, true, false]);
  });

  test("the line where an unfinished quoted field starts", () => {
    const p = new CsvParser({ trackLines: true });
    p.push('a,b\n1,"On or near Mill Lane,W01\n2,x\n');
    expect(p.openQuoteLine).toBe(2);
    const q = new CsvParser({ trackLines: true });
    q.push('a,b\n1,"closed"\n');
    expect(q.openQuoteLine).toBe(0);
  });

  test("start lines agree with an independent count, however the text is cut (property)", () => {
    const field = fc.string({ unit: fc.constantFrom("a", ",", '"', "\r", "\n", "\r\n"), maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 10 }),
        (rows, eol, cuts) => {
          // Every field quoted, so no row is blank; each row starts after the line breaks of the rows before it.
          const written = rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(","));
          let line = 1;
          const expected = written.map((w, k) => {
            const start = line;
            line += (w.match(/\r\n|\r|\n/g) ?? []).length + 1;
            const spans = rows[k].some((f) => /[\r\n]/.test(f));
            return [rows[k], start, spans ? start : -1];
          });
          // The first field holding a line break starts on the row's first line: no field before it has one.
          const got = tracked(written.join(eol) + eol, cuts).map(([r, s, q]) => [r, s, q === 0 ? -1 : q]);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("CsvParser dropFields", () => {
  test("dropped fields come back empty, the first never, and the rest, the rows and their lines are as without (property)", () => {
    const textArb = fc
      .array(fc.constantFrom("a", "b", ",", '"', '""', "\r", "\n", "\r\n", " ", "é"), { maxLength: 50 })
      .map((parts) => parts.join(""));
    const run = (text: string, cuts: number[], drop: number[] | null) => {
      const p = new CsvParser({ trackLines: true });
      if (drop) p.dropFields(drop);
      const out: [string[], number, number, boolean][] = [];
      const take = (rows: string[][]) =>
        rows.forEach((r, k) => out.push([r, p.rowLines[k], p.rowQuoteLines[k], p.rowQuoteBroken[k]]));
      let at = 0;
      for (const len of cuts) {
        take(p.push(text.slice(at, at + len)));
        at += len;
      }
      take(p.push(text.slice(at)));
      take(p.finish());
      return out;
    };
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 10 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }),
        (text, cuts, drop) => {
          const full = outcome(() => run(text, cuts, null).map(([r]) => r));
          const dropped = outcome(() => run(text, cuts, drop).map(([r]) => r));
          if (typeof full === "string") return expect(dropped).toEqual(full);
          const blanked = full.map((r) => r.map((f, k) => (k > 0 && drop.includes(k) ? "" : f)));
          expect(dropped).toEqual(blanked);
          const lines = (x: ReturnType<typeof run>) => x.map(([, s, q, b]) => [s, q, b]);
          expect(lines(run(text, cuts, drop))).toEqual(lines(run(text, cuts, null)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("CsvParser: records too long to be records", () => {
  const piece = "x".repeat(1 << 16);

  test("a line over MAX_RECORD_CHARS is refused as soon as it is that long, naming the line it starts on", () => {
    const p = new CsvParser();
    expect(p.push("a,b\n1,2\nstart,")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    let thrown: unknown = null;
    let pushed = 0;
    try {
      // Far more than the limit is offered; the parser stops at the piece that passes it.
      for (; pushed < 64; pushed++) p.push(piece);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CsvRecordTooLong);
    expect((thrown as CsvRecordTooLong).line).toBe(3);
    // 15 pieces and "start," fit; the 16th passes the limit and is refused.
    expect(pushed).toBe(MAX_RECORD_CHARS / piece.length - 1);
    expect((thrown as Error).message).toBe(
      "line 3: this line is over 1,048,576 characters long, far longer than any incident record; " +
        "is it a CSV file with a line for each record?",
    );
  });

  test("also inside quotes, and within one piece; a record just under the limit is read", () => {
    expect(() => parseCsv(`a\n"${"y\n".repeat(MAX_RECORD_CHARS / 2)}"\n`)).toThrow(CsvRecordTooLong);
    expect(() => parseCsv(`a\n${"z".repeat(MAX_RECORD_CHARS + 1)}\nb\n`)).toThrow(/^line 2: /);
    const long = "z".repeat(MAX_RECORD_CHARS - 1);
    expect(parseCsv(`a\n${long}\r\nb\n`)).toEqual([["a"], [long], ["b"]]);
  });
});
