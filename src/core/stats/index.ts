/**
 * Evaluation statistics (docs/methods.md): pre/post change, Poisson
 * count tests, relative effect size, WDQ family, WDD and their interpretation.
 * Pure functions; undefined cases throw HarmError, never NaN or Infinity.
 */
export type { PeriodPair } from "./validate";
export { percentChange, poissonZ } from "./change";
export { eTest } from "./poisson";
export { relativeEffectSize, type ResOptions, type ResResult } from "./res";
export {
  successMeasure,
  bufferDisplacementMeasure,
  wdq,
  netEffect,
  grossEffect,
  totalNetEffect,
} from "./displacement";
export { wdd, harmWdd, type WddInput, type WddResult } from "./wdd";
export { normalQuantile, normalCdf, zForConfidence } from "./normal";
export { interpretDisplacement, type DisplacementVerdict, type DisplacementReading } from "./interpret";
export {
  checkLengths,
  timeRatio,
  lengthsToTimeWeights,
  describeLengths,
  type PeriodLengths,
} from "./lengths";
export { periodETest } from "./change";
export { NOT_IMPROVED_TEXT } from "./displacement";
export {
  netEffectCi,
  harmNetEffect,
  type NetEffectInput,
  type NetEffectResult,
  type HarmNetEffectPart,
} from "./netEffect";
export { baselineRatio, baselinesComparable, MAX_BASELINE_RATIO } from "./wdd";
export { checkDispersion } from "./validate";
export type { NormalInterval } from "./normal";
export { SMALL_COUNT, type Check, type CheckKey, type Coverage } from "./checks";
export {
  evaluateCounts,
  HARM_NOT_COUNTS,
  type EvaluationInput,
  type EvaluationFigures,
  type Figure,
  type HarmPart,
  type Significance,
} from "./evaluate";
export {
  gammaP,
  gammaQ,
  gammaPInverse,
  gammaQInverse,
  incompleteBeta,
  incompleteBetaUpper,
  incompleteBetaInverse,
  betaQuantile,
  chiSquareQuantile,
  chiSquareUpperQuantile,
} from "./betaGamma";
export { poissonCi } from "./poissonCi";
export { rateRatioExact, type RateRatioResult } from "./rateRatio";
export {
  minimumDetectableEffect,
  monthsNeeded,
  detectionPower,
  headlinePower,
  type DetectableEffectInput,
  type DetectableEffect,
  type MonthsNeededInput,
} from "./power";
export {
  expectedRange,
  monitoringSeries,
  type ExpectedRange,
  type MonitoringInput,
  type MonitoringMonth,
  type MonitoringRow,
  type MonitoringFlag,
} from "./monitoring";
export {
  cohortSummary,
  COHORT_GROUPS,
  type CohortGroup,
  type CohortPerson,
  type CohortGroupSummary,
  type CohortSummary,
  type ComparisonResult,
} from "./cohort";
