/**
 * The Operation sheet's Planning block: could the evaluation tell
 * whether the operation worked? The before-period counts and the smallest
 * detectable fall are stored by the Evaluate step (no native Excel formula
 * can solve for the minimum detectable effect); the expected after count and
 * the fall in crimes are native formulas over them and the period lengths.
 */
import type { Operation } from "../../core/operation";
import { operationLengths } from "../../core/operation";
import type { CellSpec, GridCell } from "./layout";
import type { PlanningFigures } from "./input";

/** The block's named cells; the Evaluate step writes them (src/app/planning.ts). */
export const PLANNING_NAMES = {
  targetBefore: "HP_PlanTargetBefore",
  controlBefore: "HP_PlanControlBefore",
  expectedAfter: "HP_PlanExpectedAfter",
  fall: "HP_PlanFall",
  crimes: "HP_PlanFallCrimes",
  reading: "HP_PlanReading",
} as const;

const LENGTHS = { before: "HP_BeforeLength", after: "HP_AfterLength" };

const NOT_YET = "Not worked out yet: load incident data and choose the areas in the Evaluate step.";

/** The target's expected after-period count, T0 × after length ÷ before length (equal lengths when not known). */
export function expectedAfter(targetBefore: number, op: Operation): number {
  const l = operationLengths(op);
  return l ? (targetBefore * l.after) / l.before : targetBefore;
}

export function planningRows(op: Operation, p: PlanningFigures | undefined): GridCell[][] {
  const n = PLANNING_NAMES;
  const label = (value: string): CellSpec => ({ value, style: "label" });
  const stored = (name: string, value: number | "", format: string, prompt: string): CellSpec => ({
    value,
    style: "computed",
    format,
    name,
    validation: { kind: "decimal", min: 0 },
    prompt,
  });
  const native = (name: string, formula: string, value: number | "", format: string): CellSpec => ({
    value: { formula, value },
    style: "computed",
    format,
    name,
  });
  const expected = p ? expectedAfter(p.targetBefore, op) : "";
  const t0 = n.targetBefore;
  const ratio = `IF(AND(ISNUMBER(${LENGTHS.before}),ISNUMBER(${LENGTHS.after})),${LENGTHS.after}/${LENGTHS.before},1)`;
  return [
    [
      label("Target crimes before"),
      stored(
        n.targetBefore,
        p?.targetBefore ?? "",
        "#,##0",
        "Counted in the before period by the Evaluate step; you may type a figure to plan with.",
      ),
    ],
    [
      label("Control crimes before"),
      stored(
        n.controlBefore,
        p?.controlBefore ?? "",
        "#,##0",
        "Counted in the before period by the Evaluate step.",
      ),
    ],
    [
      label("Target crimes expected after"),
      native(n.expectedAfter, `=IF(ISNUMBER(${t0}),${t0}*IFERROR(${ratio},1),"")`, expected, "#,##0.0"),
    ],
    [
      label("Smallest fall it can detect"),
      stored(
        n.fall,
        p?.fraction ?? "",
        "0%",
        "Stored by the Evaluate step: no native formula can solve for it. 95% confidence, 80% power (docs/methods.md). For a live value use =HARM.MDE(HP_PlanTargetBefore,HP_PlanControlBefore,HP_BeforeLength,HP_AfterLength,,,HP_Dispersion).",
      ),
    ],
    [
      label("Smallest fall in crimes"),
      native(
        n.crimes,
        `=IF(AND(ISNUMBER(${n.fall}),ISNUMBER(${n.expectedAfter})),${n.fall}*${n.expectedAfter},"")`,
        p && p.fraction !== null && typeof expected === "number" ? p.fraction * expected : "",
        "#,##0.0",
      ),
    ],
    [label("What it means"), { value: p?.reading ?? NOT_YET, style: "help", name: n.reading, literal: true }],
  ];
}
