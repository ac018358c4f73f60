/** A complete, valid operation for tests: Gwent LSOAs, six months before and six after. */
import { blankOperation, type Operation } from "../../src/core/operation";

export function operation(): Operation {
  return {
    ...blankOperation(),
    name: "Operation Test",
    force: "Gwent Police",
    analyst: "A. Analyst",
    preparedOn: "2025-01-15",
    targetAreas: ["W01001685"],
    bufferAreas: ["W01001601", "W01001603"],
    controlAreas: ["W01000001"],
    before: { start: "2024-01-01", end: "2024-06-30" },
    after: { start: "2024-07-01", end: "2024-12-31" },
  };
}

/** A small operation over the given periods: target T1, control C1, and whatever `extra` sets. */
export function periodsOperation(
  before: [string, string],
  after: [string, string],
  extra: Partial<Operation> = {},
): Operation {
  return {
    ...blankOperation(),
    name: "Op",
    targetAreas: ["T1"],
    controlAreas: ["C1"],
    before: { start: before[0], end: before[1] },
    after: { start: after[0], end: after[1] },
    ...extra,
  };
}
