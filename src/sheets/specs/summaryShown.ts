/**
 * The one reading of the Results sheet the Summary works from: where its
 * table is and which column holds which figure (for the Summary's formulas),
 * and each usable row as the workbook shows it (for their cached values).
 * Refreshing reads it from the workbook (resultsRead.ts); building a new
 * workbook takes it from the Results sheet's own model, so the two sheets
 * agree either way and the Summary never works a verdict out again.
 */
import { colLetters } from "../a1";
import { isFormulaCell, type Scalar } from "../model";
import { sheetRef, TABLE_GROWTH } from "./layout";
import { sheetName, type SpecContext } from "./input";
import type { ResultsShown, ShownRow } from "./input";

export type { ResultsShown, ShownRow };

export interface ResultsReading extends ResultsShown {
  /** A cross-sheet reference to one body cell (0-based body row), or `""` when the table lacks the column. */
  cell(key: string, index: number): string;
  /** A column's body, reaching over the rows an analyst may add, or `""` when the table lacks it. */
  column(key: string): string;
  /** The row the headline reports: marked Headline?, else the table's first. */
  headline: ShownRow | undefined;
}

const isYes = (v: Scalar | undefined) =>
  String(v ?? "")
    .trim()
    .toLowerCase() === "yes";

/** The row the headline reports: the first marked Headline?, else the table's first row (when usable). */
export const headlineRow = (rows: ShownRow[]): ShownRow | undefined =>
  rows.find((r) => isYes(r.values.headline)) ?? rows.find((r) => r.index === 0);

/** The row the headline formula reads (ResultsShown.headline), so the cached sentence is the one Excel shows. */
export const shownHeadlineRow = (shown: ResultsShown): ShownRow | undefined =>
  shown.headline ?? headlineRow(shown.rows);

export function resultsReading(ctx: SpecContext): ResultsReading {
  const shown = ctx.input.shown?.results ?? fromModel(ctx);
  const R = sheetRef(shown.sheet);
  const firstBody = shown.top + 2; // 1-based sheet row of the first body row
  const lastBody = firstBody + Math.max(1, ...shown.rows.map((r) => r.index + 1)) - 1 + TABLE_GROWTH;
  const letters = (key: string) => {
    const j = shown.columns[key];
    return j === undefined ? undefined : colLetters(shown.left + j);
  };
  return {
    ...shown,
    cell(key, index) {
      const c = letters(key);
      return c ? `${R}${c}${firstBody + index}` : `""`;
    },
    column(key) {
      const c = letters(key);
      return c ? `${R}$${c}$${firstBody}:$${c}$${lastBody}` : `""`;
    },
    headline: shownHeadlineRow(shown),
  };
}

/** The Results sheet's model in this build: its place, its columns and its cached values. */
function fromModel(ctx: SpecContext): ResultsShown {
  const res = ctx.laidOut("results");
  const p = res.placements.results;
  const table = res.model.tables[0];
  const keys = table.columns.map((c) => c.key);
  const cached = (v: unknown): Scalar => (isFormulaCell(v) ? (v.value ?? "") : ((v as Scalar) ?? ""));
  const results = ctx.input.results ?? [];
  return {
    sheet: sheetName("results"),
    top: p.bodyTop - 1,
    left: p.left,
    columns: Object.fromEntries(keys.map((k, j) => [k, j])),
    rows: results.map((_, i) => ({
      index: i,
      values: Object.fromEntries(keys.map((k, j) => [k, cached(table.rows[i]?.[j])])),
    })),
  };
}
