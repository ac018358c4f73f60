/** One measure's before/after counts by area: a row of the Results sheet. */

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
   * Set when the counts are harm totals (Σ weight × count). Count-based tests
   * (Poisson Z, E-test, RES interval) do not apply, and the WDD must be the
   * harm-weighted one (never WDD of harm totals), so it is stored.
   */
  harmWeighted?: { wdd: { estimate: number; lower: number; upper: number } | null };
}
