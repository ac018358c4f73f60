/**
 * What each family tells the registry (registry.ts) about its functions: the
 * id Excel shows, the adapter and how big a spill the result makes. Kept apart from registry.ts so the families can use
 * these helpers without importing the registry that imports them.
 */

export interface Size {
  width: number;
  height: number;
}

export interface HarmFunction {
  /** As typed in a cell, e.g. "HARM.WDQ": "HARM." and the id in functions.json. */
  id: string;
  /** Called with the arguments in functions.json's order (metadata.ts), each a matrix or null. */
  fn: (...args: any[]) => any[][];
  /**
   * The spill's size from the sizes of the arguments (an omitted or single-cell one is 1×1), and
   * `literals`, each argument's value when it is a number or text typed into the formula (else
   * undefined), for the one function whose size depends on values (HARM.MONTHLYCOUNTS).
   */
  spill: (args: readonly Size[], literals?: readonly unknown[]) => Size;
}

/**
 * One result row per input row, `width` cells wide: as tall as the tallest
 * of the first `columns` arguments (all of them by default), plus a header row.
 */
export const perRow =
  (width: number, options: { header?: boolean; columns?: number } = {}): HarmFunction["spill"] =>
  (args) => ({
    width,
    height:
      args.slice(0, options.columns).reduce((h, a) => Math.max(h, a.height), 1) + (options.header ? 1 : 0),
  });

/** The same size whatever the arguments. */
export const fixedSize =
  (width: number, height: number): HarmFunction["spill"] =>
  () => ({ width, height });
