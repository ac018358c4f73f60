import { SUMMARY_KEYS } from "../../../src/sheets/specs/results";
import { buildWorkbook, type ResultsRow } from "../../../src/sheets/build";
import { blankOperation } from "../../../src/core/operation";
import { isFormulaCell } from "../../../src/sheets/model";
import { parseRange } from "../../../src/sheets/a1";
import { cellAt, colIndex, evaluate, sheet, table, tableCellAddress } from "./workbookHelpers";

const pair = (before: number, after: number) => ({ before, after });
const ROWS: ResultsRow[] = [
  {
    measure: "ASB",
    harm: "Fear of crime",
    target: pair(100, 50),
    buffer: pair(100, 150),
    control: pair(100, 100),
  },
  { measure: "Burglary", target: pair(30, 36), buffer: pair(20, 18), control: pair(40, 41) },
  { measure: "Robbery", target: pair(12, 12), control: pair(9, 10), note: "=not a formula" },
];

function build() {
  const op = blankOperation();
  op.name = "=2+2 (not a formula)";
  op.force = "Gwent";
  op.targetAreas = ["Pill"];
  op.bufferAreas = ["Maindee"];
  op.controlAreas = ["Cwmbran", "Risca"];
  op.before = { start: "2024-01-01", end: "2024-06-30" };
  op.after = { start: "2024-07-01", end: "2024-12-31" };
  return buildWorkbook({
    operation: op,
    results: ROWS,
    prioritySnapshot: [
      { label: "Fear of crime/anti-social behaviour", score: 75 },
      { label: "Overdose/death", score: 90 },
    ],
  });
}

describe("Summary sheet", () => {
  const wb = build();
  const s = sheet(wb, "summary");
  const ev = evaluate(wb);
  const summary = table(s, "HP_SummaryResults");
  const results = table(sheet(wb, "results"), "HP_Results");

  it("shows the operation through its named cells, with cached values", () => {
    const find = (label: string) => {
      const c = s.cells.find((x) => x.value === label)!;
      const r = parseRange(c.address);
      return s.cells.find((x) => x.address === `${String.fromCharCode(65 + r.left + 1)}${r.top + 1}`)!;
    };
    const name = find("Operation name");
    expect(isFormulaCell(name.value) && name.value.formula).toContain("HP_OperationName");
    expect(isFormulaCell(name.value) && name.value.value).toBe("=2+2 (not a formula)");
    expect(ev.value("Summary", name.address)).toBe("=2+2 (not a formula)");
    expect(ev.value("Summary", find("Control areas").address)).toBe("Cwmbran; Risca");
    const from = find("Before: from");
    expect(from.format).toBe("dd/mm/yyyy");
    expect(ev.value("Summary", from.address)).toBe(45292);
    expect(ev.value("Summary", find("After: to").address)).toBe(45657);
  });

  it("caches the top harms from the priority snapshot, highest first", () => {
    const harmCells = s.cells.filter(
      (c) => isFormulaCell(c.value) && /INDEX\('Harm Matrix'!\$B\$/.test(c.value.formula),
    );
    expect(harmCells.map((c) => (isFormulaCell(c.value) ? c.value.value : undefined))).toEqual([
      "Overdose/death",
      "Fear of crime/anti-social behaviour",
      "",
      "",
      "",
    ]);
    // With nothing rated yet, the live formulas show blanks (no #N/A).
    for (const c of harmCells) expect(ev.value("Summary", c.address)).toBe("");
  });

  it("has one row per Results row whose formulas evaluate to the Results values", () => {
    expect(summary.rows).toHaveLength(ROWS.length);
    // The Summary's columns are the figure list's Summary keys, each read from its Results column.
    expect(summary.columns.map((c) => c.key)).toEqual(SUMMARY_KEYS);
    const pairs: [string, string][] = SUMMARY_KEYS.map((k) => [k, k]);
    ROWS.forEach((_, i) => {
      for (const [sk, rk] of pairs) {
        const sv = summary.rows[i][colIndex(summary, sk)];
        const rv = results.rows[i][colIndex(results, rk)];
        const want = isFormulaCell(rv) ? rv.value : rv;
        expect(isFormulaCell(sv)).toBe(true);
        const cachedValue = isFormulaCell(sv) ? sv.value : undefined;
        expect([sk, cachedValue]).toEqual([sk, want ?? ""]);
        const live = ev.value("Summary", tableCellAddress(summary, i, sk));
        if (typeof want === "number") expect(live).toBeCloseTo(want, 9);
        else expect([sk, live]).toEqual([sk, want ?? ""]);
      }
    });
    // A manager reads a verdict and its reason, never an unqualified number.
    for (let i = 0; i < ROWS.length; i++)
      expect(String(ev.value("Summary", tableCellAddress(summary, i, "verdict")))).toMatch(
        /^(Credited|No clear change|Not credited|Not judged)( \(borderline\))?: /,
      );
  });

  it("charts each area's change as an index (before = 100) for the first row, without adding rows together", () => {
    const chart = s.charts[0];
    const r = parseRange(chart.dataRange);
    const addr = (row: number, col: number) => `${String.fromCharCode(65 + col)}${row + 1}`;
    expect(r.right - r.left).toBe(2); // Area, Before = 100, After
    expect([1, 2, 3].map((k) => cellAt(s, addr(r.top + k, r.left)))).toEqual(["Target", "Buffer", "Control"]);
    // ASB (the first row; there is no "All selected crime" row): equal six-month periods.
    const first = ROWS[0];
    const expected = [first.target, first.buffer!, first.control].map((p) => [
      100,
      (100 * p.after) / p.before,
      p.before,
      p.after,
    ]);
    expected.forEach((want, k) =>
      want.forEach((w, j) => {
        const a = addr(r.top + 1 + k, r.left + 1 + j);
        const v = cellAt(s, a);
        expect(isFormulaCell(v) && v.value).toBeCloseTo(w, 9);
        expect(ev.value("Summary", a)).toBeCloseTo(w, 9);
      }),
    );
  });
});
