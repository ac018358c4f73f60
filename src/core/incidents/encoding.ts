/**
 * What kind of file an analyst picked, and its text. Pure TypeScript (src/core
 * has no TextDecoder): the caller may pass a native UTF-8 decoder for speed,
 * and everything else is decoded here.
 *
 * - UTF-8, with or without a byte-order mark (BOM): the usual case (police.uk files)
 * - UTF-16 LE or BE with a BOM (Excel's "Unicode Text"), or without one when the text is plainly
 *   ASCII in 16-bit units
 * - anything that is not valid UTF-8 is read as Windows-1252 (Excel's "CSV" on Windows), with a
 *   notice: "Caf\xe9" becomes "Café", never a replacement character
 * - binary files (NUL bytes, or the signature of a PNG, a zip archive such as an .xlsx workbook,
 *   a PDF…) are refused by name with what they are and what to do instead
 */
import { HarmError, valueError } from "../errors";

/**
 * Decodes UTF-8 in pieces: `stream` is true for every piece but the last. Must
 * throw on bytes that are not valid UTF-8 and must keep a leading BOM, e.g.
 * `new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })` wrapped as
 * `(b, stream) => d.decode(b, { stream })`.
 */
export type ChunkDecoder = (bytes: Uint8Array, stream: boolean) => string;

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** How many bytes are looked at to recognise a file (more are never needed, fewer are fine). */
export const SNIFF_BYTES = 512;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, k) => b[at + k] === x);
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const extension = (name: string): string => {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
};

const USE_A_TABLE = "open it in Excel and use a table instead";
const PICK_CSV = "choose the CSV file of incidents instead";

/** What a binary file is, by its first bytes, and what to do instead; null when it is not one we know. */
function binaryKind(head: Uint8Array, name: string): [string, string] | null {
  const ext = extension(name);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    if (/^xl[st][xmb]?$|^xlam$/.test(ext)) return ["an Excel workbook", USE_A_TABLE];
    if (ext === "ods") return ["a spreadsheet (OpenDocument)", USE_A_TABLE];
    if (/^doc[xm]$|^odt$/.test(ext)) return ["a word-processor document", PICK_CSV];
    return ["a zip archive", "extract the CSV files from it and choose those"];
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return ext === "xls" ? ["an Excel 97-2003 workbook", USE_A_TABLE] : ["an Office 97-2003 file", PICK_CSV];
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ["a PNG image", PICK_CSV];
  if (startsWith(head, [0xff, 0xd8, 0xff])) return ["a JPEG image", PICK_CSV];
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a")))
    return ["a GIF image", PICK_CSV];
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8))
    return ["a WebP image", PICK_CSV];
  if (startsWith(head, ascii("%PDF-"))) return ["a PDF document", PICK_CSV];
  if (startsWith(head, [0x1f, 0x8b]))
    return ["gzip-compressed", "decompress it and choose the CSV file inside"];
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) {
    return ["a 7-Zip archive", "extract the CSV files from it and choose those"];
  }
  if (startsWith(head, ascii("Rar!")))
    return ["a RAR archive", "extract the CSV files from it and choose those"];
  if (startsWith(head, [0xff, 0xfe, 0, 0]) || startsWith(head, [0, 0, 0xfe, 0xff])) {
    return ["saved as UTF-32 text", "save it from Excel as “CSV UTF-8” and choose that"];
  }
  return null;
}

/** The refusal of a file that is not CSV text, naming it. */
export function notCsvError(name: string, what: string, advice: string): HarmError {
  return valueError(`${name} is ${what}, not a CSV text file; ${advice}.`);
}

export interface Sniffed {
  encoding: "utf-8" | "utf-16le" | "utf-16be";
  /** Length of the byte-order mark to skip. */
  bomLength: number;
}

/** ASCII text in 16-bit units with no BOM: every high byte 0, every low byte not. */
function utf16WithoutBom(head: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = head.length & ~1;
  if (n < 4) return null;
  let le = true;
  let be = true;
  for (let i = 0; i < n; i += 2) {
    const a = head[i];
    const b = head[i + 1];
    le = le && a !== 0 && a < 0x80 && b === 0;
    be = be && b !== 0 && b < 0x80 && a === 0;
  }
  return le ? "utf-16le" : be ? "utf-16be" : null;
}

/**
 * Recognises a file from its first bytes (up to SNIFF_BYTES; the whole file if
 * shorter). Throws a HarmError naming the file when it is not CSV text.
 */
export function sniffBytes(head: Uint8Array, name: string): Sniffed {
  const binary = binaryKind(head, name);
  if (binary) throw notCsvError(name, ...binary);
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: "utf-8", bomLength: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: "utf-16le", bomLength: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: "utf-16be", bomLength: 2 };
  const wide = utf16WithoutBom(head);
  if (wide) return { encoding: wide, bomLength: 0 };
  if (head.indexOf(0) !== -1) throw nulError(name);
  return { encoding: "utf-8", bomLength: 0 };
}

/**
 * Whether any byte is 0, four bytes at a time: (w - 0x01010101) & ~w & 0x80808080 is non-zero
 * exactly when some byte of w is zero. Uint8Array.indexOf looks at one byte at a time.
 */
export function hasZeroByte(b: Uint8Array): boolean {
  const n = b.length;
  let i = 0;
  while (i < n && ((b.byteOffset + i) & 3) !== 0) if (b[i++] === 0) return true;
  const words = (n - i) >> 2;
  if (words > 0) {
    const w = new Int32Array(b.buffer, b.byteOffset + i, words);
    for (let k = 0; k < words; k++) {
      const v = w[k];
      if (((v - 0x01010101) & ~v & 0x80808080) !== 0) return true;
    }
    i += words * 4;
  }
  for (; i < n; i++) if (b[i] === 0) return true;
  return false;
}

export const nulError = (name: string): HarmError =>
  notCsvError(name, "binary (it holds NUL bytes)", PICK_CSV);

/** Code units to a string, in pieces small enough for String.fromCharCode's argument list. */
function unitsToString(units: Uint16Array, length: number): string {
  const PIECE = 8192;
  if (length <= PIECE)
    return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  const parts: string[] = [];
  for (let i = 0; i < length; i += PIECE) {
    parts.push(
      String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + PIECE)) as unknown as number[]),
    );
  }
  return parts.join("");
}

/** Thrown by the pure UTF-8 decoder on a byte sequence that is not UTF-8. */
class InvalidUtf8 extends Error {}

function joinBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** ASCII (or Latin-1) bytes to a string, in pieces small enough for String.fromCharCode's argument list. */
function bytesToString(src: Uint8Array, from: number, to: number): string {
  const PIECE = 8192;
  if (to - from <= PIECE)
    return String.fromCharCode.apply(null, src.subarray(from, to) as unknown as number[]);
  const parts: string[] = [];
  for (let i = from; i < to; i += PIECE) {
    parts.push(
      String.fromCharCode.apply(null, src.subarray(i, Math.min(to, i + PIECE)) as unknown as number[]),
    );
  }
  return parts.join("");
}

/** An ASCII run at least this long is turned into a string straight from the bytes. */
const ASCII_RUN = 32;

/**
 * A validating UTF-8 decoder in TypeScript (the fallback when no native one
 * is passed). Keeps a BOM. Runs of ASCII, most of a CSV file, go straight
 * from bytes to string; the rest is decoded into 16-bit units.
 */
export function createPureUtf8Decoder(): ChunkDecoder {
  let pending: Uint8Array | null = null;
  return (bytes, stream) => {
    const src: Uint8Array = pending ? joinBytes(pending, bytes) : bytes;
    pending = null;
    const len = src.length;
    const parts: string[] = [];
    let out: Uint16Array | null = null;
    let i = 0;
    while (i < len) {
      let j = i;
      while (j < len && src[j] < 0x80) j++;
      if (j > i) parts.push(bytesToString(src, i, j));
      i = j;
      if (i >= len) break;
      // A stretch with non-ASCII characters, up to the next long ASCII run.
      out ??= new Uint16Array(len);
      let o = 0;
      while (i < len) {
        const b0 = src[i];
        if (b0 < 0x80) {
          let r = i;
          while (r < len && src[r] < 0x80 && r - i < ASCII_RUN) r++;
          if (r - i >= ASCII_RUN) break;
          while (i < r) out[o++] = src[i++];
          continue;
        }
        let need: number;
        let cp: number;
        let lo = 0x80;
        let hi = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
          need = 1;
          cp = b0 & 0x1f;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
          need = 2;
          cp = b0 & 0x0f;
          if (b0 === 0xe0) lo = 0xa0;
          else if (b0 === 0xed) hi = 0x9f; // no UTF-16 surrogates encoded as UTF-8
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
          need = 3;
          cp = b0 & 0x07;
          if (b0 === 0xf0) lo = 0x90;
          else if (b0 === 0xf4) hi = 0x8f;
        } else throw new InvalidUtf8();
        const have = Math.min(need, len - i - 1);
        for (let k = 1; k <= have; k++) {
          const b = src[i + k];
          if (k === 1 ? b < lo || b > hi : b < 0x80 || b > 0xbf) throw new InvalidUtf8();
          cp = (cp << 6) | (b & 0x3f);
        }
        if (have < need) {
          // A sequence cut by the end of this piece: valid so far, finished by the next one.
          if (!stream) throw new InvalidUtf8();
          pending = src.slice(i);
          i = len;
          break;
        }
        if (cp >= 0x10000) {
          cp -= 0x10000;
          out[o++] = 0xd800 + (cp >> 10);
          out[o++] = 0xdc00 + (cp & 0x3ff);
        } else out[o++] = cp;
        i += need + 1;
      }
      parts.push(unitsToString(out, o));
    }
    return parts.length === 1 ? parts[0] : parts.join("");
  };
}

/** UTF-16 in either byte order; an odd byte at the end of a piece waits for the next. */
export function createUtf16Decoder(littleEndian: boolean): ChunkDecoder {
  let carry = -1;
  return (bytes, stream) => {
    const total = bytes.length + (carry >= 0 ? 1 : 0);
    const units = new Uint16Array(total >> 1);
    let o = 0;
    let i = 0;
    if (carry >= 0 && bytes.length > 0) {
      units[o++] = littleEndian ? carry | (bytes[0] << 8) : (carry << 8) | bytes[0];
      i = 1;
      carry = -1;
    }
    for (; i + 1 < bytes.length; i += 2) {
      units[o++] = littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
    }
    if (i < bytes.length) carry = bytes[i];
    // An odd byte left at the very end cannot be text; it is dropped as a decoder would replace it.
    if (!stream) carry = -1;
    return unitsToString(units, o);
  };
}

/** Windows-1252 bytes 0x80–0x9F (the rest are Latin-1); the five unassigned ones map to C1 controls as in WHATWG. */
const CP1252_80: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];
const CP1252 = new Uint16Array(256);
for (let b = 0; b < 256; b++) CP1252[b] = b >= 0x80 && b < 0xa0 ? CP1252_80[b - 0x80] : b;

/** Windows-1252: one character per byte, so no state between pieces. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) units[i] = CP1252[bytes[i]];
  return unitsToString(units, bytes.length);
}

export interface FileDecoderOptions {
  /** A native UTF-8 decoder for each file (see ChunkDecoder); the pure one is used without it. */
  createUtf8Decoder?: () => ChunkDecoder;
  /** Read the file as Windows-1252 from the start (after a restart). */
  windows1252?: boolean;
}

/**
 * Turns one file's bytes, given in pieces, into text. push() returns the
 * text, or null when the file must be fed again from its first byte: that
 * happens only when bytes that are not UTF-8 follow non-ASCII text that was
 * (so the whole file is then read as Windows-1252, as promised). When only
 * ASCII came before, the switch happens in place.
 */
export class FileTextDecoder {
  encoding: TextEncodingName = "utf-8";
  /** Set when the file is read as Windows-1252 because it is not UTF-8. */
  notice: string | null = null;
  private head: Uint8Array | null = new Uint8Array(0);
  private decode: ChunkDecoder | null = null;
  private asciiSoFar = true;

  constructor(
    private readonly name: string,
    private readonly options: FileDecoderOptions = {},
  ) {}

  push(bytes: Uint8Array): string | null {
    if (this.head !== null) {
      this.head = this.head.length === 0 ? bytes : joinBytes(this.head, bytes);
      if (this.head.length < SNIFF_BYTES) return "";
      return this.start(true);
    }
    return this.run(bytes, true);
  }

  /** The end of the file: any text still held back, or null (as for push). */
  end(): string | null {
    if (this.head !== null) return this.start(false);
    return this.run(new Uint8Array(0), false);
  }

  private start(stream: boolean): string | null {
    const head = this.head!;
    this.head = null;
    const sniffed = sniffBytes(head.subarray(0, SNIFF_BYTES), this.name);
    const body = head.subarray(sniffed.bomLength);
    if (sniffed.encoding !== "utf-8") {
      this.encoding = sniffed.encoding;
      this.decode = createUtf16Decoder(sniffed.encoding === "utf-16le");
    } else if (this.options.windows1252) {
      this.useWindows1252();
    } else {
      this.decode = this.options.createUtf8Decoder?.() ?? createPureUtf8Decoder();
    }
    return this.run(body, stream);
  }

  private useWindows1252(): void {
    this.encoding = "windows-1252";
    this.notice = `${this.name} was read as Windows-1252 because it is not valid UTF-8.`;
    this.decode = (b) => decodeWindows1252(b);
  }

  private run(bytes: Uint8Array, stream: boolean): string | null {
    let text: string;
    try {
      text = this.decode!(bytes, stream);
    } catch (e) {
      if (this.encoding !== "utf-8" || e instanceof HarmError) throw e;
      if (!this.asciiSoFar) return null;
      this.useWindows1252();
      text = this.decode!(bytes, stream);
    }
    if (this.encoding === "utf-8") this.asciiSoFar = this.asciiSoFar && text.length === bytes.length;
    // In UTF-8 and Windows-1252 a NUL character is a zero byte, and bytes are searched faster.
    const nul = this.encoding.startsWith("utf-16") ? text.indexOf("\u0000") !== -1 : hasZeroByte(bytes);
    if (nul) throw nulError(this.name);
    return text;
  }
}
