/**
 * The one list of HARM.* functions: each family file says which functions it
 * has (id, adapter, spill size; families.ts puts them in order) and this joins
 * each to its metadata (metadata.ts: description and arguments) and its help
 * (catalogue.ts). The build writes functions.json from it
 * (scripts/functions-metadata-plugin.js); the task pane's help, the README
 * table (scripts/readme-functions.ts), the HyperFormula test plugin and the
 * fuzz test read it too, so a function cannot be added in one place only.
 *
 * Not imported by the `functions` entry or the task pane: it pulls in every
 * adapter and all the help text.
 */
import { HELP, type HarmFunctionId, type HelpText } from "./catalogue";
import { HARM_FAMILIES } from "./families";
import { functionsJson, METADATA, type FunctionMetadata, type FunctionsJson } from "./metadata";
import type { HarmFunction } from "./spill";

export type { HarmFunctionId };

export interface RegisteredFunction extends HarmFunction, FunctionMetadata {
  id: HarmFunctionId;
  /** Arguments before the first optional one. */
  required: number;
  help: HelpText;
}

/**
 * The adapter with `length` set to its number of arguments. Excel passes them by
 * position from functions.json whatever the adapter declares (some take ...args);
 * the HyperFormula test plugin reads fn.length.
 */
function withArity(fn: HarmFunction["fn"], arity: number): HarmFunction["fn"] {
  const f: HarmFunction["fn"] = (...args) => fn(...args);
  return Object.defineProperty(f, "length", { value: arity });
}

/** Every HARM.* function with its metadata and help, in the order the README lists them. */
export const HARM_REGISTRY: readonly RegisteredFunction[] = HARM_FAMILIES.map((f) => {
  const meta = METADATA[f.id];
  const required = meta.parameters.filter((p) => !p.optional).length;
  return { ...f, ...meta, fn: withArity(f.fn, meta.parameters.length), required, help: HELP[f.id] };
});

/** Id → adapter. */
export const HARM_FUNCTIONS = Object.fromEntries(HARM_REGISTRY.map((f) => [f.id, f.fn])) as Record<
  HarmFunctionId,
  HarmFunction["fn"]
>;

/** functions.json, as the build writes it. */
export const harmFunctionsJson = (): FunctionsJson => functionsJson(HARM_REGISTRY);
