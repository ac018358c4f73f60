/** Relative effect size for a target/control, before/after design. */
import { div0Error, numError } from "../errors";
import { zForConfidence } from "./normal";
import { checkConfidence, checkCount, checkDispersion, finite } from "./validate";

export interface ResOptions {
  /** Two-sided confidence level for the interval; default 0.95. */
  confidence?: number;
  /** Overdispersion factor D ≥ 1 multiplying Var ln RES, supplied by the analyst; default 1 (Poisson). */
  dispersion?: number;
  /** Add 0.5 to every cell when any cell is 0. Off by default; results say when it was used. */
  zeroCorrection?: boolean;
}

export interface ResResult {
  res: number;
  lower: number;
  upper: number;
  logVariance: number;
  /** Incident rate ratio, 1/RES. */
  irr: number;
  /** (1 − 1/RES)·100: percentage fall in the target relative to control. */
  percentReduction: number;
  /** True when 0.5 was added to every cell because one was 0. */
  zeroCorrected: boolean;
}

/**
 * Relative effect size (Welsh & Farrington 2002; Farrington, Gill, Waples &
 * Argomaniz 2007, J. Exp. Criminol.) with a = T0, b = T1, c = C0, d = C1:
 * RES = (a·d)/(b·c), Var ln RES = D·(1/a + 1/b + 1/c + 1/d), CI exp(ln RES ± z·√Var).
 * RES > 1 means crime fell in the target relative to control.
 * Example R1: 50, 30, 60, 55 gives RES 1.5278 (IRR 0.6545). Needs no period lengths: target and
 * control share the periods, so they cancel (docs/methods.md, "Relative effect size (RES)").
 */
export function relativeEffectSize(
  a: number,
  b: number,
  c: number,
  d: number,
  opts: ResOptions = {},
): ResResult {
  checkCount(a, "targetBefore (a)");
  checkCount(b, "targetAfter (b)");
  checkCount(c, "controlBefore (c)");
  checkCount(d, "controlAfter (d)");
  const confidence = checkConfidence(opts.confidence ?? 0.95);
  const dispersion = checkDispersion(opts.dispersion);
  let cells = [a, b, c, d];
  let zeroCorrected = false;
  if (cells.some((x) => x === 0)) {
    if (!opts.zeroCorrection) {
      throw div0Error(
        "RES is undefined when any count is 0; switch on the zero correction (adds 0.5 to every count) or combine periods/areas",
      );
    }
    cells = cells.map((x) => x + 0.5);
    zeroCorrected = true;
  }
  const [ca, cb, cc, cd] = cells;
  const res = finite((ca * cd) / (cb * cc), "RES");
  if (res === 0) throw numError("RES is too small to represent; check the counts are in sensible units");
  const logVariance = finite(dispersion * (1 / ca + 1 / cb + 1 / cc + 1 / cd), "Variance of ln RES");
  const halfWidth = zForConfidence(confidence) * Math.sqrt(logVariance);
  const logRes = Math.log(res);
  return {
    res,
    lower: finite(Math.exp(logRes - halfWidth), "RES lower limit"),
    upper: finite(Math.exp(logRes + halfWidth), "RES upper limit"),
    logVariance,
    irr: finite(1 / res, "IRR"),
    percentReduction: finite((1 - 1 / res) * 100, "Percentage reduction"),
    zeroCorrected,
  };
}
