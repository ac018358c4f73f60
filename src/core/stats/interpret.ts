/** Plain-English reading of the WDQ (Guerette 2009, POP Center Tool Guide No. 10, Appendix C). */
import { NOT_IMPROVED_TEXT, bufferDisplacementMeasure, successMeasure } from "./displacement";
import { checkPair, finite, type PeriodPair } from "./validate";

export type DisplacementVerdict =
  | "diffusion-greater"
  | "diffusion"
  | "none"
  | "displacement-partial"
  | "displacement-cancelled"
  | "target-not-improved"
  | "buffer-no-change"
  | "undefined";

export interface DisplacementReading {
  verdict: DisplacementVerdict;
  /** The WDQ, or null where it is undefined (C0 = 0 or C1 = 0) or not meaningful (SM ≥ 0). */
  wdq: number | null;
  /** Success measure SM, or null when the control has a zero count. */
  sm: number | null;
  /** Buffer displacement measure BDM, or null when the control has a zero count. */
  bdm: number | null;
  text: string;
}

/** The buffer's own change is within chance, so displacement is not read into it. */
export const BUFFER_NO_CHANGE_TEXT =
  "No clear change in the buffer area against the control's trend, so neither displacement nor diffusion is read into it.";

/** Band edges are snapped within this distance so rounding noise (e.g. −0.9999999999999999) reads as −1. */
const EDGE = 1e-9;

function formatWdq(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return (rounded === 0 ? 0 : rounded).toFixed(2);
}

/**
 * Reads the WDQ against Guerette's (2009, Appendix C) bands. It is cautious:
 * when the target did not improve relative to control (SM ≥ 0, where `wdq`
 * throws #N/A) the verdict is "target-not-improved" and displacement is not
 * judged; undefined cases are explained rather than thrown.
 * Inputs are still validated (negative or non-finite counts throw valueError).
 */
export function interpretDisplacement(t: PeriodPair, b: PeriodPair, c: PeriodPair): DisplacementReading {
  checkPair(t, "target");
  checkPair(b, "buffer");
  checkPair(c, "control");
  if (c.before === 0 || c.after === 0) {
    const period = c.before === 0 ? "before" : "after";
    return {
      verdict: "undefined",
      wdq: null,
      sm: null,
      bdm: null,
      text: `The WDQ cannot be worked out because the control area had no crimes in the ${period} period. Choose a larger control area or longer periods.`,
    };
  }
  const sm = successMeasure(t, c);
  const bdm = bufferDisplacementMeasure(b, c);
  if (sm >= 0) return { verdict: "target-not-improved", wdq: null, sm, bdm, text: NOT_IMPROVED_TEXT };
  const value = finite(bdm / sm, "WDQ");
  const shown = formatWdq(value);
  const reading = (verdict: DisplacementVerdict, text: string): DisplacementReading => ({
    verdict,
    wdq: value,
    sm,
    bdm,
    text,
  });
  if (value > 1 + EDGE) {
    return reading(
      "diffusion-greater",
      `Diffusion of benefits greater than the direct effect: the buffer area improved relative to the control by more than the target did (WDQ ${shown}).`,
    );
  }
  if (value > EDGE) {
    return reading(
      "diffusion",
      `Diffusion of benefits: the buffer area improved too, relative to the control (WDQ ${shown}).`,
    );
  }
  if (value >= -EDGE) {
    return reading(
      "none",
      `No sign of displacement or diffusion: the buffer area moved in line with the control (WDQ ${shown}).`,
    );
  }
  if (value > -1 + EDGE) {
    return reading(
      "displacement-partial",
      `Some displacement into the buffer area, but smaller than the fall in the target area, so there was a net gain (WDQ ${shown}).`,
    );
  }
  return reading(
    "displacement-cancelled",
    `Displacement into the buffer area cancelled out the fall in the target area (WDQ ${shown}).`,
  );
}
