/** One measure's before/after counts by area: a row of the Results sheet. */
import type { HarmPart } from "../stats/evaluate";
import type { RowContext } from "../stats/verdict";

export interface BeforeAfter {
  before: number;
  after: number;
}

export interface ResultsRow {
  measure: string;
  harm?: string;
  target: BeforeAfter;
  buffer?: BeforeAfter;
  control: BeforeAfter;
  note?: string;
  /**
   * "harm": the counts are harm totals (Σ weight × count). Count-only tests
   * (Poisson Z, E-test, RES interval) do not apply, and the WDD and the net
   * effect's interval come from the counts per offence type in `harmParts`.
   */
  kind?: "counts" | "harm";
  harmParts?: HarmPart[];
  /** Months with no data in each period (from the incident data); blank lists when complete. */
  coverage?: { before: { missing: string[] }; after: { missing: string[] } };
  /** What the data say beyond the counts (dispersion, similar areas, last year, high point, many measures). */
  context?: RowContext;
  /** The measure the operation's headline reports. */
  headline?: boolean;
}
