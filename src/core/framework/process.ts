/**
 * The six steps of a harm-focused enforcement programme, after UKDPC (2009),
 * Figure 4.2, with the planning sheet that supports each step.
 */

export interface ProcessStep {
  step: number;
  title: string;
  /** Tab name of the sheet that supports the step. */
  sheets: string[];
}

export const PROCESS_SOURCE = "UKDPC 2009, Figure 4.2";

export const PROCESS_STEPS: readonly ProcessStep[] = [
  {
    step: 1,
    title: "Define the problem, its causes and its harms",
    sheets: ["Harm Matrix", "Problem Analysis", "5WH"],
  },
  { step: 2, title: "Prioritise and agree where to act", sheets: ["Harm Matrix"] },
  { step: 3, title: "Weigh response options and their likely impacts", sheets: ["Responses"] },
  { step: 4, title: "Choose measures for the harms targeted and for side effects", sheets: ["Measures"] },
  { step: 5, title: "Implement, mitigating harms the operation may cause", sheets: ["Responses"] },
  { step: 6, title: "Evaluate the net benefit for communities", sheets: ["Results", "Summary"] },
];
