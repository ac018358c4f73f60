/**
 * HARM.EVALUATE: a whole evaluation table in one spill. Every row comes from
 * evaluateCounts (src/core/stats/evaluate.ts), the one home of a Results row,
 * so this function and the Results sheet can never disagree.
 */
import {
  evaluateCounts,
  interpretDisplacement,
  netEffectCi,
  percentChange,
  periodETest,
  poissonZ,
  relativeEffectSize,
  wdd,
  wdq,
  type EvaluationInput,
  type Figure,
} from "../core/stats";
import { named, readRowOptions, readSixOptionalBuffer, TARGET_BUFFER_CONTROL } from "./args";
import {
  errorCell,
  finiteText,
  isExcelError,
  mapRows,
  toExcelError,
  type ExcelErrorCode,
  type ExcelResultError,
  type RowResult,
} from "./excel";
import { perRow, type HarmFunction } from "./spill";

const EVALUATE_HEADER = [
  "Change in target",
  "Poisson Z",
  "E-test p",
  "RES",
  "RES lower",
  "RES upper",
  "WDQ",
  "Total net effect",
  "Total net effect lower",
  "Total net effect upper",
  "Verdict",
  "WDD",
  "WDD lower",
  "WDD upper",
  "Interpretation",
  "Checks",
];

type FigureKey = "change" | "poissonZ" | "eTestP" | "res" | "wdq" | "netEffect" | "wdd" | "displacement";

/**
 * The core statistic behind each figure, as evaluateCounts calls it. A figure
 * carries only the reason it is undefined; re-running its statistic (only
 * then) recovers the kind of error, so the cell shows #DIV/0!, #N/A or #NUM!
 * as the stand-alone function would, with evaluateCounts' reason.
 */
const STATISTIC: Record<FigureKey, (x: EvaluationInput) => unknown> = {
  change: (x) => percentChange(x.target.before, x.target.after, x.lengths),
  poissonZ: (x) => poissonZ(x.target.before, x.target.after, x.lengths),
  eTestP: (x) => periodETest(x.target.before, x.target.after, x.lengths),
  res: (x) =>
    relativeEffectSize(x.target.before, x.target.after, x.control.before, x.control.after, {
      confidence: x.confidence,
      dispersion: x.dispersion,
    }),
  wdq: (x) => wdq(x.target, x.buffer!, x.control),
  netEffect: (x) => netEffectCi(x),
  wdd: (x) => wdd(x),
  displacement: (x) => finiteText(interpretDisplacement(x.target, x.buffer!, x.control).text),
};

function undefinedCell(key: FigureKey, reason: string, input: EvaluationInput): ExcelResultError {
  try {
    STATISTIC[key](input);
  } catch (e) {
    return errorCell(toExcelError(e).code as ExcelErrorCode, reason);
  }
  return errorCell("#N/A", reason);
}

/** Core text as a cell; one describing an overflowed figure ("Infinity times") is #NUM! instead. */
function shown(text: string): unknown {
  try {
    return finiteText(text);
  } catch (e) {
    return toExcelError(e);
  }
}

function evaluateRow(cells: unknown[]): RowResult {
  const s = readSixOptionalBuffer(cells);
  if (isExcelError(s)) return s;
  const o = readRowOptions(cells, 6, true);
  if (isExcelError(o)) return o;
  const input: EvaluationInput = { target: s.t, control: s.c, ...o };
  if (s.b) input.buffer = s.b;
  const e = evaluateCounts(input);
  const cell = <T>(key: FigureKey, f: Figure<T>, pick: (v: T) => unknown): unknown =>
    f.defined ? pick(f.value) : undefinedCell(key, f.reason, input);
  // Without a buffer the WDQ and its reading do not apply: blank, as on the Results sheet.
  const buffered = s.b !== undefined;
  const interpretation = buffered ? cell("displacement", e.displacement, (r) => shown(r.text)) : "";
  return [
    cell("change", e.change, (v) => v),
    cell("poissonZ", e.poissonZ, (v) => v),
    cell("eTestP", e.eTestP, (v) => v),
    cell("res", e.res, (v) => v),
    cell("res", e.resInterval, (v) => v.lower),
    cell("res", e.resInterval, (v) => v.upper),
    buffered ? cell("wdq", e.wdq, (v) => v) : "",
    cell("netEffect", e.netEffect, (v) => v.estimate),
    cell("netEffect", e.netEffect, (v) => v.lower),
    cell("netEffect", e.netEffect, (v) => v.upper),
    // Counts alone: the interval with the dispersion given, no data to check it against.
    shown(e.verdict),
    cell("wdd", e.wdd, (v) => v.estimate),
    cell("wdd", e.wdd, (v) => v.lower),
    cell("wdd", e.wdd, (v) => v.upper),
    interpretation,
    shown(e.checksText),
  ];
}

const EVALUATE_ARGS = [...TARGET_BUFFER_CONTROL, "confidence", "beforeLength", "afterLength", "dispersion"];

/** HARM.EVALUATE: A table with a header row and sixteen columns; a figure that cannot be given is an error saying why. */
export function evaluate(...args: any[][][]): any[][] {
  const rows = mapRows(named(EVALUATE_ARGS, args), evaluateRow, EVALUATE_HEADER.length);
  // A whole-call failure (e.g. ranges of different lengths) is one error cell, not a table.
  if (rows.length === 1 && rows[0].length === 1 && isExcelError(rows[0][0])) return rows;
  return [EVALUATE_HEADER, ...rows];
}

export const EVALUATE_FUNCTIONS = [
  {
    id: "HARM.EVALUATE",
    fn: evaluate,
    spill: perRow(EVALUATE_HEADER.length, { header: true }),
  },
] as const satisfies readonly HarmFunction[];
