/**
 * The Results rows an evaluation writes: their names and the harm-weighted
 * total built from the counts per offence type.
 */
import type { AreaCounts } from "../incidents";
import type { ResultsRow } from "./types";

export const ALL_SELECTED = "All selected crime";
export const HARM_TOTAL = "Harm-weighted total (all selected crime)";

const row = (measure: string, c: AreaCounts, withBuffer: boolean, note: string): ResultsRow => ({
  measure,
  target: { ...c.target },
  ...(withBuffer ? { buffer: { ...c.buffer } } : {}),
  control: { ...c.control },
  note,
});

/** Offence types with a weight, as parts for the harm-weighted statistics (Wheeler & Ratcliffe 2018). */
export function harmParts(
  byType: ReadonlyMap<string, AreaCounts>,
  weights: ReadonlyMap<string, number>,
  withBuffer: boolean,
) {
  return [...byType.keys()]
    .sort()
    .filter((t) => weights.has(t))
    .map((t) => {
      const c = byType.get(t)!;
      return {
        offenceType: t,
        weight: weights.get(t)!,
        target: c.target,
        control: c.control,
        ...(withBuffer ? { buffer: c.buffer } : {}),
      };
    });
}

/**
 * Σ weight × count for each area and period, kept with the counts per offence
 * type behind it, so its WDD and net-effect interval are the harm-weighted ones
 * (Σ w·X_k, variance Σ w²·Var_k) rather than those of the totals, whose variance
 * would be wrong. Only when some weight differs from 1: otherwise the total
 * equals the plain count.
 */
export function harmTotalRow(
  byType: ReadonlyMap<string, AreaCounts>,
  weights: ReadonlyMap<string, number>,
  withBuffer: boolean,
): ResultsRow | null {
  const parts = harmParts(byType, weights, withBuffer);
  if (!parts.some((p) => p.weight !== 1)) return null;
  const missing = [...byType.keys()].sort().filter((t) => !weights.has(t));
  const total = {
    target: { before: 0, after: 0 },
    buffer: { before: 0, after: 0 },
    control: { before: 0, after: 0 },
  };
  for (const p of parts) {
    const c = byType.get(p.offenceType)!;
    for (const area of ["target", "buffer", "control"] as const) {
      total[area].before += p.weight * c[area].before;
      total[area].after += p.weight * c[area].after;
    }
  }
  const note =
    `Σ weight × count over ${parts.length} offence type${parts.length === 1 ? "" : "s"}, weights from the Operation sheet. ` +
    "Count-only tests are n/a; the WDD and the net effect's interval are harm-weighted from the counts per offence " +
    "type (Wheeler & Ratcliffe 2018), stored when counted." +
    (missing.length ? ` Left out for want of a weight: ${missing.join(", ")}.` : "");
  return { ...row(HARM_TOTAL, total, withBuffer, note), kind: "harm", harmParts: parts };
}
