/**
 * The layout helper: turns a declarative SheetSpec (title, help, blocks of
 * fields, grids, notes and tables) into a positioned SheetModel. Specs never
 * compute addresses themselves; formulas that point at other blocks receive a
 * Locator, so moving a block moves every reference with it.
 */
import type { ChartModel, ConditionalFormatModel, SheetModel } from "../../model";
import { cellAddress, rangeAddress } from "../../a1";
import { SheetContent } from "./content";
import { makeLocator, placeBlocks } from "./place";
import { printSetup } from "./print";
import type { LaidOutSheet, LineChartSpec, Placement, SheetSpec } from "./types";

export * from "./types";
export { printEstimate, printScale, smallestFont, MIN_PRINTED_POINTS } from "./print";

export const DATE_FORMAT = "dd/mm/yyyy";

/** Quoted sheet prefix for a cross-sheet reference: 'Harm Matrix'!. */
export const sheetRef = (name: string): string => `'${name.replace(/'/g, "''")}'!`;

function chartModels(
  spec: SheetSpec,
  placements: Record<string, Placement>,
  tops: number[],
  lefts: number[],
  out: SheetContent,
): ChartModel[] {
  return (spec.charts ?? []).map((c, i) => {
    const p = placements[c.block];
    const left = lefts[i];
    const top = tops[i];
    out.reach(top + c.size.rows - 1, left + c.size.cols - 1);
    const anchor = {
      from: cellAddress(top, left),
      to: cellAddress(top + c.size.rows - 1, left + c.size.cols - 1),
    };
    const font = c.fontSize ? { fontSize: c.fontSize } : {};
    if (c.line) return { title: c.title, seriesBy: c.seriesBy, anchor, ...font, ...lineChart(c.line, p) };
    return {
      ...font,
      title: c.title,
      type: "columnClustered",
      dataRange: rangeAddress({
        top: p.bodyTop,
        left: p.left,
        bottom: p.bodyTop + p.rows - 1,
        right: p.left + (c.columns ?? p.cols) - 1,
      }),
      seriesBy: c.seriesBy,
      anchor,
    };
  });
}

/** A line chart's ranges: table columns by key (header above the body), grid columns by index (header first). */
function lineChart(line: LineChartSpec, p: Placement): Omit<ChartModel, "title" | "seriesBy" | "anchor"> {
  const grid = p.columns === undefined;
  const firstData = grid ? p.bodyTop + 1 : p.bodyTop;
  const count = grid ? p.rows - 1 : p.rows;
  const top = firstData + (line.rows?.first ?? 0);
  const bottom = firstData + (line.rows?.last ?? count - 1);
  const col = (c: string | number): number => {
    const j = typeof c === "number" ? c : (p.columns ?? []).indexOf(c);
    if (j < 0 || j >= p.cols) throw new Error(`Chart column ${String(c)} is not in its block`);
    return p.left + j;
  };
  const range = (c: string | number) => rangeAddress({ top, bottom, left: col(c), right: col(c) });
  const cols = [line.categories, ...line.series.map((s) => s.column)].map(col);
  return {
    type: "line",
    dataRange: rangeAddress({ top: top - 1, bottom, left: Math.min(...cols), right: Math.max(...cols) }),
    categories: range(line.categories),
    series: line.series.map(({ column, ...s }) => ({ ...s, values: range(column) })),
    ...(line.categoryFormat ? { categoryFormat: line.categoryFormat } : {}),
    ...(line.valueAxisTitle ? { valueAxisTitle: line.valueAxisTitle } : {}),
  };
}

/** The last row that prints: everything, or only what the printed columns hold. */
function printedRows(
  spec: SheetSpec,
  placements: Record<string, Placement>,
  tops: number[],
  lefts: number[],
  maxRow: number,
): number {
  const columns = spec.print?.columns;
  if (columns === undefined) return maxRow;
  let last = 0;
  for (const b of spec.blocks) {
    const p = placements[b.id];
    if (p.left < columns) last = Math.max(last, p.bodyTop + p.rows - 1);
  }
  (spec.charts ?? []).forEach((c, i) => {
    if (lefts[i] < columns) last = Math.max(last, tops[i] + c.size.rows - 1);
  });
  return last;
}

export function layoutSheet(spec: SheetSpec): LaidOutSheet {
  const titleSpan = spec.titleSpan ?? 8;
  // A sheet without a source line or help starts its blocks straight under the title.
  const top = 1 + (spec.source ? 1 : 0);
  const firstBlockRow = top + spec.help.length + (top + spec.help.length > 1 ? 1 : 0);
  const { placements, chartTops, chartLefts, widths } = placeBlocks(spec, firstBlockRow);
  const locator = makeLocator(spec.name, placements);
  const out = new SheetContent(locator, titleSpan);
  out.put(0, 0, spec.title, { style: "title", merge: out.mergeAcross(0, 0, titleSpan) });
  if (spec.source) out.put(1, 0, spec.source, { style: "source", merge: out.mergeAcross(1, 0, titleSpan) });
  spec.help.forEach((line, i) =>
    out.put(top + i, 0, line, { style: "help", merge: out.mergeAcross(top + i, 0, titleSpan) }),
  );
  for (const b of spec.blocks) out.block(b, placements[b.id]);
  const charts = chartModels(spec, placements, chartTops, chartLefts, out);

  const conditionalFormats: ConditionalFormatModel[] = [
    ...(spec.heatMaps ?? []).map((h): ConditionalFormatModel => ({
      range: locator.column(h.block, h.column, false),
      kind: "colorScale3",
      colours: h.colours,
    })),
    ...(spec.valueFills ?? []).map((v): ConditionalFormatModel => ({
      range: v.range(locator),
      kind: "valueFills",
      fills: v.fills,
    })),
  ];
  const main = placements[spec.mainTable];
  if (!main || !main.columns)
    throw new Error(`Sheet ${spec.name}: main table block "${spec.mainTable}" missing`);

  const columnWidths: number[] = [];
  for (let i = 0; i <= out.maxCol; i++) columnWidths.push(widths[i] ?? spec.blankColumnWidth ?? 10);
  const model: SheetModel = {
    key: spec.key,
    name: spec.name,
    tabColour: spec.tabColour,
    columnWidths,
    cells: out.cells,
    tables: out.tables,
    names: out.names,
    validations: out.validations,
    conditionalFormats,
    ...(spec.freezeHeader === false ? {} : { freeze: { rows: main.bodyTop } }),
    charts,
  };
  model.print = printSetup(model, printedRows(spec, placements, chartTops, chartLefts, out.maxRow), {
    ...spec.print,
    headerRow: main.bodyTop - 1,
  });
  return { model, placements, locator };
}
