/**
 * Target/buffer/control functions: HARM.RES, HARM.RES.CI, HARM.WDQ,
 * HARM.NETEFFECT, HARM.WDD and HARM.DISPLACEMENT (HARM.EVALUATE is in
 * ./evaluate). Each row of counts gives one row of results (see mapRows in ./excel).
 */
import "./shim";
import {
  interpretDisplacement,
  netEffectCi,
  relativeEffectSize,
  wdd as coreWdd,
  wdq as coreWdq,
  type WddInput,
} from "../core/stats";
import { netEffectEstimates } from "../core/stats/netEffect";
import { valueError } from "../core/errors";
import {
  named,
  readOptionalCount,
  readFour,
  readRowOptions,
  readSix,
  readSixOptionalBuffer,
  TARGET_BUFFER_CONTROL,
  TARGET_CONTROL,
  wddCells,
  type SixCounts,
} from "./args";
import { finiteText, isBlank, isExcelError, mapRows, toExcelError, toNumber, type RowResult } from "./excel";
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
  const o = readRowOptions(cells, 4);
  if (isExcelError(o)) return o;
  const r = relativeEffectSize(s.t.before, s.t.after, s.c.before, s.c.after, o);
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

/** A function of the six counts alone (HARM.WDQ, HARM.DISPLACEMENT): one core measure on each row of them. */
const bySixCounts = (counts: unknown[], measure: (s: SixCounts) => unknown): any[][] =>
  mapRows(named(TARGET_BUFFER_CONTROL, counts), (c): RowResult => {
    const s = readSix(c);
    return isExcelError(s) ? s : [measure(s)];
  });

const wdqOf = (s: SixCounts): number => coreWdq(s.t, s.b, s.c);
/** Core's reading of the WDQ; an overflowed figure in it is refused (#NUM!). */
const reading = (s: SixCounts): string => finiteText(interpretDisplacement(s.t, s.b, s.c).text);

/** The net effect alone: T0·C1/C0 − T1 (+ B0·C1/C0 − B1), as HARM.NETEFFECT has always given. */
function netEffectRow(cells: unknown[]): RowResult {
  const s = readSixOptionalBuffer(cells);
  if (isExcelError(s)) return s;
  return [netEffectEstimates({ target: s.t, buffer: s.b, control: s.c }, "The total net effect").estimate];
}

/** The net effect with its delta-method interval (docs/methods.md, Net effect). */
function netEffectIntervalRow(cells: unknown[]): RowResult {
  const s = readSixOptionalBuffer(cells);
  if (isExcelError(s)) return s;
  const o = readRowOptions(cells, 6);
  if (isExcelError(o)) return o;
  const r = netEffectCi({ target: s.t, buffer: s.b, control: s.c, ...o });
  return [r.estimate, r.lower, r.upper];
}

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
  return bySixCounts(
    [targetBefore, targetAfter, bufferBefore, bufferAfter, controlBefore, controlAfter],
    wdqOf,
  );
}

const NET_EFFECT_ARGS = [...TARGET_BUFFER_CONTROL, "confidence", "dispersion"];

/**
 * Total net effect: crimes prevented in the target and buffer areas against the control's trend (Bowers & Johnson 2003). Give a confidence to spill the estimate with its interval.
 * @customfunction NETEFFECT
 * @param targetBefore Target area count before: a cell or a column.
 * @param targetAfter Target area count after.
 * @param bufferBefore Buffer area count before. Leave both buffer counts blank if there is no buffer.
 * @param bufferAfter Buffer area count after.
 * @param controlBefore Control area count before.
 * @param controlAfter Control area count after.
 * @param [confidence] Confidence level, e.g. 0.95. Given (or a dispersion given), the result spills estimate, lower and upper limits.
 * @param [dispersion] Overdispersion factor of 1 or more to widen the interval. Leave blank for 1.
 * @returns Crimes prevented (negative means more crime than expected); with a confidence, also the interval.
 */
export function netEffect(
  targetBefore: any[][],
  targetAfter: any[][],
  bufferBefore: any[][],
  bufferAfter: any[][],
  controlBefore: any[][],
  controlAfter: any[][],
  confidence?: any[][],
  dispersion?: any[][],
): any[][] {
  const interval = !isBlank(confidence) || !isBlank(dispersion);
  const values = [targetBefore, targetAfter, bufferBefore, bufferAfter, controlBefore, controlAfter];
  return interval
    ? mapRows(named(NET_EFFECT_ARGS, [...values, confidence, dispersion]), netEffectIntervalRow, 3)
    : mapRows(named(TARGET_BUFFER_CONTROL, values), netEffectRow);
}

/** The WDD's per-row arguments, in Excel's order without areaWeights (read once per call). */
const WDD_ARGS = [
  ...TARGET_CONTROL,
  "bufferBefore",
  "bufferAfter",
  "bufferControlBefore",
  "bufferControlAfter",
  "confidence",
  "beforeLength",
  "afterLength",
  "dispersion",
] as const;

const AREA_WEIGHT_KEYS = ["target", "control", "buffer", "bufferControl"] as const;
const AREA_WEIGHT_LABELS = ["target", "control", "buffer", "buffer control"];

/**
 * areaWeights: up to four weights in the order target, control, buffer,
 * buffer control (a row or a column); a blank cell is 1. Any weight given
 * states the areas are on a comparable scale, so the factor-of-2 rule is off
 * (docs/methods.md, Comparability rule). Blank altogether: undefined.
 */
function readAreaWeights(v: unknown): WddInput["areaWeights"] {
  if (isBlank(v)) return undefined;
  const cells = Array.isArray(v) ? (v as unknown[]).flat() : [v];
  if (cells.length > AREA_WEIGHT_KEYS.length)
    throw valueError(
      `areaWeights has ${cells.length} cells; give at most four (target, control, buffer, buffer control).`,
    );
  const weights: NonNullable<WddInput["areaWeights"]> = {};
  cells.forEach((cell, i) => {
    if (isBlank(cell)) return;
    const label = AREA_WEIGHT_LABELS[i];
    const w = toNumber(cell, `The area weight for the ${label}`);
    if (!(w > 0)) throw valueError(`The area weight for the ${label} must be greater than 0; got ${w}.`);
    weights[AREA_WEIGHT_KEYS[i]] = w;
  });
  return weights;
}

/** One row of the WDD under the call's area weights. */
const wddRow =
  (areaWeights: WddInput["areaWeights"]) =>
  (c: unknown[]): RowResult => {
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
      throw valueError(
        "A buffer control area needs buffer counts too; fill in bufferBefore and bufferAfter.",
      );
    const o = readRowOptions(c, 8, true);
    if (isExcelError(o)) return o;
    const r = coreWdd({
      target: s.t,
      control: s.c,
      buffer: bb === undefined || ba === undefined ? undefined : { before: bb, after: ba },
      bufferControl: dcb === undefined || dca === undefined ? undefined : { before: dcb, after: dca },
      ...o,
      areaWeights,
    });
    return wddCells(r);
  };

/**
 * Weighted displacement difference (Wheeler & Ratcliffe 2018), spilling estimate, standard error, Z, lower and upper limits. Not given (#N/A) when an area's and its control's before counts differ by more than 2 times, unless area weights are given.
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
 * @param [beforeLength] Length of the before period (days or months). Leave both lengths blank for equal periods.
 * @param [afterLength] Length of the after period, in the same units.
 * @param [areaWeights] Up to four area weights: target, control, buffer, buffer control (blank = 1). Given, the size rule is not applied.
 * @param [dispersion] Overdispersion factor of 1 or more to widen the interval. Leave blank for 1.
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
  beforeLength?: any[][],
  afterLength?: any[][],
  areaWeights?: any[][],
  dispersion?: any[][],
): any[][] {
  let weights: WddInput["areaWeights"];
  try {
    weights = readAreaWeights(areaWeights ?? null);
  } catch (e) {
    return [[toExcelError(e)]];
  }
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
    beforeLength,
    afterLength,
    dispersion,
  ];
  return mapRows(named(WDD_ARGS, values), wddRow(weights), 5);
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
  return bySixCounts(
    [targetBefore, targetAfter, bufferBefore, bufferAfter, controlBefore, controlAfter],
    reading,
  );
}

/** WDD: one row per input row; areaWeights (argument 12) is one small range for the whole call. */
const wddSpill: HarmFunction["spill"] = (args) => perRow(5)(args.filter((_, i) => i !== 11));

export const DISPLACEMENT_FUNCTIONS = [
  { id: "HARM.RES", fn: res, required: 4, spill: perRow(1) },
  { id: "HARM.RES.CI", fn: resCi, required: 4, spill: perRow(2) },
  { id: "HARM.WDQ", fn: wdq, required: 6, spill: perRow(1) },
  {
    id: "HARM.NETEFFECT",
    fn: netEffect,
    required: 6,
    // Estimate, lower, upper when a confidence or dispersion is given; the estimate alone otherwise.
    spill: (args) => perRow(args.length > 6 ? 3 : 1)(args),
  },
  { id: "HARM.WDD", fn: wdd, required: 4, spill: wddSpill },
  { id: "HARM.DISPLACEMENT", fn: displacement, required: 6, spill: perRow(1) },
] as const satisfies readonly HarmFunction[];
