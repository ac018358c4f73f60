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
  const all = format ?? "General";
  // Sections for positive, negative and zero values ("+0%;-0%;0%"): a section's own sign replaces the minus.
  const sections = all.split(";");
  const section = value > 0 || sections.length < 2 ? 0 : value < 0 ? 1 : sections.length > 2 ? 2 : 0;
  const f = sections[section];
  if (section > 0 || /^[+-]/.test(f)) {
    const sign = /^[+-]/.exec(f)?.[0] ?? "";
    const shown = formatCell(Math.abs(value), f.replace(/^[+-]/, ""));
    return shown === "0%" || /^0(\.0+)?%?$/.test(shown) ? shown : `${sign}${shown}`;
  }
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
