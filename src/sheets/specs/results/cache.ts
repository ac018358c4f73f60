/**
 * Cached values of the Results sheet's computed columns, from the one
 * evaluation in src/core/stats/evaluate.ts: shown before any recalculation,
 * stored in shared files, and the only values for harm-total rows, whose
 * figures need the counts per offence type.
 */
import { isHarmError } from "../../../core/errors";
import type { Operation } from "../../../core/operation";
import { rowFigures } from "../../../core/evaluation/figures";
import { coverageCheck } from "../../../core/stats/checks";
import type { EvaluationFigures, Figure } from "../../../core/stats/evaluate";
import type { DisplacementReading } from "../../../core/stats/interpret";
import type { Scalar } from "../../model";
import type { ResultsRow } from "../input";
import { READINGS, UNDEFINED_TEXT } from "./formulas";

export function shortReading(r: DisplacementReading): string {
  switch (r.verdict) {
    case "undefined":
      return READINGS.controlZero;
    case "target-not-improved":
      return READINGS.notImproved;
    case "diffusion-greater":
      return READINGS.diffusionGreater;
    case "diffusion":
      return READINGS.diffusion;
    case "none":
      return READINGS.none;
    case "displacement-partial":
      return READINGS.partial;
    case "displacement-cancelled":
      return READINGS.cancelled;
  }
}

/** Computed columns whose formulas assume plain counts; a harm-total row stores these instead. */
export const HARM_STORED_KEYS = [
  "z",
  "zFlag",
  "eTestP",
  "resLower",
  "resUpper",
  "tne",
  "tneLower",
  "tneUpper",
  "wdd",
  "wddLower",
  "wddUpper",
  "checks",
  "significant",
];

/** The text of the "Months missing" cell: the coverage check's words, blank when complete. */
export function missingText(row: ResultsRow): string {
  if (!row.coverage) return "";
  const c = coverageCheck(row.coverage);
  return c.ok ? "" : c.text;
}

const value = <T>(f: Figure<T>, pick: (v: T) => Scalar): Scalar =>
  f.defined ? pick(f.value) : UNDEFINED_TEXT;

/** Every computed column of one row, keyed as RESULTS_COLUMNS. */
export function resultsCache(row: ResultsRow, operation: Operation): Record<string, Scalar> {
  let e: EvaluationFigures;
  try {
    e = rowFigures(row, operation);
  } catch (err) {
    // Counts the formulas would refuse (negative, not numbers): every figure is n/a, as there.
    if (!isHarmError(err)) throw err;
    return Object.fromEntries(
      ["change", "z", "zFlag", "eTestP", "res", "resLower", "resUpper", "tne", "tneLower", "tneUpper", "wdd"]
        .concat(["wddLower", "wddUpper", "wdq", "reading", "checks", "significant"])
        .map((k) => [k, UNDEFINED_TEXT]),
    );
  }
  const z = e.poissonZ;
  const buffered = row.buffer !== undefined;
  return {
    change: value(e.change, (v) => v),
    z: value(z, (v) => v),
    zFlag: z.defined
      ? Math.abs(z.value) >= 3
        ? z.value < 0
          ? "Yes: fell"
          : "Yes: rose"
        : "No"
      : UNDEFINED_TEXT,
    eTestP: value(e.eTestP, (v) => v),
    res: value(e.res, (v) => v),
    resLower: value(e.resInterval, (v) => v.lower),
    resUpper: value(e.resInterval, (v) => v.upper),
    tne: value(e.netEffect, (v) => v.estimate),
    tneLower: value(e.netEffect, (v) => v.lower),
    tneUpper: value(e.netEffect, (v) => v.upper),
    wdd: value(e.wdd, (v) => v.estimate),
    wddLower: value(e.wdd, (v) => v.lower),
    wddUpper: value(e.wdd, (v) => v.upper),
    wdq: buffered ? value(e.wdq, (v) => v) : "",
    reading: buffered ? value(e.displacement, shortReading) : "",
    checks: e.checksText,
    significant: e.verdict,
  };
}
