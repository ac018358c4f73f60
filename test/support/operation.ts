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
