/**
 * The Summary's first line: the operation's verdict on its headline measure
 * (the Results row marked Headline?, else the first) as one sentence, and
 * its status in words (coloured by value, summary.ts). Both are native
 * formulas over the Results cells, built from the figures behind them (a
 * block beside the printed page), with the core's sentence
 * (src/core/evaluation/headline.ts) as their cached value:
 * test/sheets/specs/summary.test.ts checks the two agree.
 */
import {
  amount as amountText,
  composeHeadline,
  headlineParts,
  verdictLabel,
  type HeadlineFacts,
} from "../../core/evaluation/headline";
import type { FormulaCell, Scalar } from "../model";
import type { CellSpec, GridCell, Locator } from "./layout";
import { LENGTH_NAMES } from "./operation";
import { gbNumberFormula } from "./numberText";
import { HARM_KIND } from "./results/formulas";
import type { ResultsReading } from "./summaryShown";

/** Said where there is no Results row to report. */
export const NO_RESULTS =
  "No results yet: count incidents on the Evaluate step, or fill in the Results sheet, then refresh this sheet.";

/** Said where the headline row's counts are not all numbers. */
const INCOMPLETE = "the counts on the Results sheet are incomplete, so there is no verdict yet.";

const num = (v: Scalar | undefined): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;
const text = (v: Scalar | undefined): string => (v === null || v === undefined ? "" : String(v));

/** The sentence's facts from a Results row as the workbook shows it; null when its rates are not numbers. */
export function factsFromShown(values: Record<string, Scalar>, monthly: boolean): HeadlineFacts | null {
  const before = num(values.tRateBefore);
  const after = num(values.tRateAfter);
  // A blank target count blanks its rate once Excel recalculates; read the count too, so a rate not yet recalculated says the same.
  if (before === null || after === null || num(values.tBefore) === null || num(values.tAfter) === null)
    return null;
  const [estimate, lower, upper] = [values.tne, values.tneLower, values.tneUpper].map(num);
  return {
    measure: text(values.measure),
    harm: text(values.kind) === HARM_KIND,
    monthly,
    before,
    after,
    change: num(values.change),
    controlChange: num(values.cChange),
    net: estimate !== null && lower !== null && upper !== null ? { estimate, lower, upper } : null,
    verdict: text(values.verdict),
    lastYear: num(values.lyNet),
    confidence: 0.95,
  };
}

/** What the Summary's top line says for a Results row as shown: the sentence and the status word. */
export function shownHeadline(
  values: Record<string, Scalar> | undefined,
  monthly: boolean,
): { sentence: string; status: string } {
  if (!values || text(values.measure) === "") return { sentence: NO_RESULTS, status: "" };
  const verdict = text(values.verdict);
  const facts = factsFromShown(values, monthly);
  return {
    sentence: facts ? composeHeadline(facts) : `${text(values.measure)}: ${INCOMPLETE}`,
    status: verdict === "" ? "" : verdictLabel(verdict),
  };
}

// ---- the native formulas -------------------------------------------------------------------------------

/** Words for a count or rate: whole from 10 up, else one decimal place (headline.ts `amount`). */
const amount = (x: string) =>
  `IF(ABS(${x})>=10,${gbNumberFormula(`ROUND(ABS(${x}),0)`)},${gbNumberFormula(`ABS(${x})`)})`;
/** "up 6%", "down 12%", "unchanged" (headline.ts `moved`). */
const moved = (x: string) => {
  const p = `ROUND(ABS(${x})*100,0)`;
  return `IF(${p}=0,"unchanged",IF(${x}>0,"up ","down ")&${p}&"%")`;
};

/** The figures behind the sentence, in order: [label, key]; each is read from the headline row. */
const FIGURES = [
  ["Headline measure", "measure"],
  ["Counts or harm", "kind"],
  ["Target a month before", "tRateBefore"],
  ["Target a month after", "tRateAfter"],
  ["Change", "change"],
  ["Comparison change", "cChange"],
  ["Net effect", "tne"],
  ["Lower 95%", "tneLower"],
  ["Upper 95%", "tneUpper"],
  ["Verdict", "verdict"],
  ["Same months then: net effect", "lyNet"],
] as const;
type FigureKey = (typeof FIGURES)[number][1];
const TEXT_KEYS = new Set<FigureKey>(["measure", "kind", "verdict"]);

/**
 * Figures written in words once each, so the sentence's formulas refer to them rather than repeat the
 * digit grouping (Excel refuses a formula over 8,192 characters).
 */
const AMOUNTS = [
  ["Before in words", "tRateBefore"],
  ["After in words", "tRateAfter"],
  ["Net effect in words", "tne"],
  ["Lower in words", "tneLower"],
  ["Upper in words", "tneUpper"],
  ["Then in words", "lyNet"],
] as const;
type AmountKey = (typeof AMOUNTS)[number][1];

/** Rows of the figures block after FIGURES and AMOUNTS: the row number first, then these. */
const WORDS = ["Rates a month?", "Target", "Comparison", "Net effect words", "Why"] as const;

export interface HeadlineBlock {
  /** The block beside the page: label and value, with the row of the headline first. */
  figures: GridCell[][];
  /** The status cell and the sentence cell (merged across `span` columns). */
  status: CellSpec;
  sentence: CellSpec;
  cached: { sentence: string; status: string };
}

const f = (formula: string, value: Scalar): FormulaCell => ({ formula, value });

export function headlineBlock(reading: ResultsReading, monthly: boolean, span: number): HeadlineBlock {
  const row = reading.headline;
  const values = row?.values;
  const facts = values ? factsFromShown(values, monthly) : null;
  const parts = facts ? headlineParts(facts) : null;
  const cached = shownHeadline(values, monthly);

  // Cells of the figures block, by name: row 0 is the headline row's number, FIGURES follow, then WORDS.
  const at = (loc: Locator, k: number) => loc.cell("figures", k, 1);
  const figure = (loc: Locator, key: FigureKey) => at(loc, 1 + FIGURES.findIndex((x) => x[1] === key));
  const inWords = (loc: Locator, key: AmountKey) =>
    at(loc, 1 + FIGURES.length + AMOUNTS.findIndex((x) => x[1] === key));
  const word = (loc: Locator, w: (typeof WORDS)[number]) =>
    at(loc, 1 + FIGURES.length + AMOUNTS.length + WORDS.indexOf(w));
  const value = (formula: (loc: Locator) => string, v: Scalar): CellSpec => ({
    value: (loc) => f(formula(loc), v),
    style: "computed",
  });
  const label = (s: string): CellSpec => ({ value: s, style: "label" });

  const headlineRow = reading.column("headline");
  const rowCell = value(() => `=IFERROR(MATCH("Yes",${headlineRow},0),1)`, row ? row.index + 1 : 1);
  const figureRows: GridCell[][] = FIGURES.map(([name, key]) => {
    const pick = (loc: Locator) => `INDEX(${reading.column(key)},${at(loc, 0)})`;
    const formula = TEXT_KEYS.has(key)
      ? (loc: Locator) => `=IFERROR(${pick(loc)}&"","")`
      : (loc: Locator) => `=IFERROR(IF(${pick(loc)}="","",${pick(loc)}),"")`;
    return [label(name), value(formula, values?.[key] ?? "")];
  });

  const amountRows: GridCell[][] = AMOUNTS.map(([name, key]) => {
    const v = num(values?.[key]);
    return [
      label(name),
      value(
        (loc) => `=IF(ISNUMBER(${figure(loc, key)}),${amount(figure(loc, key))},"")`,
        v === null ? "" : amountText(v),
      ),
    ];
  });

  const words = (loc: Locator) => {
    const g = (key: FigureKey) => figure(loc, key);
    const w = (key: AmountKey) => inWords(loc, key);
    const a = `IF(${word(loc, "Rates a month?")}="Yes","a month","over the period")`;
    const u = `IF(${g("kind")}="${HARM_KIND}"," harm","")`;
    const [r0, r1, ch, cc, ne, L, U, v, ly] = [
      g("tRateBefore"),
      g("tRateAfter"),
      g("change"),
      g("cChange"),
      g("tne"),
      g("tneLower"),
      g("tneUpper"),
      g("verdict"),
      g("lyNet"),
    ];
    const interval =
      `IF(OR(${L}>0,${U}<0),"(95% interval "&IF(${ne}>=0,${w("tneLower")}&" to "&${w("tneUpper")},${w("tneUpper")}&" to "&${w("tneLower")})&")",` +
      `"(95% interval: "&${w("tneLower")}&" more to "&${w("tneUpper")}&" fewer)")`;
    return {
      target:
        `=IF(NOT(AND(ISNUMBER(${r0}),ISNUMBER(${r1}))),"",IF(ISNUMBER(${ch}),` +
        `"target "&${moved(ch)}&" "&${a}&" ("&${w("tRateBefore")}&" → "&${w("tRateAfter")}&${u}&")",` +
        `"target "&${w("tRateBefore")}&" → "&${w("tRateAfter")}&" "&${a}))`,
      control: `=IF(ISNUMBER(${cc}),"comparison areas "&${moved(cc)},"comparison areas had none before")`,
      effect:
        `=IF(AND(ISNUMBER(${ne}),ISNUMBER(${L}),ISNUMBER(${U})),` +
        `"about "&${w("tne")}&${u}&" "&IF(${ne}>=0,"fewer","more")&" than their trend predicts "&${interval},` +
        `"no net effect can be worked out")`,
      why:
        `=IF(AND(ISNUMBER(${ly}),LEFT(${v},12)="Not credited",ISNUMBER(SEARCH("a similar change happened in the same months",${v}))),` +
        `" ("&${w("lyNet")}&IF(${g("kind")}="${HARM_KIND}"," crimes","")&" "&IF(${ly}>=0,"fewer","more")&" than trend then, with no operation)","")`,
    };
  };
  // Blank, as cached, while there is no headline row.
  const wordsOf = (pick: (w: ReturnType<typeof words>) => string) => (loc: Locator) =>
    `=IF(${figure(loc, "measure")}="","",${pick(words(loc)).slice(1)})`;
  const wordRows: GridCell[][] = [
    [
      label("Rates a month?"),
      value(() => `=IFERROR(IF(ISNUMBER(${LENGTH_NAMES.before}),"Yes",""),"")`, monthly ? "Yes" : ""),
    ],
    [
      label("Target"),
      value(
        wordsOf((w) => w.target),
        parts?.target ?? "",
      ),
    ],
    [
      label("Comparison"),
      value(
        wordsOf((w) => w.control),
        parts?.control ?? "",
      ),
    ],
    [
      label("Net effect words"),
      value(
        wordsOf((w) => w.effect),
        parts?.effect ?? "",
      ),
    ],
    [
      label("Why"),
      value(
        wordsOf((w) => w.why),
        parts?.why ?? "",
      ),
    ],
  ];

  const sentence = (loc: Locator) => {
    const m = figure(loc, "measure");
    const t = word(loc, "Target");
    return (
      `=IF(${m}="","${NO_RESULTS}",IF(${t}="",${m}&": ${INCOMPLETE}",` +
      `${m}&": "&${t}&"; "&${word(loc, "Comparison")}&": "&${word(loc, "Net effect words")}&". "&` +
      `${figure(loc, "verdict")}&${word(loc, "Why")}&"."))`
    );
  };
  const status = (loc: Locator) => {
    const v = figure(loc, "verdict");
    return `=IF(${v}="","",TRIM(SUBSTITUTE(IFERROR(LEFT(${v},FIND(":",${v})-1),${v})," (borderline)","")))`;
  };
  return {
    figures: [[label("Headline row"), rowCell], ...figureRows, ...amountRows, ...wordRows],
    status: { value: (loc) => f(status(loc), cached.status), style: "status" },
    sentence: { value: (loc) => f(sentence(loc), cached.sentence), style: "headline", span },
    cached,
  };
}
