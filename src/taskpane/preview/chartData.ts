/**
 * The preview's charts: each chart of a sheet in the in-memory workbook, read
 * from the cells it plots (their cached values) into plain series that the
 * charting component (PreviewCharts.tsx, loaded only when a sheet has charts)
 * draws. A clustered column chart becomes groups of bars; a line chart its
 * lines, with the expected range's band as its low and high edges and a
 * marker column (the operation's start) as a shaded stretch of months.
 */
import { parseCell, parseRange, type RangeRef } from "../../sheets/a1";
import type { ChartModel, Scalar } from "../../sheets/model";
import type { MemorySheet, MemoryStore } from "../../workbook/memory";

/** Where a chart sits on its sheet: the cells under its corners (inclusive), 0-based. */
export interface ChartPlace {
  from: { row: number; col: number };
  to: { row: number; col: number };
}

export interface BarsChart {
  kind: "bars";
  title: string;
  place: ChartPlace;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
}

export interface LineSeries {
  name: string;
  values: (number | null)[];
  colour: string;
  dash: boolean;
  markers: boolean;
}

export interface LinesChart {
  kind: "lines";
  title: string;
  place: ChartPlace;
  /** Excel date serials of the months (the categories). */
  months: number[];
  lines: LineSeries[];
  /** Months from this index on are shaded and named (the operation's start), or null. */
  shaded: { from: number; name: string } | null;
}

export type PreviewChart = BarsChart | LinesChart;

/** Band edges: lighter than the band's fill, so the lines drawn over it read. */
const BAND_EDGE = "#9DC3E6";

function column(store: MemoryStore, s: MemorySheet, r: RangeRef): Scalar[] {
  const out: Scalar[] = [];
  for (let row = r.top; row <= r.bottom; row++) out.push(store.cellAt(s, row, r.left)?.value ?? null);
  return out;
}

const placeOf = (c: ChartModel): ChartPlace => ({
  from: parseCell(c.anchor.from),
  to: parseCell(c.anchor.to),
});

const num = (v: Scalar): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function bars(store: MemoryStore, s: MemorySheet, c: ChartModel): BarsChart {
  const r = parseRange(c.dataRange);
  const at = (row: number, col: number) => store.cellAt(s, row, col)?.value ?? null;
  const categories: string[] = [];
  for (let row = r.top + 1; row <= r.bottom; row++) categories.push(String(at(row, r.left) ?? ""));
  const series = [];
  for (let col = r.left + 1; col <= r.right; col++)
    series.push({
      name: String(at(r.top, col) ?? ""),
      values: categories.map((_, i) => num(at(r.top + 1 + i, col))),
    });
  return { kind: "bars", title: c.title, place: placeOf(c), categories, series };
}

function lines(store: MemoryStore, s: MemorySheet, c: ChartModel): LinesChart {
  const months = column(store, s, parseRange(c.categories!)).map((v) => num(v) ?? 0);
  const series = (c.series ?? []).map((x) => ({
    ...x,
    data: column(store, s, parseRange(x.values)).map(num),
  }));
  const out: LineSeries[] = [];
  // A band is drawn by Excel as a hidden base plus its width: here as its two edges.
  const base = series.find((x) => x.kind === "area" && x.colour === "none");
  const band = series.find((x) => x.kind === "area" && x.colour !== "none");
  if (base && band) {
    const edge = (name: string, values: (number | null)[]): LineSeries => ({
      name,
      values,
      colour: BAND_EDGE,
      dash: false,
      markers: false,
    });
    out.push(edge(`${band.name}: low`, base.data));
    out.push(
      edge(
        `${band.name}: high`,
        base.data.map((v, i) => (v === null || band.data[i] === null ? null : v + band.data[i]!)),
      ),
    );
  }
  for (const x of series.filter((y) => y.kind === "line"))
    out.push({ name: x.name, values: x.data, colour: x.colour, dash: !!x.dash, markers: !!x.marker });
  const marker = series.find((x) => x.kind === "column");
  const from = marker ? marker.data.findIndex((v) => v !== null && v !== 0) : -1;
  return {
    kind: "lines",
    title: c.title,
    place: placeOf(c),
    months,
    lines: out,
    shaded: marker && from >= 0 ? { from, name: marker.name } : null,
  };
}

/** The charts of a sheet, in the order they were added. */
export function previewCharts(store: MemoryStore, sheetName: string): PreviewChart[] {
  const s = store.sheet(sheetName);
  if (!s) return [];
  return s.charts.map((c) => (c.type === "line" && c.categories ? lines(store, s, c) : bars(store, s, c)));
}
