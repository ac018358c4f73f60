/**
 * Target/buffer/control functions: HARM.RES, HARM.RES.CI, HARM.WDQ,
 * HARM.NETEFFECT, HARM.WDD, HARM.DISPLACEMENT and HARM.EVALUATE. Each row of
 * counts gives one row of results (see mapRows in ./excel).
 */
import "./shim";
import {
  eTest as coreETest,
  interpretDisplacement,
  percentChange,
  poissonZ as corePoissonZ,
  relativeEffectSize,
  totalNetEffect,
  wdd as coreWdd,
  wdq as coreWdq,
  type ResResult,
} from "../core/stats";
import { valueError } from "../core/errors";
import {
  named,
  readConfidence,
  readOptional,
  readOptionalCount,
  readFour,
  readSix,
  TARGET_BUFFER_CONTROL,
  TARGET_CONTROL,
  wddCells,
  type SixCounts,
} from "./args";
import {
  errorCell,
  finiteText,
  isExcelError,
  mapRows,
  toExcelError,
  type ExcelResultError,
  type RowResult,
} from "./excel";
import { perRow, type HarmFunction } from "./spill";

function resRow(cells: unknown[]): RowResult {
  const s = readFour(cells);
  if (isExcelError(s)) return s;
  return [relativeEffectSize(s.t.before, s.t.after, s.c.before, s.c.after).res];
}

/**
 * Relative effect size (a·d)/(b·c) (Farrington et al. 2007). Above 1 means crime fell relative to the control area.
 * @customfunction RES
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @returns Relative effect size.
 */
export function res(
  targetBefore: any[][],
  targetAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
): any[][] {
  return mapRows(named(TARGET_CONTROL, [targetBefore, targetAfter, controlBefore, controlAfter]), resRow);
}

function resCiRow(cells: unknown[]): RowResult {
  const s = readFour(cells);
  if (isExcelError(s)) return s;
  const confidence = readConfidence(cells[4]);
  if (typeof confidence !== "number") return confidence;
  const dispersion = readOptional(cells[5], "dispersion", 1);
  if (typeof dispersion !== "number") return dispersion;
  const r = relativeEffectSize(s.t.before, s.t.after, s.c.before, s.c.after, { confidence, dispersion });
  return [r.lower, r.upper];
}

/**
 * Confidence interval for the relative effect size, spilling lower and upper limits across two cells.
 * @customfunction RES.CI
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @param [confidence] Confidence level, e.g. 0.95 (the default).
 * @param [dispersion] Overdispersion factor of 1 or more to widen the interval. Leave blank for 1.
 * @returns Lower and upper limits (two cells per row).
 */
export function resCi(
  targetBefore: any[][],
  targetAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
  confidence?: any[][],
  dispersion?: any[][],
): any[][] {
  return mapRows(
    named(
      [...TARGET_CONTROL, "confidence", "dispersion"],
      [targetBefore, targetAfter, controlBefore, controlAfter, confidence, dispersion],
    ),
    resCiRow,
    2,
  );
}

/** A row of the six counts through one core measure. */
const sixRow =
  (measure: (s: SixCounts) => unknown) =>
  (c: unknown[]): RowResult => {
    const s = readSix(c);
    return isExcelError(s) ? s : [measure(s)];
  };

const wdqRow = sixRow((s) => coreWdq(s.t, s.b, s.c));
const netEffectRow = sixRow((s) => totalNetEffect(s.t, s.b, s.c));
/** Core's reading of the WDQ; an overflowed figure in it is refused (#NUM!). */
const reading = (s: SixCounts): string => finiteText(interpretDisplacement(s.t, s.b, s.c).text);
const displacementRow = sixRow(reading);

/**
 * Weighted displacement quotient (Bowers & Johnson 2003): buffer change over target change, both against the control area.
 * @customfunction WDQ
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param bufferBefore Buffer area count before.
 * @param bufferAfter Buffer area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @returns WDQ: above 0 suggests diffusion of benefits, below 0 displacement.
 */
export function wdq(
  targetBefore: any[][],
  targetAfter: any[][],
  bufferBefore: any[][],
  bufferAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
): any[][] {
  return mapRows(
    named(TARGET_BUFFER_CONTROL, [
      targetBefore,
      targetAfter,
      bufferBefore,
      bufferAfter,
      controlBefore,
      controlAfter,
    ]),
    wdqRow,
  );
}

/**
 * Total net effect: crimes prevented in the target and buffer areas against the control trend (Guerette 2009).
 * @customfunction NETEFFECT
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param bufferBefore Buffer area count before.
 * @param bufferAfter Buffer area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @returns Crimes prevented (negative means more crime than expected).
 */
export function netEffect(
  targetBefore: any[][],
  targetAfter: any[][],
  bufferBefore: any[][],
  bufferAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
): any[][] {
  return mapRows(
    named(TARGET_BUFFER_CONTROL, [
      targetBefore,
      targetAfter,
      bufferBefore,
      bufferAfter,
      controlBefore,
      controlAfter,
    ]),
    netEffectRow,
  );
}

const WDD_ARGS = [
  ...TARGET_CONTROL,
  "bufferBefore",
  "bufferAfter",
  "bufferControlBefore",
  "bufferControlAfter",
  "confidence",
] as const;

function wddRow(c: unknown[]): RowResult {
  const s = readFour(c);
  if (isExcelError(s)) return s;
  const bb = readOptionalCount(c[4], "bufferBefore");
  if (isExcelError(bb)) return bb;
  const ba = readOptionalCount(c[5], "bufferAfter");
  if (isExcelError(ba)) return ba;
  const dcb = readOptionalCount(c[6], "bufferControlBefore");
  if (isExcelError(dcb)) return dcb;
  const dca = readOptionalCount(c[7], "bufferControlAfter");
  if (isExcelError(dca)) return dca;
  if ((bb === undefined) !== (ba === undefined))
    throw valueError("Give both bufferBefore and bufferAfter, or leave both blank.");
  if ((dcb === undefined) !== (dca === undefined))
    throw valueError("Give both bufferControlBefore and bufferControlAfter, or leave both blank.");
  if (dcb !== undefined && bb === undefined)
    throw valueError("A buffer control area needs buffer counts too; fill in bufferBefore and bufferAfter.");
  const confidence = readConfidence(c[8]);
  if (typeof confidence !== "number") return confidence;
  const r = coreWdd({
    target: s.t,
    control: s.c,
    buffer: bb === undefined || ba === undefined ? undefined : { before: bb, after: ba },
    bufferControl: dcb === undefined || dca === undefined ? undefined : { before: dcb, after: dca },
    confidence,
  });
  return wddCells(r);
}

/**
 * Weighted displacement difference (Wheeler & Ratcliffe 2018), spilling estimate, standard error, Z, lower and upper limits.
 * @customfunction WDD
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @param [bufferBefore] Buffer area count before. Leave blank if there is no buffer.
 * @param [bufferAfter] Buffer area count after.
 * @param [bufferControlBefore] Count before in a control area for the buffer. Optional.
 * @param [bufferControlAfter] Count after in the buffer's control area.
 * @param [confidence] Confidence level, e.g. 0.95 (the default).
 * @returns Estimate, standard error, Z, lower, upper (five cells per row). Negative means crime fell.
 */
export function wdd(
  targetBefore: any[][],
  targetAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
  bufferBefore?: any[][],
  bufferAfter?: any[][],
  bufferControlBefore?: any[][],
  bufferControlAfter?: any[][],
  confidence?: any[][],
): any[][] {
  const values = [
    targetBefore,
    targetAfter,
    controlBefore,
    controlAfter,
    bufferBefore,
    bufferAfter,
    bufferControlBefore,
    bufferControlAfter,
    confidence,
  ];
  return mapRows(named(WDD_ARGS, values), wddRow, 5);
}

/**
 * Plain-English reading of displacement or diffusion of benefits from the WDQ (after Guerette 2009, Appendix C).
 * @customfunction DISPLACEMENT
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param bufferBefore Buffer area count before.
 * @param bufferAfter Buffer area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @returns A sentence describing the result.
 */
export function displacement(
  targetBefore: any[][],
  targetAfter: any[][],
  bufferBefore: any[][],
  bufferAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
): any[][] {
  return mapRows(
    named(TARGET_BUFFER_CONTROL, [
      targetBefore,
      targetAfter,
      bufferBefore,
      bufferAfter,
      controlBefore,
      controlAfter,
    ]),
    displacementRow,
  );
}

const EVALUATE_HEADER = [
  "Change in target",
  "Poisson Z",
  "E-test p",
  "RES",
  "RES lower",
  "RES upper",
  "WDQ",
  "Total net effect",
  "WDD",
  "WDD lower",
  "WDD upper",
  "Interpretation",
];

type Piece = (s: SixCounts, confidence: number) => unknown;

/** One piece of an evaluation row; an undefined piece becomes its own error cell. */
function attempt(piece: Piece, s: SixCounts, confidence: number): unknown {
  try {
    return piece(s, confidence);
  } catch (e) {
    return toExcelError(e);
  }
}

const changeOf: Piece = ({ t }) => {
  if (t.before === 0) return errorCell("#DIV/0!", "targetBefore is 0, so a percentage change is undefined.");
  return percentChange(t.before, t.after);
};
const zOf: Piece = ({ t }) => corePoissonZ(t.before, t.after);
const eTestOf: Piece = ({ t }) => coreETest(t.before, t.after, 1, 1);
const resOf: Piece = ({ t, c }, confidence) =>
  relativeEffectSize(t.before, t.after, c.before, c.after, { confidence });
const wdqOf: Piece = ({ t, b, c }) => coreWdq(t, b, c);
const netOf: Piece = ({ t, b, c }) => totalNetEffect(t, b, c);
const wddOf: Piece = ({ t, b, c }, confidence) =>
  wddCells(coreWdd({ target: t, control: c, buffer: b, confidence }));

function evaluateRow(cells: unknown[]): RowResult {
  const s = readSix(cells);
  if (isExcelError(s)) return s;
  const conf = readConfidence(cells[6]);
  if (typeof conf !== "number") return conf;
  const r = attempt(resOf, s, conf) as ResResult | ExcelResultError;
  const w = attempt(wddOf, s, conf) as unknown[] | ExcelResultError;
  const failed = isExcelError(r);
  const wFailed = isExcelError(w);
  return [
    attempt(changeOf, s, conf),
    attempt(zOf, s, conf),
    attempt(eTestOf, s, conf),
    failed ? r : r.res,
    failed ? r : r.lower,
    failed ? r : r.upper,
    attempt(wdqOf, s, conf),
    attempt(netOf, s, conf),
    wFailed ? w : w[0],
    wFailed ? w : w[3],
    wFailed ? w : w[4],
    attempt(reading, s, conf),
  ];
}

/**
 * A whole evaluation table in one spill: a header row, then for each row change, Poisson Z, E-test, RES with limits, WDQ, net effect, WDD with limits and a reading.
 * @customfunction EVALUATE
 * @param targetBefore Target area count before: a cell or a column (one operation or area per row).
 * @param targetAfter Target area count after.
 * @param bufferBefore Buffer area count before.
 * @param bufferAfter Buffer area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @param [confidence] Confidence level for the limits, e.g. 0.95 (the default).
 * @returns A table with a header row and twelve columns.
 */
export function evaluate(
  targetBefore: any[][],
  targetAfter: any[][],
  bufferBefore: any[][],
  bufferAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
  confidence?: any[][],
): any[][] {
  const rows = mapRows(
    named(
      [...TARGET_BUFFER_CONTROL, "confidence"],
      [targetBefore, targetAfter, bufferBefore, bufferAfter, controlBefore, controlAfter, confidence],
    ),
    evaluateRow,
    EVALUATE_HEADER.length,
  );
  // A whole-call failure (e.g. ranges of different lengths) is one error cell, not a table.
  if (rows.length === 1 && rows[0].length === 1 && isExcelError(rows[0][0])) return rows;
  return [EVALUATE_HEADER, ...rows];
}

export const DISPLACEMENT_FUNCTIONS = [
  { id: "HARM.RES", fn: res, required: 4, spill: perRow(1) },
  { id: "HARM.RES.CI", fn: resCi, required: 4, spill: perRow(2) },
  { id: "HARM.WDQ", fn: wdq, required: 6, spill: perRow(1) },
  { id: "HARM.NETEFFECT", fn: netEffect, required: 6, spill: perRow(1) },
  { id: "HARM.WDD", fn: wdd, required: 4, spill: perRow(5) },
  { id: "HARM.DISPLACEMENT", fn: displacement, required: 6, spill: perRow(1) },
  { id: "HARM.EVALUATE", fn: evaluate, required: 6, spill: perRow(12, { header: true }) },
] as const satisfies readonly HarmFunction[];
