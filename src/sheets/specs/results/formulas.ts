/**
 * The Results sheet's native formulas: the same figures, checks and verdict
 * as src/core/stats/evaluate.ts, written so Excel and LibreOffice work them
 * out without the add-in. test/sheets/specs/results.test.ts evaluates them in
 * HyperFormula against the core on many rows, so the two cannot drift.
 */
import type { RowRef } from "../layout";
import { MIN_SIMILAR_FOR_5 } from "../../../core/stats/dispersion";
import { ALPHA } from "../../../core/stats/verdict";

/** Shown where a statistic is undefined for the counts given (e.g. a zero count). */
export const UNDEFINED_TEXT = "n/a";
export const HARM_KIND = "Harm total";
export const COUNT_KIND = "Counts";

/** Short displacement readings; the native IF chain and the cached value both use these. */
export const READINGS = {
  controlZero: "Cannot tell: control has a zero count",
  notImproved: "Target did not improve: cannot judge",
  diffusionGreater: "Diffusion greater than direct effect",
  diffusion: "Diffusion of benefits",
  none: "No displacement or diffusion",
  partial: "Some displacement, net gain",
  cancelled: "Displacement cancelled the gain",
  bufferNoChange: "No clear change in the buffer",
} as const;

/** Absolute addresses of the sheet's settings cells, worked out once for every row. */
export interface Settings {
  beforeLength: string;
  afterLength: string;
  unit: string;
  dispersion: string;
  /** r = after length ÷ before length; exactly 1 when the lengths are equal or not given. */
  ratio: string;
  /** The before period's WDD time weight L0/L1; 1 when r = 1. */
  weight: string;
  /** "Periods differ (…): rates compared over equal time. " or blank. */
  periodsNote: string;
}

/** The settings cells' own formulas, from the lengths and unit. */
export function settingsFormulas(s: Pick<Settings, "beforeLength" | "afterLength" | "unit">): {
  ratio: string;
  weight: string;
  periodsNote: string;
} {
  const { beforeLength: L0, afterLength: L1, unit: U } = s;
  const differ = `AND(ISNUMBER(${L0}),ISNUMBER(${L1}),${L0}<>${L1})`;
  const one = `IF(${U}="days","day","month")`;
  const describe =
    `IF(${U}="",${L0}&" vs "&${L1},IF(AND(${L0}<>1,${L1}<>1),${L0}&" vs "&${L1}&" "&${U},` +
    `${L0}&" "&IF(${L0}=1,${one},${U})&" vs "&${L1}&" "&IF(${L1}=1,${one},${U})))`;
  return {
    ratio: `=IF(${differ},${L1}/${L0},1)`,
    weight: `=IF(${differ},${L0}/${L1},1)`,
    periodsNote: `=IF(${differ},"Periods differ ("&${describe}&"): rates compared over equal time. ","")`,
  };
}

const NA = `"${UNDEFINED_TEXT}"`;
const Z95 = "NORM.S.INV(0.975)";
const EDGE = "0.000000001"; // band edges snapped as in src/core/stats/interpret.ts

/** The row's cells and the expressions every formula shares. */
function parts(r: RowRef, s: Settings) {
  const t0 = r.at("tBefore");
  const t1 = r.at("tAfter");
  const b0 = r.at("bBefore");
  const b1 = r.at("bAfter");
  const c0 = r.at("cBefore");
  const c1 = r.at("cAfter");
  // Lengths given and different: rates; otherwise every formula is exactly its count form.
  const same = `${s.ratio}=1`;
  const r01 = s.ratio;
  const w0 = s.weight;
  const hb = `COUNT(${b0},${b1})=2`;
  const harm = `${r.at("kind")}="${HARM_KIND}"`;
  // The dispersion typed on the Operation sheet overrides the row's estimate from the data.
  const rd = r.at("dispersion");
  const D = `IF(ISNUMBER(${s.dispersion}),${s.dispersion},IF(AND(ISNUMBER(${rd}),${rd}>=1),${rd},1))`;
  return { t0, t1, b0, b1, c0, c1, same, r01, w0, hb, harm, D };
}

/** Blank until all `refs` hold numbers; "n/a" for negative counts. */
const guard = (refs: string[], body: string): string =>
  `=IF(COUNT(${refs.join(",")})<${refs.length},"",IF(MIN(${refs.join(",")})<0,${NA},${body}))`;

/** Delta-method variance of S0·C1/C0 − S1 (src/core/stats/netEffect.ts). */
export function netEffectVariance(s0: string, s1: string, c0: string, c1: string): string {
  const trend = `(${c1}/${c0})`;
  const g = `(${s0}/${c0})`;
  return `(${s1}+${trend}*${trend}*${s0}+${g}*${g}*${c1}+${g}*${trend}*(${g}*${trend})*${c0})`;
}

function netEffect(r: RowRef, s: Settings) {
  const p = parts(r, s);
  const s0 = `(${p.t0}+IF(${p.hb},${p.b0},0))`;
  const s1 = `(${p.t1}+IF(${p.hb},${p.b1},0))`;
  const trend = `(${p.c1}/${p.c0})`;
  const estimate = `IF(${p.hb},(${p.t0}*${trend}-${p.t1})+(${p.b0}*${trend}-${p.b1}),${p.t0}*${trend}-${p.t1})`;
  return { p, estimate, variance: netEffectVariance(s0, s1, p.c0, p.c1) };
}

/** WDD estimate and variance with time weights and the control scaled to the buffer (src/core/stats/wdd.ts). */
function wddParts(r: RowRef, s: Settings) {
  const p = parts(r, s);
  const { t0, t1, b0, b1, c0, c1, w0, hb } = p;
  const ct = `(${t1}-${t0}/${w0})`;
  const cc = `(${c1}-${c0}/${w0})`;
  const cb = `(${b1}-${b0}/${w0})`;
  const c0w = `(${c0}/${w0})`;
  const k = `((${b0}/${w0})/${c0w})`;
  const trend = `(${c1}/${c0w})`;
  const sq = (x: string) => `(${x})*(${x})`;
  const spreadT = `(${t0}/(${w0}*${w0})+${t1})`;
  const spreadC = `(${c0}/(${w0}*${w0})+${c1})`;
  const estimate = `IF(${hb},${ct}-${cc}+(${cb}-${k}*${cc}),${ct}-${cc})`;
  const variance =
    `IF(${hb},${spreadT}+${b1}+${trend}*${trend}*(${b0}/(${w0}*${w0}))+${sq(`1+${k}`)}*${c1}` +
    `+${sq(`1+${k}*${trend}`)}*(${c0}/(${w0}*${w0})),${spreadT}+${spreadC})`;
  // Areas whose before counts differ by more than 2 times are not compared unweighted.
  const comparable = `AND(${t0}>0,${c0}>0,MAX(${t0},${c0})<=2*MIN(${t0},${c0}))`;
  return { p, estimate, variance, comparable };
}

function checksText(r: RowRef, s: Settings): string {
  const { t0, t1, c0, same, harm, D } = parts(r, s);
  const missing = r.at("missing");
  const coverage = `IF(${missing}="","",${missing}&". ")`;
  const comparable = `AND(${t0}>0,${c0}>0,MAX(${t0},${c0})<=2*MIN(${t0},${c0}))`;
  const ratio = `MAX(${t0},${c0})/MIN(${t0},${c0})`;
  const shown = `IF(${ratio}>=10,ROUND(${ratio},0),ROUND(${ratio},2))`;
  const words =
    `IF(${t0}=0,"Target had no crimes before",IF(${c0}=0,"Control had no crimes before",` +
    `IF(${c0}>${t0},"Control is "&${shown}&" times the target's size","Target is "&${shown}&" times the control's size")))`;
  const size = `IF(${comparable},"",${words}&": the WDD is not shown and the net effect scales the control's trend to the target. ")`;
  const enough = `AND(${t0}>=10,${t1}>=10)`;
  const small =
    `IF(${enough},"","Target counts below 10 ("&${t0}&" before, "&${t1}&" after): ` +
    `intervals not judged; see the E-test. ")`;
  const harmTotals = `"Harm totals without counts per offence type: no interval for the headline. "`;
  const typed = `"Intervals widened for the dispersion typed on the Operation sheet ("&ROUND(${s.dispersion},4)&"). "`;
  const data = `"Counts vary "&ROUND(${D},1)&" times more than chance alone: intervals widened. "`;
  const dispersion = `IF(${D}=1,"",IF(ISNUMBER(${s.dispersion}),${typed},${data}))`;
  const dc = r.at("dataChecks");
  const dataChecks = `IF(${dc}="","",${dc}&" ")`;
  const wd = r.at("wdd");
  const ne = r.at("tne");
  const wdSig = `OR(${r.at("wddLower")}>0,${r.at("wddUpper")}<0)`;
  const neSig = `OR(${r.at("tneLower")}>0,${r.at("tneUpper")}<0)`;
  // IF, not AND: the limits are text ("n/a") when a figure is undefined, and only IF skips them.
  const disagree = `IF(AND(ISNUMBER(${wd}),ISNUMBER(${ne})),OR(${wdSig}<>${neSig},AND(${wdSig},${neSig},SIGN(${wd})=SIGN(${ne}))),FALSE())`;
  const wddNote =
    `IF(${disagree},"The WDD ("&ROUND(${wd},1)&") and the net effect ("&ROUND(${ne},1)&") disagree: ` +
    `the WDD compares raw changes without scaling the control to the target's size; read the net effect. ","")`;
  const passed = `IF(AND(${same},${missing}="",${comparable},${enough},NOT(${disagree}),${D}=1,${dc}=""),"All checks passed.","")`;
  // Each sentence ends ". "; TRIM drops the last space, as the core joins them.
  return `TRIM(${s.periodsNote}&${coverage}&IF(${harm},${harmTotals},${size}&${small}&${wddNote}&${passed})&${dispersion}&${dataChecks})`;
}

function verdict(r: RowRef, s: Settings): string {
  const { t0, t1, c0, harm } = parts(r, s);
  const missing = r.at("missing");
  const tne = r.at("tne");
  const L = r.at("tneLower");
  const U = r.at("tneUpper");
  const reason = `IF(${c0}=0,"the control had no crimes in the before period","the net effect cannot be worked out for these counts")`;
  const bl = `IF(MIN(ABS(${L}),ABS(${U}))<(${U}-${L})/10," (borderline)","")`;
  const simK = r.at("simAsLarge");
  const simN = r.at("simN");
  const rankReaches = `AND(ISNUMBER(${simN}),${simN}>=${MIN_SIMILAR_FOR_5})`;
  const rankP = `(${simK}+1)/(${simN}+1)`;
  const share = r.at("tneShare");
  const lyL = r.at("lyShareLower");
  const lyU = r.at("lyShareUpper");
  const yb = r.at("lyYears");
  const yearWords = `IF(${yb}=1,"last year",${yb}&" years ago")`;
  const ly = r.at("lyShare");
  const yearExplains = `AND(ISNUMBER(${lyL}),ISNUMBER(${lyU}),OR(AND(${share}>=${lyL},${share}<=${lyU},${ly}*${share}>0),AND(${lyL}>0,${share}>0),AND(${lyU}<0,${share}<0)))`;
  const holm = r.at("holmP");
  const label = (l: string) => `"${l}"&${bl}&": "`;
  return (
    `IF(${missing}<>"","Not judged: "&${missing},` +
    `IF(${harm},"Not judged: harm totals without counts per offence type",` +
    `IF(OR(${t0}<10,${t1}<10),"Not judged: target counts below 10; see the E-test",` +
    `IF(NOT(ISNUMBER(${tne})),"Not judged: "&${reason},` +
    `IF(AND(${L}<=0,${U}>=0),${label("No clear change")}&"the interval includes zero",` +
    `IF(AND(ISNUMBER(${holm}),${holm}>${ALPHA}),${label("No clear change")}&"not beyond chance once the other measures are allowed for (Holm)",` +
    `IF(AND(${rankReaches},${rankP}>${ALPHA}),${label("Not credited")}&${simK}&" of "&${simN}&" similar areas changed as much",` +
    `IF(${yearExplains},${label("Not credited")}&"a similar change happened in the same months "&${yearWords},` +
    `IF(AND(${r.at("highPoint")}="Yes",${L}>0,NOT(AND(${rankReaches},${rankP}<=${ALPHA}))),${label("Not credited")}&"the target was picked at a high point, so part of any fall was expected anyway",` +
    `IF(AND(${r.at("police")}="Yes",${U}<0),${label("Not credited")}&"a rise in a measure recorded when police find it may reflect more policing, not more harm",` +
    `${label("Credited")}&IF(${L}>0,"fewer","more")&" than expected"))))))))))`
  );
}

export type FormulaFor = (r: RowRef, s: Settings) => string;

export const RESULTS_FORMULAS: Record<string, FormulaFor> = {
  change: (r, s) => {
    const { t0, t1, same, r01 } = parts(r, s);
    return guard([t0, t1], `IF(${t0}=0,${NA},IF(${same},(${t1}-${t0})/${t0},${t1}/${r01}/${t0}-1))`);
  },
  z: (r, s) => {
    const { t0, t1, same, r01, harm } = parts(r, s);
    const rates = `2*(SQRT(${t1})-SQRT(${r01}*${t0}))*SQRT(2/(1+${r01}))`;
    return guard([t0, t1], `IF(${harm},${NA},IF(${same},2*(SQRT(${t1})-SQRT(${t0})),${rates}))`);
  },
  zFlag: (r) => {
    const z = r.at("z");
    return `=IF(ISNUMBER(${z}),IF(ABS(${z})>=3,IF(${z}<0,"Yes: fell","Yes: rose"),"No"),IF(${z}="${UNDEFINED_TEXT}",${NA},""))`;
  },
  res: (r, s) => {
    const { t0, t1, c0, c1 } = parts(r, s);
    return guard([t0, t1, c0, c1], `IF(MIN(${t0},${t1},${c0},${c1})=0,${NA},(${t0}*${c1})/(${t1}*${c0}))`);
  },
  resLower: (r, s) => resBound(r, s, "-"),
  resUpper: (r, s) => resBound(r, s, "+"),
  tne: (r, s) => {
    const { p, estimate, variance } = netEffect(r, s);
    const body = `IF(${p.harm},${NA},IF(AND(${p.hb},MIN(${p.b0},${p.b1})<0),${NA},IF(${p.c0}=0,${NA},IF(${variance}=0,${NA},${estimate}))))`;
    return guard([p.t0, p.t1, p.c0, p.c1], body);
  },
  tneLower: (r, s) => neBound(r, s, "-"),
  tneUpper: (r, s) => neBound(r, s, "+"),
  wdd: (r, s) => {
    const { p, estimate, variance, comparable } = wddParts(r, s);
    const body = `IF(${p.harm},${NA},IF(AND(${p.hb},MIN(${p.b0},${p.b1})<0),${NA},IF(NOT(${comparable}),${NA},IF(${variance}=0,${NA},${estimate}))))`;
    return guard([p.t0, p.t1, p.c0, p.c1], body);
  },
  wddLower: (r, s) => wddBound(r, s, "-"),
  wddUpper: (r, s) => wddBound(r, s, "+"),
  wdq: (r, s) => {
    const { t0, t1, b0, b1, c0, c1 } = parts(r, s);
    const sm = `(${t1}/${c1}-${t0}/${c0})`;
    return guard(
      [t0, t1, b0, b1, c0, c1],
      `IF(OR(${c0}=0,${c1}=0),${NA},IF(${sm}>=0,${NA},(${b1}/${c1}-${b0}/${c0})/${sm}))`,
    );
  },
  reading: (r, s) => {
    const { t0, t1, b0, b1, c0, c1, D } = parts(r, s);
    const sm = `(${t1}/${c1}-${t0}/${c0})`;
    const w = `((${b1}/${c1}-${b0}/${c0})/${sm})`;
    const q = (x: string) => `"${x}"`;
    // The buffer's own net effect against the control, and whether its interval includes zero.
    const bEst = `(${b0}*${c1}/${c0}-${b1})`;
    const bVar = netEffectVariance(b0, b1, c0, c1);
    const bWithin = `AND(${bVar}>0,ABS(${bEst})<=${Z95}*SQRT(${D}*${bVar}))`;
    const chain =
      `IF(OR(${c0}=0,${c1}=0),${q(READINGS.controlZero)},` +
      `IF(${sm}>=0,${q(READINGS.notImproved)},` +
      `IF(${bWithin},${q(READINGS.bufferNoChange)},` +
      `IF(${w}>1+${EDGE},${q(READINGS.diffusionGreater)},` +
      `IF(${w}>${EDGE},${q(READINGS.diffusion)},` +
      `IF(${w}>=-${EDGE},${q(READINGS.none)},` +
      `IF(${w}>-1+${EDGE},${q(READINGS.partial)},${q(READINGS.cancelled)})))))))`;
    return guard([t0, t1, b0, b1, c0, c1], chain);
  },
  checks: (r, s) => {
    const { t0, t1, c0, c1 } = parts(r, s);
    return guard([t0, t1, c0, c1], checksText(r, s));
  },
  verdict: (r, s) => {
    const { t0, t1, c0, c1 } = parts(r, s);
    return guard([t0, t1, c0, c1], verdict(r, s));
  },
  tRateBefore: (r, s) => rate(r.at("tBefore"), s.beforeLength, s.unit),
  tRateAfter: (r, s) => rate(r.at("tAfter"), s.afterLength, s.unit),
  cChange: (r, s) => {
    const { c0, c1, same, r01 } = parts(r, s);
    return guard([c0, c1], `IF(${c0}=0,${NA},IF(${same},(${c1}-${c0})/${c0},${c1}/${r01}/${c0}-1))`);
  },
  tneShare: (r, s) => {
    const { t1, b1, hb } = parts(r, s);
    const tne = r.at("tne");
    const expected = `(${tne}+${t1}+IF(${hb},${b1},0))`;
    return `=IF(ISNUMBER(${tne}),IF(${expected}>0,${tne}/${expected},0),${tne})`;
  },
};

/** Average days in a month, for a rate a month over periods counted in days. */
export const DAYS_A_MONTH = "(365.25/12)";

/** Crimes a month: the count over the period's length (days scaled to an average month), or the count itself without lengths. */
function rate(count: string, length: string, unit: string): string {
  return guard(
    [count],
    `IF(ISNUMBER(${length}),${count}/${length}*IF(${unit}="days",${DAYS_A_MONTH},1),${count})`,
  );
}

function resBound(r: RowRef, s: Settings, sign: "+" | "-"): string {
  const { t0, t1, c0, c1, D, harm } = parts(r, s);
  const res = r.at("res");
  return `=IF(${harm},${NA},IF(ISNUMBER(${res}),EXP(LN(${res})${sign}${Z95}*SQRT(${D}*(1/${t0}+1/${t1}+1/${c0}+1/${c1}))),${res}))`;
}

function neBound(r: RowRef, s: Settings, sign: "+" | "-"): string {
  const { p, variance } = netEffect(r, s);
  const tne = r.at("tne");
  return `=IF(ISNUMBER(${tne}),${tne}${sign}${Z95}*SQRT(${p.D}*${variance}),${tne})`;
}

function wddBound(r: RowRef, s: Settings, sign: "+" | "-"): string {
  const { p, variance } = wddParts(r, s);
  const w = r.at("wdd");
  return `=IF(ISNUMBER(${w}),${w}${sign}${Z95}*SQRT(${p.D}*${variance}),${w})`;
}
