/**
 * Rows an analyst adds below the built tables (a harm of their own on the
 * Harm Matrix, another measure on Results) must be ranked, listed and counted
 * like the built rows. Evaluated in HyperFormula with the row appended as
 * Excel would: typed values plus the table's formulas filled down.
 */
import { buildWorkbook, type ResultsRow } from "../../../src/sheets/build";
import { blankOperation } from "../../../src/core/operation";
import { PRIORITY_CRITERIA } from "../../../src/core/priority";
import { isFormulaCell, type SheetModel } from "../../../src/sheets/model";
import { cellAddress, parseRange } from "../../../src/sheets/a1";
import {
  appendRow,
  colIndex,
  evaluate,
  setTableValue,
  sheet,
  shiftRows,
  table,
  tableCellAddress,
} from "./workbookHelpers";

const pair = (before: number, after: number) => ({ before, after });
const RESULTS: ResultsRow[] = [
  { measure: "ASB", target: pair(100, 50), buffer: pair(100, 150), control: pair(100, 100) },
  { measure: "Burglary", target: pair(30, 36), buffer: pair(20, 18), control: pair(40, 41) },
];

/** The Summary's line of top harms, which looks up the first positions of the Harm Matrix order column. */
function topHarmsLine(summary: SheetModel): string {
  const c = summary.cells.find(
    (x) => isFormulaCell(x.value) && /INDEX\('Harm Matrix'!\$B\$/.test(x.value.formula),
  );
  if (!c) throw new Error("no top harms line");
  return c.address;
}

describe("rows the analyst adds", () => {
  it("shifts relative rows only, as Excel's fill-down does (test helper)", () => {
    expect(shiftRows('=IF(L91="x",$L$7:$L$591,SUM($L$7:L91))+HP_Row1', 1)).toBe(
      '=IF(L92="x",$L$7:$L$591,SUM($L$7:L92))+HP_Row1',
    );
    expect(shiftRows('="A1"&NORM.S.INV(0.975)', 1)).toBe('="A1"&NORM.S.INV(0.975)');
  });

  it("ranks a harm added below the Harm Matrix and puts it first in the Summary's top five", () => {
    const wb = buildWorkbook({ operation: blankOperation(), results: RESULTS });
    const hm = sheet(wb, "harm-matrix");
    const t = table(hm, "HP_HarmMatrix");
    const built = t.rows.length;
    // Some built harms rated 3-4 everywhere, so there is a ranking to beat.
    const keys = PRIORITY_CRITERIA.map((c) => c.key);
    for (let i = 0; i < 8; i++) keys.forEach((k, j) => setTableValue(t, i, k, 3 + ((i + j) % 2)));
    const mine = "County lines exploitation of children";
    appendRow(t, {
      id: "MY-01",
      harm: mine,
      type: "Social/structural",
      level: "Local community",
      applies: "Yes",
      ...Object.fromEntries(keys.map((k) => [k, 5])),
    });

    const ev = evaluate(wb);
    const at = (key: string, row: number) => ev.value("Harm Matrix", tableCellAddress(t, row, key));
    expect(at("score", built)).toBe(100);
    expect(at("rank", built)).toBe(1);
    expect(at("order", built)).toBe(1);
    // The built harms move down one place.
    const builtRanks = Array.from({ length: 8 }, (_, i) => at("rank", i) as number);
    expect(Math.min(...builtRanks)).toBe(2);

    const line = String(ev.value("Summary", topHarmsLine(sheet(wb, "summary"))));
    const second = t.rows[builtRanks.indexOf(2)][colIndex(t, "harm")];
    expect(line).toMatch(
      new RegExp(`^Top priority harms \\(Harm Matrix\\): 1\\. ${mine} \\(100\\); 2\\. ${second} \\(`),
    );

    // HP_HarmLabels reaches the added label; COUNTA (used by the drop-down) counts it, with no blanks.
    const labels = hm.names.find((n) => n.name === "HP_HarmLabels")!;
    const r = parseRange(labels.ref.replace(/\$/g, ""));
    expect(r.bottom - r.top + 1).toBeGreaterThan(built + 100);
    const probe = (formula: string) => {
      const id = ev.hf.getSheetId("Summary")!;
      ev.hf.setCellContents({ sheet: id, row: 200, col: 0 }, formula);
      return ev.hf.getCellValue({ sheet: id, row: 200, col: 0 });
    };
    expect(probe("=COUNTA(HP_HarmLabels)")).toBe(built + 1);
    expect(probe("=INDEX(HP_HarmLabels,COUNTA(HP_HarmLabels))")).toBe(mine);
  });

  it("finds a headline row the analyst adds below the table for the Summary's areas", () => {
    const wb = buildWorkbook({ operation: blankOperation(), results: RESULTS });
    const results = table(sheet(wb, "results"), "HP_Results");
    appendRow(results, {
      measure: "All selected crime",
      headline: "Yes",
      tBefore: 1000,
      tAfter: 2000,
      bBefore: 10,
      bAfter: 20,
      cBefore: 7,
      cAfter: 9,
    });
    const s = sheet(wb, "summary");
    const ev = evaluate(wb);
    // The appended row's own statistics work (its formulas were filled down).
    expect(ev.value("Results", tableCellAddress(results, 2, "change"))).toBeCloseTo(1, 9);
    const chart = parseRange(s.charts[0].dataRange);
    const at = (k: number, j: number) =>
      ev.value("Summary", cellAddress(chart.top + 1 + k, chart.left + 1 + j));
    // Index after, then the counts (before, after) of the added row only: never summed with the others.
    expect([at(0, 1), at(0, 2), at(0, 3)]).toEqual([200, 1000, 2000]);
    expect([at(1, 1), at(1, 2), at(1, 3)]).toEqual([200, 10, 20]);
    expect(at(2, 1)).toBeCloseTo((100 * 9) / 7, 9);
  });
});
