/**
 * File type and text encoding. The pure UTF-8 and UTF-16 decoders are checked
 * against Node's own TextDecoder and Buffer, independent implementations of
 * the WHATWG Encoding standard, byte for byte.
 */
import fc from "fast-check";
import { isHarmError } from "../../../src/core/errors";
import {
  FileTextDecoder,
  SNIFF_BYTES,
  createPureUtf8Decoder,
  createUtf16Decoder,
  decodeWindows1252,
  hasZeroByte,
  sniffBytes,
  type ChunkDecoder,
} from "../../../src/core/incidents/encoding";

const bytes = (...xs: (number | string)[]): Uint8Array =>
  Uint8Array.from(xs.flatMap((x) => (typeof x === "string" ? Array.from(Buffer.from(x, "latin1")) : [x])));

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isHarmError(e) && e.kind === "value") return e.message;
    throw e;
  }
  throw new Error("expected the file to be refused");
}

/** Feed `data` to a decoder in pieces cut at `cuts` (lengths), then end it. */
function decodeInPieces(decode: ChunkDecoder, data: Uint8Array, cuts: number[]): string {
  let out = "";
  let at = 0;
  for (const len of cuts) {
    out += decode(data.subarray(at, at + len), true);
    at = Math.min(data.length, at + len);
  }
  out += decode(data.subarray(at), true);
  return out + decode(new Uint8Array(0), false);
}

describe("sniffBytes: binary files are refused by name", () => {
  test.each([
    ["photo.png", bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, "IHDR"), "is a PNG image"],
    ["scan.jpg", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, "JFIF"), "is a JPEG image"],
    ["map.gif", bytes("GIF89a", 1, 0, 1, 0), "is a GIF image"],
    ["report.pdf", bytes("%PDF-1.7\n%", 0xe2, 0xe3), "is a PDF document"],
    ["crimes.zip", bytes("PK", 3, 4, 20, 0, 0, 0), "is a zip archive"],
    ["crimes.csv.gz", bytes(0x1f, 0x8b, 8, 0), "is gzip-compressed"],
    ["old.xls", bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), "is an Excel 97-2003 workbook"],
    ["data.bin", bytes("Month,Area\n2024-01,W01", 0, 0, 0), "is binary (it holds NUL bytes)"],
  ])("%s", (name, head, what) => {
    const message = refusal(() => sniffBytes(head, name));
    expect(message).toContain(`${name} ${what}, not a CSV text file`);
  });

  test("an .xlsx workbook: open it in Excel and use a table instead", () => {
    expect(refusal(() => sniffBytes(bytes("PK", 3, 4, 20, 0, 6, 0), "Incidents 2024.xlsx"))).toBe(
      "Incidents 2024.xlsx is an Excel workbook, not a CSV text file; open it in Excel and use a table instead.",
    );
  });

  test("byte-order marks", () => {
    expect(sniffBytes(bytes(0xef, 0xbb, 0xbf, "Month"), "a.csv")).toEqual({
      encoding: "utf-8",
      bomLength: 3,
    });
    expect(sniffBytes(bytes(0xff, 0xfe, "M", 0), "a.csv")).toEqual({ encoding: "utf-16le", bomLength: 2 });
    expect(sniffBytes(bytes(0xfe, 0xff, 0, "M"), "a.csv")).toEqual({ encoding: "utf-16be", bomLength: 2 });
    expect(sniffBytes(bytes("Month,LSOA code"), "a.csv")).toEqual({ encoding: "utf-8", bomLength: 0 });
    expect(sniffBytes(new Uint8Array(0), "empty.csv")).toEqual({ encoding: "utf-8", bomLength: 0 });
  });

  test("UTF-16 without a byte-order mark is recognised from its zero high bytes", () => {
    expect(sniffBytes(new Uint8Array(Buffer.from("Month,LSOA code\r\n", "utf16le")), "a.csv").encoding).toBe(
      "utf-16le",
    );
    expect(
      sniffBytes(new Uint8Array(Buffer.from("Month,LSOA code", "utf16le").swap16()), "a.csv").encoding,
    ).toBe("utf-16be");
  });
});

describe("pure decoders agree with Node's TextDecoder", () => {
  // Node 20's TextDecoder reads "windows-1252" as Latin-1, so bytes 0x80–0x9F are checked against the
  // published table instead (WHATWG Encoding Standard, index-windows-1252.txt; the five bytes it leaves
  // unassigned map to the C1 controls of the same value), and the rest against Buffer's Latin-1.
  test("Windows-1252: all 256 bytes", () => {
    const all = Uint8Array.from({ length: 256 }, (_, b) => b);
    const c1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
    const latin1 = Buffer.from(all).toString("latin1");
    expect(decodeWindows1252(all)).toBe(latin1.slice(0, 0x80) + c1 + latin1.slice(0xa0));
    expect(decodeWindows1252(bytes("Caf", 0xe9, " ", 0x80, "5 ", 0x93, "quoted", 0x94))).toBe(
      "Café €5 “quoted”",
    );
  });

  test("UTF-8: any text, cut anywhere (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 20 }),
        (text, cuts) => {
          const encoded = new Uint8Array(Buffer.from(text, "utf8"));
          const expected = new TextDecoder("utf-8", { ignoreBOM: true }).decode(encoded);
          expect(decodeInPieces(createPureUtf8Decoder(), encoded, cuts)).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("UTF-8: long ASCII runs between non-ASCII characters", () => {
    const text = `${"a".repeat(100)}é${"b".repeat(20)}ŷ${"c".repeat(40)}😀${"d".repeat(9000)}`;
    const encoded = new Uint8Array(Buffer.from(text, "utf8"));
    expect(decodeInPieces(createPureUtf8Decoder(), encoded, [50, 51, 1, 1, 30])).toBe(text);
  });

  test("UTF-8: invalid bytes throw wherever TextDecoder (fatal) throws (property)", () => {
    const arb = fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom(0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0xc0, 0xf5),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 }), (xs, cuts) => {
        const data = Uint8Array.from(xs);
        let expected: string | "invalid";
        try {
          expected = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(data);
        } catch {
          expected = "invalid";
        }
        let actual: string | "invalid";
        try {
          actual = decodeInPieces(createPureUtf8Decoder(), data, cuts);
        } catch {
          actual = "invalid";
        }
        expect(actual).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  test("UTF-16 LE and BE, cut anywhere (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 20 }),
        (text, cuts) => {
          const le = new Uint8Array(Buffer.from(text, "utf16le"));
          const be = new Uint8Array(Buffer.from(text, "utf16le")).slice();
          for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
          expect(decodeInPieces(createUtf16Decoder(true), le, cuts)).toBe(text);
          expect(decodeInPieces(createUtf16Decoder(false), be, cuts)).toBe(text);
        },
      ),
    );
  });
});

describe("FileTextDecoder", () => {
  const readAll = (d: FileTextDecoder, data: Uint8Array, piece: number): string | null => {
    let out = "";
    for (let i = 0; i < data.length; i += piece) {
      const t = d.push(data.subarray(i, i + piece));
      if (t === null) return null;
      out += t;
    }
    const t = d.end();
    return t === null ? null : out + t;
  };

  test("UTF-8 with a BOM: the BOM is dropped, no notice", () => {
    const d = new FileTextDecoder("a.csv");
    expect(readAll(d, bytes(0xef, 0xbb, 0xbf, "Caf", 0xc3, 0xa9), 2)).toBe("Café");
    expect(d.encoding).toBe("utf-8");
    expect(d.notice).toBeNull();
  });

  test("not UTF-8 after plain ASCII: switches to Windows-1252 in place, with a notice naming the file", () => {
    const data = new Uint8Array([...Buffer.from("x".repeat(2 * SNIFF_BYTES) + "Caf"), 0xe9, 0x0a]);
    const d = new FileTextDecoder("cafes.csv");
    expect(readAll(d, data, 100)).toBe("x".repeat(2 * SNIFF_BYTES) + "Café\n");
    expect(d.encoding).toBe("windows-1252");
    expect(d.notice).toBe("cafes.csv was read as Windows-1252 because it is not valid UTF-8.");
  });

  test("not UTF-8 after non-ASCII UTF-8: asks to be fed again, then reads the whole file as Windows-1252", () => {
    const data = new Uint8Array([
      ...Buffer.from("Caf\u00e9 ", "utf8"),
      ...Buffer.from("x".repeat(600)),
      0xe9,
    ]);
    expect(readAll(new FileTextDecoder("mixed.csv"), data, 64)).toBeNull();
    const again = new FileTextDecoder("mixed.csv", { windows1252: true });
    expect(readAll(again, data, 64)).toBe("CafÃ© " + "x".repeat(600) + "é");
    expect(again.notice).toMatch(/^mixed\.csv was read as Windows-1252/);
  });

  test("a native decoder is used when given, and its exceptions mean 'not UTF-8'", () => {
    let made = 0;
    const native = (): ChunkDecoder => {
      made++;
      const td = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
      return (b, stream) => td.decode(b, { stream });
    };
    const d = new FileTextDecoder("a.csv", { createUtf8Decoder: native });
    expect(readAll(d, bytes("Month\n2024-01,Caf", 0xe9), 4)).toBe("Month\n2024-01,Café");
    expect(made).toBe(1);
    expect(d.encoding).toBe("windows-1252");
  });

  test("UTF-16 with a BOM is decoded; a NUL character later in a file refuses it", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from("Month,Area\r\n2024-01,W01\r\n", "utf16le")]);
    const d = new FileTextDecoder("unicode.txt");
    expect(readAll(d, utf16, 7)).toBe("Month,Area\r\n2024-01,W01\r\n");
    expect(d.encoding).toBe("utf-16le");
    const late = new Uint8Array([...Buffer.from("a".repeat(1000)), 0, 0x41]);
    expect(refusal(() => readAll(new FileTextDecoder("odd.csv"), late, 256))).toMatch(
      /^odd\.csv is binary \(it holds NUL bytes\), not a CSV text file/,
    );
  });
});

describe("hasZeroByte", () => {
  test("finds a zero byte wherever it is, at any alignment, as indexOf does (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.integer({ min: 0, max: 7 }), (bytes, offset) => {
        const buffer = new Uint8Array(bytes.length + offset + 3);
        buffer.set(bytes, offset);
        const view = buffer.subarray(offset, offset + bytes.length);
        expect(hasZeroByte(view)).toBe(view.indexOf(0) !== -1);
      }),
      { numRuns: 3000 },
    );
    // Bytes that look like a zero to a careless word test: 0x80 and 0x01 next to each other, and 0xff.
    expect(
      hasZeroByte(new Uint8Array([0x80, 0x80, 0x80, 0x80, 1, 1, 1, 1, 0xff, 0xff, 0xff, 0xff, 0x81])),
    ).toBe(false);
    expect(hasZeroByte(new Uint8Array([1, 1, 1, 1, 1, 0, 1, 1]))).toBe(true);
  });
});
