/** Types of displacement from drug enforcement, after UKDPC (2009), Box A (adapted there from UNODC 2008). */

export interface DisplacementType {
  key: "geographical" | "crimeType" | "tactical" | "target" | "substance" | "policy";
  label: string;
  description: string;
}

export const DISPLACEMENT_SOURCE = "UKDPC 2009, Box A";

export const DISPLACEMENT_TYPES: readonly DisplacementType[] = [
  {
    key: "geographical",
    label: "Geographical",
    description: "The market moves to another place or switches to different supply routes.",
  },
  {
    key: "crimeType",
    label: "Crime type",
    description:
      "Users and user-dealers turn to other (or more) offending when dealing gets too risky or costly.",
  },
  {
    key: "tactical",
    label: "Tactical",
    description: "Dealers change their methods, e.g. phones, the internet or new ways of hiding drugs.",
  },
  {
    key: "target",
    label: "Target",
    description: "Dealers look for new customers in other groups of the population when a market is hit.",
  },
  {
    key: "substance",
    label: "Substance",
    description: "Users or suppliers move to a different drug, including newly developed ones.",
  },
  {
    key: "policy",
    label: "Policy",
    description: "Money spent on enforcement is not available for other work (an opportunity cost).",
  },
];
