/** Information sources for measuring impact, after UKDPC (2009), Box B (from analysts' workshops facilitated by NPIA). */

export const DATA_SOURCES_SOURCE = "UKDPC 2009, Box B";

export const DATA_SOURCES: readonly string[] = [
  "Intelligence (incl. crime and OCG mapping)",
  "Crimestoppers and other crime reports",
  "National surveys and data",
  "Community surveys",
  "Forensic information",
  "Partner agency data (service use and costs)",
  "Crime, CJS and seizure statistics",
  "MOSAIC and other demographic data",
  "Audits and observations (e.g. environmental)",
  "Community feedback (e.g. blogs, meetings)",
  "Private sector partners (e.g. businesses)",
  "Corruption incidents",
  "House price data",
  "Interviews/surveys with offenders, police, victims",
  "ANPR",
  "Media coverage",
];
