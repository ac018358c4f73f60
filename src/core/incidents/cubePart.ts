/**
 * A cube counted in parts: each file's rows are sorted on their own (in a
 * worker thread, by a CubeRecorder) into what happened to each row, and the
 * parts are added to one CubeBuilder in the files' order (addPart). Repeated
 * crime references are looked for only there, over every part in that order,
 * so the cube is the one a single pass over all the rows would give, however
 * many threads sorted them and in whatever order they finished.
 * Plain data and typed arrays, so a part can be posted between threads.
 */
import type { RejectedRow } from "./rows";

/** The rows of a part that passed every check, in order: each may still be a repeat of an earlier row. */
export interface CubeRecords {
  count: number;
  /** Index into the part's `areas`. */
  area: Int32Array;
  slot: Uint16Array;
  /** Index into the part's `types`. */
  type: Int32Array;
  /** The crime reference's two hashes (hashId; a pair of 0, 0 is stored as 0, 1); 0, 0 when the row has none. */
  h1: Uint32Array;
  h2: Uint32Array;
  /** The row's index in the part (0-based). */
  row: Int32Array;
  /** The line of its file on which the row starts. */
  line: Int32Array;
}

export interface CubePart {
  /** Areas in the order the part's rows first named them, with the first name given in any of their rows. */
  areas: string[];
  areaNames: string[];
  /** Offence types in the order the part's counted rows first gave them. */
  types: string[];
  /** Whether the rows had an offence type column (null: the part had no rows to say). */
  hasTypeColumn: boolean | null;
  /** Whether the rows had a reference column (police.uk "Crime ID"), so copied rows without one can be told. */
  hasIdColumn: boolean;
  rowsRead: number;
  rowsNotKept: number;
  rowsOutsideWindow: number;
  areaCodesNormalised: number;
  /** Rows in areas not kept, dated in each slot (the records' rows are added when counted). */
  slotRows: Float64Array;
  /** The first rows that could not be used (numbered from 1 within the part), all of them counted by reason. */
  rejected: RejectedRow[];
  rejectedCount: number;
  rejectedByReason: Record<string, number>;
  records: CubeRecords;
}

/** The buffers of a part's records, to transfer rather than copy between threads. */
export function partBuffers(part: CubePart): ArrayBuffer[] {
  const r = part.records;
  return [r.area, r.slot, r.type, r.h1, r.h2, r.row, r.line].map((a) => a.buffer as ArrayBuffer);
}
