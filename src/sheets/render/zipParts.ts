/**
 * Packs the parts of an .xlsx into a zip with Node's own zlib, several times
 * faster than deflating in JavaScript for the 50 MB sheets of a large
 * Results table. Node side only (used by the ExcelJS renderer). Entries get
 * a fixed date, so the same parts always give the same bytes.
 */
import * as zlib from "zlib";

let table: Uint32Array | undefined;
/** CRC-32 (zip's), carried on from `prev`, from zlib where Node has it (20.15 and later). */
function crc32(data: Uint8Array, prev = 0): number {
  const native = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
  if (native) return native(data, prev) >>> 0;
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = (prev ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// 1980-01-01 00:00, the earliest date a zip entry can carry.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * The fields a local header and its central directory entry share, in the
 * same order, from `at`: version needed, flags, method, date, CRC, sizes and
 * name length.
 */
function entryFields(b: Buffer, at: number, crc: number, packed: number, size: number, nameLength: number) {
  b.writeUInt16LE(20, at); // version needed
  b.writeUInt16LE(0x0800, at + 2); // UTF-8 names
  b.writeUInt16LE(8, at + 4); // deflate
  b.writeUInt16LE(DOS_TIME, at + 6);
  b.writeUInt16LE(DOS_DATE, at + 8);
  b.writeUInt32LE(crc, at + 10);
  b.writeUInt32LE(packed, at + 14);
  b.writeUInt32LE(size, at + 18);
  b.writeUInt16LE(nameLength, at + 22);
}

/** A part already deflated, piece by piece, so it was never held whole. */
export interface PackedPart {
  readonly packed: readonly Buffer[];
  readonly crc: number;
  readonly size: number;
}

const isPacked = (x: Uint8Array | PackedPart): x is PackedPart => !(x instanceof Uint8Array);

/** Bytes deflated in batches of about this many: large enough that compression hardly suffers. */
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Deflates a part as its pieces arrive (a 40,000-row sheet is some 70 MB of
 * XML). Each batch ends on a sync flush, which is byte-aligned and not final,
 * so the batches join into one deflate stream; the last one finishes it.
 */
export class PartPacker {
  private readonly packed: Buffer[] = [];
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  private crc = 0;
  private size = 0;

  constructor(private readonly level = 6) {}

  push(bytes: Uint8Array): void {
    this.batch.push(bytes);
    this.batchBytes += bytes.length;
    if (this.batchBytes >= BATCH_BYTES) this.flush(zlib.constants.Z_SYNC_FLUSH);
  }

  /** A whole part in one go. */
  finishWith(bytes: Uint8Array): PackedPart {
    this.push(bytes);
    return this.finish();
  }

  finish(): PackedPart {
    this.flush(zlib.constants.Z_FINISH);
    return { packed: this.packed, crc: this.crc, size: this.size };
  }

  private flush(finishFlush: number): void {
    const data = this.batch.length === 1 ? this.batch[0] : Buffer.concat(this.batch);
    this.batch = [];
    this.batchBytes = 0;
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    this.packed.push(zlib.deflateRawSync(data, { level: this.level, finishFlush }));
  }
}

/** A zip of `files` (name → bytes, or a part already packed), deflated at `level`; empty folder entries are left out. */
export function zipParts(files: Record<string, Uint8Array | PackedPart>, level = 6): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith("/")) continue;
    const nameBytes = Buffer.from(name, "utf8");
    const part = isPacked(data) ? data : new PartPacker(level).finishWith(data);
    const packedLength = part.packed.reduce((n, b) => n + b.length, 0);
    const { crc, size } = part;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    entryFields(head, 4, crc, packedLength, size, nameBytes.length);
    head.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by
    entryFields(dir, 6, crc, packedLength, size, nameBytes.length);
    dir.writeUInt32LE(offset, 42);
    local.push(head, nameBytes, ...part.packed);
    central.push(dir, nameBytes);
    offset += head.length + nameBytes.length + packedLength;
    count++;
  }
  const size = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  if (offset > 0xffffffff) throw new Error("The workbook is over 4 GB, more than a zip file can hold.");
  return Buffer.concat([...local, ...central, end]);
}
