/**
 * What the rows hold, whatever an evaluation keeps of them: every area code
 * (for a control of every other area in the data, and codes not found), the
 * months with any row (for periods beyond the data) and the offence types
 * (to match the types and weights asked for as the data spell them), and
 * the local authorities the area names give (to name them when one asked
 * for is not there). The
 * cube keeps only the areas and months an evaluation counts, so a reader that
 * streams rows into a cube takes this census on the way. The rules are those
 * used on loaded columns: uniqueCodes, monthsInData, offenceTypesIn.
 */
import { uniqueCodes } from "../areas";
import { authorityOf } from "../authorities";
import { monthsInData } from "./coverage";
import { offenceTypesIn } from "./offenceTypes";
import type { ColumnLike } from "./rows";

/** A census as plain data (posted between threads, merged in the files' order). */
export interface CensusData {
  /** Normalised area codes, in the order the rows first gave them. */
  codes: string[];
  months: string[];
  /** Offence types (trimmed, sorted); null when the rows have no offence type column. */
  types: string[] | null;
  /** Local authorities named by the area names (authorityOf), sorted; empty when names were not read. */
  authorities: string[];
}

/** The distinct values of a column (1-D), in order; repeats in a run cost one comparison. */
function distinct(col: ColumnLike): unknown[] {
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  let last: unknown = undefined;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v === last && i > 0) continue;
    last = v;
    if (seen.has(v)) continue;
    seen.add(v);
    out.push(v);
  }
  return out;
}

export class DataCensus {
  private readonly codes: string[] = [];
  private readonly codeSet = new Set<string>();
  private readonly months = new Set<string>();
  private types: Set<string> | null = null;
  private readonly authorities = new Set<string>();

  /** Takes in one piece of rows (1-D columns, as a file reader gives them). */
  add(cols: {
    dates: ColumnLike;
    areas: ColumnLike;
    offenceTypes?: ColumnLike | null;
    names?: ColumnLike | null;
  }): void {
    const authorities = new Set<string>();
    for (const name of cols.names ? distinct(cols.names) : []) {
      const a = authorityOf(name);
      if (a !== null) authorities.add(a);
    }
    this.merge({
      codes: uniqueCodes(distinct(cols.areas)),
      months: [...monthsInData(distinct(cols.dates))],
      types: cols.offenceTypes ? offenceTypesIn(distinct(cols.offenceTypes)) : null,
      authorities: [...authorities],
    });
  }

  /** Takes in another census, of rows that come after these. */
  merge(other: CensusData): void {
    for (const c of other.codes)
      if (!this.codeSet.has(c)) {
        this.codeSet.add(c);
        this.codes.push(c);
      }
    for (const m of other.months) this.months.add(m);
    for (const a of other.authorities) this.authorities.add(a);
    if (other.types) {
      this.types ??= new Set();
      for (const t of other.types) this.types.add(t);
    }
  }

  data(): CensusData {
    return {
      codes: this.codes.slice(),
      months: [...this.months].sort(),
      types: this.types ? [...this.types].sort() : null,
      authorities: [...this.authorities].sort(),
    };
  }
}
