/**
 * The figures behind the Summary's index chart: the headline measure's
 * change in target, buffer and control as an index, before = 100, so a
 * small target is not lost beside a large control, then the counts. Rates
 * allow for unequal periods. The headline row is the one the Summary's
 * sentence reports (its number is the first of the figures block).
 */
import { operationLengths } from "../../core/operation";
import type { FormulaCell, Scalar } from "../model";
import type { CellSpec, GridCell, Locator } from "./layout";
import { LENGTH_NAMES } from "./operation";
import type { SpecContext } from "./input";
import type { ResultsReading } from "./summaryShown";

const AREAS = [
  { label: "Target", before: "tBefore", after: "tAfter" },
  { label: "Buffer", before: "bBefore", after: "bAfter" },
  { label: "Control", before: "cBefore", after: "cAfter" },
] as const;

const f = (formula: string, value: Scalar): FormulaCell => ({ formula, value });
const label = (value: string): CellSpec => ({ value, style: "label" });
const num = (v: Scalar | undefined): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;

/** Area | Before = 100 | After (index) | Count before | Count after; the chart plots the first three. */
export function areaBlock(ctx: SpecContext, reading: ResultsReading): GridCell[][] {
  const values = reading.headline?.values;
  const lengths = operationLengths(ctx.input.operation);
  const [l0, l1] = [LENGTH_NAMES.before, LENGTH_NAMES.after];
  const pick = (loc: Locator, key: string) => `INDEX(${reading.column(key)},${loc.cell("figures", 0, 1)})`;
  const count = (loc: Locator, key: string) =>
    `IFERROR(IF(ISNUMBER(${pick(loc, key)}),${pick(loc, key)},""),"")`;
  const computed = (formula: (loc: Locator) => string, value: Scalar, format?: string): CellSpec => ({
    value: (loc) => f(formula(loc), value),
    style: "computed",
    format,
  });
  const indexOf = (b: number | null, a: number | null): Scalar => {
    if (b === null || a === null || !(b > 0)) return "";
    return lengths ? (100 * (a / lengths.after)) / (b / lengths.before) : (100 * a) / b;
  };
  const indexCell = (a: (typeof AREAS)[number]): CellSpec =>
    computed(
      (loc) => {
        const b = count(loc, a.before);
        const x = count(loc, a.after);
        const rate = `IFERROR(100*(${x}/${l1})/(${b}/${l0}),100*${x}/${b})`;
        return `=IF(AND(ISNUMBER(${b}),ISNUMBER(${x})),IF(${b}>0,${rate},""),"")`;
      },
      indexOf(num(values?.[a.before]), num(values?.[a.after])),
      "0",
    );
  return [
    [label("Area"), label("Before = 100"), label("After"), label("Count before"), label("Count after")],
    ...AREAS.map((a) => [
      a.label,
      computed(() => "=100", 100, "0"),
      indexCell(a),
      computed((loc) => `=${count(loc, a.before)}`, num(values?.[a.before]) ?? "", "0"),
      computed((loc) => `=${count(loc, a.after)}`, num(values?.[a.after]) ?? "", "0"),
    ]),
  ];
}
