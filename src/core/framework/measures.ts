/**
 * Starter library of outcome measures: UKDPC (2009) Appendix C (measures of
 * drug harms by harm type, from analysts' workshops) and Harocopos & Hough's
 * (2005) measures for open-air markets as quoted in UKDPC (2009), Chapter 4.
 * Each measure names the matrix harm it tracks, a Box B data source and the
 * direction that counts as improvement.
 */
import type { HarmLevel } from "./harmMatrix";
import { DATA_SOURCES } from "./dataSources";

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

const [
  INTEL,
  CRIMESTOPPERS,
  NATIONAL,
  COMMUNITY_SURVEY,
  ,
  PARTNER,
  CRIME_STATS,
  ,
  AUDIT,
  ,
  PRIVATE,
  CORRUPTION,
] = DATA_SOURCES;

type Row = [string, MeasureEntry["harmType"], string, string, HarmLevel, BetterWhen];

const APPENDIX_C: Row[] = [
  ["Hospital admissions where drug use was a factor", "Health", "HE-IN-01", PARTNER, "Individual", "Lower"],
  ["People starting drug treatment", "Health", "HE-IN-01", PARTNER, "Individual", "Higher"],
  ["Rates of hepatitis and HIV infection", "Health", "HE-LC-01", PARTNER, "Local community", "Lower"],
  [
    "Deaths where drug use was the cause or a factor (coroners' data)",
    "Health",
    "HE-IN-03",
    PARTNER,
    "Individual",
    "Lower",
  ],
  [
    "Share of dealing arrests in which firearms are recovered (intermediate measure)",
    "Health",
    "SS-LC-04",
    CRIME_STATS,
    "Local community",
    "Higher",
  ],
  ["Violent offences involving firearms", "Health", "SS-IN-03", CRIME_STATS, "Local community", "Lower"],
  ["Street price of drugs (and purity)", "Health", "HE-LC-02", INTEL, "Local community", "Higher"],
  [
    "Children on the at-risk register where drug use or dealing was a factor",
    "Social",
    "HE-FP-01",
    PARTNER,
    "Family and peers",
    "Lower",
  ],
  [
    "Children taken into care where drug use or dealing was a factor",
    "Social",
    "SS-FP-06",
    PARTNER,
    "Family and peers",
    "Lower",
  ],
  [
    "Fear of crime reported in a community survey",
    "Social",
    "SS-LC-01",
    COMMUNITY_SURVEY,
    "Local community",
    "Lower",
  ],
  [
    "Crime incidence from crime mapping (incl. displacement)",
    "Social",
    "SS-LC-02",
    CRIME_STATS,
    "Local community",
    "Lower",
  ],
  ["Recorded crime by offence type", "Social", "SS-LC-02", CRIME_STATS, "Local community", "Lower"],
  [
    "People (and their ages) with no previous record arrested, charged or mapped as involved",
    "Social",
    "SS-FP-04",
    INTEL,
    "Family and peers",
    "Lower",
  ],
  ["Evictions where drug use was a factor", "Social", "SS-IN-07", PARTNER, "Individual", "Lower"],
  [
    "Perception that dealers are 'untouchable' (surveys or intelligence)",
    "Social",
    "SS-LC-03",
    COMMUNITY_SURVEY,
    "Local community",
    "Lower",
  ],
  [
    "Community reporting after proceeds-of-crime action",
    "Social",
    "SS-LC-03",
    INTEL,
    "Local community",
    "Higher",
  ],
  ["People using local facilities (e.g. parks)", "Social", "SS-LC-09", AUDIT, "Local community", "Higher"],
  [
    "Confidence in the police (force surveys, national crime survey)",
    "Structural",
    "SS-NA-08",
    NATIONAL,
    "National",
    "Higher",
  ],
  [
    "Offenders' views of enforcement risk (covert intelligence)",
    "Structural",
    "SS-NA-07",
    INTEL,
    "National",
    "Higher",
  ],
  [
    "Reports from the public to Crimestoppers",
    "Structural",
    "SS-NA-07",
    CRIMESTOPPERS,
    "Local community",
    "Higher",
  ],
  ["Level of community reporting", "Structural", "SS-NA-07", CRIMESTOPPERS, "Local community", "Higher"],
  [
    "Share of enforcement officers investigated by professional standards",
    "Structural",
    "SS-LC-10",
    CORRUPTION,
    "Local community",
    "Lower",
  ],
  [
    "Corruption reports from private companies and regulators",
    "Structural",
    "SS-NA-06",
    PRIVATE,
    "National",
    "Lower",
  ],
  [
    "Cost of enforcement and of the criminal justice system",
    "Economic",
    "EC-LC-03",
    CRIME_STATS,
    "Local community",
    "Lower",
  ],
  ["Treatment and support costs", "Economic", "EC-LC-01", PARTNER, "Local community", "Lower"],
  [
    "Estimated cost of crime to individuals and businesses",
    "Economic",
    "EC-LC-02",
    CRIME_STATS,
    "Local community",
    "Lower",
  ],
  [
    "Community reports of discarded paraphernalia",
    "Environmental",
    "EN-LC-01",
    COMMUNITY_SURVEY,
    "Local community",
    "Lower",
  ],
  ["Vandalism reports", "Environmental", "EN-LC-01", CRIME_STATS, "Local community", "Lower"],
  ["Paraphernalia cleared by the council", "Environmental", "EN-LC-01", PARTNER, "Local community", "Lower"],
  ["Fires linked to cannabis farms", "Environmental", "EN-NA-01", PARTNER, "Local community", "Lower"],
  [
    "Cutting-agent pollution in water supplies and rivers (tests)",
    "Environmental",
    "EN-NA-01",
    PARTNER,
    "Local community",
    "Lower",
  ],
];

const HAROCOPOS_HOUGH: Row[] = [
  ["Visible drug activity in public places", "Social", "HE-LC-02", AUDIT, "Local community", "Lower"],
  [
    "Calls for service about drug dealing and use",
    "Social",
    "SS-LC-01",
    CRIME_STATS,
    "Local community",
    "Lower",
  ],
  [
    "Calls for service about crime and disorder",
    "Social",
    "SS-LC-02",
    CRIME_STATS,
    "Local community",
    "Lower",
  ],
  [
    "Arrests for selling or possession at a steady level of enforcement",
    "Social",
    "HE-LC-02",
    CRIME_STATS,
    "Local community",
    "Lower",
  ],
  ["Drug price or time taken to buy", "Health", "HE-LC-02", INTEL, "Local community", "Higher"],
  [
    "Residents' feeling of safety (survey)",
    "Social",
    "SS-LC-01",
    COMMUNITY_SURVEY,
    "Local community",
    "Higher",
  ],
  ["Legitimate use of public spaces such as parks", "Social", "SS-LC-09", AUDIT, "Local community", "Higher"],
  ["Vehicle traffic and loitering", "Social", "SS-LC-06", AUDIT, "Local community", "Lower"],
  [
    "Drug-related litter and paraphernalia found",
    "Environmental",
    "EN-LC-01",
    AUDIT,
    "Local community",
    "Lower",
  ],
  [
    "Nearby crimes plausibly linked to the market (thefts, burglaries, robberies)",
    "Social",
    "SS-LC-02",
    CRIME_STATS,
    "Local community",
    "Lower",
  ],
];

const toEntries = (rows: Row[], prefix: string, citation: string): MeasureEntry[] =>
  rows.map(([measure, harmType, harmId, dataSource, level, betterWhen], i) => ({
    id: `${prefix}-${String(i + 1).padStart(2, "0")}`,
    measure,
    harmType,
    harmId,
    dataSource: dataSource ?? "",
    level,
    betterWhen,
    citation,
  }));

export const MEASURE_LIBRARY: readonly MeasureEntry[] = [
  ...toEntries(APPENDIX_C, "APPC", APP_C),
  ...toEntries(HAROCOPOS_HOUGH, "HH", HH),
];
