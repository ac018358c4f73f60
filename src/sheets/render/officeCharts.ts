/**
 * Line charts through Office.js, queued with the other ops of a
 * plan: a line chart from the first series, then each series added with its
 * values, the months as categories, and its own chart type (stacked area
 * for the band, clustered column for a marker bar, line otherwise) and
 * style. Requirement sets: ExcelApi 1.7 (series.add, setValues,
 * setXAxisValues, chartType, gapWidth, markerStyle, lineStyle,
 * legendEntries) and 1.8 (axis numberFormat), within the manifest's 1.10.
 */
import type { ChartModel, ChartSeriesKind, ChartSeriesModel } from "../model";

const CHART_TYPE: Record<ChartSeriesKind, Excel.ChartType> = {
  line: "Line" as Excel.ChartType,
  area: "AreaStacked" as Excel.ChartType,
  column: "ColumnClustered" as Excel.ChartType,
};

function styleSeries(x: Excel.ChartSeries, s: ChartSeriesModel): void {
  x.chartType = CHART_TYPE[s.kind];
  if (s.kind === "line") {
    x.markerStyle = (s.marker && s.colour !== "none" ? "Circle" : "None") as Excel.ChartMarkerStyle;
    if (s.colour !== "none") x.format.line.color = s.colour;
    x.format.line.lineStyle = (
      s.colour === "none" ? "None" : s.dash ? "Dash" : "Continuous"
    ) as Excel.ChartLineStyle;
    return;
  }
  if (s.colour === "none") {
    x.format.fill.clear();
    x.format.line.lineStyle = "None" as Excel.ChartLineStyle;
  } else x.format.fill.setSolidColor(s.colour);
  if (s.kind === "column") x.gapWidth = 500;
}

/** Queues `chart` (type "line") on `sheet`; the caller syncs. */
export function addLineChart(sheet: Excel.Worksheet, chart: ChartModel): void {
  const series = chart.series ?? [];
  if (!chart.categories || series.length === 0) throw new Error(`Line chart "${chart.title}" has no series`);
  const c = sheet.charts.add(
    "Line" as Excel.ChartType,
    sheet.getRange(series[0].values),
    "Columns" as Excel.ChartSeriesBy,
  );
  c.title.text = chart.title;
  c.setPosition(chart.anchor.from, chart.anchor.to);
  c.legend.position = "Bottom" as Excel.ChartLegendPosition;
  const categories = sheet.getRange(chart.categories);
  series.forEach((s, i) => {
    const x = i === 0 ? c.series.getItemAt(0) : c.series.add(s.name);
    if (i > 0) x.setValues(sheet.getRange(s.values));
    x.name = s.name;
    x.setXAxisValues(categories);
    styleSeries(x, s);
    // The legend lists the series in order; a hidden one (the band's base) is the first area.
    if (s.noLegend) c.legend.legendEntries.getItemAt(i).visible = false;
  });
  if (chart.categoryFormat) c.axes.categoryAxis.numberFormat = chart.categoryFormat;
  if (chart.valueAxisTitle) c.axes.valueAxis.title.text = chart.valueAxisTitle;
  chartFont(c, chart);
}

/** Text large enough to read in print: the chart's labels and legend, and its title 4 points larger. */
export function chartFont(c: Excel.Chart, chart: ChartModel): void {
  if (!chart.fontSize) return;
  c.format.font.size = chart.fontSize;
  c.title.format.font.size = chart.fontSize + 4;
}
