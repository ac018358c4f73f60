import { Suspense, lazy, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { Caption1, Field, Input, Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import { colLetters, parseCell } from "../../sheets/a1";
import { parseActiveCell } from "./address";
import type { MemoryStore } from "../../workbook/memory";
import { formatCell } from "./format";
import { sheetGrid } from "./grid";
import { previewCharts, type PreviewChart } from "./chartData";
import type { ChartBox } from "./PreviewCharts";

// The charting library loads only when a sheet with charts is shown.
const PreviewCharts = lazy(() => import(/* webpackChunkName: "preview-charts" */ "./PreviewCharts"));

const MAX_ROWS = 300; // a data table can hold 100,000 rows; the preview shows the top
const MAX_COLUMNS = 60; // a cell in column XFD would otherwise mean 16,384 columns to draw

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minWidth: 0, flex: 1, gap: tokens.spacingVerticalS },
  scroller: {
    overflow: "auto",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    maxHeight: "calc(100vh - 140px)",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // Columns as wide as in Excel (from the sheet's widths), so charts sit over the cells they cover there.
  table: {
    borderCollapse: "collapse",
    tableLayout: "fixed",
    fontSize: tokens.fontSizeBase200,
    fontFamily: tokens.fontFamilyBase,
  },
  sheet: { position: "relative", width: "max-content" },
  caption: { textAlign: "left", padding: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  colHead: {
    position: "sticky",
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "0 4px",
    fontWeight: tokens.fontWeightRegular,
    zIndex: 1,
  },
  rowHead: {
    position: "sticky",
    left: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "0 4px",
    textAlign: "right",
    fontWeight: tokens.fontWeightRegular,
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: "1px 4px",
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    verticalAlign: "top",
    cursor: "cell",
  },
  num: { textAlign: "right" },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  heading: { fontWeight: tokens.fontWeightSemibold },
  tableHeader: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorBrandBackground2 },
  input: { backgroundColor: "#FFF8E1" },
  computed: { backgroundColor: tokens.colorNeutralBackground2 },
  help: { fontStyle: "italic", color: tokens.colorNeutralForeground2 },
  headline: { fontSize: tokens.fontSizeBase300, color: "#1F3864" },
  status: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  body: {},
  wrap: { whiteSpace: "normal" },
  active: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  toolbar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

/**
 * A read-only view of the in-memory workbook: sheet tabs and a grid of
 * cached values. As in Excel, the sheet on show is the active sheet: a plan
 * that activates a sheet (after Count, Insert, Refresh…) brings it up, and
 * choosing a tab makes it active.
 */
/**
 * Each chart's box in pixels within `sheet` (the element around the grid), from the column and
 * row headers under its anchor; null for a chart beyond what the grid shows.
 */
function chartBoxes(
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

export function GridView({ workbook }: { workbook: MemoryStore }) {
  const styles = useStyles();
  const version = useSyncExternalStore(workbook.subscribe, workbook.getVersion);
  const sheetRef = useRef<HTMLDivElement>(null);
  const [boxes, setBoxes] = useState<(ChartBox | null)[]>([]);
  const names = workbook.sheets.map((s) => s.name);
  const [activeText, setActiveText] = useState("A1");
  const parsed = parseActiveCell(activeText);
  const typed = "address" in parsed ? parsed.address : null;
  const activeSheet = workbook.activeSheet;
  const current = activeSheet && names.includes(activeSheet) ? activeSheet : (names[0] ?? null);
  const grid = current ? sheetGrid(workbook, current) : undefined;
  const active = workbook.activeCell?.sheet === current ? workbook.activeCell?.address : undefined;

  const charts = current ? previewCharts(workbook, current) : [];
  const shownRows = grid ? Math.min(grid.rowCount, MAX_ROWS) : 0;
  const shownColumns = grid ? Math.min(grid.columnCount, MAX_COLUMNS) : 0;
  // Charts are drawn where their anchor cells are, measured once the grid is laid out (and again as it changes).
  useLayoutEffect(() => {
    const el = sheetRef.current;
    if (!el || charts.length === 0) {
      setBoxes((b) => (b.length ? [] : b));
      return;
    }
    const measure = () => {
      const next = chartBoxes(el, charts, shownRows, shownColumns);
      setBoxes((b) => (JSON.stringify(b) === JSON.stringify(next) ? b : next));
    };
    measure();
    const watch = new ResizeObserver(measure);
    watch.observe(el);
    return () => watch.disconnect();
    // The charts follow the workbook's version and the sheet on show.
  }, [version, current, charts.length, shownRows, shownColumns]);

  // The sheet on show holds the active cell (a plan may have brought another sheet up).
  useEffect(() => {
    if (current && workbook.activeCell?.sheet !== current) {
      workbook.activeCell = { sheet: current, address: workbook.activeCell?.address ?? "A1" };
      workbook.changed();
    }
  }, [current, workbook]);

  const setActive = (address: string) => {
    if (!current) return;
    workbook.activeCell = { sheet: current, address };
    setActiveText(address);
    workbook.changed();
  };

  if (!grid) {
    return (
      <section className={styles.root} aria-label="Workbook preview">
        <Text weight="semibold">Workbook preview</Text>
        <Caption1>
          The workbook is empty. Use the task pane to set up an operation and insert sheets.
        </Caption1>
      </section>
    );
  }
  const rows = Math.min(grid.rowCount, MAX_ROWS);
  const columns = Math.min(grid.columnCount, MAX_COLUMNS);
  const activeRef = active ? parseCell(active) : null;
  const activeHidden = activeRef !== null && (activeRef.row >= rows || activeRef.col >= columns);
  return (
    <section className={styles.root} aria-label="Workbook preview">
      <TabList
        selectedValue={current}
        onTabSelect={(_, d) => {
          // As in Excel, choosing a tab activates the sheet, and it holds the active cell.
          workbook.activeSheet = String(d.value);
          workbook.activeCell = { sheet: String(d.value), address: workbook.activeCell?.address ?? "A1" };
          workbook.changed();
        }}
        aria-label="Sheets in the workbook"
        size="small"
      >
        {names.map((n) => (
          <Tab key={n} value={n}>
            {n}
          </Tab>
        ))}
      </TabList>
      <div className={styles.toolbar}>
        <Field
          label="Active cell for “Insert into active cell”"
          orientation="horizontal"
          validationState={typed ? "none" : "error"}
          validationMessage={
            "error" in parsed ? `${parsed.error} The active cell stays at ${active ?? "A1"}.` : undefined
          }
        >
          <Input
            id="active-cell"
            size="small"
            value={activeText}
            onChange={(_, d) => {
              setActiveText(d.value);
              const p = parseActiveCell(d.value);
              if ("address" in p) setActive(p.address);
            }}
            style={{ width: "7em" }}
          />
        </Field>
        <Caption1>Values are as last calculated; the preview has no calculation engine.</Caption1>
      </div>
      <div
        className={styles.scroller}
        tabIndex={0}
        role="region"
        aria-label={`${grid.name} sheet, scrollable`}
      >
        <div className={styles.sheet} ref={sheetRef}>
          <table className={styles.table} data-sheet={grid.name}>
            <caption className={styles.caption}>
              {grid.name}
              {grid.rowCount > MAX_ROWS ? ` (first ${MAX_ROWS} of ${grid.rowCount} rows)` : ""}
              {grid.columnCount > MAX_COLUMNS
                ? ` (columns A to ${colLetters(MAX_COLUMNS - 1)} of ${colLetters(grid.columnCount - 1)})`
                : ""}
              {activeHidden ? `; the active cell ${active} is beyond what is shown` : ""}
            </caption>
            <colgroup>
              <col style={{ width: 40 }} />
              {Array.from({ length: columns }, (_, c) => (
                <col key={c} style={{ width: grid.columnPixels(c) }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <td className={styles.colHead} />
                {Array.from({ length: columns }, (_, c) => (
                  <th key={c} scope="col" className={styles.colHead}>
                    {colLetters(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: rows }, (_, r) => (
                <tr key={r}>
                  <th scope="row" className={styles.rowHead}>
                    {r + 1}
                  </th>
                  {Array.from({ length: columns }, (_, c) => {
                    const cell = grid.cell(r, c);
                    // A merged cell is drawn once, across the cells it covers.
                    if (cell?.covered) return null;
                    const address = `${colLetters(c)}${r + 1}`;
                    const text = formatCell(cell?.value, cell?.format);
                    const cls = [
                      styles.cell,
                      typeof cell?.value === "number" ? styles.num : "",
                      cell?.style ? ((styles as Record<string, string>)[cell.style] ?? "") : "",
                      cell?.wrap ? styles.wrap : "",
                      active === address ? styles.active : "",
                    ].join(" ");
                    return (
                      <td
                        key={c}
                        className={cls}
                        colSpan={cell?.span ? Math.min(cell.span.cols, columns - c) : undefined}
                        rowSpan={cell?.span && cell.span.rows > 1 ? cell.span.rows : undefined}
                        style={
                          cell?.colours
                            ? { backgroundColor: cell.colours.fill, color: cell.colours.font }
                            : undefined
                        }
                        data-address={address}
                        data-value={
                          cell?.value === null || cell?.value === undefined ? "" : String(cell.value)
                        }
                        title={cell?.formula ? `${cell.formula}` : text || undefined}
                        onClick={() => setActive(address)}
                      >
                        {text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {charts.length ? (
            <Suspense fallback={null}>
              <PreviewCharts charts={charts} boxes={boxes} />
            </Suspense>
          ) : null}
        </div>
      </div>
    </section>
  );
}
