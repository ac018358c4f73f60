/** Shared checks for the incident count tests. */
import { isHarmError } from "../../../src/core/errors";
import type { CountAccounting } from "../../../src/core/incidents/aggregate";

/** The HarmError `f` throws, as kind and message. */
export function caught(f: () => unknown): { kind: string; message: string } {
  try {
    f();
  } catch (e) {
    if (isHarmError(e)) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error("expected an error");
}

/** The bookkeeping identity: every row is in exactly one bucket, and the reasons add up. */
export function expectAccounted(r: CountAccounting): void {
  expect(
    r.rowsUsed +
      r.rowsOutsideAreas +
      r.rowsOutsidePeriods +
      r.rowsFilteredOut +
      r.rowsDuplicate +
      r.rowsCopied +
      r.rejectedCount,
  ).toBe(r.rowsRead);
  expect(Object.values(r.rejectedByReason).reduce((a, b) => a + b, 0)).toBe(r.rejectedCount);
}
