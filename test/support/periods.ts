/** Operations that differ only in their periods, for tests of the Results and Summary sheets. */
import { blankOperation, type Operation } from "../../src/core/operation";

export const withPeriods = (
  base: Partial<Operation>,
  before: [string, string],
  after: [string, string],
  dispersion?: number,
): Operation => ({
  ...blankOperation(),
  ...base,
  before: { start: before[0], end: before[1] },
  after: { start: after[0], end: after[1] },
  ...(dispersion ? { dispersion } : {}),
});

/** Six months against six; six against four; periods of days with a typed dispersion. */
export const PERIODS = {
  equal: [
    ["2024-01-01", "2024-06-30"],
    ["2024-07-01", "2024-12-31"],
  ],
  sixFour: [
    ["2024-01-01", "2024-06-30"],
    ["2024-07-01", "2024-10-31"],
  ],
  days: [["2024-01-01", "2024-01-01"], ["2024-02-05", "2024-02-07"], 1.5],
} as const;
