/** The operation's periods as serial days and as lengths (rates are compared over equal time). */
import { valueError } from "../errors";
import { isoToSerial, wholeMonths } from "../incidents/dates";
import type { Operation } from "./model";

/** Inclusive serial days of both periods. */
export interface PeriodSerials {
  beforeStart: number;
  beforeEnd: number;
  afterStart: number;
  afterEnd: number;
}

export function periodSerials(op: Pick<Operation, "before" | "after">): PeriodSerials {
  const need = [op.before.start, op.before.end, op.after.start, op.after.end];
  if (need.some((d) => !d)) throw valueError("Enter the before and after periods first.");
  return {
    beforeStart: isoToSerial(op.before.start),
    beforeEnd: isoToSerial(op.before.end),
    afterStart: isoToSerial(op.after.start),
    afterEnd: isoToSerial(op.after.end),
  };
}

export interface OperationLengths {
  before: number;
  after: number;
  /** Whole months when both periods run from a 1st to a month's end (as police.uk data need), else days. */
  unit: "months" | "days";
}

/** Lengths of the two periods, in whole months where both allow it, else in days. */
export function periodLengths(s: PeriodSerials): OperationLengths {
  const mb = wholeMonths(s.beforeStart, s.beforeEnd);
  const ma = wholeMonths(s.afterStart, s.afterEnd);
  if (mb !== null && ma !== null) return { before: mb, after: ma, unit: "months" };
  return { before: s.beforeEnd - s.beforeStart + 1, after: s.afterEnd - s.afterStart + 1, unit: "days" };
}

/** The operation's period lengths, or undefined while its periods are incomplete or not real dates. */
export function operationLengths(op: Pick<Operation, "before" | "after">): OperationLengths | undefined {
  try {
    const s = periodSerials(op);
    return s.beforeStart <= s.beforeEnd && s.afterStart <= s.afterEnd ? periodLengths(s) : undefined;
  } catch {
    return undefined;
  }
}
