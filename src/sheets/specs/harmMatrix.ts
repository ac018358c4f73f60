/**
 * Harm Matrix sheet: every example harm of UKDPC (2009) Table 4.1 with the
 * analyst's ratings and a transparent priority score (src/core/priority.ts
 * holds the same rule in TypeScript).
 */
import { HARM_MATRIX, HARM_MATRIX_SOURCE, harmById, type HarmEntry } from "../../core/framework/harmMatrix";
import { DEFAULT_PRIORITY_WEIGHTS, PRIORITY_CRITERIA } from "../../core/priority";
import { TABLE_GROWTH, type ColumnSpec, type RowRef, type SheetSpec } from "./layout";
import { sheetIdentity, type SpecContext } from "./input";
import { choiceColumn } from "./columns";

// Table 4.1 repeats some harms at several levels ("Disease transmission" is both local and national).
const REPEATED = new Set(HARM_MATRIX.map((h) => h.harm).filter((harm, i, all) => all.indexOf(harm) !== i));

/**
 * The harm's label on the sheet and in the HP_HarmLabels drop-downs: the
 * report's wording, with the level in brackets only where the wording repeats,
 * so every entry is unique, e.g. "Disease transmission (local community)".
 */
export function harmLabel(h: HarmEntry): string {
  return REPEATED.has(h.harm) ? `${h.harm} (${h.level.toLowerCase()})` : h.harm;
}

/** Label of a Table 4.1 harm by its id ("" when the id is unknown). */
export function harmLabelById(id: string): string {
  const h = harmById(id);
  return h ? harmLabel(h) : "";
}

const RATINGS = ["1", "2", "3", "4", "5"];
/** Scores within this distance count as a tie, as in src/core/priority.ts. */
const TIE = "0.000000001";

const criterionColumns: ColumnSpec[] = PRIORITY_CRITERIA.map((c) =>
  choiceColumn(
    c.key,
    c.label,
    `${c.help}${c.required ? " Required." : " Optional: leave blank to leave it out."}`,
    11,
    RATINGS,
  ),
);

const first = PRIORITY_CRITERIA[0].key;
const last = PRIORITY_CRITERIA[PRIORITY_CRITERIA.length - 1].key;

/** score = 100 × Σ w·(x − 1) / (4 × Σ w) over the criteria given; blank unless extent and seriousness are given. */
export function priorityFormula(r: RowRef): string {
  const xs = r.span(first, last);
  const required = PRIORITY_CRITERIA.filter((c) => c.required)
    .map((c) => `NOT(ISNUMBER(${r.at(c.key)}))`)
    .join(",");
  const num = `SUMPRODUCT(HP_PriorityWeightRow,--ISNUMBER(${xs}),${xs}-1)`;
  const den = `SUMPRODUCT(HP_PriorityWeightRow,--ISNUMBER(${xs}))`;
  return `=IF(OR(${r.at("applies")}="No",${required}),"",IFERROR(100*${num}/(4*${den}),""))`;
}

/** Width of the scoring notes panel; each line is kept short enough to fit it unwrapped. */
export const NOTES_WIDTH = 45;

const SCORING_NOTES = (weights: string[]): string[] => [
  "Score = 100 × Σ w × (rating − 1) ÷ (4 × Σ w),",
  "summed over the criteria you rated (w = weight).",
  "A blank optional rating is left out of both sums,",
  "so it neither raises nor lowers the score.",
  "0: every rated criterion is 1; 100: all are 5.",
  "Raising a rating never lowers the score.",
  "Default weights (edit on the Operation sheet):",
  ...weights,
  "A harm marked 'No' under 'Applies here?' gets",
  "no score or rank.",
  "The score is a structured judgement that makes",
  "priorities explicit, not a measurement",
  "(UKDPC 2009, step 2).",
];

export function harmMatrixSpec(_ctx: SpecContext): SheetSpec {
  const weights = PRIORITY_CRITERIA.map((c) => `  ${c.label}: ${DEFAULT_PRIORITY_WEIGHTS[c.key]}`);
  const columns: ColumnSpec[] = [
    { key: "id", header: "ID", help: "Stable reference for the harm (type-level-number).", width: 10 },
    {
      key: "harm",
      header: "Harm",
      help: "Example harm from UKDPC 2009, Table 4.1 (the level is added in brackets where a harm recurs). Add your own harms in new rows at the bottom: they are scored, ranked and offered in the drop-downs like the others.",
      width: 40,
      wrap: true,
      name: "HP_HarmLabels",
      nameComment: "Harm labels for drop-down lists on the other sheets.",
    },
    {
      key: "type",
      header: "Harm type",
      help: "Health, social/structural, economic or environmental.",
      width: 17,
    },
    { key: "level", header: "Level", help: "Who bears the harm: individual up to international.", width: 16 },
    choiceColumn(
      "applies",
      "Applies here?",
      "Does this harm arise from the market you are analysing? 'No' removes it from the ranking.",
      11,
      ["Yes", "No"],
    ),
    ...criterionColumns,
    {
      key: "score",
      header: "Priority score",
      help: "0-100, worked out from the ratings and the weights on the Operation sheet. Blank until extent and seriousness are rated.",
      width: 12,
      computed: true,
      format: "0.0",
      formula: priorityFormula,
    },
    {
      key: "rank",
      header: "Rank",
      help: "1 = highest priority among the scored harms; equal scores share a rank.",
      width: 8,
      computed: true,
      format: "0",
      formula: (r, loc) => {
        // Reaches below the built rows, so harms the analyst adds are ranked too.
        const all = loc.column("matrix", "score", { grow: true });
        const x = r.at("score");
        return `=IF(ISNUMBER(${x}),1+SUMPRODUCT(ISNUMBER(${all})*(${all}>${x}+${TIE})),"")`;
      },
    },
    {
      key: "order",
      header: "Summary order",
      help: "Like Rank, but ties are split by table order so that each position is unique (used by the Summary sheet).",
      width: 10,
      computed: true,
      format: "0",
      formula: (r, loc) => {
        const top = loc.column("matrix", "score").split(":")[0];
        const upTo = `${top}:${r.at("score")}`;
        const x = r.at("score");
        return `=IF(ISNUMBER(${x}),${r.at("rank")}+SUMPRODUCT(ISNUMBER(${upTo})*(${upTo}>=${x}-${TIE})*(${upTo}<=${x}+${TIE}))-1,"")`;
      },
    },
    {
      key: "notes",
      header: "Notes",
      help: "Evidence behind the ratings, and who agreed them.",
      width: 30,
      wrap: true,
    },
  ];

  return {
    ...sheetIdentity("harm-matrix"),
    title: "Harm Matrix: which harms matter most here?",
    source: `Source: ${HARM_MATRIX_SOURCE} (harms by type and level); prioritisation after UKDPC 2009, Chapter 4, step 2.`,
    help: [
      "Mark each harm that arises from this market, then rate it from 1 (low) to 5 (high) on each criterion; agree the ratings with partners.",
      "Extent and seriousness are required; the other ratings are optional. The score and rank update as you type (see the notes on the right).",
    ],
    titleSpan: 12,
    blocks: [
      {
        id: "matrix",
        kind: "table",
        table: {
          name: "HP_HarmMatrix",
          columns,
          growth: TABLE_GROWTH,
          rows: HARM_MATRIX.map((h) => ({
            id: h.id,
            harm: harmLabel(h),
            type: h.type,
            level: h.level,
            applies: "Yes",
          })),
        },
      },
      {
        id: "scoring",
        kind: "notes",
        lane: columns.length + 1,
        heading: "How the priority score works",
        // A narrow panel of short lines: each fits on one line, so the table's rows keep their height
        // and the sheet stays narrow enough to print legibly one page wide.
        width: NOTES_WIDTH,
        lines: SCORING_NOTES(weights),
      },
    ],
    mainTable: "matrix",
    heatMaps: [{ block: "matrix", column: "score", colours: ["#63BE7B", "#FFEB84", "#F8696B"] }],
  };
}
