/**
 * A fast 64-bit fingerprint of a file's bytes, computed piece by piece as the
 * file is read, to recognise the same file chosen twice. Not cryptographic:
 * two different files of the same size share a fingerprint with a chance of
 * about 1 in 2^64. Two 32-bit lanes over little-endian 32-bit words (one
 * MurmurHash3's, one a multiply-rotate chain), read through an Int32Array
 * view. The result does not depend on how the file is cut into pieces.
 */

import { valueError } from "../errors";

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const C3 = 0x85ebca6b;
const C4 = 0xc2b2ae35;
const GOLDEN = 0x9e3779b1;
// A local reference: under Jest's sandbox a Math.imul lookup costs a hundred times a multiplication.
const imul = Math.imul;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = imul(h, C3);
  h ^= h >>> 13;
  h = imul(h, C4);
  return (h ^ (h >>> 16)) >>> 0;
}

export class ContentHasher {
  private h1 = 0x9747b28c;
  private h2 = 0x2545f491;
  private size = 0;
  /** The bytes of a word not yet complete. */
  private readonly carry = new Uint8Array(4);
  private carryBytes = 0;
  private scratch = new Uint8Array(0);

  update(bytes: Uint8Array): void {
    const n = bytes.length;
    this.size += n;
    let i = 0;
    while (this.carryBytes !== 0 && i < n) {
      this.carry[this.carryBytes++] = bytes[i++];
      if (this.carryBytes === 4) {
        this.mixWords(this.carry, 0, 1);
        this.carryBytes = 0;
      }
    }
    const words = (n - i) >> 2;
    this.mixWords(bytes, i, words);
    for (i += words * 4; i < n; i++) this.carry[this.carryBytes++] = bytes[i];
  }

  /** "size:hex16", equal for equal content. */
  digest(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    if (this.carryBytes !== 0) {
      let k = 0;
      for (let b = 0; b < this.carryBytes; b++) k |= this.carry[b] << (8 * b);
      k = imul(k, C1);
      k = (k << 15) | (k >>> 17);
      k = imul(k, C2);
      h1 ^= k;
      h2 = ((h2 + imul(k, GOLDEN)) | 0) ^ k;
    }
    h1 = fmix((h1 ^ this.size) >>> 0);
    h2 = fmix((h2 ^ imul(this.size, 0x27d4eb2f)) >>> 0);
    return `${this.size}:${h1.toString(16).padStart(8, "0")}${h2.toString(16).padStart(8, "0")}`;
  }

  private mixWords(bytes: Uint8Array, from: number, words: number): void {
    if (words === 0) return;
    const at = bytes.byteOffset + from;
    let view: Int32Array;
    if (LITTLE_ENDIAN && (at & 3) === 0) view = new Int32Array(bytes.buffer, at, words);
    else {
      // Unaligned (or big-endian): copy into an aligned scratch buffer, so there is one loop to keep fast.
      if (this.scratch.length < words * 4) this.scratch = new Uint8Array(words * 4);
      this.scratch.set(bytes.subarray(from, from + words * 4));
      if (!LITTLE_ENDIAN) this.swapBytes(words);
      view = new Int32Array(this.scratch.buffer, 0, words);
    }
    let h1 = this.h1;
    let h2 = this.h2;
    for (let w = 0; w < words; w++) {
      const x = view[w];
      let k = imul(x, C1);
      k = (k << 15) | (k >>> 17);
      k = imul(k, C2);
      h1 ^= k;
      h1 = (h1 << 13) | (h1 >>> 19);
      h1 = (imul(h1, 5) + 0xe6546b64) | 0;
      h2 = (h2 + imul(x, GOLDEN)) | 0;
      h2 = ((h2 << 7) | (h2 >>> 25)) ^ x;
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Big-endian machines: reverse each word in the scratch buffer so words read as little-endian. */
  private swapBytes(words: number): void {
    const b = this.scratch;
    for (let i = 0; i < words * 4; i += 4) {
      const t0 = b[i];
      const t1 = b[i + 1];
      b[i] = b[i + 3];
      b[i + 1] = b[i + 2];
      b[i + 2] = t1;
      b[i + 3] = t0;
    }
  }
}

/** Files read so far by their fingerprints (ContentHasher.digest): a file identical to one of them is refused. */
export class SameBytes {
  private readonly digests = new Map<string, string>();

  see(name: string, digest: string): void {
    const same = this.digests.get(digest);
    if (same !== undefined) {
      throw valueError(`${name} is identical to ${same}; remove one of them and load the files again.`);
    }
    this.digests.set(digest, name);
  }
}
