import { layoutSheet, type SheetSpec } from "../../../src/sheets/specs/layout";

const base = (blocks: SheetSpec["blocks"]): SheetSpec => ({
  key: "t",
  name: "T",
  tabColour: "#000000",
  title: "Title",
  source: "Source",
  help: ["Help one", "Help two"],
  blocks,
  mainTable: "main",
});

const table = (name: string, cols: string[], rows = 2) => ({
  name,
  columns: cols.map((k) => ({ key: k, header: k.toUpperCase(), help: `help for ${k}`, width: 12 })),
  rows: Array.from({ length: rows }, () => ({})),
});

describe("layoutSheet", () => {
  it("puts title, source and help at the top and the first block after a blank row", () => {
    const { model, placements } = layoutSheet(
      base([{ id: "main", kind: "table", table: table("T_Main", ["a", "b"]) }]),
    );
    expect(model.cells.slice(0, 4).map((c) => [c.address, c.style])).toEqual([
      ["A1", "title"],
      ["A2", "source"],
      ["A3", "help"],
      ["A4", "help"],
    ]);
    expect(model.tables[0].topLeft).toBe("A6");
    expect(placements.main.bodyTop).toBe(6);
    expect(model.freeze).toEqual({ rows: 6 });
  });

  it("stacks blocks in a lane and places lanes side by side, with formulas resolved by the locator", () => {
    const { model } = layoutSheet(
      base([
        { id: "f", kind: "fields", heading: "Fields", fields: [{ label: "X", name: "HP_X", value: 5 }] },
        { id: "main", kind: "table", lane: 3, table: table("T_Main", ["a", "b"], 3) },
        {
          id: "g",
          kind: "grid",
          rows: [[{ value: (loc) => ({ formula: `=SUM(${loc.column("main", "b")})`, value: 0 }) }]],
        },
      ]),
    );
    expect(model.names).toEqual([{ name: "HP_X", ref: "$B$7", comment: undefined }]);
    expect(model.tables[0].topLeft).toBe("D6");
    // The grid sits under the fields block: heading row 6, field row 7, blank row 8.
    expect(model.cells.find((c) => c.address === "A9")?.value).toEqual({
      formula: "=SUM($E$7:$E$9)",
      value: 0,
    });
  });

  it("refuses blocks that overlap", () => {
    expect(() =>
      layoutSheet(
        base([
          { id: "main", kind: "table", table: table("T_Main", ["a", "b", "c"]) },
          { id: "n", kind: "notes", lane: 2, lines: ["clash"] },
        ]),
      ),
    ).toThrow(/overlap/);
  });

  describe("growth allowance below a table", () => {
    const growing = (growth = 10) => ({ ...table("T_Main", ["a", "b"], 3), growth });

    it("extends column references and names over the reserved rows only when asked", () => {
      const t = growing();
      t.columns[1] = { ...t.columns[1], name: "HP_B" } as (typeof t.columns)[number];
      const { locator, model } = layoutSheet(base([{ id: "main", kind: "table", table: t }]));
      expect(locator.column("main", "b")).toBe("$B$7:$B$9");
      expect(locator.column("main", "b", { grow: true })).toBe("$B$7:$B$19");
      expect(locator.column("main", "b", { grow: true, absolute: false })).toBe("B7:B19");
      expect(locator.column("main", "b", false)).toBe("B7:B9");
      expect(model.names).toEqual([{ name: "HP_B", ref: "$B$7:$B$19", comment: undefined }]);
    });

    it("refuses to grow a table without an allowance", () => {
      const { locator } = layoutSheet(base([{ id: "main", kind: "table", table: table("T_Main", ["a"]) }]));
      expect(() => locator.column("main", "a", { grow: true })).toThrow(/no growth allowance/);
    });

    it("refuses a block laid out below a growing table in its lane", () => {
      expect(() =>
        layoutSheet(
          base([
            { id: "main", kind: "table", table: growing() },
            { id: "n", kind: "notes", lines: ["under the table"] },
          ]),
        ),
      ).toThrow(/"main" and block "n" overlap/);
      // The same block is fine beside the table, or below a table that does not grow.
      expect(() =>
        layoutSheet(
          base([
            { id: "main", kind: "table", table: growing() },
            { id: "n", kind: "notes", lane: 3, lines: ["beside"] },
          ]),
        ),
      ).not.toThrow();
      expect(() =>
        layoutSheet(
          base([
            { id: "main", kind: "table", table: growing(0) },
            { id: "n", kind: "notes", lines: ["under"] },
          ]),
        ),
      ).not.toThrow();
    });

    it("refuses a chart placed in the reserved rows", () => {
      expect(() =>
        layoutSheet({
          ...base([
            { id: "main", kind: "table", table: growing() },
            { id: "g", kind: "grid", lane: 3, rows: [["x", 1]] },
          ]),
          charts: [{ title: "C", block: "main", seriesBy: "columns", size: { cols: 2, rows: 5 } }],
        }),
      ).toThrow(/chart "C"/);
    });
  });

  it("gives every sheet a landscape print set-up, one page wide, header repeated; one page in all when asked and legible", () => {
    const rows = Array.from({ length: 200 }, () => ({}));
    const tall = layoutSheet(
      base([{ id: "main", kind: "table", table: { ...table("T_Main", ["a"]), rows } }]),
    );
    const header = tall.placements.main.bodyTop - 1;
    expect(tall.model.print).toEqual({
      area: "$A$1:$H$206",
      orientation: "landscape",
      fitToPagesWide: 1,
      fitToPagesTall: expect.any(Number),
      titleRows: { first: header, last: header },
    });
    expect(tall.model.print!.fitToPagesTall).toBeGreaterThan(1);
    const short = layoutSheet({
      ...base([{ id: "main", kind: "table", table: { ...table("T_Main", ["a"]), rows: rows.slice(0, 5) } }]),
      print: { onePage: true },
    });
    expect(short.model.print!.fitToPagesTall).toBe(1);
    // 200 rows on one page would print far under 8 pt: legibility wins.
    const one = layoutSheet({
      ...base([{ id: "main", kind: "table", table: { ...table("T_Main", ["a"]), rows } }]),
      print: { onePage: true },
    });
    expect(one.model.print!.fitToPagesTall).toBeGreaterThan(1);
  });
});
