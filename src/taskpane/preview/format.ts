/** Shows a cached cell value roughly as Excel would with its number format (en-GB). */
import type { Scalar } from "../../sheets/model";
import { serialToIso } from "../../core/incidents";
import { isoToGb } from "../util";

const decimalsIn = (format: string): number => {
  const m = /0\.(0+)/.exec(format);
  return m ? m[1].length : 0;
};

export function formatCell(value: Scalar | undefined, format?: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "#NUM!";
  const f = format ?? "General";
  if (f.includes("%")) return `${(value * 100).toFixed(decimalsIn(f))}%`;
  if (/(^|[^"])[dy]/i.test(f) && !/0/.test(f) && value > 60) {
    try {
      return isoToGb(serialToIso(Math.floor(value)));
    } catch {
      return String(value);
    }
  }
  if (/[0#]/.test(f)) {
    const d = decimalsIn(f);
    return value.toLocaleString("en-GB", {
      minimumFractionDigits: d,
      maximumFractionDigits: d,
      useGrouping: f.includes(","),
    });
  }
  // General: up to 10 significant digits, as Excel shows in a normal-width cell.
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
}
