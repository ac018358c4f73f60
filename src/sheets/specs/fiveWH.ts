/** 5WH sheet: Who, What, Where, When, Why and How questions for the baseline analysis (UKDPC 2009, Table 4.3). */
import { FIVE_WH_GROUPS, FIVE_WH_PROMPTS, FIVE_WH_SOURCE } from "../../core/framework/fiveWH";
import type { SheetSpec } from "./layout";
import { sheetIdentity, type SpecContext } from "./input";
import { choiceColumn } from "./columns";

export function fiveWHSpec(_ctx: SpecContext): SheetSpec {
  return {
    ...sheetIdentity("five-wh"),
    title: "5WH: questions about the market and its harms",
    source: `Source: ${FIVE_WH_SOURCE} (after NPIA/ACPO practice advice on analysis).`,
    help: [
      "Answer each question from what you know, note where the answer comes from and how sure you are.",
      "Low-confidence answers point to gaps in the intelligence picture and to baseline data worth collecting before the operation starts.",
    ],
    blocks: [
      {
        id: "questions",
        kind: "table",
        table: {
          name: "HP_FiveWH",
          columns: [
            choiceColumn(
              "group",
              "Question group",
              "Who, What, Where, When, Why or How.",
              12,
              FIVE_WH_GROUPS,
            ),
            { key: "prompt", header: "Prompt", help: "The question to consider.", width: 60, wrap: true },
            { key: "answer", header: "Answer", help: "Your answer, briefly.", width: 50, wrap: true },
            {
              key: "source",
              header: "Source",
              help: "Where the answer comes from (intelligence, partner data, survey…).",
              width: 26,
              wrap: true,
            },
            choiceColumn("confidence", "Confidence", "How sure you are of the answer.", 12, [
              "High",
              "Medium",
              "Low",
            ]),
          ],
          rows: FIVE_WH_PROMPTS.map((p) => ({ group: p.group, prompt: p.prompt })),
        },
      },
    ],
    mainTable: "questions",
  };
}
