/**
 * The workbook's charts in the browser preview, drawn with Fluent's charting
 * library for React (@fluentui/react-charts). Loaded as its own chunk, only
 * when a sheet with charts is shown, so neither the task pane nor the
 * preview's first load carries the library.
 */
import { GroupedVerticalBarChart, LineChart, type LineChartPoints } from "@fluentui/react-charts";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { BarsChart, LinesChart, PreviewChart } from "./chartData";

const useStyles = makeStyles({
  chart: {
    boxSizing: "border-box",
    overflow: "hidden",
    margin: 0,
    display: "flex",
    flexDirection: "column",
    gap: 0,
    padding: tokens.spacingHorizontalXS,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

/** The workbook's column colours (src/sheets/render/xlsxCharts.ts), so the preview looks like the file. */
const PALETTE = ["#1F4E79", "#ED7D31", "#70AD47", "#7F7F7F"];

/** Tight margins: the chart is only as tall as the rows it covers on the sheet. */
const MARGINS = { top: 8, bottom: 28, left: 36, right: 12 };

/** An Excel date serial as a UTC date (serial 25569 is 1 January 1970). */
const dateOf = (serial: number) => new Date((serial - 25569) * 86_400_000);

interface Size {
  width: number;
  height: number;
}

function Bars({ chart, width, height }: { chart: BarsChart } & Size) {
  const data = chart.categories.map((name, i) => ({
    name,
    series: chart.series.map((s, k) => ({
      key: `${name}-${s.name}`,
      legend: s.name,
      data: s.values[i] ?? 0,
      color: PALETTE[k % PALETTE.length],
    })),
  }));
  return (
    <GroupedVerticalBarChart
      data={data}
      width={width}
      height={height}
      margins={MARGINS}
      hideLabels
      enabledLegendsWrapLines
    />
  );
}

function Lines({ chart, width, height }: { chart: LinesChart } & Size) {
  // A series with no value at all (last year's months before the data begin) is left out, as Excel leaves it blank.
  const drawn = chart.lines.filter((l) => l.values.some((v) => v !== null));
  const lineChartData: LineChartPoints[] = drawn.map((l) => {
    // A month without a value is a gap in the line, as in Excel.
    const points = l.values
      .map((y, i) => ({ x: dateOf(chart.months[i]), y, i }))
      .filter((p): p is { x: Date; y: number; i: number } => p.y !== null);
    const gaps = points
      .map((p, k) => (k > 0 && p.i > points[k - 1].i + 1 ? { startIndex: k - 1, endIndex: k } : null))
      .filter((g): g is { startIndex: number; endIndex: number } => g !== null);
    return {
      legend: l.name,
      color: l.colour,
      data: points.map(({ x, y }) => ({ x, y })),
      ...(gaps.length ? { gaps } : {}),
      hideNonActiveDots: !l.markers,
      lineOptions: l.dash ? { strokeDasharray: "6 4" } : {},
    };
  });
  // The operation's start as a vertical line from 0 to the top of the plot, as Excel's marker column is drawn.
  const start = chart.shaded;
  if (start) {
    const top = Math.max(0, ...drawn.flatMap((l) => l.values.filter((v): v is number => v !== null)));
    const x = dateOf(chart.months[start.from]);
    lineChartData.push({
      legend: start.name,
      color: "#7F7F7F",
      data: [
        { x, y: 0 },
        { x, y: top },
      ],
      hideNonActiveDots: true,
      lineOptions: { strokeWidth: 4 },
    });
  }
  return (
    <LineChart
      data={{ chartTitle: chart.title, lineChartData }}
      width={width}
      height={height}
      margins={MARGINS}
      enabledLegendsWrapLines
      useUTC
      tickFormat="%b %y"
    />
  );
}

/** Where each chart is drawn, in pixels within the sheet's grid, measured from the cells under its anchor. */
export interface ChartBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The sheet's charts, each over the cells it is anchored to, as Excel shows them. */
export default function PreviewCharts({
  charts,
  boxes,
}: {
  charts: PreviewChart[];
  boxes: (ChartBox | null)[];
}) {
  const styles = useStyles();
  return (
    <div data-testid="preview-charts">
      {charts.map((c, i) => {
        const box = boxes[i];
        if (!box) return null;
        // Room for the title above the plot.
        const size = { width: box.width - 8, height: Math.max(120, box.height - 26) };
        return (
          <figure
            key={`${i}-${c.title}`}
            className={styles.chart}
            aria-label={c.title}
            style={{
              position: "absolute",
              left: box.left,
              top: box.top,
              width: box.width,
              height: box.height,
            }}
          >
            <Text as="h3" size={200} weight="semibold" align="center">
              {c.title}
            </Text>
            {c.kind === "bars" ? <Bars chart={c} {...size} /> : <Lines chart={c} {...size} />}
          </figure>
        );
      })}
    </div>
  );
}
