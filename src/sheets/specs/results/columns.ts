/**
 * The one typed list of Results figures: each column's header and help, its
 * native formula (formulas.ts), its cached value from the core evaluation,
 * whether a harm-total row stores it, whether it is read back into a
 * ResultsRow, and whether the Summary shows it. Columns, formulas, cached
 * values, the read-back and the Summary keys are all derived from this list.
 */
import type { ColumnSpec } from "../layout";
import { HARM_LABEL_LIST } from "../common";
import { computedColumn as computed, choiceColumn, numberColumn as input } from "../columns";
import type { EvaluationFigures, Figure } from "../../../core/stats/evaluate";
import type { RowContext } from "../../../core/stats/verdict";
import type { DisplacementReading } from "../../../core/stats/interpret";
import { dataChecksText } from "../../../core/stats/dataChecks";
import { monthlyRate } from "../../../core/evaluation/headline";
import type { OperationLengths } from "../../../core/operation";
import type { Scalar } from "../../model";
import type { ResultsRow } from "../input";
import { COUNT_KIND, HARM_KIND, READINGS, UNDEFINED_TEXT } from "./formulas";

/** What a cached value is worked out from. */
export interface CacheSource {
  row: ResultsRow;
  e: EvaluationFigures;
  lengths: OperationLengths | undefined;
}

export interface ResultsFigure {
  column: ColumnSpec;
  /** A figure the sheet works out: its cached value from the core. */
  cache?: (x: CacheSource) => Scalar;
  /** A value the count stores in the row (from the data), which the analyst may overwrite. */
  stored?: (row: ResultsRow) => Scalar;
  /** Harm-total rows hold the cached value instead of the count-based formula. */
  harmStored?: boolean;
  /** Read by the Summary's table (the limits as one interval, the verdict as its status word). */
  summary?: boolean;
}

const value = <T>(f: Figure<T>, pick: (v: T) => Scalar): Scalar =>
  f.defined ? pick(f.value) : UNDEFINED_TEXT;

export function shortReading(r: DisplacementReading): string {
  switch (r.verdict) {
    case "undefined":
      return READINGS.controlZero;
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
    case "buffer-no-change":
      return READINGS.bufferNoChange;
  }
}

const ctx = (row: ResultsRow): RowContext | undefined => row.context;
const yes = (b: boolean | undefined): Scalar => (b === undefined ? "" : b ? "Yes" : "No");
const lastYear = (row: ResultsRow) => {
  const y = ctx(row)?.lastYear;
  return y && y.available ? y : null;
};
const similar = (row: ResultsRow) => {
  const s = ctx(row)?.similar;
  return s && s.available ? s : null;
};
const fig = (
  column: ColumnSpec,
  cache: (x: CacheSource) => Scalar,
  extra: Omit<ResultsFigure, "column" | "cache"> = {},
): ResultsFigure => ({ column, cache, ...extra });
const storedFig = (column: ColumnSpec, stored: (row: ResultsRow) => Scalar): ResultsFigure => ({
  column,
  stored,
});

export const RESULTS_FIGURES: ResultsFigure[] = [
  {
    column: {
      key: "measure",
      header: "Measure",
      help: "The outcome measure (see the Measures sheet).",
      width: 30,
      wrap: true,
    },
    summary: true,
  },
  {
    column: {
      key: "harm",
      header: "Harm",
      help: "The harm it tracks (Harm Matrix list).",
      width: 26,
      wrap: true,
      validation: HARM_LABEL_LIST,
    },
  },
  {
    column: choiceColumn(
      "kind",
      "Counts or harm",
      `${COUNT_KIND}: crimes or incidents. ${HARM_KIND}: Σ weight × count, for which count-only tests do not apply.`,
      12,
      [COUNT_KIND, HARM_KIND],
    ),
  },
  { column: input("tBefore", "Target before", "Count (or harm total) in the target area, before period.") },
  { column: input("tAfter", "Target after", "Count in the target area, after period.") },
  {
    column: input(
      "bBefore",
      "Buffer before",
      "Count in the buffer area, before period. Leave blank if there is no buffer.",
    ),
  },
  { column: input("bAfter", "Buffer after", "Count in the buffer area, after period.") },
  { column: input("cBefore", "Control before", "Count in the control area, before period.") },
  { column: input("cAfter", "Control after", "Count in the control area, after period.") },
  {
    column: {
      key: "missing",
      header: "Months missing",
      help: "Months with no data in either period, written when counted from incident data. Leave blank when the data are complete.",
      width: 22,
      wrap: true,
    },
  },
  fig(
    computed(
      "tRateBefore",
      "Target a month before",
      "The target's crimes a month in the before period (the count itself when the periods are not set).",
      "0.0",
    ),
    ({ row, lengths }) => monthlyRate(row.target.before, lengths?.before, lengths?.unit),
    { summary: true },
  ),
  fig(
    computed("tRateAfter", "Target a month after", "The target's crimes a month in the after period.", "0.0"),
    ({ row, lengths }) => monthlyRate(row.target.after, lengths?.after, lengths?.unit),
    { summary: true },
  ),
  fig(
    computed(
      "change",
      "Change %",
      "Change in the target's rate: (after ÷ after length) ÷ (before ÷ before length) − 1; with equal periods (after − before) ÷ before. n/a when before is 0.",
      "0.0%",
    ),
    ({ e }) => value(e.change, (v) => v),
    { summary: true },
  ),
  fig(
    computed(
      "cChange",
      "Comparison change %",
      "The same change for the control (comparison) areas: the trend the target is judged against.",
      "0.0%",
    ),
    ({ e }) => value(e.controlChange, (v) => v),
    { summary: true },
  ),
  fig(
    computed(
      "tne",
      "Net effect",
      "The headline: crimes fewer (positive) or more (negative) than the control's trend predicts in the target (and buffer), each scaled to its own baseline (Bowers & Johnson 2003).",
      "0.0",
    ),
    ({ e }) => value(e.netEffect, (v) => v.estimate),
    { harmStored: true, summary: true },
  ),
  fig(
    computed(
      "tneLower",
      "Net effect lower 95%",
      "Delta-method interval, variance × dispersion (docs/methods.md).",
      "0.0",
    ),
    ({ e }) => value(e.netEffect, (v) => v.lower),
    { harmStored: true, summary: true },
  ),
  fig(
    computed("tneUpper", "Net effect upper 95%", "Upper limit of the net effect.", "0.0"),
    ({ e }) => value(e.netEffect, (v) => v.upper),
    { harmStored: true, summary: true },
  ),
  fig(
    computed(
      "tneShare",
      "Net effect % of expected",
      "The net effect as a share of the count the trend predicts for the after period.",
      "0.0%",
    ),
    ({ e }) => value(e.netEffect, () => e.share),
    { harmStored: true },
  ),
  fig(
    {
      ...computed(
        "verdict",
        "Verdict",
        "Credited only when the net effect's interval excludes zero and nothing in the data explains the change away (similar areas, the same months last year, a high point, a police-generated measure, chance among many measures); otherwise why not.",
        undefined,
        30,
      ),
      wrap: true,
    },
    ({ e }) => e.verdict,
    { harmStored: true, summary: true },
  ),
  fig(
    {
      ...computed(
        "checks",
        "Checks",
        "What holds and what does not behind the verdict, in plain English.",
        undefined,
        44,
      ),
      wrap: true,
    },
    ({ e }) => e.checksText,
    { harmStored: true },
  ),
  fig(
    computed(
      "z",
      "Poisson Z",
      "2 × (√after − √(r × before)) × √(2 ÷ (1 + r)), r = after length ÷ before length (Wheeler 2016).",
      "0.00",
    ),
    ({ e }) => value(e.poissonZ, (v) => v),
    { harmStored: true },
  ),
  fig(
    computed("zFlag", "|Z| ≥ 3?", "Wheeler's (2016) flag for a change worth acting on.", undefined, 10),
    ({ e }) =>
      e.poissonZ.defined
        ? Math.abs(e.poissonZ.value) >= 3
          ? e.poissonZ.value < 0
            ? "Yes: fell"
            : "Yes: rose"
          : "No"
        : UNDEFINED_TEXT,
    { harmStored: true },
  ),
  fig(
    computed(
      "eTestP",
      "E-test p",
      "Two-sided E-test p-value for target before vs after, the period lengths as exposures (Krishnamoorthy & Thomson 2004). No native Excel formula exists, so this is stored when the sheet is built: use =HARM.ETEST for a live value.",
      "0.000",
      10,
    ),
    ({ e }) => value(e.eTestP, (v) => v),
    { harmStored: true },
  ),
  fig(
    computed(
      "res",
      "RES",
      "Relative effect size (a·d)/(b·c), a, b = target before/after, c, d = control before/after; above 1 means the target improved relative to control (Welsh & Farrington 2002). Needs no length adjustment: target and control share the periods.",
      "0.00",
    ),
    ({ e }) => value(e.res, (v) => v),
  ),
  fig(
    computed("resLower", "RES lower 95%", "Lower 95% limit of RES, variance × dispersion.", "0.00"),
    ({ e }) => value(e.resInterval, (v) => v.lower),
    { harmStored: true },
  ),
  fig(
    computed("resUpper", "RES upper 95%", "Upper 95% limit of RES.", "0.00"),
    ({ e }) => value(e.resInterval, (v) => v.upper),
    { harmStored: true },
  ),
  fig(
    computed(
      "wdd",
      "WDD",
      "Weighted displacement difference with time weights (Wheeler & Ratcliffe 2018): the raw change in the target less the raw change in the control; negative means crime fell. It does not scale the control to the target, so it can differ from the net effect; n/a when the two differ in size by more than 2 times.",
      "0.0",
    ),
    ({ e }) => value(e.wdd, (v) => v.estimate),
    { harmStored: true },
  ),
  fig(
    computed("wddLower", "WDD lower 95%", "WDD − 1.96 × its standard error.", "0.0"),
    ({ e }) => value(e.wdd, (v) => v.lower),
    { harmStored: true },
  ),
  fig(
    computed("wddUpper", "WDD upper 95%", "WDD + 1.96 × its standard error.", "0.0"),
    ({ e }) => value(e.wdd, (v) => v.upper),
    { harmStored: true },
  ),
  fig(
    computed(
      "wdq",
      "WDQ",
      "Weighted displacement quotient (Bowers & Johnson 2003). Needs a buffer; n/a when the target did not improve relative to control, as displacement cannot then be judged.",
      "0.00",
    ),
    ({ row, e }) => (row.buffer !== undefined ? value(e.wdq, (v) => v) : ""),
  ),
  fig(
    computed(
      "reading",
      "Displacement reading",
      "Plain reading of the WDQ after Guerette (2009, Appendix C), given only when the buffer's own change is beyond chance.",
      undefined,
      30,
    ),
    ({ row, e }) => (row.buffer !== undefined ? value(e.displacement, shortReading) : ""),
  ),
  storedFig(
    input(
      "dispersion",
      "Dispersion (from data)",
      "How many times more the counts vary than chance alone, estimated when counted (monthly counts against the control's pattern, and areas of the target's size; the larger). A dispersion typed on the Operation sheet overrides it.",
      11,
      "0.00",
    ),
    (row) => ctx(row)?.dispersion.data ?? "",
  ),
  storedFig(
    input(
      "lyYears",
      "Same months: years back",
      "1 for last year's same months, 2 for two years ago (when last year's are not in the data).",
      10,
      "0",
      true,
    ),
    (row) => lastYear(row)?.yearsBack ?? "",
  ),
  storedFig(
    {
      key: "lyNet",
      header: "Same months then: net effect",
      help: "The net effect in the same calendar months a year earlier, same areas, with no operation.",
      width: 12,
      format: "0.0",
    },
    (row) => lastYear(row)?.estimate ?? "",
  ),
  storedFig(
    {
      key: "lyShare",
      header: "Then: % of expected",
      help: "That net effect as a share of the count expected then.",
      width: 11,
      format: "0.0%",
    },
    (row) => lastYear(row)?.share ?? "",
  ),
  storedFig(
    {
      key: "lyShareLower",
      header: "Then: lower 95%",
      help: "Lower limit of that share.",
      width: 11,
      format: "0.0%",
    },
    (row) => lastYear(row)?.shareLower ?? "",
  ),
  storedFig(
    {
      key: "lyShareUpper",
      header: "Then: upper 95%",
      help: "Upper limit of that share.",
      width: 11,
      format: "0.0%",
    },
    (row) => lastYear(row)?.shareUpper ?? "",
  ),
  storedFig(
    input(
      "simAsLarge",
      "Similar areas as large",
      "Comparison areas of the target's size (within 2 times) whose change against the rest was at least as large.",
      11,
      "0",
      true,
    ),
    (row) => similar(row)?.asLarge ?? "",
  ),
  storedFig(
    input(
      "simN",
      "Similar areas",
      "How many comparison areas of the target's size there are; 19 or more are needed for the rank to reach 5%.",
      10,
      "0",
      true,
    ),
    (row) => similar(row)?.n ?? "",
  ),
  storedFig(
    {
      key: "highPoint",
      header: "Picked at a high point?",
      help: "Yes when the before period was unusually high against the 12 or more months before it.",
      width: 11,
      validation: { kind: "list", values: ["Yes", "No"] },
    },
    (row) => {
      const h = ctx(row)?.highPoint;
      return h && h.available ? yes(h.flagged) : "";
    },
  ),
  storedFig(
    {
      key: "police",
      header: "Police-generated?",
      help: "Yes for measures recorded mostly when police find them (police.uk Drugs, Possession of weapons): a rise may reflect more policing.",
      width: 11,
      validation: { kind: "list", values: ["Yes", "No"] },
    },
    (row) => (ctx(row) ? yes(ctx(row)!.policeGenerated) : ""),
  ),
  storedFig(
    input(
      "holmP",
      "Adjusted p (Holm)",
      "With many measures, each call is adjusted for the others (Holm 1979); blank for the headline measure.",
      11,
      "0.000",
    ),
    (row) => ctx(row)?.holm?.adjusted ?? "",
  ),
  storedFig(
    {
      key: "headline",
      header: "Headline?",
      help: "Yes on the measure the operation's verdict reports (Operation sheet).",
      width: 10,
    },
    (row) => (row.headline ? "Yes" : ""),
  ),
  storedFig(
    {
      key: "dataChecks",
      header: "Data checks",
      help: "What the data said when counted: similar areas, the same months last year, a high point, many measures.",
      width: 44,
      wrap: true,
    },
    (row) => dataChecksText(ctx(row)),
  ),
  {
    column: {
      key: "note",
      header: "Note",
      help: "Context, data caveats, events in the period.",
      width: 30,
      wrap: true,
    },
  },
];

export const RESULTS_COLUMNS: ColumnSpec[] = RESULTS_FIGURES.map((f) => f.column);

/** Columns a harm-total row stores (its figures need the counts per offence type). */
export const HARM_STORED_KEYS: string[] = RESULTS_FIGURES.filter((f) => f.harmStored).map(
  (f) => f.column.key,
);

/** The Summary's table keys, in order. */
export const SUMMARY_KEYS: string[] = RESULTS_FIGURES.filter((f) => f.summary).map((f) => f.column.key);
