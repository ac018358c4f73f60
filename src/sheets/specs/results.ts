/**
 * Results sheet: before/after counts for target, buffer and control areas and
 * the evaluation statistics as native formulas (live in Excel and LibreOffice)
 * with cached values from src/core/stats (shown where nothing recalculates).
 */
import { isHarmError } from "../../core/errors";
import {
  eTest,
  interpretDisplacement,
  percentChange,
  poissonZ,
  relativeEffectSize,
  totalNetEffect,
  wdd,
  wdq,
  type DisplacementReading,
} from "../../core/stats";
import type { Scalar } from "../model";
import { TABLE_GROWTH, type ColumnSpec, type RowRef, type RowValues, type SheetSpec } from "./layout";
import { TAB_COLOURS, type ResultsRow, type SpecContext } from "./input";
import { HARM_LABEL_LIST, blankRows } from "./common";

/** Shown where a statistic is undefined for the counts given (e.g. a zero count). */
export const UNDEFINED_TEXT = "n/a";
const EDGE = "0.000000001"; // band edges snapped as in src/core/stats/interpret.ts
const Z95 = "NORM.S.INV(0.975)";

/** Short displacement readings; the native IF chain and the cached value both use these. */
export const READINGS = {
  controlZero: "Cannot tell: control has a zero count",
  noEffect: "Cannot tell: target moved with control",
  notImproved: "Target did not improve",
  diffusionGreater: "Diffusion greater than direct effect",
  diffusion: "Diffusion of benefits",
  none: "No displacement or diffusion",
  partial: "Some displacement, net gain",
  cancelled: "Displacement cancelled the gain",
} as const;

export function shortReading(r: DisplacementReading): string {
  switch (r.verdict) {
    case "undefined":
      return r.sm === null ? READINGS.controlZero : READINGS.noEffect;
    case "target-not-improved":
      return READINGS.notImproved;
    case "diffusion-greater":
      return READINGS.diffusionGreater;
    case "diffusion":
      return READINGS.diffusion;
    case "none":
      return READINGS.none;
    case "displacement-partial":
      return READINGS.partial;
    case "displacement-cancelled":
      return READINGS.cancelled;
  }
}

/** Runs a core statistic; an undefined case (HarmError) becomes the short "n/a" text. */
function tryCore<T>(f: () => T): T | typeof UNDEFINED_TEXT {
  try {
    return f();
  } catch (e) {
    if (isHarmError(e)) return UNDEFINED_TEXT;
    throw e;
  }
}

const pick = <T>(v: T | typeof UNDEFINED_TEXT, f: (x: T) => Scalar): Scalar =>
  v === UNDEFINED_TEXT ? UNDEFINED_TEXT : f(v as T);

/** Cached values of the computed columns for one row, from src/core/stats. */
export function resultsCache(row: ResultsRow): Record<string, Scalar> {
  const t = row.target;
  const c = row.control;
  const b = row.buffer;
  const z = tryCore(() => poissonZ(t.before, t.after));
  const res = tryCore(() => relativeEffectSize(t.before, t.after, c.before, c.after, { confidence: 0.95 }));
  const w = tryCore(() => wdd({ target: t, control: c, buffer: b, confidence: 0.95 }));
  return {
    change: tryCore(() => percentChange(t.before, t.after)),
    z,
    significant: typeof z === "number" ? (Math.abs(z) >= 3 ? (z < 0 ? "Yes: fell" : "Yes: rose") : "No") : "",
    eTestP: tryCore(() => eTest(t.after, t.before)),
    res: pick(res, (r) => r.res),
    resLower: pick(res, (r) => r.lower),
    resUpper: pick(res, (r) => r.upper),
    wdq: b ? tryCore(() => wdq(t, b, c)) : "",
    tne: b ? tryCore(() => totalNetEffect(t, b, c)) : "",
    wdd: pick(w, (r) => r.estimate),
    wddLower: pick(w, (r) => r.lower),
    wddUpper: pick(w, (r) => r.upper),
    reading: b ? tryCore(() => shortReading(interpretDisplacement(t, b, c))) : "",
    ...(row.harmWeighted ? harmWeightedCache(row.harmWeighted.wdd) : {}),
  };
}

/** Computed columns whose formulas assume plain counts; a harm-total row stores these instead. */
export const HARM_STORED_KEYS = [
  "z",
  "significant",
  "eTestP",
  "resLower",
  "resUpper",
  "wdd",
  "wddLower",
  "wddUpper",
];

function harmWeightedCache(
  w: { estimate: number; lower: number; upper: number } | null,
): Record<string, Scalar> {
  return {
    z: UNDEFINED_TEXT,
    significant: UNDEFINED_TEXT,
    eTestP: UNDEFINED_TEXT,
    resLower: UNDEFINED_TEXT,
    resUpper: UNDEFINED_TEXT,
    wdd: w ? w.estimate : UNDEFINED_TEXT,
    wddLower: w ? w.lower : UNDEFINED_TEXT,
    wddUpper: w ? w.upper : UNDEFINED_TEXT,
  };
}

// ---- native formulas (same-row A1 references) ----

const cells = (r: RowRef) => ({
  t0: r.at("tBefore"),
  t1: r.at("tAfter"),
  b0: r.at("bBefore"),
  b1: r.at("bAfter"),
  c0: r.at("cBefore"),
  c1: r.at("cAfter"),
});
const NA = `"${UNDEFINED_TEXT}"`;

/** Blank until all `refs` hold numbers; "n/a" for negative counts. */
const guard = (refs: string[], body: string): string =>
  `=IF(COUNT(${refs.join(",")})<${refs.length},"",IF(MIN(${refs.join(",")})<0,${NA},${body}))`;

const hasBuffer = (b0: string, b1: string) => `COUNT(${b0},${b1})=2`;

export const RESULTS_FORMULAS: Record<string, (r: RowRef) => string> = {
  change: (r) => {
    const { t0, t1 } = cells(r);
    return guard([t0, t1], `IF(${t0}=0,${NA},(${t1}-${t0})/${t0})`);
  },
  z: (r) => {
    const { t0, t1 } = cells(r);
    return guard([t0, t1], `2*(SQRT(${t1})-SQRT(${t0}))`);
  },
  significant: (r) => {
    const z = r.at("z");
    return `=IF(ISNUMBER(${z}),IF(ABS(${z})>=3,IF(${z}<0,"Yes: fell","Yes: rose"),"No"),"")`;
  },
  res: (r) => {
    const { t0, t1, c0, c1 } = cells(r);
    return guard([t0, t1, c0, c1], `IF(MIN(${t0},${t1},${c0},${c1})=0,${NA},(${t0}*${c1})/(${t1}*${c0}))`);
  },
  resLower: (r) => resBound(r, "-"),
  resUpper: (r) => resBound(r, "+"),
  wdq: (r) => {
    const { t0, t1, b0, b1, c0, c1 } = cells(r);
    const sm = `(${t1}/${c1}-${t0}/${c0})`;
    return guard(
      [t0, t1, b0, b1, c0, c1],
      `IF(OR(${c0}=0,${c1}=0),${NA},IF(${sm}=0,${NA},(${b1}/${c1}-${b0}/${c0})/${sm}))`,
    );
  },
  tne: (r) => {
    const { t0, t1, b0, b1, c0, c1 } = cells(r);
    const trend = `(${c1}/${c0})`;
    return guard([t0, t1, b0, b1, c0, c1], `IF(${c0}=0,${NA},(${t0}*${trend}-${t1})+(${b0}*${trend}-${b1}))`);
  },
  wdd: (r) => {
    const { t0, t1, b0, b1, c0, c1 } = cells(r);
    const hb = hasBuffer(b0, b1);
    const variance = `(${t0}+${t1}+${c0}+${c1}+IF(${hb},${b0}+${b1},0))`;
    return guard(
      [t0, t1, c0, c1],
      `IF(AND(${hb},MIN(${b0},${b1})<0),${NA},IF(${variance}=0,${NA},(${t1}-${t0})-(${c1}-${c0})+IF(${hb},${b1}-${b0},0)))`,
    );
  },
  wddLower: (r) => wddBound(r, "-"),
  wddUpper: (r) => wddBound(r, "+"),
  reading: (r) => {
    const { t0, t1, b0, b1, c0, c1 } = cells(r);
    const sm = `(${t1}/${c1}-${t0}/${c0})`;
    const w = r.at("wdq");
    const q = (s: string) => `"${s}"`;
    const chain =
      `IF(OR(${c0}=0,${c1}=0),${q(READINGS.controlZero)},` +
      `IF(${sm}=0,${q(READINGS.noEffect)},` +
      `IF(${sm}>0,${q(READINGS.notImproved)},` +
      `IF(${w}>1+${EDGE},${q(READINGS.diffusionGreater)},` +
      `IF(${w}>${EDGE},${q(READINGS.diffusion)},` +
      `IF(${w}>=-${EDGE},${q(READINGS.none)},` +
      `IF(${w}>-1+${EDGE},${q(READINGS.partial)},${q(READINGS.cancelled)})))))))`;
    return guard([t0, t1, b0, b1, c0, c1], chain);
  },
};

function resBound(r: RowRef, sign: "+" | "-"): string {
  const { t0, t1, c0, c1 } = cells(r);
  const res = r.at("res");
  return `=IF(ISNUMBER(${res}),EXP(LN(${res})${sign}${Z95}*SQRT(1/${t0}+1/${t1}+1/${c0}+1/${c1})),${res})`;
}

function wddBound(r: RowRef, sign: "+" | "-"): string {
  const { t0, t1, b0, b1, c0, c1 } = cells(r);
  const w = r.at("wdd");
  const variance = `(${t0}+${t1}+${c0}+${c1}+IF(${hasBuffer(b0, b1)},${b0}+${b1},0))`;
  return `=IF(ISNUMBER(${w}),${w}${sign}${Z95}*SQRT(${variance}),${w})`;
}

const input = (key: string, header: string, help: string): ColumnSpec => ({
  key,
  header,
  help,
  width: 10,
  validation: { kind: "decimal", min: 0 },
});

const computed = (key: string, header: string, help: string, format?: string, width = 11): ColumnSpec => ({
  key,
  header,
  help,
  width,
  computed: true,
  format,
  formula: RESULTS_FORMULAS[key],
});

export const RESULTS_COLUMNS: ColumnSpec[] = [
  {
    key: "measure",
    header: "Measure",
    help: "The outcome measure (see the Measures sheet).",
    width: 30,
    wrap: true,
  },
  {
    key: "harm",
    header: "Harm",
    help: "The harm it tracks (Harm Matrix list).",
    width: 26,
    wrap: true,
    validation: HARM_LABEL_LIST,
  },
  input("tBefore", "Target before", "Count (or harm total) in the target area, before period."),
  input("tAfter", "Target after", "Count in the target area, after period."),
  input(
    "bBefore",
    "Buffer before",
    "Count in the buffer area, before period. Leave blank if there is no buffer.",
  ),
  input("bAfter", "Buffer after", "Count in the buffer area, after period."),
  input("cBefore", "Control before", "Count in the control area, before period."),
  input("cAfter", "Control after", "Count in the control area, after period."),
  computed(
    "change",
    "Change %",
    "(after − before) ÷ before in the target area; n/a when before is 0.",
    "0.0%",
  ),
  computed("z", "Poisson Z", "2 × (√after − √before) for the target area (Wheeler 2016).", "0.00"),
  computed(
    "significant",
    "Significant?",
    "Flags |Z| ≥ 3, Wheeler's (2016) threshold for a change worth acting on.",
    undefined,
    12,
  ),
  {
    key: "eTestP",
    header: "E-test p",
    help: "Two-sided E-test p-value for target before vs after (Krishnamoorthy & Thomson 2004). No native Excel formula exists, so this is a stored value worked out when the sheet was built: it does not update when you edit the counts (use =HARM.ETEST instead for a live value).",
    width: 10,
    computed: true,
    format: "0.000",
  },
  computed(
    "res",
    "RES",
    "Relative effect size (a·d)/(b·c) with a, b = target before/after and c, d = control before/after; above 1 means the target improved relative to control (Welsh & Farrington 2002). n/a with a zero count.",
    "0.00",
  ),
  computed("resLower", "RES lower 95%", "Lower 95% limit of RES (Poisson variance).", "0.00"),
  computed("resUpper", "RES upper 95%", "Upper 95% limit of RES.", "0.00"),
  computed(
    "wdq",
    "WDQ",
    "Weighted displacement quotient (Bowers & Johnson 2003): buffer change ÷ target change, both relative to control. Needs a buffer; n/a when the control has a zero count or the target moved with the control.",
    "0.00",
  ),
  computed(
    "tne",
    "Total net effect",
    "Crimes prevented in target plus buffer against the control trend (Bowers & Johnson 2003); positive is good. Needs a buffer.",
    "0.0",
  ),
  computed(
    "wdd",
    "WDD",
    "Weighted displacement difference (Wheeler & Ratcliffe 2018): (T1−T0) − (C1−C0) + (B1−B0); negative means crime fell. Works without a buffer.",
    "0.0",
  ),
  computed("wddLower", "WDD lower 95%", "WDD − 1.96 × √(sum of all counts).", "0.0"),
  computed("wddUpper", "WDD upper 95%", "WDD + 1.96 × √(sum of all counts).", "0.0"),
  computed(
    "reading",
    "Displacement reading",
    "Plain reading of the WDQ after Guerette (2009, Appendix C). Only meaningful when the target improved relative to control.",
    undefined,
    30,
  ),
  {
    key: "note",
    header: "Note",
    help: "Context, data caveats, events in the period.",
    width: 30,
    wrap: true,
  },
];

export function resultsRows(results: ResultsRow[] | undefined): RowValues[] {
  if (!results || results.length === 0) return blankRows(2);
  return results.map((r) => {
    const cache: RowValues = resultsCache(r);
    // Harm totals: the count-based formulas would mislead, so those cells hold stored values.
    if (r.harmWeighted) for (const k of HARM_STORED_KEYS) cache[k] = { stored: cache[k] as Scalar };
    return {
      measure: r.measure,
      harm: r.harm ?? "",
      tBefore: r.target.before,
      tAfter: r.target.after,
      bBefore: r.buffer ? r.buffer.before : null,
      bAfter: r.buffer ? r.buffer.after : null,
      cBefore: r.control.before,
      cAfter: r.control.after,
      note: r.note ?? "",
      ...cache,
    };
  });
}

export function resultsSpec(ctx: SpecContext): SheetSpec {
  return {
    key: "results",
    name: "Results",
    tabColour: TAB_COLOURS.results,
    title: "Results: did the harms fall, and did they move?",
    source:
      "Sources: formulas after Wheeler 2016; Welsh & Farrington 2002; Bowers & Johnson 2003; Guerette 2009; Wheeler & Ratcliffe 2018. Step 6 of UKDPC 2009, Chapter 4.",
    help: [
      "Enter before and after counts for each measure in the target, buffer and control areas (same length periods, see the Operation sheet).",
      "The shaded columns work themselves out; 'n/a' means the statistic is undefined for these counts (usually a zero), blank means inputs are missing.",
      "Judge changes against the control area and look for displacement into the buffer before claiming success; be conservative about impact.",
    ],
    titleSpan: 12,
    blocks: [
      {
        id: "results",
        kind: "table",
        table: {
          name: "HP_Results",
          columns: RESULTS_COLUMNS,
          rows: resultsRows(ctx.input.results),
          // Rows the analyst adds still count in the Summary's totals by area.
          growth: TABLE_GROWTH,
        },
      },
    ],
    mainTable: "results",
  };
}
