/**
 * Line charts in the layout (issue 11): series taken from a table's columns
 * by key or a grid's by position, a chart placed under another block or
 * beside another chart, and a sheet that freezes nothing.
 */
import { layoutSheet, type SheetSpec } from "../../../src/sheets/specs/layout";

const spec = (charts: SheetSpec["charts"], freezeHeader?: boolean): SheetSpec => ({
  key: "t",
  name: "T",
  tabColour: "#000000",
  title: "Title",
  source: "Source",
  help: ["Help"],
  blocks: [
    {
      id: "top",
      kind: "grid",
      rows: [
        ["Month", "Count"],
        [45292, 3],
        [45323, 4],
      ],
    },
    {
      id: "main",
      kind: "table",
      table: {
        name: "HP_T",
        columns: ["month", "a", "b", "c"].map((key) => ({
          key,
          header: key.toUpperCase(),
          help: "Help text",
          width: 10,
        })),
        rows: [{ month: 45292 }, { month: 45323 }, { month: 45352 }],
      },
    },
  ],
  charts,
  mainTable: "main",
  ...(freezeHeader === undefined ? {} : { freezeHeader }),
});

const line = (title: string, extra: object = {}) => ({
  title,
  block: "main",
  under: "top",
  seriesBy: "columns" as const,
  size: { cols: 2, rows: 3 },
  line: {
    categories: "month",
    series: [
      { column: "a", name: "A", kind: "area" as const, colour: "none", noLegend: true },
      { column: "c", name: "C", kind: "line" as const, colour: "#1F4E79" },
    ],
    rows: { first: 1, last: 2 },
  },
  ...extra,
});

describe("line charts in the layout", () => {
  it("takes series from table columns by key, over the chosen rows, and sits under the named block", () => {
    const { model, placements } = layoutSheet(spec([line("One")]));
    const [c] = model.charts;
    const body = placements.main.bodyTop; // 0-based first data row
    expect(c.type).toBe("line");
    expect(c.categories).toBe(`A${body + 2}:A${body + 3}`);
    expect(c.series!.map((s) => s.values)).toEqual([
      `B${body + 2}:B${body + 3}`,
      `D${body + 2}:D${body + 3}`,
    ]);
    // Under the grid, above the table (which moves down to make room).
    expect(Number(c.anchor.from.slice(1))).toBe(placements.top.bodyTop + 3 + 2);
    expect(placements.main.top).toBeGreaterThan(Number(c.anchor.to.slice(1)));
  });

  it("takes grid series by position, the grid's first row being the header", () => {
    const grid = {
      title: "G",
      block: "top",
      seriesBy: "columns" as const,
      size: { cols: 2, rows: 3 },
      line: {
        categories: 0,
        series: [{ column: 1, name: "Count", kind: "line" as const, colour: "#000000" }],
      },
    };
    const { model, placements } = layoutSheet(spec([grid]));
    const top = placements.top.bodyTop;
    expect(model.charts[0].categories).toBe(`A${top + 2}:A${top + 3}`);
    expect(model.charts[0].series![0].values).toBe(`B${top + 2}:B${top + 3}`);
  });

  it("puts a chart beside an earlier one, one column apart, and refuses one beside a later chart", () => {
    const { model } = layoutSheet(spec([line("One"), line("Two", { beside: "One" })]));
    const [a, b] = model.charts;
    expect(b.anchor.from).toBe(`D${a.anchor.from.slice(1)}`);
    expect(() => layoutSheet(spec([line("Two", { beside: "One" }), line("One")]))).toThrow(
      /must come after the chart it sits beside/,
    );
  });

  it("refuses a series column that is not in its block", () => {
    const bad = line("Bad");
    bad.line.series[1] = { ...bad.line.series[1], column: "nope" };
    expect(() => layoutSheet(spec([bad]))).toThrow(/Chart column nope is not in its block/);
  });

  it("freezes the main table's header unless the spec says not to", () => {
    expect(layoutSheet(spec([])).model.freeze).toBeDefined();
    expect(layoutSheet(spec([], false)).model.freeze).toBeUndefined();
  });
});
