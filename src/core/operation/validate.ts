/**
 * One rule set for an operation, used by the task pane, the CLI and the
 * evaluation: what stops it being saved, and what stops it being evaluated.
 */
import { areaOverlaps } from "../areas";
import { isoToSerialOrNull } from "../incidents/dates";
import type { Operation, Period } from "./model";

export type OperationPurpose = "save" | "evaluate";

function periodProblems(label: string, per: Period, out: string[]): boolean {
  if (!per.start || !per.end) {
    out.push(`Enter both dates of the ${label} period.`);
    return false;
  }
  const bad = (["start", "end"] as const).filter((k) => isoToSerialOrNull(per[k]) === null);
  if (bad.length) {
    out.push(`The ${label} period's ${bad.join(" and ")} ${bad.length > 1 ? "are" : "is"} not a real date.`);
    return false;
  }
  if (per.start > per.end) {
    out.push(`The ${label} period ends before it starts.`);
    return false;
  }
  return true;
}

/**
 * Problems in the analyst's terms; empty when the operation is fit for the
 * purpose. Evaluating also needs a target area.
 */
export function operationProblems(op: Operation, purpose: OperationPurpose = "save"): string[] {
  const p: string[] = [];
  if (purpose === "save" && !op.name.trim()) p.push("Give the operation a name.");
  const beforeOk = periodProblems("before", op.before, p);
  const afterOk = periodProblems("after", op.after, p);
  if (beforeOk && afterOk && op.before.end >= op.after.start)
    p.push("The before period must end before the after period starts.");
  for (const o of areaOverlaps({ target: op.targetAreas, buffer: op.bufferAreas, control: op.controlAreas }))
    p.push(`Area ${o}; each area may be in one set only.`);
  if (op.dispersion !== undefined && !(Number.isFinite(op.dispersion) && op.dispersion >= 1))
    p.push("The dispersion factor must be a number of 1 or more (1 means plain Poisson variation).");
  if (purpose === "evaluate" && op.targetAreas.length === 0) p.push("Choose at least one target area.");
  return p;
}
