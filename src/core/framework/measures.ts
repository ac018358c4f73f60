/**
 * Starter library of outcome measures: UKDPC (2009) Appendix C (measures of
 * drug harms by harm type, from analysts' workshops) and Harocopos & Hough's
 * (2005) measures for open-air markets as quoted in UKDPC (2009), Chapter 4.
 * Each measure names the matrix harm it tracks, a Box B data source and the
 * direction that counts as improvement. The lists are in measures.json.
 */
import type { HarmLevel } from "./harmMatrix";
import LISTS from "./measures.json";

export type BetterWhen = "Lower" | "Higher";

export interface MeasureEntry {
  id: string;
  measure: string;
  /** Appendix C's harm type heading (Health, Social, Structural, Economic, Environmental). */
  harmType: "Health" | "Social" | "Structural" | "Economic" | "Environmental";
  /** Harm id from HARM_MATRIX the measure tracks. */
  harmId: string;
  /** One of DATA_SOURCES. */
  dataSource: string;
  level: HarmLevel;
  betterWhen: BetterWhen;
  citation: string;
}

export const MEASURES_SOURCE = "UKDPC 2009, Appendix C; Harocopos & Hough 2005 in UKDPC 2009, Chapter 4";

const APP_C = "UKDPC 2009, Appendix C";
const HH = "Harocopos & Hough 2005, in UKDPC 2009, Chapter 4";

/** A measure as measures.json lists it: the entry without its id and citation, which follow from its list. */
type Row = Omit<MeasureEntry, "id" | "citation">;

const toEntries = (rows: Row[], prefix: string, citation: string): MeasureEntry[] =>
  rows.map((row, i) => ({ id: `${prefix}-${String(i + 1).padStart(2, "0")}`, ...row, citation }));

export const MEASURE_LIBRARY: readonly MeasureEntry[] = [
  ...toEntries(LISTS.appendixC as Row[], "APPC", APP_C),
  ...toEntries(LISTS.harocoposHough as Row[], "HH", HH),
];
