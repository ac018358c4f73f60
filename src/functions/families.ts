/**
 * Every HARM.* function's id, adapter and spill size, family by family, in the
 * order the README lists them. The `functions` entry associates each id with
 * its adapter from this list; registry.ts adds the metadata and help.
 */
import { COUNT_FUNCTIONS } from "./counts";
import { DISPLACEMENT_FUNCTIONS } from "./displacement";
import { EVALUATE_FUNCTIONS } from "./evaluate";
import { INCIDENT_FUNCTIONS } from "./incidents";
import { PLANNING_FUNCTIONS } from "./planning";
import { PRIORITY_FUNCTIONS } from "./priority";
import { VERDICT_FUNCTIONS } from "./verdict";

export const HARM_FAMILIES = [
  ...COUNT_FUNCTIONS,
  ...DISPLACEMENT_FUNCTIONS,
  ...EVALUATE_FUNCTIONS,
  ...INCIDENT_FUNCTIONS,
  ...VERDICT_FUNCTIONS,
  ...PLANNING_FUNCTIONS,
  ...PRIORITY_FUNCTIONS,
] as const;
