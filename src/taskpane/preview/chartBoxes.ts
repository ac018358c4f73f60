import type { PreviewChart } from "./chartData";
import type { ChartBox } from "./PreviewCharts";

/**
 * Each chart's box in pixels within `sheet` (the element around the grid), from the column and
 * row headers under its anchor; null for a chart beyond what the grid shows.
 */
export function chartBoxes(
  sheet: HTMLElement,
  charts: PreviewChart[],
  rows: number,
  columns: number,
): (ChartBox | null)[] {
  const table = sheet.querySelector("table");
  if (!table?.tHead) return charts.map(() => null);
  const origin = sheet.getBoundingClientRect();
  const heads = table.tHead.rows[0].cells;
  const body = table.tBodies[0].rows;
  return charts.map(({ place: { from, to } }) => {
    if (to.row >= rows || to.col >= columns) return null;
    const [a, b] = [heads[from.col + 1], heads[to.col + 1]].map((x) => x.getBoundingClientRect());
    const [r0, r1] = [body[from.row], body[to.row]].map((x) => x.getBoundingClientRect());
    return {
      left: a.left - origin.left,
      top: r0.top - origin.top,
      width: b.right - a.left,
      height: r1.bottom - r0.top,
    };
  });
}
