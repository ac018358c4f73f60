/** Inputs shared by every sheet spec (re-exported from src/sheets/build.ts). */
import type { Operation } from "../../core/operation";
import type { LaidOutSheet } from "./layout";

export type SheetKey =
  | "operation"
  | "harm-matrix"
  | "problem-analysis"
  | "five-wh"
  | "responses"
  | "measures"
  | "results"
  | "summary";

export const SHEET_ORDER: { key: SheetKey; name: string }[] = [
  { key: "operation", name: "Operation" },
  { key: "harm-matrix", name: "Harm Matrix" },
  { key: "problem-analysis", name: "Problem Analysis" },
  { key: "five-wh", name: "5WH" },
  { key: "responses", name: "Responses" },
  { key: "measures", name: "Measures" },
  { key: "results", name: "Results" },
  { key: "summary", name: "Summary" },
];

export const sheetName = (key: SheetKey): string => SHEET_ORDER.find((s) => s.key === key)?.name ?? key;

export type { BeforeAfter, ResultsRow } from "../../core/evaluation/types";
import type { ResultsRow } from "../../core/evaluation/types";

export interface BuildInput {
  operation: Operation;
  results?: ResultsRow[];
  include?: SheetKey[];
  /** Starter rows (examples from the sources) in Problem Analysis, Responses and Measures; default true. */
  starterRows?: boolean;
  /** Current priority scores (e.g. from the live Harm Matrix) used as cached values on the Summary. */
  prioritySnapshot?: { label: string; score: number }[];
}

/** Lets a spec see where another sheet put its blocks (for cross-sheet formulas). */
export interface SpecContext {
  input: BuildInput;
  laidOut(key: SheetKey): LaidOutSheet;
}

/** Tab colours: planning sheets in blues/greens, evaluation in oranges, summary in purple. */
export const TAB_COLOURS: Record<SheetKey, string> = {
  operation: "#1F4E79",
  "harm-matrix": "#C00000",
  "problem-analysis": "#2E75B6",
  "five-wh": "#2E75B6",
  responses: "#548235",
  measures: "#548235",
  results: "#C55A11",
  summary: "#7030A0",
};
