/** How a sheet prints: fitted one page wide, landscape by default. */
import type { SheetModel } from "../../model";
import { estimateRowHeights } from "../../cells";
import { widthCharsToPoints } from "../../styles";

// A4 landscape, Excel's "Normal" margins, in points.
const PRINT_WIDTH = 842 - 2 * 0.7 * 72;
const PRINT_HEIGHT = 595 - 2 * 0.75 * 72;

/**
 * How a print fitted one page wide comes out (estimated from column widths
 * and row heights): the scale and the pages down it needs.
 */
export function printEstimate(model: SheetModel, maxRow: number): { scale: number; pages: number } {
  const heights = estimateRowHeights(model, true);
  const width = model.columnWidths.reduce((a, w) => a + widthCharsToPoints(w), 0);
  let height = 0;
  for (let r = 0; r <= maxRow; r++) height += heights.get(r) ?? 15;
  const scale = Math.min(1, PRINT_WIDTH / width);
  return { scale, pages: (height * scale) / PRINT_HEIGHT };
}

/**
 * Pages down for a print fitted one page wide. The renderers pass the count
 * straight to Excel, where 0 ("automatic") is not a documented value for
 * Office.js, so this uses the estimate with some headroom: too many pages
 * costs nothing (the width sets the scale), too few would shrink the print.
 */
export function pagesTall(model: SheetModel, maxRow: number): number {
  return Math.max(1, Math.ceil(1.2 * printEstimate(model, maxRow).pages));
}
