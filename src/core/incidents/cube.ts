/**
 * Incident rows counted once into an area × time slot × offence type table
 * (the "cube"): every figure of an evaluation reads it, so no row is kept
 * after it is counted and memory grows with areas, months and types, not rows.
 * Rows arrive in pieces (a worker's batch, a file), in one pass.
 *
 * Time slots are calendar months, split where a period starts or ends inside
 * a month (day-dated data with periods that are not whole months). A row dated
 * by month only (police.uk) that a split cuts through is unusable, as in the
 * period counts.
 *
 * Every row read lands in exactly one place:
 *   rowsRead = stored + rowsNotKept + rowsOutsideWindow + rowsDuplicate + rowsCopied + rejectedCount
 * A code that is not an area (blank, an error value, or not of the ONS form
 * when the chosen areas all are) is unusable, never another area.
 */
import { isOnsCode, normaliseAreaCode, uniqueCodes } from "../areas";
import { authorityKey, authorityOf } from "../authorities";
import { valueError } from "../errors";
import { parseDateCell, type DateSpan } from "./dates";
import type { CubeFrame } from "./cubeFrame";
import { CopyFinder } from "./copies";
import { hashId, IdSet } from "./idSet";
import { REASON, cellText, isErrorValue, shapeOf, type DuplicateRow } from "./rows";
import { RowLogger } from "./rowLogger";
import type { CubePart } from "./cubePart";

export { cubeFrame, MAX_SLOTS, type CubeFrame } from "./cubeFrame";
export type { CubeAccounting, CubeColumns, CubeOptions, IncidentCube } from "./cubeTypes";
import type { CubeAccounting, CubeColumns, CubeOptions, IncidentCube } from "./cubeTypes";

/** What an area's cell resolved to, besides an area index ≥ 0. */
const BLANK = -1;
const ERROR = -2;
const NOT_KEPT = -3;
const NOT_ONS = -4;
const AREA_CACHE_MAX = 200_000;
/** An area's counts in a builder that only sorts rows (CubeRecorder). */
const NO_COUNTS = new Uint32Array(0);
const DATE_CACHE_MAX = 100_000;

const cell = (col: ReadonlyArray<unknown>, twoD: boolean, i: number): unknown =>
  twoD ? (col[i] as ReadonlyArray<unknown>)[0] : col[i];

export class CubeBuilder {
  protected readonly areas: string[] = [];
  protected readonly areaNames: string[] = [];
  private readonly counts: Uint32Array[] = [];
  private readonly areaOf = new Map<string, number>();
  private readonly areaCache = new Map<string, number>();
  protected readonly types: string[] = [];
  private readonly typeOf = new Map<string, number>();
  private typeCap = 16;
  private readonly dayToSlot: Uint16Array;
  private readonly first: number;
  private readonly last: number;
  private readonly nSlots: number;
  protected readonly slotRows: Float64Array;
  private readonly dateCache = new Map<string, DateSpan | null>();
  /** Whether an area name names a kept authority (keepAuthorities). */
  private readonly nameCache = new Map<string, boolean>();
  private readonly ids = new IdSet();
  private readonly copies: CopyFinder;
  /** Whether the rows being added have a reference column, so copied rows without one can be told. */
  protected idColumn = false;
  /** While a part is added: the index of its first row over everything added. */
  private partFirstRow = 0;
  /** The current row's reference, hashed (hashId). */
  protected readonly idHash = new Uint32Array(2);
  protected readonly log: RowLogger;
  private readonly duplicateExamples: CubeAccounting["duplicateExamples"] = [];
  private readonly maxListed: number;
  protected rowsRead = 0;
  private stored = 0;
  protected notKept = 0;
  protected outsideWindow = 0;
  private duplicates = 0;
  protected normalised = 0;
  protected hasTypeColumn: boolean | null = null;
  /** False in a builder that hands its rows on (CubeRecorder) rather than counting them. */
  protected readonly countsHere: boolean = true;
  /** While a part is added: names a row by its line (addPart). */
  private lineLabel: ((line: number) => string) | null = null;

  constructor(
    readonly frame: CubeFrame,
    protected readonly options: CubeOptions = {},
  ) {
    this.first = frame.starts[0];
    this.last = frame.end;
    this.nSlots = frame.starts.length;
    this.dayToSlot = new Uint16Array(this.last - this.first + 1);
    for (let s = 0; s < this.nSlots; s++) {
      const to = s + 1 < this.nSlots ? frame.starts[s + 1] : this.last + 1;
      this.dayToSlot.fill(s, frame.starts[s] - this.first, to - this.first);
    }
    this.slotRows = new Float64Array(this.nSlots);
    this.maxListed = options.maxListed ?? 20;
    this.log = new RowLogger(this.maxListed, options.rowLabel);
    this.copies = new CopyFinder(this.maxListed, (row, line) => this.where(row, line));
  }

  /** Crime references held to find repeats: one for each row counted that has one, however many rows were read. */
  get referencesHeld(): number {
    return this.ids.size;
  }

  /** Counts one piece of rows; `offset` is the index of its first row over everything added. */
  add(cols: CubeColumns, offset = this.rowsRead): void {
    const { dates, areas, offenceTypes, ids, names } = cols;
    const n = dates.length;
    const d2 = shapeOf(dates, "dates");
    const a2 = shapeOf(areas, "areas");
    if (areas.length !== n) throw valueError("all incident columns must be the same length");
    const hasTypes = offenceTypes !== undefined && offenceTypes !== null;
    if (this.hasTypeColumn === null) this.hasTypeColumn = hasTypes;
    else if (this.hasTypeColumn !== hasTypes) throw valueError("every piece must have the same columns");
    const t2 = hasTypes ? shapeOf(offenceTypes, "offence types") : false;
    const i2 = ids ? shapeOf(ids, "ids") : false;
    const n2 = names ? shapeOf(names, "names") : false;
    const dCol = dates as ReadonlyArray<unknown>;
    const aCol = areas as ReadonlyArray<unknown>;
    const tCol = (offenceTypes ?? []) as ReadonlyArray<unknown>;
    const iCol = (ids ?? []) as ReadonlyArray<unknown>;
    const nCol = (names ?? []) as ReadonlyArray<unknown>;
    const log = this.log;
    const byName = names !== undefined && names !== null && !!this.options.keepAuthorities;
    this.idColumn = ids !== undefined && ids !== null;
    for (let j = 0; j < n; j++) {
      const row = offset + j;
      this.rowsRead++;
      const a = cell(aCol, a2, j);
      let k = typeof a === "string" ? this.areaCache.get(a) : undefined;
      if (k === undefined) k = this.resolveArea(a);
      if (k === NOT_KEPT && byName) k = this.keptByName(a, cell(nCol, n2, j));
      if (k < 0) {
        if (k === NOT_KEPT) {
          // Still dated, so a month with rows only in other areas counts as loaded.
          const span = this.dateOf(cell(dCol, d2, j));
          if (span !== null && span.start >= this.first && span.end <= this.last)
            this.slotRows[this.dayToSlot[span.start - this.first]]++;
          this.notKept++;
        } else
          log.reject(
            row,
            k === BLANK ? REASON.noArea : k === NOT_ONS ? REASON.badAreaCode : REASON.errorValue,
            a,
          );
        continue;
      }
      // Any row of the area may name it (not only counted ones), so the name does not hang on the other checks.
      if (names && this.areaNames[k] === "") {
        const name = cell(nCol, n2, j);
        if (typeof name === "string" && name.trim() !== "") this.areaNames[k] = name.trim();
      }
      const d = cell(dCol, d2, j);
      if (isErrorValue(d)) {
        log.reject(row, REASON.errorValue, d);
        continue;
      }
      const span = this.dateOf(d);
      if (span === null) {
        log.reject(row, REASON.badDate, d);
        continue;
      }
      if (span.end < this.first || span.start > this.last) {
        this.outsideWindow++;
        continue;
      }
      if (span.start < this.first || span.end > this.last) {
        log.reject(row, REASON.partMonth, d);
        continue;
      }
      const slot = this.dayToSlot[span.start - this.first];
      if (this.dayToSlot[span.end - this.first] !== slot) {
        log.reject(row, REASON.partMonth, d);
        continue;
      }
      let t = 0;
      if (hasTypes) {
        const raw = cell(tCol, t2, j);
        if (isErrorValue(raw)) {
          log.reject(row, REASON.errorValue, raw);
          continue;
        }
        const key = typeof raw === "string" ? raw : cellText(raw);
        let ti = this.typeOf.get(key);
        if (ti === undefined) {
          const trimmed = key.trim();
          if (trimmed === "") {
            log.reject(row, REASON.noType, raw);
            continue;
          }
          ti = this.typeIndex(trimmed);
          this.typeOf.set(key, ti);
        }
        t = ti;
      } else if (this.types.length === 0) this.typeIndex("");
      let ref = "";
      if (ids) {
        const id = cell(iCol, i2, j);
        if (id !== null && id !== undefined && id !== "") {
          if (isErrorValue(id)) {
            log.reject(row, REASON.errorValue, id);
            continue;
          }
          ref = typeof id === "string" ? id.trim() : cellText(id);
          if (ref !== "") hashId(ref, this.idHash);
        }
      }
      this.take(k, slot, t, ref !== "", row, ref);
    }
    if (this.countsHere) this.dropCopies(this.copies.end());
  }

  /**
   * A row that passed every check: counted, unless its crime reference (hashed
   * in idHash when `hasId`) was counted already. Repeats are looked for only
   * among these rows: a repeat in an area or month not counted cannot change a figure.
   */
  protected take(
    k: number,
    slot: number,
    t: number,
    hasId: boolean,
    row: number,
    ref?: string,
    line = -1,
  ): void {
    if (hasId) {
      const first = this.ids.addAt(this.idHash[0], this.idHash[1], row);
      if (first >= 0) {
        this.duplicates++;
        if (this.duplicateExamples.length < this.maxListed) {
          const ex: DuplicateRow = { row: row + 1, firstRow: first + 1 };
          if (ref !== undefined) ex.id = ref;
          const where = this.where(row, line);
          if (where !== undefined) ex.where = where;
          this.duplicateExamples.push(ex);
        }
        this.dropCopies(this.copies.referenced(row, first));
        return;
      }
    }
    this.counts[k][slot * this.typeCap + t]++;
    this.slotRows[slot]++;
    this.stored++;
    if (hasId) this.dropCopies(this.copies.referenced(row, -1));
    else if (this.idColumn) this.copies.unreferenced(row, k * this.nSlots + slot, t, line);
  }

  /** Names a row by its line in the part being added, or by the rowLabel option. */
  private where(row: number, line: number): string | undefined {
    if (line >= 0 && this.lineLabel && row >= this.partFirstRow) return this.lineLabel(line);
    return this.options.rowLabel?.(row);
  }

  /** Takes the rows the CopyFinder just found to be copies off the count. */
  private dropCopies(found: number): void {
    const c = this.copies;
    for (let j = 0; j < found; j++) {
      const i = c.found[j];
      const slot = c.cellOf(i) % this.nSlots;
      this.counts[(c.cellOf(i) - slot) / this.nSlots][slot * this.typeCap + c.kindOf(i)]--;
      this.slotRows[slot]--;
      this.stored--;
    }
  }

  /**
   * Adds a part counted elsewhere (a CubeRecorder, in a worker thread: see
   * cubePart.ts), as if its rows had been added here: parts must come in the
   * order their rows would have, so areas, types, repeats and the listed rows
   * come out as one pass over all the rows would give them. `firstRow` is the
   * index of the part's first row over everything added; `where` names a row
   * by its line.
   */
  addPart(part: CubePart, firstRow: number, where?: (line: number) => string): void {
    if (this.hasTypeColumn === null) this.hasTypeColumn = part.hasTypeColumn;
    else if (part.hasTypeColumn !== null && part.hasTypeColumn !== this.hasTypeColumn)
      throw valueError("every piece must have the same columns");
    const areaAt = part.areas.map((code, i) => {
      const k = this.areaOf.get(code) ?? this.newArea(code);
      if (this.areaNames[k] === "" && part.areaNames[i] !== "") this.areaNames[k] = part.areaNames[i];
      return k;
    });
    const typeAt = part.types.map((t) => this.typeIndex(t));
    this.rowsRead += part.rowsRead;
    this.notKept += part.rowsNotKept;
    this.outsideWindow += part.rowsOutsideWindow;
    this.normalised += part.areaCodesNormalised;
    for (let s = 0; s < this.nSlots; s++) this.slotRows[s] += part.slotRows[s];
    this.log.absorb(part.rejected, part.rejectedCount, part.rejectedByReason, firstRow);
    const r = part.records;
    this.lineLabel = where ?? null;
    this.partFirstRow = firstRow;
    this.idColumn = part.hasIdColumn;
    for (let i = 0; i < r.count; i++) {
      const h1 = r.h1[i];
      const h2 = r.h2[i];
      this.idHash[0] = h1;
      this.idHash[1] = h2;
      const hasId = h1 !== 0 || h2 !== 0;
      this.take(
        areaAt[r.area[i]],
        r.slot[i],
        typeAt[r.type[i]],
        hasId,
        firstRow + r.row[i],
        undefined,
        r.line[i],
      );
    }
    this.dropCopies(this.copies.end());
    this.lineLabel = null;
  }

  private dateOf(d: unknown): DateSpan | null {
    if (typeof d === "number") {
      if (!(d >= 61 && d < 2958466)) return null;
      const s = Math.floor(d);
      return { start: s, end: s };
    }
    if (typeof d !== "string") return parseDateCell(d);
    let span = this.dateCache.get(d);
    if (span === undefined) {
      span = parseDateCell(d);
      if (this.dateCache.size < DATE_CACHE_MAX) this.dateCache.set(d, span);
    }
    return span;
  }

  private resolveArea(a: unknown): number {
    if (a === null || a === undefined) return BLANK;
    if (isErrorValue(a)) return ERROR;
    const text = typeof a === "string" ? a : cellText(a);
    const code = normaliseAreaCode(text);
    let k: number;
    if (code === "") k = BLANK;
    else {
      const keep = this.options.keepAreas;
      if (this.options.onsOnly && !isOnsCode(code) && !(keep && keep.has(code))) k = NOT_ONS;
      else if (keep && !keep.has(code)) k = NOT_KEPT;
      else {
        const known = this.areaOf.get(code);
        k = known ?? this.newArea(code);
      }
      if (code !== text && k >= 0) this.normalised++;
    }
    // A code that had to be tidied is counted as tidied each time it is met, so it is not cached.
    if (typeof a === "string" && this.areaCache.size < AREA_CACHE_MAX && (code === text || k < 0))
      this.areaCache.set(a, k);
    return k;
  }

  /** A row whose code is not kept, kept for its own area name (CubeOptions.keepAuthorities), or NOT_KEPT. */
  private keptByName(a: unknown, name: unknown): number {
    if (typeof name !== "string") return NOT_KEPT;
    let hit = this.nameCache.get(name);
    if (hit === undefined) {
      const authority = authorityOf(name);
      hit = authority !== null && this.options.keepAuthorities!.has(authorityKey(authority));
      if (this.nameCache.size < AREA_CACHE_MAX) this.nameCache.set(name, hit);
    }
    if (!hit) return NOT_KEPT;
    const text = typeof a === "string" ? a : cellText(a);
    const code = normaliseAreaCode(text);
    if (code !== text) this.normalised++;
    return this.areaOf.get(code) ?? this.newArea(code);
  }

  private newArea(code: string): number {
    const k = this.areas.length;
    this.areas.push(code);
    this.areaNames.push("");
    this.counts.push(this.countsHere ? new Uint32Array(this.nSlots * this.typeCap) : NO_COUNTS);
    this.areaOf.set(code, k);
    return k;
  }

  private typeIndex(type: string): number {
    const known = this.types.indexOf(type);
    if (known >= 0) return known;
    const t = this.types.length;
    this.types.push(type);
    if (t >= this.typeCap) this.widen(this.typeCap * 2);
    return t;
  }

  /** More room for offence types: every area's row is laid out again. */
  private widen(cap: number): void {
    const old = this.typeCap;
    for (let a = 0; a < this.counts.length; a++) {
      const was = this.counts[a];
      if (was === NO_COUNTS) continue;
      const now = new Uint32Array(this.nSlots * cap);
      for (let s = 0; s < this.nSlots; s++) now.set(was.subarray(s * old, s * old + old), s * cap);
      this.counts[a] = now;
    }
    this.typeCap = cap;
  }

  finish(): IncidentCube {
    const nT = Math.max(1, this.types.length);
    if (this.types.length === 0) this.types.push("");
    // Packed to exactly the types seen, so a reader indexes slot * types.length + t.
    const counts = this.counts.map((c) => {
      if (this.typeCap === nT) return c;
      const out = new Uint32Array(this.nSlots * nT);
      for (let s = 0; s < this.nSlots; s++)
        out.set(c.subarray(s * this.typeCap, s * this.typeCap + nT), s * nT);
      return out;
    });
    const log = this.log.log;
    return {
      frame: this.frame,
      areas: this.areas.slice(),
      areaNames: this.areaNames.slice(),
      types: this.types.slice(),
      counts,
      slotRows: this.slotRows,
      accounting: {
        rowsRead: this.rowsRead,
        stored: this.stored,
        rowsNotKept: this.notKept,
        rowsOutsideWindow: this.outsideWindow,
        rowsDuplicate: this.duplicates,
        duplicateExamples: this.duplicateExamples,
        rowsCopied: this.copies.copied,
        copyExamples: this.copies.examples,
        rejected: log.rejected,
        rejectedCount: log.rejectedCount,
        rejectedByReason: log.rejectedByReason,
        areaCodesNormalised: this.normalised,
      },
    };
  }
}

/** Whether every chosen area has the ONS form, so data codes without it are reported (CubeOptions.onsOnly). */
export function chosenAreasAreOns(codes: Iterable<unknown>): boolean {
  const all = uniqueCodes(codes);
  return all.length > 0 && all.every(isOnsCode);
}

/** Counts every row of one set of columns. */
export function buildCube(cols: CubeColumns, frame: CubeFrame, options: CubeOptions = {}): IncidentCube {
  const b = new CubeBuilder(frame, options);
  b.add(cols, 0);
  return b.finish();
}
