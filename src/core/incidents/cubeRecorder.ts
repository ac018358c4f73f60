/**
 * A CubeBuilder that sorts rows without counting them: every check is made
 * (areas, dates, the counting window, offence types, the references'
 * shape), and each row that passes is recorded, with its reference hashed,
 * for a CubeBuilder elsewhere to count in the files' order (see cubePart.ts).
 */
import { CubeBuilder, type CubeFrame, type CubeOptions } from "./cube";
import type { CubePart, CubeRecords } from "./cubePart";

export interface RecorderOptions extends CubeOptions {
  /** The line of its file on which row i (0-based, as added) starts. */
  lineOf: (i: number) => number;
}

const emptyRecords = (n: number): CubeRecords => ({
  count: 0,
  area: new Int32Array(n),
  slot: new Uint16Array(n),
  type: new Int32Array(n),
  h1: new Uint32Array(n),
  h2: new Uint32Array(n),
  row: new Int32Array(n),
  line: new Int32Array(n),
});

export class CubeRecorder extends CubeBuilder {
  protected override readonly countsHere = false;
  private rec = emptyRecords(4096);
  private readonly lineOf: (i: number) => number;

  constructor(frame: CubeFrame, options: RecorderOptions) {
    super(frame, options);
    this.lineOf = options.lineOf;
  }

  protected override take(k: number, slot: number, t: number, hasId: boolean, row: number): void {
    let r = this.rec;
    const i = r.count;
    if (i === r.area.length) r = this.rec = grown(r, i * 2);
    r.area[i] = k;
    r.slot[i] = slot;
    r.type[i] = t;
    if (hasId) {
      r.h1[i] = this.idHash[0];
      // The pair 0, 0 means "no reference" here; the id set reads it as 0, 1 anyway.
      r.h2[i] = this.idHash[0] === 0 && this.idHash[1] === 0 ? 1 : this.idHash[1];
    } else {
      r.h1[i] = 0;
      r.h2[i] = 0;
    }
    r.row[i] = row;
    r.line[i] = this.lineOf(row);
    r.count = i + 1;
  }

  /** What the rows added so far came to (the recorder is finished with). */
  part(): CubePart {
    const log = this.log.log;
    return {
      areas: this.areas.slice(),
      areaNames: this.areaNames.slice(),
      types: this.types.slice(),
      hasTypeColumn: this.hasTypeColumn,
      hasIdColumn: this.idColumn,
      rowsRead: this.rowsRead,
      rowsNotKept: this.notKept,
      rowsOutsideWindow: this.outsideWindow,
      areaCodesNormalised: this.normalised,
      slotRows: this.slotRows,
      rejected: log.rejected,
      rejectedCount: log.rejectedCount,
      rejectedByReason: log.rejectedByReason,
      records: grown(this.rec, this.rec.count),
    };
  }
}

/** The records copied into arrays of `n` places. */
function grown(r: CubeRecords, n: number): CubeRecords {
  const out = emptyRecords(n);
  const m = Math.min(n, r.count);
  out.count = m;
  out.area.set(r.area.subarray(0, m));
  out.slot.set(r.slot.subarray(0, m));
  out.type.set(r.type.subarray(0, m));
  out.h1.set(r.h1.subarray(0, m));
  out.h2.set(r.h2.subarray(0, m));
  out.row.set(r.row.subarray(0, m));
  out.line.set(r.line.subarray(0, m));
  return out;
}
