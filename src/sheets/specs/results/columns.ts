/** The Results table's columns: inputs first, then the figures, the checks and the verdict. */
import type { ColumnSpec } from "../layout";
import { HARM_LABEL_LIST } from "../common";
import { computedColumn as computed, computedColumns, choiceColumn, numberColumn as input } from "../columns";
import { COUNT_KIND, HARM_KIND } from "./formulas";

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
  choiceColumn(
    "kind",
    "Counts or harm",
    `${COUNT_KIND}: crimes or incidents. ${HARM_KIND}: Σ weight × count, for which count-only tests do not apply.`,
    12,
    [COUNT_KIND, HARM_KIND],
  ),
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
  {
    key: "missing",
    header: "Months missing",
    help: "Months with no data in either period, written when counted from incident data. Leave blank when the data are complete.",
    width: 22,
    wrap: true,
  },
  computed(
    "change",
    "Change %",
    "Change in the target's rate: (after ÷ after length) ÷ (before ÷ before length) − 1; with equal periods (after − before) ÷ before. n/a when before is 0.",
    "0.0%",
  ),
  computed(
    "z",
    "Poisson Z",
    "2 × (√after − √(r × before)) × √(2 ÷ (1 + r)), r = after length ÷ before length (Wheeler 2016).",
    "0.00",
  ),
  computed("zFlag", "|Z| ≥ 3?", "Wheeler's (2016) flag for a change worth acting on.", undefined, 10),
  computed(
    "eTestP",
    "E-test p",
    "Two-sided E-test p-value for target before vs after, the period lengths as exposures (Krishnamoorthy & Thomson 2004). No native Excel formula exists, so this is stored when the sheet is built: use =HARM.ETEST for a live value.",
    "0.000",
    10,
  ),
  ...computedColumns("0.00", 11, [
    [
      "res",
      "RES",
      "Relative effect size (a·d)/(b·c), a, b = target before/after, c, d = control before/after; above 1 means the target improved relative to control (Welsh & Farrington 2002). Needs no length adjustment: target and control share the periods.",
    ],
    ["resLower", "RES lower 95%", "Lower 95% limit of RES, variance × dispersion."],
    ["resUpper", "RES upper 95%", "Upper 95% limit of RES."],
  ]),
  ...computedColumns("0.0", 11, [
    [
      "tne",
      "Total net effect",
      "The headline: crimes prevented in target (and buffer) against the control's trend, each scaled to its own baseline (Bowers & Johnson 2003). Positive is good.",
    ],
    ["tneLower", "Net effect lower 95%", "Delta-method interval, variance × dispersion (docs/methods.md)."],
    ["tneUpper", "Net effect upper 95%", "Upper limit of the net effect."],
    [
      "wdd",
      "WDD",
      "Weighted displacement difference with time weights (Wheeler & Ratcliffe 2018); negative means crime fell. n/a when the target and control differ in size by more than 2 times: read the net effect.",
    ],
    ["wddLower", "WDD lower 95%", "WDD − 1.96 × its standard error."],
    ["wddUpper", "WDD upper 95%", "WDD + 1.96 × its standard error."],
  ]),
  computed(
    "wdq",
    "WDQ",
    "Weighted displacement quotient (Bowers & Johnson 2003). Needs a buffer; n/a when the target did not improve relative to control, as displacement cannot then be judged.",
    "0.00",
  ),
  computed(
    "reading",
    "Displacement reading",
    "Plain reading of the WDQ after Guerette (2009, Appendix C).",
    undefined,
    30,
  ),
  {
    ...computed(
      "checks",
      "Checks",
      "What holds and what does not behind the headline, in plain English.",
      undefined,
      44,
    ),
    wrap: true,
  },
  computed(
    "significant",
    "Significant?",
    "Yes only when the net effect's interval excludes zero and the checks pass; otherwise why not.",
    undefined,
    24,
  ),
  {
    key: "note",
    header: "Note",
    help: "Context, data caveats, events in the period.",
    width: 30,
    wrap: true,
  },
];
