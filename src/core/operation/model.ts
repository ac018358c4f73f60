/**
 * The operation being planned or evaluated: the analyst fills this in first
 * (Operation sheet / task-pane form) and every other sheet refers to it.
 */

/** An inclusive date range as ISO dates (yyyy-mm-dd). */
export interface Period {
  start: string;
  end: string;
}

export interface HarmWeight {
  offenceType: string;
  weight: number;
  note?: string;
}

export interface Operation {
  name: string;
  force: string;
  analyst: string;
  preparedOn: string; // ISO date
  targetAreas: string[];
  bufferAreas: string[];
  controlAreas: string[];
  before: Period;
  after: Period;
  harmWeights: HarmWeight[];
  /** Overdispersion factor D ≥ 1 widening every interval; absent = estimated from the data for each measure. */
  dispersion?: number;
  /** The measure the verdict's headline reports, named before the evaluation; absent = all selected crime. */
  headlineMeasure?: string;
  notes?: string;
}

/** police.uk street-level crime types (data.police.uk categories). */
export const POLICE_UK_CRIME_TYPES = [
  "Anti-social behaviour",
  "Bicycle theft",
  "Burglary",
  "Criminal damage and arson",
  "Drugs",
  "Other crime",
  "Other theft",
  "Possession of weapons",
  "Public order",
  "Robbery",
  "Shoplifting",
  "Theft from the person",
  "Vehicle crime",
  "Violence and sexual offences",
] as const;

/**
 * Starter weights are all 1 (plain counts) on purpose: no published weight
 * table ships with the add-in. Analysts replace them with, for example,
 * Cambridge Crime Harm Index or ONS Crime Severity Score values.
 */
export function defaultHarmWeights(): HarmWeight[] {
  return POLICE_UK_CRIME_TYPES.map((offenceType) => ({
    offenceType,
    weight: 1,
    note: "Placeholder: replace with your force's harm weight (e.g. CCHI days or ONS CSS).",
  }));
}

export function blankOperation(): Operation {
  return {
    name: "",
    force: "",
    analyst: "",
    preparedOn: "",
    targetAreas: [],
    bufferAreas: [],
    controlAreas: [],
    before: { start: "", end: "" },
    after: { start: "", end: "" },
    harmWeights: defaultHarmWeights(),
  };
}
