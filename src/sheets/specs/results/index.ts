/**
 * Results sheet: before/after counts for target, buffer and control areas,
 * and every figure as a native formula (live in Excel and LibreOffice) with
 * its cached value from src/core, the checks behind the headline printed
 * beside it, and the verdict a manager reads.
 */
import { operationLengths } from "../../../core/operation";
import type { Scalar } from "../../model";
import {
  TABLE_GROWTH,
  type CellSpec,
  type Locator,
  type RowRef,
  type RowValues,
  type SheetSpec,
} from "../layout";
import { sheetIdentity, type ResultsRow, type SpecContext } from "../input";
import { blankRows } from "../common";
import { LENGTH_NAMES, OPERATION_NAMES } from "../operation";
import { HARM_STORED_KEYS, missingText, resultsCache } from "./cache";
import { typedDispersion } from "../../../core/evaluation/figures";
import { COUNT_KIND, HARM_KIND, RESULTS_FORMULAS, settingsFormulas, type Settings } from "./formulas";
import { periodsCheck } from "../../../core/stats/checks";
import { RESULTS_COLUMNS } from "./columns";

export { READINGS, UNDEFINED_TEXT, RESULTS_FORMULAS, COUNT_KIND, HARM_KIND } from "./formulas";
export { HARM_STORED_KEYS, resultsCache, shortReading, missingText } from "./cache";
export { RESULTS_COLUMNS, RESULTS_FIGURES, SUMMARY_KEYS } from "./columns";

export function resultsRows(ctx: SpecContext): RowValues[] {
  const results = ctx.input.results;
  if (!results || results.length === 0) return blankRows(2);
  return results.map((r: ResultsRow) => {
    const cache: RowValues = resultsCache(r, ctx.input.operation);
    // Harm totals: the count-based formulas would mislead, so those cells hold stored values.
    if (r.kind === "harm" && r.harmParts)
      for (const k of HARM_STORED_KEYS) cache[k] = { stored: cache[k] as Scalar };
    return {
      measure: r.measure,
      harm: r.harm ?? "",
      kind: r.kind === "harm" ? HARM_KIND : COUNT_KIND,
      tBefore: r.target.before,
      tAfter: r.target.after,
      bBefore: r.buffer ? r.buffer.before : null,
      bAfter: r.buffer ? r.buffer.after : null,
      cBefore: r.control.before,
      cAfter: r.control.after,
      missing: missingText(r),
      note: r.note ?? "",
      ...cache,
    };
  });
}

/**
 * The lengths and dispersion every row uses, read from the Operation sheet
 * (IFERROR keeps the sheet working when it has no Operation sheet), and the
 * terms worked out from them once for all rows.
 */
function settingsRows(ctx: SpecContext): CellSpec[][] {
  const op = ctx.input.operation;
  const l = operationLengths(op);
  const label = (value: string): CellSpec => ({ value, style: "label" });
  const computed = (formula: string, value: Scalar): CellSpec => ({
    value: { formula, value },
    style: "computed",
  });
  const d = OPERATION_NAMES.dispersion;
  const f = (loc: Locator) => {
    const at = (row: number, col: number) => loc.cell("settings", row, col, true);
    return settingsFormulas({ beforeLength: at(0, 1), afterLength: at(0, 3), unit: at(0, 5) });
  };
  const derived = (pick: (x: ReturnType<typeof f>) => string, value: Scalar, span?: number): CellSpec => ({
    value: (loc) => ({ formula: pick(f(loc)), value }),
    style: "computed",
    ...(span ? { span } : {}),
  });
  const differ = l !== undefined && l.before !== l.after;
  const periods = periodsCheck(l);
  return [
    [
      label("Before length"),
      computed(`=IFERROR(${LENGTH_NAMES.before},"")`, l?.before ?? ""),
      label("After length"),
      computed(`=IFERROR(${LENGTH_NAMES.after},"")`, l?.after ?? ""),
      label("Unit"),
      computed(`=IFERROR(${LENGTH_NAMES.unit},"")`, l?.unit ?? ""),
      label("Dispersion (typed)"),
      // Blank unless typed: each row then uses its own estimate from the data.
      computed(`=IFERROR(IF(AND(ISNUMBER(${d}),${d}>=1),${d},""),"")`, typedDispersion(op) ?? ""),
    ],
    [
      label("Time ratio"),
      derived((x) => x.ratio, differ ? l.after / l.before : 1),
      label("Before weight"),
      derived((x) => x.weight, differ ? l.before / l.after : 1),
      label("Periods"),
      derived((x) => x.periodsNote, periods.ok ? "" : `${periods.text}. `, 3),
    ],
  ];
}

export function resultsSpec(ctx: SpecContext): SheetSpec {
  const columns = RESULTS_COLUMNS.map((c) => {
    const f = RESULTS_FORMULAS[c.key];
    if (!f) return c;
    return {
      ...c,
      formula: (r: RowRef, loc: Locator) => {
        const at = (row: number, col: number) => loc.cell("settings", row, col, true);
        const s: Settings = {
          beforeLength: at(0, 1),
          afterLength: at(0, 3),
          unit: at(0, 5),
          dispersion: at(0, 7),
          ratio: at(1, 1),
          weight: at(1, 3),
          periodsNote: at(1, 5),
        };
        return f(r, s);
      },
    };
  });
  return {
    ...sheetIdentity("results"),
    title: "Results: did the harms fall, and did they move?",
    source:
      "Sources: Wheeler 2016; Krishnamoorthy & Thomson 2004; Welsh & Farrington 2002; Bowers & Johnson 2003; Guerette 2009; Wheeler & Ratcliffe 2018; docs/methods.md. Step 6 of UKDPC 2009, Chapter 4.",
    help: [
      "Enter before and after counts for each measure in the target, buffer and control areas; the period lengths come from the Operation sheet, and each row's dispersion from the data unless one is typed there.",
      "The headline is the net effect against the control's trend, with its 95% interval. Verdict credits a change only when the interval excludes zero and nothing in the data explains it away; Checks says what holds and what does not.",
      "Shaded columns work themselves out; 'n/a' means a figure is undefined for these counts, blank means inputs are missing. Look for displacement into the buffer before claiming success.",
    ],
    titleSpan: 12,
    blocks: [
      { id: "settings", kind: "grid", rows: settingsRows(ctx) },
      {
        id: "results",
        kind: "table",
        table: {
          name: "HP_Results",
          columns,
          rows: resultsRows(ctx),
          // Rows the analyst adds still count in the Summary's totals by area.
          growth: TABLE_GROWTH,
          structuredRefs: true,
        },
      },
    ],
    mainTable: "results",
  };
}
