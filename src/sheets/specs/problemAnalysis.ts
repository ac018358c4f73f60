/** Problem Analysis sheet: problem → leads to → resultant harm → who bears it (UKDPC 2009, Table 4.2). */
import { OPEN_MARKET_EXAMPLE, PROBLEM_ANALYSIS_SOURCE } from "../../core/framework/problemAnalysis";
import type { SheetSpec } from "./layout";
import { TAB_COLOURS, type SpecContext } from "./input";
import { blankRows, starterOn } from "./common";

export function problemAnalysisSpec(ctx: SpecContext): SheetSpec {
  const rows = starterOn(ctx.input) ? OPEN_MARKET_EXAMPLE.map((r) => ({ ...r })) : blankRows(3);
  return {
    key: "problem-analysis",
    name: "Problem Analysis",
    tabColour: TAB_COLOURS["problem-analysis"],
    title: "Problem Analysis: from market features to harms",
    source: `Source: ${PROBLEM_ANALYSIS_SOURCE} (worked example: an open or visible street market).`,
    help: [
      "Work through each feature of the market that causes trouble, what it leads to, the harm that results and who bears it most.",
      "Best done with partners and residents. The starter rows are the report's open-market example in its own words: keep, edit or delete them.",
    ],
    blocks: [
      {
        id: "analysis",
        kind: "table",
        table: {
          name: "HP_ProblemAnalysis",
          columns: [
            {
              key: "problem",
              header: "Problem",
              help: "A feature of the market, e.g. visible dealing or use in public places.",
              width: 26,
              wrap: true,
            },
            { key: "leadsTo", header: "Leads to", help: "What that feature causes.", width: 36, wrap: true },
            {
              key: "harm",
              header: "Resultant harm",
              help: "The harm that follows, picked from the Harm Matrix list (add a row there for a harm that is missing).",
              width: 34,
              wrap: true,
              validation: { kind: "listRef", source: "=HP_HarmLabels" },
            },
            {
              key: "who",
              header: "Who experiences it most",
              help: "The people, businesses or institutions that bear most of this harm.",
              width: 30,
              wrap: true,
            },
            {
              key: "notes",
              header: "Notes",
              help: "Anything that qualifies the link.",
              width: 36,
              wrap: true,
            },
          ],
          rows,
        },
      },
    ],
    mainTable: "analysis",
  };
}
