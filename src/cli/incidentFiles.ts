/**
 * Incident files on disk for `harm-planner evaluate`: which files a --data
 * argument names, in the order they are taken, and how their bytes are read
 * (countFile.ts reads each through the core's incident reader, with the same
 * checks and messages as the task pane).
 */
import { isAscii, isUtf8 } from "buffer";
import * as fs from "fs";
import * as path from "path";
import type { ByteSource } from "../app/incidentZip";
import { InputFileError } from "./operationFile";

/**
 * The CSV and zip files named, or found (one level deep) in a folder named,
 * sorted by name (then by path): the order the files are taken in, so the
 * results do not depend on the order the files were named or listed in.
 */
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
        .filter((f) => /\.(csv|zip)$/i.test(f))
        .sort()
        .map((f) => path.join(input, f));
      if (found.length === 0) throw new InputFileError(`The folder "${input}" has no .csv or .zip files.`);
      out.push(...found);
    } else out.push(input);
  }
  const key = (f: string) => path.basename(f);
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/** The file's size in bytes, or undefined when it cannot be read (reading it then says why). */
export function sizeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).size;
  } catch {
    return undefined;
  }
}

/**
 * How many bytes at the end of `b` begin a character that the next piece
 * finishes (0 to 3): a valid start of a UTF-8 sequence, cut short. Anything
 * else is left for the check of the whole piece to refuse at once.
 */
export function cutCharacter(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const lead = b[n - back];
    if (lead >= 0x80 && lead < 0xc0) continue; // a continuation byte: the lead is further back
    const need =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (need <= back) return 0;
    if (back > 1) {
      // The second byte's range depends on the lead (no overlong forms, surrogates or code points past U+10FFFF).
      const second = b[n - back + 1];
      const lo = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const hi = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      if (second < lo || second > hi) return 0;
    }
    return back;
  }
  return 0;
}

/**
 * Node's own UTF-8 decoding, as fast as it goes: each piece is checked with
 * buffer.isUtf8 (bytes that are not UTF-8 throw, sending the file to the
 * Windows-1252 reading) and then decoded without further checks, which is
 * several times faster than a fatal TextDecoder. A character cut by the end
 * of a piece waits for the next.
 */
export const nativeUtf8 = () => {
  const d = new TextDecoder("utf-8", { ignoreBOM: true });
  let carry: Uint8Array | null = null;
  return (bytes: Uint8Array, stream: boolean): string => {
    let b = bytes;
    if (carry !== null) {
      b = new Uint8Array(carry.length + bytes.length);
      b.set(carry);
      b.set(bytes, carry.length);
      carry = null;
    }
    const cut = stream ? cutCharacter(b) : 0;
    const whole = cut ? b.subarray(0, b.length - cut) : b;
    if (cut) carry = b.slice(b.length - cut);
    if (!isUtf8(whole)) throw new TypeError("The encoded data was not valid for encoding utf-8");
    // A piece of plain ASCII is the same string read as Latin-1, which Node makes twice as fast.
    if (isAscii(whole)) return Buffer.from(whole.buffer, whole.byteOffset, whole.length).toString("latin1");
    return d.decode(whole);
  };
};

/** A zip on disk, read by position (its street files are read from it as streams: src/app/incidentZip.ts). */
export async function openZip(file: string): Promise<{ zip: ByteSource; close: () => Promise<void> }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, "r");
  } catch {
    throw new InputFileError(`Cannot read "${file}".`);
  }
  const { size } = await handle.stat();
  const read = async (start: number, end: number) => {
    const buf = Buffer.allocUnsafe(Math.max(0, Math.min(end, size) - start));
    const { bytesRead } = await handle.read(buf, 0, buf.length, start);
    return buf.subarray(0, bytesRead);
  };
  return { zip: { name: path.basename(file), size, read }, close: () => handle.close() };
}
