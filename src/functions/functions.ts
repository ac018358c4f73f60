/**
 * The `functions` entry that webpack builds: every HARM.* custom function, by
 * family. The JSDoc on each exported function (in the family files, which
 * webpack.config.js hands to custom-functions-metadata-plugin) is what Excel
 * shows in formula autocomplete; the plugin turns it into functions.json and
 * appends the CustomFunctions.associate calls. registry.ts lists them by id.
 */
import "./shim";

export * from "./counts";
export * from "./displacement";
export * from "./evaluate";
export * from "./incidents";
export * from "./planning";
export * from "./priority";
