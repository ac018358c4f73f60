/**
 * Responses sheet: options, the harms they target, likely impacts with the
 * evidence, and a displacement risk per Box A type (UKDPC 2009, step 3).
 */
import { DISPLACEMENT_SOURCE, DISPLACEMENT_TYPES } from "../../core/framework/displacement";
import { RESPONSE_OPTIONS, RESPONSES_SOURCE } from "../../core/framework/responses";
import type { ColumnSpec, RowValues, SheetSpec } from "./layout";
import { sheetIdentity, type SpecContext } from "./input";
import { HARM_LABEL_LIST, blankRows, starterOn } from "./common";
import { choiceColumn } from "./columns";
import { harmLabelById } from "./harmMatrix";

export const displacementKey = (key: string): string => `disp_${key}`;

export function responsesSpec(ctx: SpecContext): SheetSpec {
  const displacementColumns: ColumnSpec[] = DISPLACEMENT_TYPES.map((d) =>
    choiceColumn(
      displacementKey(d.key),
      `Displacement: ${d.label.toLowerCase()}`,
      `Risk (Low/Medium/High) of ${d.label.toLowerCase()} displacement: ${d.description} (${DISPLACEMENT_SOURCE})`,
      14,
      ["Low", "Medium", "High"],
    ),
  );
  const rows: RowValues[] = starterOn(ctx.input)
    ? RESPONSE_OPTIONS.map((r) => {
        const [main, ...others] = r.targets.map(harmLabelById);
        return {
          option: r.option,
          harm: main,
          impacts:
            others.length > 0 ? `${r.likelyImpacts} Also bears on: ${others.join("; ")}.` : r.likelyImpacts,
          evidence: `${r.evidence} (${r.citation})`,
          unintended: r.risks,
        };
      })
    : blankRows(3);
  return {
    ...sheetIdentity("responses"),
    title: "Responses: options, likely impacts and trade-offs",
    source: `Sources: ${RESPONSES_SOURCE}; displacement types from ${DISPLACEMENT_SOURCE}.`,
    help: [
      "List the responses you are considering, the main harm each one targets and what it is likely to do, good and bad.",
      "Rate the risk of each kind of displacement, note unintended consequences and how you will mitigate them (e.g. support for families after arrests).",
      "The starter rows summarise published evidence; it is often weak and context matters, so judge it against your own problem analysis.",
    ],
    titleSpan: 10,
    blocks: [
      {
        id: "responses",
        kind: "table",
        table: {
          name: "HP_Responses",
          columns: [
            { key: "option", header: "Response option", help: "What you might do.", width: 34, wrap: true },
            {
              key: "harm",
              header: "Harm targeted",
              help: "The main harm this response aims to reduce (Harm Matrix list). Add a row per extra harm if needed.",
              width: 30,
              wrap: true,
              validation: HARM_LABEL_LIST,
            },
            {
              key: "impacts",
              header: "Likely impacts",
              help: "Expected effects, including harms it could increase.",
              width: 44,
              wrap: true,
            },
            {
              key: "evidence",
              header: "Evidence (with citation)",
              help: "What evaluations found, with the source.",
              width: 60,
              wrap: true,
            },
            ...displacementColumns,
            {
              key: "unintended",
              header: "Unintended consequences",
              help: "Harms the response itself could cause (violence over a market gap, effects on families, CJS costs…).",
              width: 36,
              wrap: true,
            },
            {
              key: "mitigation",
              header: "Mitigation",
              help: "How you will reduce those harms.",
              width: 36,
              wrap: true,
            },
            { key: "partners", header: "Partners", help: "Who needs to be involved.", width: 24, wrap: true },
            { key: "cost", header: "Cost", help: "Rough cost or resource estimate.", width: 14 },
          ],
          rows,
        },
      },
    ],
    mainTable: "responses",
  };
}
