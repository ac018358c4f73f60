/**
 * Target/buffer/control functions: HARM.RES, HARM.RES.CI, HARM.WDQ,
 * HARM.NETEFFECT, HARM.WDD and HARM.DISPLACEMENT (HARM.EVALUATE is in
 * ./evaluate). Each row of counts gives one row of results (see mapRows in ./excel).
 */
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

/** HARM.RES: Relative effect size. */
export function res(...args: any[][][]): any[][] {
  return mapRows(named(TARGET_CONTROL, args), resRow);
}

function resCiRow(cells: unknown[]): RowResult {
  const s = readFour(cells);
  if (isExcelError(s)) return s;
  const o = readRowOptions(cells, 4);
  if (isExcelError(o)) return o;
  const r = relativeEffectSize(s.t.before, s.t.after, s.c.before, s.c.after, o);
  return [r.lower, r.upper];
}

/** HARM.RES.CI: Lower and upper limits (two cells per row). */
export function resCi(...args: any[][][]): any[][] {
  return mapRows(named([...TARGET_CONTROL, "confidence", "dispersion"], args), resCiRow, 2);
}

/** A function of the six counts alone (HARM.WDQ, HARM.DISPLACEMENT): one core measure on each row of them. */
const bySixCounts =
  (measure: (s: SixCounts) => unknown) =>
  (...counts: any[][][]): any[][] =>
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

/** HARM.WDQ: above 0 suggests diffusion of benefits, below 0 displacement. */
export const wdq = bySixCounts(wdqOf);

const NET_EFFECT_ARGS = [...TARGET_BUFFER_CONTROL, "confidence", "dispersion"];

/** HARM.NETEFFECT: Crimes prevented (negative means more crime than expected); with a confidence, also the interval. */
export function netEffect(...args: any[][][]): any[][] {
  const interval = !isBlank(args[6]) || !isBlank(args[7]);
  return interval
    ? mapRows(named(NET_EFFECT_ARGS, args), netEffectIntervalRow, 3)
    : mapRows(named(TARGET_BUFFER_CONTROL, args), netEffectRow);
}

/** areaWeights' place among the WDD's arguments (metadata.ts): one small range for the whole call. */
const AREA_WEIGHTS = 11;
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

/** HARM.WDD: Estimate, standard error, Z, lower, upper (five cells per row). Negative means crime fell. */
export function wdd(...args: any[][][]): any[][] {
  let weights: WddInput["areaWeights"];
  try {
    weights = readAreaWeights(args[AREA_WEIGHTS] ?? null);
  } catch (e) {
    return [[toExcelError(e)]];
  }
  return mapRows(
    named(
      WDD_ARGS,
      args.filter((_, i) => i !== AREA_WEIGHTS),
    ),
    wddRow(weights),
    5,
  );
}

/** HARM.DISPLACEMENT: A sentence describing the result. */
export const displacement = bySixCounts(reading);

/** WDD: one row per input row; areaWeights is one small range for the whole call. */
const wddSpill: HarmFunction["spill"] = (args) => perRow(5)(args.filter((_, i) => i !== AREA_WEIGHTS));

export const DISPLACEMENT_FUNCTIONS = [
  { id: "HARM.RES", fn: res, spill: perRow(1) },
  { id: "HARM.RES.CI", fn: resCi, spill: perRow(2) },
  { id: "HARM.WDQ", fn: wdq, spill: perRow(1) },
  {
    id: "HARM.NETEFFECT",
    fn: netEffect,
    // Estimate, lower, upper when a confidence or dispersion is given; the estimate alone otherwise.
    spill: (args) => perRow(args.length > 6 ? 3 : 1)(args),
  },
  { id: "HARM.WDD", fn: wdd, spill: wddSpill },
  { id: "HARM.DISPLACEMENT", fn: displacement, spill: perRow(1) },
] as const satisfies readonly HarmFunction[];
