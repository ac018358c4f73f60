/** Small helpers shared by several specs. */
import type { RowValues } from "./layout";
import type { BuildInput } from "./input";

export const starterOn = (input: BuildInput): boolean => input.starterRows !== false;

/** `n` empty rows, so that a table always has a data body to type into. */
export const blankRows = (n: number): RowValues[] => Array.from({ length: n }, () => ({}));

export const LOW_MEDIUM_HIGH = { kind: "list", values: ["Low", "Medium", "High"] } as const;
