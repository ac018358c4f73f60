/**
 * Evaluation statistics (see formulas.md digest): pre/post change, Poisson
 * count tests, relative effect size, WDQ family, WDD and their interpretation.
 * Pure functions; undefined cases throw HarmError, never NaN or Infinity.
 */
export type { PeriodPair } from "./validate";
export { percentChange, poissonZ } from "./change";
export { eTest, rateRatio, cTest } from "./poisson";
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
