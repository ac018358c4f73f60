/**
 * The one list of HARM.* functions: each family file says which functions it
 * has (id, adapter, required arguments, spill size) and this assembles them,
 * with each one's help from catalogue.ts. The task pane's help, the README
 * table (scripts/readme-functions.ts), the HyperFormula test plugin and the
 * fuzz test all read it, and a test checks it against the metadata the build
 * generates from the JSDoc, so a function cannot be added in one place only.
 *
 * Not imported by the `functions` entry or the task pane: it pulls in every
 * adapter and all the help text.
 */
import { HELP, type HarmFunctionId, type HelpText } from "./catalogue";
import { COUNT_FUNCTIONS } from "./counts";
import { DISPLACEMENT_FUNCTIONS } from "./displacement";
import { EVALUATE_FUNCTIONS } from "./evaluate";
import { INCIDENT_FUNCTIONS } from "./incidents";
import { PLANNING_FUNCTIONS } from "./planning";
import { PRIORITY_FUNCTIONS } from "./priority";
import type { HarmFunction } from "./spill";

const ALL = [
  ...COUNT_FUNCTIONS,
  ...DISPLACEMENT_FUNCTIONS,
  ...EVALUATE_FUNCTIONS,
  ...INCIDENT_FUNCTIONS,
  ...PLANNING_FUNCTIONS,
  ...PRIORITY_FUNCTIONS,
] as const;

export type { HarmFunctionId };

export interface RegisteredFunction extends HarmFunction {
  id: HarmFunctionId;
  help: HelpText;
}

/** Every HARM.* function with its help, in the order the README lists them. */
export const HARM_REGISTRY: readonly RegisteredFunction[] = ALL.map((f) => ({ ...f, help: HELP[f.id] }));

/** Id → adapter. */
export const HARM_FUNCTIONS = Object.fromEntries(HARM_REGISTRY.map((f) => [f.id, f.fn])) as Record<
  HarmFunctionId,
  HarmFunction["fn"]
>;
