/** The shapes of the incident cube (cube.ts): what it holds, what it was told, and where every row went. */
import type { CubeFrame } from "./cubeFrame";
import type { ColumnLike, DuplicateRow, IncidentColumns } from "./rows";

/** The counted table. counts[a][slot * types.length + t]. */
export interface IncidentCube {
  frame: CubeFrame;
  /** Normalised area codes. */
  areas: string[];
  /** The first area name given in any row of each area (police.uk "LSOA name"), or "". */
  areaNames: string[];
  /** Offence types as written (trimmed); one "" type when the data have no type column. */
  types: string[];
  counts: Uint32Array[];
  /** Rows dated in each slot, in any area (kept or not): a slot with none was not loaded. */
  slotRows: Float64Array;
  accounting: CubeAccounting;
}

export interface CubeAccounting {
  rowsRead: number;
  /** Rows in the table. */
  stored: number;
  /** Rows in areas the evaluation cannot use (not in any chosen set, when the sets were known). */
  rowsNotKept: number;
  /** Rows dated outside the months counted. */
  rowsOutsideWindow: number;
  /** Rows whose crime reference was already counted. */
  rowsDuplicate: number;
  /** `id` is absent when the rows were counted in other threads, which hand over a fingerprint of each reference only. */
  duplicateExamples: DuplicateRow[];
  /** Rows without a reference inside a stretch copied from earlier rows (copies.ts). */
  rowsCopied: number;
  /** The first of them, each with the row it copies. */
  copyExamples: DuplicateRow[];
  rejected: { row: number; reason: string; value: string; where?: string }[];
  rejectedCount: number;
  rejectedByReason: Record<string, number>;
  /** Rows whose area code was tidied (case, spaces) to be read. */
  areaCodesNormalised: number;
}

export interface CubeOptions {
  /** Only these normalised codes are kept (null: every area). */
  keepAreas?: ReadonlySet<string> | null;
  /**
   * Local authorities (authorityKey) whose areas are kept too: a row is kept
   * when its own area name (police.uk "LSOA name", such as "Torfaen 001A")
   * names one, so areas chosen by authority are known before the data are read.
   */
  keepAuthorities?: ReadonlySet<string> | null;
  /**
   * The chosen areas all have the ONS form (W01001685), so a code without it
   * is a mistake to report, not another area (see chosenAreasAreOns).
   */
  onsOnly?: boolean;
  /** How many unusable and duplicate rows to list. */
  maxListed?: number;
  /** Names row i (0-based over everything added) in messages. */
  rowLabel?: (i: number) => string;
}

export interface CubeColumns extends IncidentColumns {
  /** Area names (police.uk "LSOA name"), for grouping areas by local authority. */
  names?: ColumnLike;
}
