/**
 * Cohort sheet: the people targeted by enforcement or treatment,
 * one pseudonymised row each, and their offending before and after, per 365
 * days at liberty, by group. Personal data: SECURITY.md says what it may
 * hold; the template and portable copies leave the rows out unless chosen.
 */
import type { Scalar } from "../model";
import { TABLE_GROWTH, type RowValues, type SheetSpec } from "./layout";
import { sheetIdentity, type SpecContext } from "./input";
import { blankRows } from "./common";
import { COHORT_CHECK_COLUMN, COHORT_INPUT_COLUMNS, COHORT_TABLE, cohortRowCheck } from "./cohortColumns";
import { resultsGrid } from "./cohortResults";
import type { CohortRow } from "./netBenefitCohortInput";

export { COHORT_TABLE } from "./cohortColumns";

export const COHORT_CAUTION = [
  "Caution: people are picked because they offended a lot recently, and such people tend to offend less later anyway (regression to the mean).",
  "A fall in their rate is not, on its own, evidence that the operation worked: set it against a comparison group picked the same way but not targeted.",
  "Rate ratio ÷ the comparison's: below 1 means the group's offending fell more than the comparison's (interval on the log scale, counts as Poisson).",
  "Exposure is days at liberty (the window less days in custody or hospital). The rate ratio's interval is exact (Clopper–Pearson, conditional).",
  "Personal data: a pseudonymous reference only, never a name or date of birth. Shared copies leave these rows out unless you choose otherwise.",
];

const rowValues = (r: CohortRow): RowValues => {
  const out: RowValues = {};
  for (const c of COHORT_INPUT_COLUMNS) {
    const v = r[c.key];
    out[c.key] = v === undefined ? null : (v as Scalar);
  }
  out.check = cohortRowCheck(r);
  return out;
};

export function cohortSpec(ctx: SpecContext): SheetSpec {
  const people = ctx.input.cohort ?? [];
  const columns = [...COHORT_INPUT_COLUMNS, COHORT_CHECK_COLUMN];
  const lane = columns.length + 1;
  return {
    ...sheetIdentity("cohort"),
    title: "Cohort: did the people targeted offend less?",
    source:
      "Sources: UKDPC 2009, step 6 (evaluate); Clopper & Pearson 1934 (exact interval); Krishnamoorthy & Thomson 2004 (E-test); docs/methods.md.",
    help: [
      "One row per person targeted (enforcement, treatment or both) and, if you can, a comparison group picked the same way but not targeted.",
      "Count offences in a window before the start date and in a window of the same length after it; take days in custody or hospital out of each window.",
      "The results work themselves out (shaded). The E-test p is stored when the sheet is built or imported: use =HARM.ETEST for a live value.",
    ],
    titleSpan: 10,
    blocks: [
      {
        id: "people",
        kind: "table",
        heading: "People (pseudonymised)",
        table: {
          name: COHORT_TABLE,
          columns,
          rows: people.length ? people.map(rowValues) : blankRows(2),
          growth: TABLE_GROWTH,
        },
      },
      // The caution comes first: it is how the figures below must be read.
      { id: "caution", kind: "notes", lane, lines: COHORT_CAUTION, width: 36, span: 6 },
      {
        id: "results",
        kind: "grid",
        lane,
        heading: "Results by group",
        rows: resultsGrid(people, "results", (loc, key) => loc.column("people", key, { grow: true })),
        widths: [36, 12, 12, 12, 12, 12],
      },
    ],
    mainTable: "people",
  };
}
