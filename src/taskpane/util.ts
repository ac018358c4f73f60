/** Small UI helpers shared by the task-pane panels. */
import { isHarmError } from "../core/errors";
import { CancelledError, PortError } from "../workbook/port";

/** Lets the browser paint and handle input between chunks of work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Runs `fn` once the browser is idle (within half a second); returns a function that cancels it. */
export function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(fn, { timeout: 500 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 0);
  return () => clearTimeout(id);
}

/** A message an analyst can act on; never a stack trace. */
export function friendlyError(e: unknown): string {
  if (e instanceof PortError || isHarmError(e)) return e.message;
  if (e instanceof CancelledError) return "Cancelled.";
  const m = e instanceof Error ? e.message : String(e);
  if (/InvalidOperation|ItemAlreadyExists|GeneralException|AccessDenied/i.test(m))
    return `Excel refused the change (${m.split("\n")[0]}). Finish editing any cell (press Enter or Esc), then try again.`;
  return `Something went wrong: ${m.split("\n")[0]}. Try again; if it keeps happening, save the workbook and reopen Harm Planner.`;
}

/** Today's local calendar date as yyyy-mm-dd. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** "2024-01-31" → "31/01/2024" (en-GB, for hints and messages). */
export function isoToGb(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : "";
}

export const plural = (n: number, one: string, many = one + "s"): string =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
