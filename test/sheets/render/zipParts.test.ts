/**
 * A large part is deflated in batches as its rows arrive (PartPacker); the
 * batches must join into one valid deflate stream with the whole part's CRC,
 * and the zip must open with every part intact.
 */
import * as zlib from "zlib";
import { unzipSync } from "fflate";
import { PartPacker, zipParts } from "../../../src/sheets/render/zipParts";

/** Independent CRC-32 (bitwise, no table). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** ~11 MB of row-like XML in uneven pieces, so several 4 MB batches end mid-row. */
function pieces(): Buffer[] {
  const out: Buffer[] = [];
  for (let r = 0; r < 60_000; r++)
    out.push(
      Buffer.from(
        `<row r="${r}"><c r="A${r}"><v>${(r * 2654435761) % 1e9}</v></c>${"x".repeat(r % 300)}</row>`,
      ),
    );
  return out;
}

describe("PartPacker", () => {
  it("joins its batches into one deflate stream with the whole part's CRC and size", () => {
    const parts = pieces();
    const whole = Buffer.concat(parts);
    expect(whole.length).toBeGreaterThan(8 * 1024 * 1024); // at least three batches
    const packer = new PartPacker();
    for (const p of parts) packer.push(p);
    const packed = packer.finish();
    expect(packed.packed.length).toBeGreaterThanOrEqual(3);
    expect(zlib.inflateRawSync(Buffer.concat(packed.packed)).equals(whole)).toBe(true);
    expect(packed.size).toBe(whole.length);
    const sample = whole.subarray(0, 200_000);
    const small = new PartPacker().finishWith(sample);
    expect(small.crc).toBe(crc32(sample));
    expect(packed.crc).toBe(zlib.crc32 ? zlib.crc32(whole) : crc32(whole));
  });

  it("gives a zip in which packed and plain parts open intact", () => {
    const parts = pieces();
    const packer = new PartPacker();
    for (const p of parts) packer.push(p);
    const plain = Buffer.from("<workbook/>");
    const zip = zipParts({ "xl/worksheets/sheet1.xml": packer.finish(), "xl/workbook.xml": plain });
    const files = unzipSync(new Uint8Array(zip));
    expect(Buffer.from(files["xl/worksheets/sheet1.xml"]).equals(Buffer.concat(parts))).toBe(true);
    expect(Buffer.from(files["xl/workbook.xml"]).equals(plain)).toBe(true);
  });
});
