/** Inputs shared by every sheet spec (re-exported from src/sheets/build.ts). */
import type { Operation } from "../../core/operation";
import type { LaidOutSheet } from "./layout";
import type { Scalar } from "../model";

export type SheetKey =
  | "operation"
  | "harm-matrix"
  | "problem-analysis"
  | "five-wh"
  | "responses"
  | "measures"
  | "monitoring"
  | "results"
  | "net-benefit"
  | "cohort"
  | "summary";

export const SHEET_ORDER: { key: SheetKey; name: string }[] = [
  { key: "operation", name: "Operation" },
  { key: "harm-matrix", name: "Harm Matrix" },
  { key: "problem-analysis", name: "Problem Analysis" },
  { key: "five-wh", name: "5WH" },
  { key: "responses", name: "Responses" },
  { key: "measures", name: "Measures" },
  { key: "monitoring", name: "Monitoring" },
  { key: "results", name: "Results" },
  { key: "net-benefit", name: "Net Benefit" },
  { key: "cohort", name: "Cohort" },
  { key: "summary", name: "Summary" },
];

export const sheetName = (key: SheetKey): string => SHEET_ORDER.find((s) => s.key === key)?.name ?? key;

export type { BeforeAfter, ResultsRow } from "../../core/evaluation/types";
import type { ResultsRow } from "../../core/evaluation/types";
import type { MonitoringMonth } from "../../core/stats/monitoring";
import type { CohortRow, NetBenefitSheetInput } from "./netBenefitCohortInput";

/** One usable Results row as the workbook shows it: its place in the table body (0-based) and its cells by key. */
export interface ShownRow {
  index: number;
  values: Record<string, Scalar>;
}

/** Where the Results table is, which of its columns hold which figure, and its usable rows as shown. */
export interface ResultsShown {
  sheet: string;
  /** 0-based row of the header and column of the table's first column. */
  top: number;
  left: number;
  /** Figure key → column offset within the table. */
  columns: Record<string, number>;
  rows: ShownRow[];
  /**
   * The row the Summary's headline formula picks, usable or not (the first
   * marked Headline?, else the table's first row), when the table was read;
   * else the headline is found among `rows` (headlineRow).
   */
  headline?: ShownRow;
}

/** What the workbook shows, read when the Summary is refreshed: the Results rows and named cells' values. */
export interface SummaryShown {
  results: ResultsShown;
  /** Values of workbook names (the Net Benefit sheet's totals), by name. */
  names?: Record<string, Scalar>;
}

export interface BuildInput {
  operation: Operation;
  results?: ResultsRow[];
  /** The Summary's reading of the workbook when it is refreshed; without it, the Results sheet built here. */
  shown?: SummaryShown;
  include?: SheetKey[];
  /** Starter rows (examples from the sources) in Problem Analysis, Responses and Measures; default true. */
  starterRows?: boolean;
  /** Current priority scores (e.g. from the live Harm Matrix) used as cached values on the Summary. */
  prioritySnapshot?: { label: string; score: number }[];
  /** Monthly counts for the Monitoring sheet (and the Summary's monthly chart); without them, the operation's months, blank. */
  monitoring?: MonitoringMonth[];
  /** The dispersion the headline measure's intervals used, estimated from the data (when none is typed). */
  dataDispersion?: number;
  /** The detectable fall, for the Operation sheet's Planning block (src/app/planning.ts). */
  planning?: PlanningFigures;
  /** Costs and unit costs for the Net Benefit sheet; without them its inputs are blank. */
  netBenefit?: NetBenefitSheetInput;
  /** People on the Cohort sheet: personal data, so shared files leave them out unless chosen. */
  cohort?: CohortRow[];
}

/** What the Operation sheet's Planning block shows: the counts used and the smallest fall the evaluation would detect. */
export interface PlanningFigures {
  targetBefore: number;
  controlBefore: number;
  /** δ, as a fraction of the target's expected after count; null when no fall could be detected. */
  fraction: number | null;
  /** The plain-English reading, with what would help. */
  reading: string;
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
  monitoring: "#00807F",
  results: "#C55A11",
  "net-benefit": "#BF8F00",
  cohort: "#833C0B",
  summary: "#7030A0",
};

/** A spec's key, tab name and tab colour, so each sheet's name is written once (in SHEET_ORDER). */
export const sheetIdentity = (key: SheetKey): { key: SheetKey; name: string; tabColour: string } => ({
  key,
  name: sheetName(key),
  tabColour: TAB_COLOURS[key],
});
