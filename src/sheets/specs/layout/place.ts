/**
 * Pass 1 of the layout: where every block and chart goes. Title (row 1),
 * source (row 2), help lines, a blank row, then blocks; each block sits in a
 * lane (a starting column) and blocks in one lane stack downwards with a
 * blank row between them. A chart goes directly under its data's block (or
 * the block named by `under`), before the next block of that lane.
 */
import { absoluteRange, cellAddress, colLetters, rangeAddress } from "../../a1";
import type { BlockSpec, CellSpec, GridCell, Locator, Placement, SheetSpec } from "./types";

export interface Placed {
  placements: Record<string, Placement>;
  chartTops: number[];
  /** First column of each chart. */
  chartLefts: number[];
  /** Widest width asked for each column, in characters. */
  widths: number[];
}

const spanOf = (g: GridCell): number =>
  typeof g === "object" && g !== null && "value" in g && !("formula" in g) ? ((g as CellSpec).span ?? 1) : 1;

function blockSize(b: BlockSpec): { rows: number; cols: number } {
  switch (b.kind) {
    case "table":
      return { rows: 1 + Math.max(1, b.table.rows.length), cols: b.table.columns.length };
    case "fields":
      return { rows: b.fields.length, cols: 2 };
    case "grid":
      // A cell merged across columns counts them all.
      return {
        rows: b.rows.length,
        cols: Math.max(1, ...b.rows.map((r) => r.reduce<number>((n, g) => n + spanOf(g), 0))),
      };
    case "notes":
      return { rows: b.lines.length, cols: b.span ?? 1 };
  }
}

function blockWidths(b: BlockSpec): number[] {
  switch (b.kind) {
    case "table":
      return b.table.columns.map((c) => c.width);
    case "fields":
      return b.widths ?? [26, 30];
    case "grid":
      return b.widths ?? [];
    case "notes":
      return b.width ? [b.width] : [];
  }
}

export function placeBlocks(spec: SheetSpec, firstBlockRow: number): Placed {
  const placements: Record<string, Placement> = {};
  const laneNext = new Map<number, number>();
  const widths: number[] = [];
  const chartTops: number[] = [];
  const chartLefts: number[] = [];
  const charts = spec.charts ?? [];
  for (const b of spec.blocks) {
    const lane = b.lane ?? 0;
    const top = laneNext.get(lane) ?? firstBlockRow;
    const headingRows = b.heading ? 1 : 0;
    const { rows, cols } = blockSize(b);
    placements[b.id] = {
      top,
      left: lane,
      bodyTop: top + headingRows + (b.kind === "table" ? 1 : 0),
      rows: b.kind === "table" ? Math.max(1, b.table.rows.length) : rows,
      cols,
      columns: b.kind === "table" ? b.table.columns.map((c) => c.key) : undefined,
      growth: b.kind === "table" ? (b.table.growth ?? 0) : 0,
    };
    laneNext.set(lane, top + headingRows + rows + (b.gapAfter ?? 1));
    blockWidths(b).forEach((w, i) => {
      widths[lane + i] = Math.max(widths[lane + i] ?? 0, w);
    });
    // Charts follow the block they sit under, before the lane's next block; `beside` puts one to the right of another.
    charts.forEach((c, i) => {
      if ((c.under ?? c.block) !== b.id) return;
      const j = c.beside === undefined ? -1 : charts.findIndex((x) => x.title === c.beside);
      if (c.beside !== undefined && (j < 0 || j >= i))
        throw new Error(`Sheet ${spec.name}: chart "${c.title}" must come after the chart it sits beside`);
      const top = j >= 0 ? chartTops[j] : laneNext.get(lane)!;
      chartTops[i] = top;
      chartLefts[i] = j >= 0 ? chartLefts[j] + charts[j].size.cols + (c.gap ?? 1) : lane;
      laneNext.set(lane, Math.max(laneNext.get(lane)!, top + c.size.rows + 1));
    });
  }
  charts.forEach((c) => {
    if (!placements[c.under ?? c.block])
      throw new Error(`Sheet ${spec.name}: chart "${c.title}" has no block`);
  });
  checkNoOverlap(spec, placements, chartTops, chartLefts);
  return { placements, chartTops, chartLefts, widths };
}

/**
 * Lanes are placed independently, so a block that is too wide would run into
 * the next lane; and nothing may sit in the rows a growing table keeps free.
 */
function checkNoOverlap(
  spec: SheetSpec,
  placements: Record<string, Placement>,
  chartTops: number[],
  chartLefts: number[],
): void {
  const boxes = [
    ...spec.blocks.map((b) => {
      const p = placements[b.id];
      const bottom = p.bodyTop + p.rows - 1 + p.growth;
      return { id: `block "${b.id}"`, top: p.top, bottom, left: p.left, right: p.left + p.cols - 1 };
    }),
    ...(spec.charts ?? []).map((c, i) => {
      const left = chartLefts[i];
      const top = chartTops[i];
      return {
        id: `chart "${c.title}"`,
        top,
        bottom: top + c.size.rows - 1,
        left,
        right: left + c.size.cols - 1,
      };
    }),
  ];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((z) => {
      if (a.left <= z.right && z.left <= a.right && a.top <= z.bottom && z.top <= a.bottom)
        throw new Error(`Sheet ${spec.name}: ${a.id} and ${z.id} overlap`);
    }),
  );
}

export const abs = (row: number, col: number) => `$${colLetters(col)}$${row + 1}`;

/** Addresses of blocks, table columns and cells, for formulas that point at other blocks. */
export function makeLocator(sheetName: string, placements: Record<string, Placement>): Locator {
  const locator: Locator = {
    block(id) {
      const p = placements[id];
      if (!p) throw new Error(`Unknown block "${id}" on sheet ${sheetName}`);
      return p;
    },
    column(blockId, key, options = {}) {
      const { absolute = true, grow = false } =
        typeof options === "boolean" ? { absolute: options } : options;
      const p = locator.block(blockId);
      const i = p.columns?.indexOf(key) ?? -1;
      if (i < 0) throw new Error(`Unknown column "${key}" in block "${blockId}"`);
      if (grow && p.growth <= 0) throw new Error(`Table block "${blockId}" has no growth allowance`);
      const bottom = p.bodyTop + p.rows - 1 + (grow ? p.growth : 0);
      const r = { top: p.bodyTop, left: p.left + i, bottom, right: p.left + i };
      return absolute ? absoluteRange(r) : rangeAddress(r);
    },
    cell(blockId, row, col = 0, absolute = false) {
      const p = locator.block(blockId);
      const c = p.left + col;
      return absolute ? abs(p.bodyTop + row, c) : cellAddress(p.bodyTop + row, c);
    },
  };
  return locator;
}
