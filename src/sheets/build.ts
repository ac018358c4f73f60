/**
 * Builds the planning sheets as positioned SheetModels, ready for the
 * renderers (src/sheets/render) and the in-memory preview. Each sheet is a
 * declarative spec in src/sheets/specs/; layout.ts positions it.
 */
import type { SheetModel } from "./model";
import { layoutSheet, type LaidOutSheet, type SheetSpec } from "./specs/layout";
import { SHEET_ORDER, type BuildInput, type SheetKey, type SpecContext } from "./specs/input";
import { operationSpec } from "./specs/operation";
import { harmMatrixSpec } from "./specs/harmMatrix";
import { problemAnalysisSpec } from "./specs/problemAnalysis";
import { fiveWHSpec } from "./specs/fiveWH";
import { responsesSpec } from "./specs/responses";
import { measuresSpec } from "./specs/measures";
import { monitoringSpec } from "./specs/monitoring";
import { resultsSpec } from "./specs/results";
import { summarySpec } from "./specs/summary";
import { netBenefitSpec } from "./specs/netBenefit";
import { cohortSpec } from "./specs/cohort";

export { SHEET_ORDER };
export type { BuildInput, ResultsRow, SheetKey } from "./specs/input";

const SPECS: Record<SheetKey, (ctx: SpecContext) => SheetSpec> = {
  operation: operationSpec,
  "harm-matrix": harmMatrixSpec,
  "problem-analysis": problemAnalysisSpec,
  "five-wh": fiveWHSpec,
  responses: responsesSpec,
  measures: measuresSpec,
  monitoring: monitoringSpec,
  results: resultsSpec,
  "net-benefit": netBenefitSpec,
  cohort: cohortSpec,
  summary: summarySpec,
};

function context(input: BuildInput): SpecContext {
  const cache = new Map<SheetKey, LaidOutSheet>();
  const ctx: SpecContext = {
    input,
    laidOut(key) {
      let done = cache.get(key);
      if (!done) {
        done = layoutSheet(SPECS[key](ctx));
        cache.set(key, done);
      }
      return done;
    },
  };
  return ctx;
}

/** One sheet. Formulas refer to the other sheets by name, so they must exist in the workbook too. */
export function buildSheet(key: SheetKey, input: BuildInput): SheetModel {
  if (!(key in SPECS)) throw new Error(`Unknown sheet "${key}"`);
  return context(input).laidOut(key).model;
}

/** The sheets in SHEET_ORDER (or those in `include`, still in that order). */
export function buildWorkbook(input: BuildInput): SheetModel[] {
  const ctx = context(input);
  const wanted = input.include ? new Set(input.include) : undefined;
  return SHEET_ORDER.filter((s) => !wanted || wanted.has(s.key)).map((s) => ctx.laidOut(s.key).model);
}
