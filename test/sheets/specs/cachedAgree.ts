/**
 * Every formula cell of some sheets, evaluated by HyperFormula, against the
 * cached value the spec stored with it (numbers within a relative tolerance).
 */
import { DetailedCellError } from "hyperformula";
import type { SheetModel } from "../../../src/sheets/model";
import { evaluate, formulasOf, type Evaluated } from "./workbookHelpers";

export interface Disagreement {
  sheet: string;
  address: string;
  native: unknown;
  cached: unknown;
}

export function sameValue(native: unknown, cached: unknown, tolerance: number): boolean {
  // An error value (#N/A, a gap in a chart) is cached as its text.
  if (native instanceof DetailedCellError) return native.value === cached;
  if (typeof cached === "number")
    return (
      typeof native === "number" && Math.abs(native - cached) <= tolerance * Math.max(1, Math.abs(cached))
    );
  return native === (cached ?? "");
}

/** Formula cells whose native value differs from the cached one (empty when they all agree). */
export function disagreements(
  models: SheetModel[],
  sheetNames: string[],
  tolerance = 1e-9,
  ev: Evaluated = evaluate(models),
): Disagreement[] {
  const out: Disagreement[] = [];
  for (const m of models.filter((s) => sheetNames.includes(s.name)))
    for (const f of formulasOf(m)) {
      const native = ev.value(m.name, f.address);
      if (!sameValue(native, f.value, tolerance))
        out.push({ sheet: m.name, address: f.address, native, cached: f.value });
    }
  return out;
}
