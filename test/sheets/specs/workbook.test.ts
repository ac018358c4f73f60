import { MAX_FORMULA_CHARS } from "../../support/fake-excel/types";
import { buildSheet, buildWorkbook, SHEET_ORDER, type BuildInput } from "../../../src/sheets/build";
import { blankOperation, type Operation } from "../../../src/core/operation";
import { isFormulaCell, type SheetModel } from "../../../src/sheets/model";
import { cellAddress, parseCell, parseRange } from "../../../src/sheets/a1";
import { HARM_LABEL_LIST } from "../../../src/sheets/specs/common";
import {
  MIN_PRINTED_POINTS,
  printEstimate,
  printScale,
  smallestFont,
  TABLE_GROWTH,
} from "../../../src/sheets/specs/layout";
import {
  cellAt,
  formulaFunctions,
  formulaNames,
  formulaRefs,
  formulasOf,
  populated,
  rangeCells,
  sheet,
  table,
} from "./workbookHelpers";

function sampleOperation(): Operation {
  const op = blankOperation();
  op.name = "Operation Lantern";
  op.force = "Gwent Police";
  op.analyst = "A. Analyst";
  op.preparedOn = "2025-01-15";
  op.targetAreas = ["Pillgwenlly"];
  op.bufferAreas = ["Maindee", "Stow Hill"];
  op.controlAreas = ["Cwmbran"];
  op.before = { start: "2024-01-01", end: "2024-06-30" };
  op.after = { start: "2024-07-01", end: "2024-12-31" };
  return op;
}

const input = (over: Partial<BuildInput> = {}): BuildInput => ({
  operation: sampleOperation(),
  results: [
    {
      measure: "ASB reports",
      harm: "Fear of crime/anti-social behaviour",
      target: { before: 100, after: 50 },
      buffer: { before: 100, after: 150 },
      control: { before: 100, after: 100 },
    },
    { measure: "Drugs offences", target: { before: 40, after: 25 }, control: { before: 60, after: 58 } },
  ],
  ...over,
});

const headers = (m: SheetModel, name: string) => table(m, name).columns.map((c) => c.header);

describe("buildWorkbook", () => {
  const wb = buildWorkbook(input());

  it("builds every sheet in order with the names users see", () => {
    expect(wb.map((s) => s.name)).toEqual([
      "Operation",
      "Harm Matrix",
      "Problem Analysis",
      "5WH",
      "Responses",
      "Measures",
      "Monitoring",
      "Results",
      "Net Benefit",
      "Cohort",
      "Summary",
    ]);
    expect(wb.map((s) => s.key)).toEqual(SHEET_ORDER.map((s) => s.key));
  });

  it.each(SHEET_ORDER.map((s) => [s.key]))(
    "%s has a title, a source line, help, a frozen main table and a tab colour",
    (key) => {
      const m = sheet(wb, key);
      const a1 = m.cells.find((c) => c.address === "A1");
      expect(a1?.style).toBe("title");
      const a2 = m.cells.find((c) => c.address === "A2");
      if (key === "summary") {
        // One printed page: the operation in a line, with the framework it follows, where the source would be.
        expect(a2?.style).toBe("help");
        expect(isFormulaCell(a2?.value) && a2.value.value).toMatch(/UKDPC 2009/);
      } else {
        expect(a2?.style).toBe("source");
        expect(String(a2?.value)).toMatch(/UKDPC|Wheeler|Source/);
        expect(m.cells.filter((c) => c.style === "help").length).toBeGreaterThanOrEqual(2);
      }
      expect(m.tabColour).toMatch(/^#[0-9A-F]{6}$/);
      expect(m.tables.length).toBeGreaterThanOrEqual(1);
      // The frozen rows end exactly at the header row of one of the sheet's tables
      // (none on Monitoring, whose charts sit above its table).
      const headerRows = m.tables.map((t) => parseCell(t.topLeft).row + 1);
      if (key === "monitoring" || key === "summary") expect(m.freeze).toBeUndefined();
      else expect(headerRows).toContain(m.freeze?.rows);
      expect(m.columnWidths.length).toBeGreaterThan(0);
      expect(m.columnWidths.every((w) => w > 0)).toBe(true);
      for (const t of m.tables) {
        expect(t.rows.length).toBeGreaterThan(0);
        for (const c of t.columns) expect(c.help.length).toBeGreaterThan(5);
        for (const r of t.rows) expect(r.length).toBe(t.columns.length);
      }
    },
  );

  it("uses workbook-unique table names and defined names, all HP_-prefixed", () => {
    const tables = wb.flatMap((s) => s.tables.map((t) => t.name));
    expect(new Set(tables).size).toBe(tables.length);
    const names = wb.flatMap((s) => s.names.map((n) => n.name));
    expect(new Set(names).size).toBe(names.length);
    for (const n of [...tables, ...names]) expect(n).toMatch(/^HP_[A-Za-z]+$/);
  });

  it("Operation: named fields, dd/mm/yyyy dates, harm and priority weights", () => {
    const m = sheet(wb, "operation");
    const names = Object.fromEntries(m.names.map((n) => [n.name, n.ref]));
    for (const n of [
      "HP_OperationName",
      "HP_Force",
      "HP_Analyst",
      "HP_PreparedOn",
      "HP_TargetAreas",
      "HP_BufferAreas",
      "HP_ControlAreas",
      "HP_BeforeStart",
      "HP_BeforeEnd",
      "HP_AfterStart",
      "HP_AfterEnd",
      "HP_Notes",
      "HP_PriorityWeightRow",
    ])
      expect(names[n]).toBeDefined();
    const at = (name: string) => m.cells.find((c) => c.address === names[name].replace(/\$/g, ""));
    expect(at("HP_OperationName")?.value).toBe("Operation Lantern");
    expect(at("HP_BufferAreas")?.value).toBe("Maindee; Stow Hill");
    // 1 Jan 2024 is Excel serial 45292.
    expect(at("HP_BeforeStart")?.value).toBe(45292);
    expect(at("HP_BeforeStart")?.format).toBe("dd/mm/yyyy");
    for (const d of ["HP_PreparedOn", "HP_BeforeStart", "HP_BeforeEnd", "HP_AfterStart", "HP_AfterEnd"]) {
      const addr = names[d].replace(/\$/g, "");
      expect(m.validations).toContainEqual(expect.objectContaining({ range: addr, rule: { kind: "date" } }));
    }
    expect(headers(m, "HP_HarmWeights")).toEqual(["Offence type", "Weight", "Note"]);
    expect(table(m, "HP_HarmWeights").rows.length).toBe(sampleOperation().harmWeights.length);
    const pw = table(m, "HP_PriorityWeights");
    expect(headers(m, "HP_PriorityWeights")).toEqual(["Criterion", "Weight"]);
    expect(pw.rows.map((r) => r[1])).toEqual([3, 3, 2, 2, 1]);
    const row = rangeCells(names.HP_PriorityWeightRow.replace(/\$/g, ""));
    expect(row).toHaveLength(5);
    expect(new Set(row.map((a) => parseCell(a).row)).size).toBe(1);
  });

  it("Harm Matrix: columns, rating lists, computed score and rank, heat map and HP_HarmLabels", () => {
    const m = sheet(wb, "harm-matrix");
    const t = table(m, "HP_HarmMatrix");
    expect(headers(m, "HP_HarmMatrix")).toEqual([
      "ID",
      "Harm",
      "Harm type",
      "Level",
      "Applies here?",
      "Extent",
      "Seriousness",
      "Community concern",
      "Ability to have an impact",
      "Confidence in the information",
      "Priority score",
      "Rank",
      "Summary order",
      "Notes",
    ]);
    const col = (k: string) => t.columns.find((c) => c.key === k)!;
    expect(col("applies").validation).toEqual({ kind: "list", values: ["Yes", "No"] });
    for (const k of ["extent", "seriousness", "communityConcern", "abilityToImpact", "confidence"])
      expect(col(k).validation).toEqual({ kind: "list", values: ["1", "2", "3", "4", "5"] });
    expect(col("score").computed).toBe(true);
    expect(col("rank").computed).toBe(true);
    expect(t.rows.every((r) => isFormulaCell(r[10]) && isFormulaCell(r[11]))).toBe(true);
    expect(m.conditionalFormats).toHaveLength(1);
    expect(m.conditionalFormats[0].kind).toBe("colorScale3");
    // HP_HarmLabels covers the built harms and the rows kept free below for the analyst's own.
    const labels = m.names.find((n) => n.name === "HP_HarmLabels")!;
    const cells = rangeCells(labels.ref.replace(/\$/g, ""));
    expect(cells).toHaveLength(t.rows.length + TABLE_GROWTH);
    expect(cells.slice(0, t.rows.length).map((a) => cellAt(m, a))).toEqual(t.rows.map((r) => r[1]));
    expect(cells.slice(t.rows.length).every((a) => cellAt(m, a) === undefined)).toBe(true);
    expect(m.cells.some((c) => /100 × Σ w × \(rating − 1\)/.test(String(c.value)))).toBe(true);
  });

  it("Problem Analysis, 5WH, Responses and Measures have their tables and lists", () => {
    const pa = sheet(wb, "problem-analysis");
    expect(headers(pa, "HP_ProblemAnalysis")).toEqual([
      "Problem",
      "Leads to",
      "Resultant harm",
      "Who experiences it most",
      "Notes",
    ]);
    expect(table(pa, "HP_ProblemAnalysis").columns[2].validation).toEqual(HARM_LABEL_LIST);
    expect(HARM_LABEL_LIST).toEqual({
      kind: "listRef",
      source: "=OFFSET(HP_HarmLabels,0,0,MAX(1,COUNTA(HP_HarmLabels)),1)",
    });
    expect(table(pa, "HP_ProblemAnalysis").rows.length).toBe(25);

    const w = sheet(wb, "five-wh");
    expect(headers(w, "HP_FiveWH")).toEqual(["Question group", "Prompt", "Answer", "Source", "Confidence"]);
    const fw = table(w, "HP_FiveWH");
    expect(new Set(fw.rows.map((r) => r[0]))).toEqual(
      new Set(["Who", "What", "Where", "When", "Why", "How"]),
    );
    expect(fw.columns[4].validation).toEqual({ kind: "list", values: ["High", "Medium", "Low"] });

    const r = sheet(wb, "responses");
    const rh = headers(r, "HP_Responses");
    expect(rh.slice(0, 4)).toEqual([
      "Response option",
      "Harm targeted",
      "Likely impacts",
      "Evidence (with citation)",
    ]);
    for (const d of ["geographical", "crime type", "tactical", "target", "substance", "policy"])
      expect(rh).toContain(`Displacement: ${d}`);
    expect(rh.slice(-4)).toEqual(["Unintended consequences", "Mitigation", "Partners", "Cost"]);
    const rt = table(r, "HP_Responses");
    for (const c of rt.columns.filter((c) => c.header.startsWith("Displacement")))
      expect(c.validation).toEqual({ kind: "list", values: ["Low", "Medium", "High"] });
    expect(rt.columns[1].validation).toEqual(HARM_LABEL_LIST);
    // Every starter row cites its evidence.
    for (const row of rt.rows) expect(String(row[3])).toMatch(/\((UKDPC|College of Policing)[^)]*\d{4}/);

    const me = sheet(wb, "measures");
    expect(headers(me, "HP_Measures")).toEqual([
      "Measure",
      "Harm measured",
      "Data source",
      "Level",
      "Baseline",
      "Target value",
      "Better when",
      "Frequency",
      "Owner",
    ]);
    const mt = table(me, "HP_Measures");
    expect(mt.columns[2].validation).toEqual({ kind: "listRef", source: "=HP_DataSources" });
    expect(mt.columns[6].validation).toEqual({ kind: "list", values: ["Lower", "Higher"] });
    expect(
      me.cells.some(
        (c) => c.style === "help" && /outcomes.*not outputs.*arrests.*seizures/i.test(String(c.value)),
      ),
    ).toBe(true);
    expect(me.cells.some((c) => /N8/.test(String(c.value)))).toBe(true);
    // Starter measures use labels that the drop-downs offer.
    const sources = new Set(
      rangeCells(me.names.find((n) => n.name === "HP_DataSources")!.ref.replace(/\$/g, "")).map((a) =>
        cellAt(me, a),
      ),
    );
    const harms = new Set(table(sheet(wb, "harm-matrix"), "HP_HarmMatrix").rows.map((x) => x[1]));
    for (const row of mt.rows) {
      expect(sources.has(row[2])).toBe(true);
      expect(harms.has(row[1])).toBe(true);
    }
  });

  it("Results: inputs then computed columns with formats; E-test stored as a number", () => {
    const m = sheet(wb, "results");
    const t = table(m, "HP_Results");
    expect(t.columns.map((c) => c.header)).toEqual([
      "Measure",
      "Harm",
      "Counts or harm",
      "Target before",
      "Target after",
      "Buffer before",
      "Buffer after",
      "Control before",
      "Control after",
      "Months missing",
      "Target a month before",
      "Target a month after",
      "Change %",
      "Comparison change %",
      "Net effect",
      "Net effect lower 95%",
      "Net effect upper 95%",
      "Net effect % of expected",
      "Verdict",
      "Checks",
      "Poisson Z",
      "|Z| ≥ 3?",
      "E-test p",
      "RES",
      "RES lower 95%",
      "RES upper 95%",
      "WDD",
      "WDD lower 95%",
      "WDD upper 95%",
      "WDQ",
      "Displacement reading",
      "Dispersion (from data)",
      "Same months: years back",
      "Same months then: net effect",
      "Then: % of expected",
      "Then: lower 95%",
      "Then: upper 95%",
      "Similar areas as large",
      "Similar areas",
      "Picked at a high point?",
      "Police-generated?",
      "Adjusted p (Holm)",
      "Headline?",
      "Data checks",
      "Note",
    ]);
    // Inputs, then the figures the sheet works out, then what the count stored from the data, then the note.
    expect(t.columns.slice(0, 10).every((c) => !c.computed)).toBe(true);
    expect(t.columns.slice(10, 31).every((c) => c.computed)).toBe(true);
    expect(t.columns.slice(31).every((c) => !c.computed)).toBe(true);
    expect(t.columns[12].format).toBe("0.0%");
    const e = t.columns.findIndex((c) => c.key === "eTestP");
    expect(t.columns[e].help).toMatch(/stored/);
    expect(typeof t.rows[0][e]).toBe("number");
    for (const [j, c] of t.columns.entries())
      if (c.computed && c.key !== "eTestP") expect(isFormulaCell(t.rows[0][j])).toBe(true);
  });

  it("Results gets two blank example rows when there are none", () => {
    const m = buildSheet("results", input({ results: [] }));
    const t = table(m, "HP_Results");
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0][2]).toBeNull();
  });

  it("Summary: the operation's line, the top harms, one row per result, two charts, one landscape page", () => {
    const m = sheet(wb, "summary");
    const t = table(m, "HP_SummaryResults");
    expect(t.rows).toHaveLength(2);
    expect(t.columns.map((c) => c.header)).toEqual([
      "Measure",
      "Before a month",
      "After a month",
      "Change",
      "Comparison areas",
      "Net effect",
      "95% interval",
      "Status",
      "Checks",
    ]);
    expect(m.cells.some((c) => isFormulaCell(c.value) && c.value.formula.includes("HP_OperationName"))).toBe(
      true,
    );
    // The top three harms in one line, each looked up by its unique order on the Harm Matrix.
    expect(m.cells.filter((c) => isFormulaCell(c.value) && /MATCH\(3,/.test(c.value.formula))).toHaveLength(
      1,
    );
    // The index by area, then the target's months (Monitoring sheet).
    expect(m.charts.map((c) => c.type)).toEqual(["columnClustered", "line"]);
    const chart = m.charts[0];
    expect(rangeCells(chart.dataRange)).toHaveLength(12); // Area, Before = 100, After × header and 3 areas
    expect(cellAt(m, chart.dataRange.split(":")[0])).toBe("Area");
    expect(m.print).toEqual(
      expect.objectContaining({ orientation: "landscape", fitToPagesWide: 1, fitToPagesTall: 1 }),
    );
    // The charts and every cell of the page's nine columns lie inside the print area; the figures
    // behind the sentence and the charts sit beside it.
    const area = parseRange(m.print!.area.replace(/\$/g, ""));
    expect(area.right).toBe(8);
    for (const ch of m.charts) {
      expect(parseCell(ch.anchor.to).col).toBeLessThanOrEqual(area.right);
      expect(parseCell(ch.anchor.to).row).toBeLessThanOrEqual(area.bottom);
      expect(parseRange(ch.dataRange).left).toBeGreaterThan(area.right);
    }
    for (const c of m.cells) {
      const { row, col } = parseCell(c.address);
      if (col <= area.right) expect(row).toBeLessThanOrEqual(area.bottom);
    }
  });

  it.each(SHEET_ORDER.map((s) => [s.key]))(
    "%s prints landscape and legibly (one page wide, or across pages with the first column repeated), over everything on the sheet",
    (key) => {
      const m = sheet(wb, key);
      expect(m.print).toBeDefined();
      const p = m.print!;
      expect(p.orientation).toBe("landscape");
      expect(printScale(m) * smallestFont(m)).toBeGreaterThanOrEqual(MIN_PRINTED_POINTS);
      if (p.scale) expect(p.titleColumns).toEqual({ first: 0, last: 0 });
      else expect(p.fitToPagesWide).toBe(1);
      expect(p.titleRows).toBeDefined();
      expect(Number.isInteger(p.fitToPagesTall) && p.fitToPagesTall >= 1).toBe(true);
      const a = parseRange(p.area.replace(/\$/g, ""));
      expect([a.top, a.left]).toEqual([0, 0]);
      const inside = (addr: string) => {
        const { row, col } = parseCell(addr);
        return row <= a.bottom && col <= a.right;
      };
      // The Summary prints its page; the figures behind its sentence and charts sit beside it.
      const printed = (addr: string) => key !== "summary" || parseCell(addr).col <= a.right;
      for (const c of m.cells.filter((x) => printed(x.address)))
        expect(inside(c.merge ? c.merge.split(":")[1] : c.address)).toBe(true);
      for (const a1 of [...populated(m)].filter(printed)) expect(inside(a1)).toBe(true);
      for (const ch of m.charts) expect(inside(ch.anchor.to)).toBe(true);
      // The area ends at the used range: its last row holds a cell or a chart.
      const used = [...[...populated(m)].filter(printed), ...m.charts.map((ch) => ch.anchor.to)].map(
        parseCell,
      );
      expect(Math.max(...used.map((u) => u.row))).toBe(a.bottom);
      // Enough pages down that the fitted width, not the height, sets the scale.
      const est = printEstimate(m, a.bottom);
      if (!p.scale && !p.paper) expect(p.fitToPagesTall).toBeGreaterThanOrEqual(Math.ceil(est.pages));
    },
  );

  it("prints the Summary landscape with text of 8 pt or more (smallest font × scale)", () => {
    const m = sheet(wb, "summary");
    expect(m.print).toEqual(expect.objectContaining({ orientation: "landscape" }));
    expect(smallestFont(m) * printScale(m)).toBeGreaterThanOrEqual(8);
  });

  it("keeps the Harm Matrix scoring notes narrow and wrapped, so the fitted print stays legible", () => {
    const m = sheet(wb, "harm-matrix");
    const note = m.cells.find((c) => /^Score = 100 ×/.test(String(c.value)))!;
    const { col } = parseCell(note.address);
    expect(m.columnWidths[col]).toBeLessThanOrEqual(45);
    expect(note.style).toBe("help"); // help text wraps
    // Each line fits the panel unwrapped, so the harm rows beside it keep their normal height.
    const panel = m.cells.filter((c) => c.style === "help" && parseCell(c.address).col === col);
    expect(panel.length).toBeGreaterThan(10);
    for (const c of panel) expect(String(c.value).length).toBeLessThanOrEqual(m.columnWidths[col] + 5);
    expect(m.columnWidths.reduce((x, w) => x + w, 0)).toBeLessThanOrEqual(270);
    const est = printEstimate(m, parseRange(m.print!.area.replace(/\$/g, "")).bottom);
    expect(est.scale).toBeGreaterThan(0.45);
  });

  it("every formula refers only to sheets, cells and HP_ names that exist", () => {
    const bySheet = new Map(wb.map((s) => [s.name, s]));
    const filled = new Map(wb.map((s) => [s.name, populated(s)]));
    const names = new Set(wb.flatMap((s) => s.names.map((n) => n.name)));
    const known = new Set([
      "IF",
      "IFERROR",
      "COUNT",
      "MIN",
      "AND",
      "OR",
      "NOT",
      "ISNUMBER",
      "SQRT",
      "ABS",
      "EXP",
      "LN",
      "NORM.S.INV",
      "SUMPRODUCT",
      "INDEX",
      "MATCH",
      "SUM",
      "MAX",
      "ROUND",
      "LEFT",
      "LEN",
      "DAY",
      "MONTH",
      "YEAR",
      "EOMONTH",
      "TRIM",
      // The WDD's disagreement with the net effect (Results Checks).
      "SIGN",
      "FALSE",
      // Net Benefit's sentence (whole numbers written out) and Cohort's exact interval (BETAINV needs no
      // "_xlfn." prefix in the file, unlike BETA.INV); Excel, LibreOffice and HyperFormula all have them.
      "INT",
      "MOD",
      "RIGHT",
      "BETAINV",
      // Monitoring: sums and counts by month and period, last year's month, and #N/A for a gap in a chart.
      "DATE",
      "SUMIFS",
      "COUNTIFS",
      "EDATE",
      "NA",
      // The Summary's sentence and status, from the Results cells.
      "FIND",
      "SUBSTITUTE",
      "SEARCH",
      "MID",
      // The Summary's operation line: how many areas an Areas-table pointer ("3,500 areas: …") names.
      "VALUE",
    ]);
    // Cells below a table, within its growth allowance, are the analyst's rows-to-be: they may be referred to.
    const growth = new Map(
      wb.map((s) => {
        const zone = new Set<string>();
        for (const t of s.tables) {
          const tl = parseCell(t.topLeft);
          for (let i = 1; i <= TABLE_GROWTH; i++)
            for (let j = 0; j < t.columns.length; j++)
              zone.add(cellAddress(tl.row + t.rows.length + i, tl.col + j));
        }
        return [s.name, zone];
      }),
    );
    const usable = (sheetName: string, a: string) =>
      filled.get(sheetName)!.has(a) || growth.get(sheetName)!.has(a);
    let count = 0;
    let grown = 0;
    for (const s of wb) {
      for (const f of formulasOf(s)) {
        count++;
        expect(f.formula.startsWith("=")).toBe(true);
        // Excel refuses a longer formula (LibreOffice and HyperFormula would take it).
        if (f.formula.length > MAX_FORMULA_CHARS)
          throw new Error(`${s.name}!${f.address}: ${f.formula.length} characters`);
        for (const fn of formulaFunctions(f.formula)) expect(known).toContain(fn);
        for (const n of formulaNames(f.formula)) expect(names).toContain(n);
        for (const ref of formulaRefs(f.formula)) {
          const target = ref.sheet ?? s.name;
          expect(bySheet.has(target)).toBe(true);
          for (const a of rangeCells(ref.range)) {
            if (!usable(target, a))
              throw new Error(`${s.name}!${f.address}: ${f.formula} → empty ${target}!${a}`);
            if (!filled.get(target)!.has(a)) grown++;
          }
        }
      }
      // Names point at populated cells too.
      for (const n of s.names)
        for (const a of rangeCells(n.ref.replace(/\$/g, ""))) expect(usable(s.name, a)).toBe(true);
      for (const v of s.validations) expect(filled.get(s.name)!.has(v.range)).toBe(true);
    }
    expect(count).toBeGreaterThan(200);
    // Rank, the Summary's top five and its totals do reach into the growth rows.
    expect(grown).toBeGreaterThan(0);
    // Nothing of the built sheets sits in a growth zone the formulas rely on.
    for (const [key, t] of [
      ["harm-matrix", "HP_HarmMatrix"],
      ["results", "HP_Results"],
    ]) {
      const m = sheet(wb, key);
      const tl = parseCell(table(m, t).topLeft);
      const cols = table(m, t).columns.length;
      const rows = table(m, t).rows.length;
      for (const a of filled.get(m.name)!) {
        const { row, col } = parseCell(a);
        const below = row > tl.row + rows && row <= tl.row + rows + TABLE_GROWTH;
        if (below && col >= tl.col && col < tl.col + cols)
          throw new Error(`${m.name}!${a} is in ${t}'s growth rows`);
      }
      for (const ch of m.charts) expect(parseCell(ch.anchor.from).row).toBeLessThanOrEqual(tl.row + rows);
    }
  });

  it("offers every starter value of a list-validated column in that list", () => {
    const wb1 = buildWorkbook(input());
    const byName = new Map(wb1.flatMap((s) => s.names.map((n) => [n.name, { s, ref: n.ref }] as const)));
    const listOf = (name: string) => {
      const { s, ref } = byName.get(name)!;
      return new Set(
        rangeCells(ref.replace(/\$/g, ""))
          .map((a) => cellAt(s, a))
          .filter((v) => v != null),
      );
    };
    let checked = 0;
    for (const s of wb1)
      for (const t of s.tables)
        t.columns.forEach((c, j) => {
          if (c.validation?.kind !== "listRef") return;
          const names = formulaNames(c.validation.source);
          expect(names).toHaveLength(1);
          const list = listOf(names[0]);
          for (const r of t.rows) {
            const v = r[j];
            if (v === null || v === "") continue;
            if (!list.has(v))
              throw new Error(`${s.name} ${t.name}.${c.key}: "${String(v)}" is not in ${names[0]}`);
            checked++;
          }
        });
    // Problem Analysis (25), Responses and Measures starter rows, and the Results harm given above.
    expect(checked).toBeGreaterThan(60);
    // Table 4.2's own wording is kept in the notes where the label differs.
    const pa = table(sheet(wb1, "problem-analysis"), "HP_ProblemAnalysis");
    expect(pa.rows[0][2]).toBe("Mental health");
    expect(String(pa.rows[0][4])).toMatch(
      /^Table 4\.2 says: Psychological distress, mental health problems\. Older/,
    );
  });

  it("keeps operation text literal even when it looks like a formula", () => {
    const op = sampleOperation();
    op.name = '=HYPERLINK("http://evil","x")';
    op.force = "+44 1234";
    op.analyst = "@analyst";
    op.notes = "-1+2";
    op.targetAreas = ["=A1", "\tTab"];
    op.harmWeights = [{ offenceType: "=cmd|' /C calc'!A0", weight: 2, note: "@SUM(1)" }];
    const m = buildSheet("operation", { operation: op });
    const texts = [op.name, op.force, op.analyst, op.notes, "=A1; \tTab"];
    for (const text of texts) {
      const c = m.cells.find((x) => x.value === text);
      expect(c).toBeDefined();
      expect(c!.literal).toBe(true);
    }
    // No formula anywhere carries the analyst's text.
    for (const f of formulasOf(m)) for (const text of texts) expect(f.formula).not.toContain(text);
    const hw = table(m, "HP_HarmWeights");
    expect(hw.rows[0][0]).toBe("=cmd|' /C calc'!A0");
    expect(isFormulaCell(hw.rows[0][0])).toBe(false);
    expect(hw.rows[0][2]).toBe("@SUM(1)");
    // On the Summary the name is shown by a formula over HP_OperationName, never by the text itself.
    const s = buildSheet("summary", { operation: op });
    for (const f of formulasOf(s)) expect(f.formula).not.toContain("HYPERLINK");
  });

  it("leaves starter rows out when asked, and builds only the sheets included", () => {
    const wb2 = buildWorkbook(
      input({ starterRows: false, include: ["responses", "problem-analysis", "measures"] }),
    );
    expect(wb2.map((s) => s.name)).toEqual(["Problem Analysis", "Responses", "Measures"]);
    for (const s of wb2) {
      const main = s.tables[0];
      expect(main.rows.length).toBeGreaterThan(0);
      expect(main.rows.every((r) => r.every((v) => v === null))).toBe(true);
    }
    // The Harm Matrix always lists every harm: it is the framework, not an example.
    expect(table(buildSheet("harm-matrix", input({ starterRows: false })), "HP_HarmMatrix").rows.length).toBe(
      85,
    );
  });

  it("buildSheet gives the same model as the sheet inside buildWorkbook", () => {
    for (const { key } of SHEET_ORDER) expect(buildSheet(key, input())).toEqual(sheet(wb, key));
  });

  it("gives a table with no rows one blank row (an empty harm-weights list)", () => {
    const op = sampleOperation();
    op.harmWeights = [];
    const t = table(buildSheet("operation", { operation: op }), "HP_HarmWeights");
    expect(t.rows).toEqual([[null, null, null]]);
  });
});
