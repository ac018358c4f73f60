/**
 * Outside Excel (browser preview, plain browser, tests) the CustomFunctions
 * global is absent; the build appends CustomFunctions.associate calls to each
 * family file, which must not throw there. Every family file imports this
 * first, so it runs before any of those calls.
 */
if (typeof CustomFunctions === "undefined") {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { associate: () => undefined };
}

export {};
