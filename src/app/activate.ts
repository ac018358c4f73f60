/**
 * The analyst should see what a use case wrote: its plan ends by activating
 * the sheet (Excel switches to it; the browser preview's grid follows).
 */
import type { Op, Planned } from "../sheets/plan/ops";

/** The first sheet a plan adds or writes to, if any. */
export function firstSheetWritten(ops: readonly Op[]): string | undefined {
  for (const o of ops) if (o.op === "addSheet") return o.sheet;
  for (const o of ops) if (o.op === "write") return o.sheet;
  return undefined;
}

/** `planned` with an activate op for `sheet` at the end (nothing added when there is no sheet to show). */
export function thenActivate<R>(planned: Planned<R>, sheet: string | undefined): Planned<R> {
  if (!sheet) return planned;
  return { ops: [...planned.ops, { op: "activate", sheet }], result: planned.result };
}
