/**
 * Weighted displacement quotient and its companion measures (Bowers & Johnson
 * 2003, J. Quant. Criminol. 19(3); formulas as in Guerette 2009, POP Center
 * Problem-Solving Tool Guide No. 10, Appendix B). T = target, B = buffer,
 * C = control; before/after are the two periods.
 */
import { div0Error, naError } from "../errors";
import { netEffectEstimates } from "./netEffect";
import { checkPair, finite, type PeriodPair } from "./validate";

function requireControl(c: PeriodPair, measure: string): void {
  if (c.before === 0) {
    throw div0Error(
      `${measure} is undefined when the control area has no crimes in the before period (controlBefore = 0)`,
    );
  }
  if (c.after === 0) {
    throw div0Error(
      `${measure} is undefined when the control area has no crimes in the after period (controlAfter = 0)`,
    );
  }
}

/** Success measure SM = T1/C1 − T0/C0 (Bowers & Johnson 2003). SM < 0: the target improved relative to control. */
export function successMeasure(t: PeriodPair, c: PeriodPair): number {
  checkPair(t, "target");
  checkPair(c, "control");
  requireControl(c, "The success measure");
  return finite(t.after / c.after - t.before / c.before, "Success measure");
}

/** Buffer displacement measure BDM = B1/C1 − B0/C0 (Bowers & Johnson 2003). > 0 suggests displacement, < 0 diffusion. */
export function bufferDisplacementMeasure(b: PeriodPair, c: PeriodPair): number {
  checkPair(b, "buffer");
  checkPair(c, "control");
  requireControl(c, "The buffer displacement measure");
  return finite(b.after / c.after - b.before / c.before, "Buffer displacement measure");
}

/** Reading text (and #N/A message) when the target did not improve relative to the control. */
export const NOT_IMPROVED_TEXT =
  "The target did not improve relative to the control, so displacement cannot be judged.";

/**
 * Weighted displacement quotient WDQ = BDM / SM (Bowers & Johnson 2003).
 * Only meaningful when the target improved relative to the control (SM < 0):
 * SM ≥ 0 is naError; C0 = 0 or C1 = 0 is div0Error.
 * Example Q1: T 100→50, B 100→150, C 100→100 gives −1.0.
 */
export function wdq(t: PeriodPair, b: PeriodPair, c: PeriodPair): number {
  checkPair(b, "buffer");
  const sm = successMeasure(t, c);
  const bdm = bufferDisplacementMeasure(b, c);
  if (sm >= 0) {
    throw naError(
      `${NOT_IMPROVED_TEXT} The WDQ needs a success measure below 0; here it is ${Number(sm.toPrecision(3))}.`,
    );
  }
  return finite(bdm / sm, "WDQ");
}

/** Net effect NE = T0/C0 − T1/C1 (Guerette 2009, Appendix B). Positive means the target improved relative to control. */
export function netEffect(t: PeriodPair, c: PeriodPair): number {
  checkPair(t, "target");
  checkPair(c, "control");
  requireControl(c, "The net effect");
  return finite(t.before / c.before - t.after / c.after, "Net effect");
}

/** Gross effect GE = T0 − T1 (Guerette 2009, Appendix B): the raw fall in the target area. */
export function grossEffect(t: PeriodPair): number {
  checkPair(t, "target");
  return finite(t.before - t.after, "Gross effect");
}

/**
 * Total net effect TNE = [T0·(C1/C0) − T1] + [B0·(C1/C0) − B1] (Bowers & Johnson
 * 2003; Guerette 2009): crimes prevented in target plus buffer against the
 * control trend. Undefined when C0 = 0. Same estimate as `netEffectCi`, which adds the interval.
 */
export function totalNetEffect(t: PeriodPair, b: PeriodPair, c: PeriodPair): number {
  checkPair(t, "target");
  checkPair(b, "buffer");
  return netEffectEstimates({ target: t, buffer: b, control: c }, "The total net effect").estimate;
}
