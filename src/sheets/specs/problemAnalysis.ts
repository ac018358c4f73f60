/** Problem Analysis sheet: problem → leads to → resultant harm → who bears it (UKDPC 2009, Table 4.2). */
import { OPEN_MARKET_EXAMPLE, PROBLEM_ANALYSIS_SOURCE } from "../../core/framework/problemAnalysis";
import type { RowValues, SheetSpec } from "./layout";
import { sheetIdentity, type SpecContext } from "./input";
import { HARM_LABEL_LIST, blankRows, starterOn } from "./common";
import { harmLabelById } from "./harmMatrix";

/**
 * Table 4.2 words its resultant harms freely; the drop-down offers Table 4.1's
 * labels, so each starter row takes the closest Table 4.1 harm (by id) and
 * keeps the report's own wording in its notes.
 */
export const TABLE_4_2_HARMS: Record<string, string> = {
  "Psychological distress, mental health problems": "HE-IN-02", // Mental health
  "Loss of amenity": "SS-LC-09", // Loss of amenities
  "Loss of business": "EC-LC-06",
  "Property values and rents decline": "EC-LC-04", // Property devalued
  "Decreased co-operation": "SS-IN-08", // Distrust of authority
  "Alienation / loss of social cohesion": "SS-LC-08", // Lack of social cohesion (local community)
  "Health problems": "HE-IN-01", // Physical/diseases
  "Increasing truancy and poorer school performance": "SS-FP-07", // Poor life chances
  "Increasing truancy and school failure": "SS-FP-07",
  "Mental distress": "HE-FP-02", // Mental/emotional stress
  "Increased acquisitive crime": "SS-LC-02", // Victim of crime/anti-social behaviour
  "Risk to health": "HE-IN-01",
  "Physical harm": "SS-IN-03", // Victim of crime/intimidation
  "Harm from impurities": "HE-IN-04", // Risks from cutting agents
  "Risk of overdose": "HE-IN-03", // Overdose/death
};

function starterRows(): RowValues[] {
  return OPEN_MARKET_EXAMPLE.map((r) => {
    const label = harmLabelById(TABLE_4_2_HARMS[r.harm] ?? "") || r.harm;
    const wording = label === r.harm ? "" : `Table 4.2 says: ${r.harm}.`;
    return { ...r, harm: label, notes: [wording, r.notes].filter((x) => x !== "").join(" ") };
  });
}

export function problemAnalysisSpec(ctx: SpecContext): SheetSpec {
  const rows = starterOn(ctx.input) ? starterRows() : blankRows(3);
  return {
    ...sheetIdentity("problem-analysis"),
    title: "Problem Analysis: from market features to harms",
    source: `Source: ${PROBLEM_ANALYSIS_SOURCE} (worked example: an open or visible street market).`,
    help: [
      "Work through each feature of the market that causes trouble, what it leads to, the harm that results and who bears it most.",
      "Best done with partners and residents. The starter rows are the report's open-market example: each harm is matched to the closest Harm Matrix label, with the report's wording in Notes. Keep, edit or delete them.",
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
              validation: HARM_LABEL_LIST,
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
