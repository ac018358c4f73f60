/**
 * The `functions` entry that webpack builds: associates every HARM.* id with
 * its adapter (families.ts). What Excel shows in formula autocomplete is
 * functions.json, which the build writes from the registry (metadata.ts);
 * neither that nor the help text is in this bundle.
 */
import "./shim";
import { HARM_FAMILIES } from "./families";

for (const f of HARM_FAMILIES) CustomFunctions.associate(f.id.slice("HARM.".length), f.fn);

export * from "./counts";
export * from "./displacement";
export * from "./evaluate";
export * from "./incidents";
export * from "./planning";
export * from "./priority";
export * from "./verdict";
