/**
 * HARM.* custom functions. Each is a thin adapter over src/core; JSDoc here is
 * what Excel shows in formula autocomplete, and custom-functions-metadata-plugin
 * turns it into functions.json at build time.
 */
import { guard, toCount } from "./excel";
import { div0Error } from "../core/errors";

// Outside Excel (browser preview, plain browser) the runtime global is absent;
// the build appends CustomFunctions.associate calls, which must not throw there.
if (typeof CustomFunctions === "undefined") {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { associate: () => undefined };
}

/**
 * Percentage change from before to after, as a fraction: (after − before) / before.
 * @customfunction CHANGE
 * @param before Count (or harm total) in the before period.
 * @param after Count (or harm total) in the after period.
 * @returns The change as a fraction (format the cell as %).
 */
export function change(before: number, after: number): number | CustomFunctions.Error {
  return guard(() => {
    const b = toCount(before, "before");
    const a = toCount(after, "after");
    if (b === 0)
      throw div0Error("before is 0, so a percentage change is undefined; report the raw change instead.");
    return (a - b) / b;
  }) as number | CustomFunctions.Error;
}
