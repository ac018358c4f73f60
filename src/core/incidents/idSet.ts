/**
 * A set of crime references kept as two 32-bit hashes each, with the row
 * that added it, in flat typed arrays: about 17 bytes a reference instead of
 * a 64-character string, so de-duplicating millions of rows stays small. Two independent hashes make a
 * false match about 1 in 2^64 per pair of references (for 10 million
 * references, about 3 in a million that any two collide).
 */

const EMPTY = 0;

/** Two 32-bit hashes of a reference; police.uk's 64-hex SHA-256 references are read as hex directly. */
export function hashId(id: string, out: Uint32Array): void {
  const n = id.length;
  if (n === 64) {
    let a = 0;
    let b = 0;
    let ok = true;
    for (let i = 0; i < 8 && ok; i++) {
      const x = hexDigit(id.charCodeAt(i));
      const y = hexDigit(id.charCodeAt(i + 56));
      if (x < 0 || y < 0) ok = false;
      a = (a << 4) | x;
      b = (b << 4) | y;
    }
    if (ok) {
      out[0] = a >>> 0;
      out[1] = b >>> 0;
      return;
    }
  }
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  out[0] = (h1 ^ n) >>> 0;
  out[1] = h2 >>> 0;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Open addressing over (h1, h2) pairs; the pair (0, 0) is stored as (0, 1). Each keeps the row that added it. */
export class IdSet {
  private keys: Uint32Array;
  private firstRows: Uint32Array;
  private mask: number;
  private used = 0;
  private readonly scratch = new Uint32Array(2);

  constructor(capacity = 1024) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.keys = new Uint32Array(size * 2);
    this.firstRows = new Uint32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.used;
  }

  /** Adds the reference; false when it was already there. */
  add(id: string): boolean {
    hashId(id, this.scratch);
    return this.addHash(this.scratch[0], this.scratch[1]);
  }

  addHash(h1: number, h2: number): boolean {
    return this.addAt(h1, h2, 0) < 0;
  }

  /** Adds the reference, first met on `row`; -1 when it is new, else the row that added it. */
  addAt(h1: number, h2: number, row: number): number {
    if (h1 === EMPTY && h2 === EMPTY) h2 = 1;
    if ((this.used + 1) * 10 > (this.mask + 1) * 7) this.grow();
    const keys = this.keys;
    let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & this.mask;
    for (;;) {
      const k1 = keys[i * 2];
      const k2 = keys[i * 2 + 1];
      if (k1 === EMPTY && k2 === EMPTY) {
        keys[i * 2] = h1;
        keys[i * 2 + 1] = h2;
        this.firstRows[i] = row;
        this.used++;
        return -1;
      }
      if (k1 === h1 && k2 === h2) return this.firstRows[i];
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.keys;
    const oldRows = this.firstRows;
    this.keys = new Uint32Array(old.length * 2);
    this.firstRows = new Uint32Array(old.length);
    this.mask = old.length - 1;
    this.used = 0;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== EMPTY || old[i + 1] !== EMPTY) this.addAt(old[i], old[i + 1], oldRows[i / 2]);
    }
  }
}
