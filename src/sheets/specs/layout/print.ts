/**
 * How a sheet prints, worked out from its column widths and row heights so
 * that no text prints smaller than MIN_PRINTED_POINTS:
 * 1. one page wide on A4 (the spec's orientation, landscape by default; a
 *    portrait sheet too wide for portrait turns landscape);
 * 2. else one page wide on A3 landscape, if that is legible;
 * 3. else across several A4 landscape pages at a fixed, legible scale (not
 *    fitted: LibreOffice enlarges a fit to more pages than it needs), with
 *    the first column repeated on every page (print title columns) and the
 *    pages numbered across, then down.
 * The main table's header row repeats at the top of every page. "One page"
 * sheets fit on one page only when that is still legible.
 */
import type { PrintModel, SheetModel } from "../../model";
import { estimateRowHeights } from "../../cells";
import { STYLES, widthCharsToPoints } from "../../styles";
import { absoluteRange, parseCell, parseRange } from "../../a1";

/** How many columns print: the print area's, else every column. */
const printedColumns = (model: SheetModel): number =>
  model.print ? parseRange(model.print.area).right + 1 : model.columnWidths.length;

/** The smallest text a printed sheet may show, in points. */
export const MIN_PRINTED_POINTS = 8;

// Paper in points (portrait width × height) and Excel's "Normal" margins.
const PAPER = { A4: [595, 842], A3: [842, 1191] } as const;
const MARGIN_X = 2 * 0.7 * 72;
const MARGIN_Y = 2 * 0.75 * 72;
// Headroom on widths estimated from character counts: LibreOffice draws columns up to 30% wider than Excel.
const WIDTH_HEADROOM = 1.05;

export interface PrintOptions {
  orientation?: "landscape" | "portrait";
  onePage?: boolean;
  /** Only the first this many columns print. */
  columns?: number;
  /** 0-based row of the main table's header, repeated on every page. */
  headerRow?: number;
}

function printable(paper: keyof typeof PAPER, orientation: "landscape" | "portrait") {
  const [w, h] = PAPER[paper];
  return orientation === "landscape"
    ? { width: h - MARGIN_X, height: w - MARGIN_Y }
    : { width: w - MARGIN_X, height: h - MARGIN_Y };
}

/** The smallest font on the sheet's printed cells that hold something (table cells are 11 pt). */
export function smallestFont(model: SheetModel, lastCol = model.columnWidths.length - 1): number {
  let min = 11;
  for (const c of model.cells) {
    if (!c.style || c.value === "" || c.value === null) continue;
    if (parseCell(c.address).col > lastCol) continue;
    min = Math.min(min, STYLES[c.style].size ?? 11);
  }
  return min;
}

const columnPoints = (model: SheetModel, from = 0, to = printedColumns(model) - 1): number => {
  let w = 0;
  for (let c = from; c <= to; c++) w += widthCharsToPoints(model.columnWidths[c] ?? 10);
  return w * WIDTH_HEADROOM;
};

function sheetHeight(model: SheetModel, maxRow: number): number {
  const heights = estimateRowHeights(model, true);
  let height = 0;
  for (let r = 0; r <= maxRow; r++) height += heights.get(r) ?? 15;
  return height;
}

/**
 * How a print fitted one page wide on A4 landscape comes out (estimated
 * from column widths and row heights): the scale and the pages down.
 */
export function printEstimate(model: SheetModel, maxRow: number): { scale: number; pages: number } {
  const page = printable("A4", "landscape");
  const scale = Math.min(1, page.width / columnPoints(model));
  return { scale, pages: (sheetHeight(model, maxRow) * scale) / page.height };
}

/** The scale a sheet's print set-up gives (the fixed scale, or the fit to its paper's width), 0–1. */
export function printScale(model: SheetModel): number {
  const p = model.print;
  if (!p) return printEstimate(model, 0).scale;
  if (p.scale) return p.scale / 100;
  return Math.min(1, printable(p.paper ?? "A4", p.orientation).width / columnPoints(model));
}

/** The print set-up of a laid-out sheet whose content reaches `maxRow` and the model's last column. */
export function printSetup(model: SheetModel, maxRow: number, options: PrintOptions = {}): PrintModel {
  const lastCol = Math.min(model.columnWidths.length, options.columns ?? Infinity) - 1;
  const area = absoluteRange({ top: 0, left: 0, bottom: maxRow, right: lastCol });
  const need = MIN_PRINTED_POINTS / smallestFont(model, lastCol);
  const width = columnPoints(model, 0, lastCol);
  const height = sheetHeight(model, maxRow);
  const titleRows =
    options.headerRow !== undefined && options.headerRow >= 0
      ? { first: options.headerRow, last: options.headerRow }
      : undefined;
  const headerHeight = titleRows ? (estimateRowHeights(model, true).get(titleRows.first) ?? 15) : 0;
  // Pages down at `scale`, with the repeated header on each, and some headroom so the height never squeezes.
  const pagesDown = (scale: number, pageHeight: number, onePage: boolean): number => {
    // One page was asked for and is legible: the fit shrinks the sheet onto it.
    if (onePage) return 1;
    const perPage = pageHeight / scale - headerHeight;
    return Math.max(1, Math.ceil((1.2 * height) / Math.max(perPage, 1)) + 1);
  };

  const portraitFirst = options.orientation === "portrait";
  const candidates: { paper: "A4" | "A3"; orientation: "landscape" | "portrait" }[] = [
    ...(portraitFirst ? [{ paper: "A4" as const, orientation: "portrait" as const }] : []),
    { paper: "A4", orientation: "landscape" },
    { paper: "A3", orientation: "landscape" },
  ];
  for (const c of candidates) {
    const page = printable(c.paper, c.orientation);
    const scale = Math.min(1, page.width / width);
    if (scale < need) continue;
    // One page in all only when that still leaves the text legible.
    const onePage = !!options.onePage && Math.min(scale, page.height / height) >= need;
    return {
      area,
      orientation: c.orientation,
      fitToPagesWide: 1,
      fitToPagesTall: pagesDown(scale, page.height, onePage),
      ...(c.paper === "A3" ? { paper: "A3" as const } : {}),
      ...(titleRows ? { titleRows } : {}),
    };
  }
  // Too wide for one page: across A4 landscape pages, the first column repeated on each.
  const page = printable("A4", "landscape");
  const scale = Math.min(100, Math.ceil(need * 100)) / 100;
  const titleWidth = columnPoints(model, 0, 0);
  // Pages break between columns, so each is only partly filled: allow for that.
  const usable = (0.85 * page.width) / scale - titleWidth;
  return {
    area,
    orientation: "landscape",
    fitToPagesWide: Math.max(2, Math.ceil((width - titleWidth) / Math.max(usable, 1))),
    fitToPagesTall: pagesDown(scale, page.height, false),
    scale: Math.round(scale * 100),
    ...(titleRows ? { titleRows } : {}),
    titleColumns: { first: 0, last: 0 },
  };
}
