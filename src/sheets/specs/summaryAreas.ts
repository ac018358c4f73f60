/**
 * The Summary's "by area" block: the change of All selected crime (or the
 * first Results row, when there is none) in target, buffer and control as an
 * index, before = 100, so a small target is not lost beside a large control,
 * then the counts. Rates allow for unequal periods.
 */
import { ALL_SELECTED } from "../../core/evaluation";
import { operationLengths } from "../../core/operation";
import type { FormulaCell, Scalar } from "../model";
import { sheetRef, type CellSpec, type GridCell } from "./layout";
import { sheetName, type ResultsRow, type SpecContext } from "./input";

const AREAS = [
  { label: "Target", before: "tBefore", after: "tAfter", pick: (r: ResultsRow) => r.target },
  { label: "Buffer", before: "bBefore", after: "bAfter", pick: (r: ResultsRow) => r.buffer },
  { label: "Control", before: "cBefore", after: "cAfter", pick: (r: ResultsRow) => r.control },
] as const;

const f = (formula: string, value: Scalar): FormulaCell => ({ formula, value });
const computed = (value: FormulaCell, format?: string): CellSpec => ({ value, style: "computed", format });
const label = (value: string): CellSpec => ({ value, style: "label" });

/** One block: Area | Before = 100 | After (index) | Count before | Count after; the chart plots the first three. */
export function areaBlock(ctx: SpecContext, results: ResultsRow[]): { heading: string; rows: GridCell[][] } {
  const res = ctx.laidOut("results");
  const R = sheetRef(sheetName("results"));
  const column = (key: string) => `${R}${res.locator.column("results", key, { grow: true })}`;
  const setting = (col: number) => `${R}${res.locator.cell("settings", 0, col, true)}`;
  const row = `IFERROR(MATCH("${ALL_SELECTED}",${column("measure")},0),1)`;
  const pick = (key: string) => `INDEX(${column(key)},${row})`;
  const chosen = results.find((r) => r.measure === ALL_SELECTED) ?? results[0];
  const lengths = operationLengths(ctx.input.operation);
  const [l0, l1] = [setting(1), setting(3)];

  const countCell = (key: string, value: number | undefined): CellSpec =>
    computed(f(`=IF(ISNUMBER(${pick(key)}),${pick(key)},"")`, value ?? ""));
  const indexOf = (p: { before: number; after: number } | undefined): Scalar => {
    if (!p || !(p.before > 0)) return "";
    return lengths
      ? (100 * (p.after / lengths.after)) / (p.before / lengths.before)
      : (100 * p.after) / p.before;
  };
  const indexCell = (a: (typeof AREAS)[number]): CellSpec => {
    const b = pick(a.before);
    const x = pick(a.after);
    const rate = `IF(AND(ISNUMBER(${l0}),ISNUMBER(${l1})),100*(${x}/${l1})/(${b}/${l0}),100*${x}/${b})`;
    return computed(
      f(
        `=IF(AND(ISNUMBER(${b}),ISNUMBER(${x})),IF(${b}>0,${rate},""),"")`,
        indexOf(chosen ? a.pick(chosen) : undefined),
      ),
      "0",
    );
  };
  const rows: GridCell[][] = [
    [label("Area"), label("Before = 100"), label("After"), label("Count before"), label("Count after")],
    ...AREAS.map((a) => {
      const p = chosen ? a.pick(chosen) : undefined;
      return [
        a.label,
        computed(f(`=100`, 100), "0"),
        indexCell(a),
        countCell(a.before, p?.before),
        countCell(a.after, p?.after),
      ];
    }),
  ];
  const measure = chosen && chosen.measure !== ALL_SELECTED ? chosen.measure : ALL_SELECTED;
  return { heading: `${measure} by area (index: before = 100)`, rows };
}
