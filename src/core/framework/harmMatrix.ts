/**
 * The drug-harm matrix: every example harm of UKDPC (2009), Table 4.1
 * ("Summary matrix of examples of drug-related harms at different levels"),
 * by harm type and by the level at which it is felt. The wording of each harm
 * is the report's (it is a label, not prose), with abbreviations spelt out,
 * "e.g." asides in brackets and one misspelling ("Destablised") corrected.
 *
 * The report's environmental row is sparse: it gives one harm each for the
 * local community, national and international columns.
 */

export const HARM_TYPES = ["Health", "Social/structural", "Economic", "Environmental"] as const;
export type HarmType = (typeof HARM_TYPES)[number];

export const HARM_LEVELS = [
  "Individual",
  "Family and peers",
  "Local community",
  "National",
  "International",
] as const;
export type HarmLevel = (typeof HARM_LEVELS)[number];

export interface HarmEntry {
  /** Stable id: type code, level code and position in the cell, e.g. "HE-IN-03". */
  id: string;
  harm: string;
  type: HarmType;
  level: HarmLevel;
}

export const HARM_MATRIX_SOURCE = "UKDPC 2009, Table 4.1";

const TYPE_CODE: Record<HarmType, string> = {
  Health: "HE",
  "Social/structural": "SS",
  Economic: "EC",
  Environmental: "EN",
};
const LEVEL_CODE: Record<HarmLevel, string> = {
  Individual: "IN",
  "Family and peers": "FP",
  "Local community": "LC",
  National: "NA",
  International: "IT",
};

/** Cells of Table 4.1: type → level → harms, in the report's order. */
const CELLS: Record<HarmType, Partial<Record<HarmLevel, string[]>>> = {
  Health: {
    Individual: [
      "Physical/diseases",
      "Mental health",
      "Overdose/death",
      "Risks from cutting agents",
      "Risk of accidents",
    ],
    "Family and peers": ["Poor child welfare", "Mental/emotional stress", "More likely to use drugs"],
    "Local community": ["Disease transmission", "Normalisation of drug use and easy access to drugs"],
    National: ["Disease transmission", "Normalisation of drug use and easy access to drugs"],
    International: [
      "Harms caused by crop spraying",
      "Risk of death for drug mules",
      "Production health risks",
    ],
  },
  "Social/structural": {
    Individual: [
      "Spiralling criminality",
      "Impact of the criminal justice system (e.g. time in prison)",
      "Victim of crime/intimidation",
      "Exclusion and vulnerability",
      "Loss of support networks",
      "Poor life skills",
      "Poor/no accommodation",
      "Distrust of authority",
    ],
    "Family and peers": [
      "Victim of crimes (e.g. theft)",
      "Fear of safety",
      "Domestic violence",
      "More likely to commit crime",
      "Exclusion",
      "Family breakdown",
      "Poor life chances",
      "Negative role model",
      "Poor parenting",
      "Loss of confidence in authorities",
    ],
    "Local community": [
      "Fear of crime/anti-social behaviour",
      "Victim of crime/anti-social behaviour",
      "Attraction or recruitment to criminal life",
      "Related crime (e.g. prostitution, gangs, corruption)",
      "Strain on local services",
      "'No go' areas",
      "Local reputation",
      "Lack of social cohesion",
      "Loss of amenities",
      "Corruption",
    ],
    National: [
      "Fear of crime",
      "Increased crime statistics",
      "Growth in organised crime",
      "Underclass of vulnerable people",
      "Lack of social cohesion",
      "Corruption",
      "Loss of respect for law",
      "Loss of confidence in authorities",
      "Strain on NHS",
      "Overcrowded prisons",
    ],
    International: [
      "Conflict/violence",
      "Growth in organised crime",
      "Exploitation of vulnerable people",
      "Corruption",
      "Destabilised communities/governments",
      "Loss of respect for law/confidence in authorities",
    ],
  },
  Economic: {
    Individual: ["Unemployment", "Poverty/debt", "Poor prospects"],
    "Family and peers": [
      "Poverty/debt",
      "Loss of breadwinner",
      "Cost of being victim of crime",
      "Cost of help/support for user",
    ],
    "Local community": [
      "Cost of help/support services",
      "Cost of crime",
      "Cost of enforcement and the CJS",
      "Property devalued",
      "Barrier to regeneration",
      "Loss of business",
      "Increased unemployment",
    ],
    National: [
      "Cost of help/support services and welfare",
      "Cost of crime",
      "Cost of enforcement/CJS",
      "Loss of tax revenue",
    ],
    International: [
      "Cost of help/support services",
      "Cost of crime",
      "Cost of enforcement/CJS",
      "Loss of tax revenue",
      "Dependency on drug revenues stifling economic development/investment",
    ],
  },
  Environmental: {
    "Local community": ["Degradation of neighbourhoods (e.g. discarded paraphernalia)"],
    National: ["Hazards from illicit production (e.g. labs/farms)"],
    International: ["Deforestation"],
  },
};

function buildMatrix(): HarmEntry[] {
  const out: HarmEntry[] = [];
  for (const type of HARM_TYPES) {
    for (const level of HARM_LEVELS) {
      (CELLS[type][level] ?? []).forEach((harm, i) => {
        out.push({
          id: `${TYPE_CODE[type]}-${LEVEL_CODE[level]}-${String(i + 1).padStart(2, "0")}`,
          harm,
          type,
          level,
        });
      });
    }
  }
  return out;
}

/** Every example harm of Table 4.1, ordered by harm type, then level. */
export const HARM_MATRIX: readonly HarmEntry[] = buildMatrix();

export function harmById(id: string): HarmEntry | undefined {
  return HARM_MATRIX.find((h) => h.id === id);
}
