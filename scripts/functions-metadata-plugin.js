// Writes functions.json (what Excel shows in formula autocomplete) from the function registry
// (src/functions/registry.ts, metadata.ts), so the adapters need no JSDoc-shaped signatures.
// The registry is TypeScript: it is loaded with tsx in a fresh namespace on every build, so a
// watching dev server picks up edits. test/fixtures/functions.metadata.json pins the output.
const path = require("path");
const { register } = require("tsx/cjs/api");

const REGISTRY = path.join(__dirname, "..", "src", "functions", "registry.ts");
let loads = 0;

/** functions.json's text, formatted as custom-functions-metadata-plugin wrote it. */
function functionsMetadataJson() {
  const api = register({ namespace: `functions-metadata-${process.pid}-${++loads}` });
  try {
    return JSON.stringify(api.require(REGISTRY, REGISTRY).harmFunctionsJson(), null, 4);
  } finally {
    api.unregister();
  }
}

class FunctionsMetadataPlugin {
  constructor(options = {}) {
    this.output = options.output || "functions.json";
  }

  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(FunctionsMetadataPlugin.name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: FunctionsMetadataPlugin.name, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          // A watching build runs again after an edit to any file beside the registry (metadata.ts is in no bundle).
          compilation.contextDependencies.add(path.dirname(REGISTRY));
          try {
            compilation.emitAsset(this.output, new sources.RawSource(functionsMetadataJson()));
          } catch (e) {
            compilation.errors.push(
              new WebpackError(`functions.json: ${e instanceof Error ? e.message : e}`),
            );
          }
        },
      );
    });
  }
}

module.exports = { FunctionsMetadataPlugin, functionsMetadataJson };
