/**
 * Outside Excel (browser preview, plain browser, tests) the CustomFunctions
 * global is absent; the `functions` entry imports this first, so its
 * CustomFunctions.associate calls do not throw there.
 */
if (typeof CustomFunctions === "undefined") {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { associate: () => undefined };
}

export {};
