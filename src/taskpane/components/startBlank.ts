/** What "Start blank" would clear from the form, in the analyst's words (empty: nothing to lose, no need to ask). */
import type { Operation } from "../../core/operation";
import { plural } from "../util";

export function clearedByStartBlank(op: Operation): string[] {
  const text = (label: string, v: string | undefined) => (v?.trim() ? [`${label} “${v.trim()}”`] : []);
  const areas = (label: string, list: string[]) => (list.length ? [plural(list.length, label)] : []);
  const period = (label: string, p: Operation["before"]) => (p.start || p.end ? [`the ${label} dates`] : []);
  return [
    ...text("the operation name", op.name),
    ...text("force or area", op.force),
    ...text("analyst", op.analyst),
    ...areas("target area", op.targetAreas),
    ...areas("buffer area", op.bufferAreas),
    ...areas("control area", op.controlAreas),
    ...period("before-period", op.before),
    ...period("after-period", op.after),
    ...(op.preparedOn ? ["the prepared-on date"] : []),
    ...text("notes", op.notes),
  ];
}
