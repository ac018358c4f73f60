import fc from "fast-check";
import { ContentHasher } from "../../../src/core/incidents/hash";

/** The digest of `data` fed in pieces of the given lengths, each piece copied to `offset` bytes into a fresh buffer. */
function digestInPieces(data: Uint8Array, cuts: number[], offset = 0): string {
  const h = new ContentHasher();
  let at = 0;
  const feed = (piece: Uint8Array): void => {
    const buf = new Uint8Array(piece.length + offset);
    buf.set(piece, offset);
    h.update(buf.subarray(offset));
  };
  for (const len of cuts) {
    feed(data.subarray(at, at + len));
    at = Math.min(data.length, at + len);
  }
  feed(data.subarray(at));
  return h.digest();
}

describe("ContentHasher", () => {
  test("the digest does not depend on how the bytes are cut or aligned (property)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 13 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 3 }),
        (data, cuts, offset) => {
          expect(digestInPieces(data, cuts, offset)).toBe(digestInPieces(data, []));
        },
      ),
      { numRuns: 500 },
    );
  });

  test("any change of one byte, or of length, changes the digest (property)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (data, at, delta) => {
          const changed = data.slice();
          changed[at % data.length] = (changed[at % data.length] + delta) & 255;
          expect(digestInPieces(changed, [])).not.toBe(digestInPieces(data, []));
          expect(digestInPieces(data.subarray(1), [])).not.toBe(digestInPieces(data, []));
        },
      ),
      { numRuns: 500 },
    );
  });

  test("the size is part of the digest, so zero bytes differ from an empty file", () => {
    expect(digestInPieces(new Uint8Array(0), [])).toMatch(/^0:[0-9a-f]{16}$/);
    expect(digestInPieces(new Uint8Array(4), [])).toMatch(/^4:/);
    const hex = (d: string): string => d.split(":")[1];
    expect(hex(digestInPieces(new Uint8Array(4), []))).not.toBe(hex(digestInPieces(new Uint8Array(8), [])));
  });

  test("swapping two words changes the digest (the order of the bytes counts)", () => {
    const a = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const b = Uint8Array.from([5, 6, 7, 8, 1, 2, 3, 4]);
    expect(digestInPieces(a, [])).not.toBe(digestInPieces(b, []));
  });
});
