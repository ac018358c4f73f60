/**
 * The problem-analysis framework of UKDPC (2009), Table 4.2: each row links a
 * characteristic of the market (problem) through what it leads to, to a
 * resultant harm and the people who bear it most. The worked example is an
 * open or visible street market; its rows ship as starter rows.
 *
 * The row grouping is reconstructed from the report's table, whose merged
 * cells span several rows. The rows are in problemAnalysis.json.
 */
import ROWS from "./problemAnalysis.json";

export interface ProblemAnalysisRow {
  problem: string;
  leadsTo: string;
  harm: string;
  who: string;
  notes: string;
}

export const PROBLEM_ANALYSIS_SOURCE = "UKDPC 2009, Table 4.2";

/** The JSON leaves out empty notes. */
type JsonRow = Omit<ProblemAnalysisRow, "notes"> & { notes?: string };

export const OPEN_MARKET_EXAMPLE: readonly ProblemAnalysisRow[] = (ROWS as JsonRow[]).map((r) => ({
  ...r,
  notes: r.notes ?? "",
}));
