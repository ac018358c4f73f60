/**
 * What the Evaluate step offers to pick from, counted as the evaluation will
 * count: areas and offence types with the number of rows in the chosen
 * periods (and, for areas, the chosen offence types), busiest first. Area
 * codes are compared in their tidied form, as the counting compares them.
 */
import { normaliseAreaCode } from "../core/areas";
import { parseDateCell, isErrorValue } from "../core/incidents";
import { periodSerials, type Operation } from "../core/operation";
import type { TableData } from "../sheets/plan/snapshot";
import { rowCountOf, tableColumn } from "./incidentData";

export interface Choice {
  value: string;
  count: number;
  name?: string;
}

export interface ChoiceColumns {
  date: number;
  area: number;
  offenceType: number;
  areaName: number;
}

/** True for rows inside either period; every row while the periods are not set. */
function inPeriods(op: Operation): (v: unknown) => boolean {
  let s: ReturnType<typeof periodSerials>;
  try {
    s = periodSerials(op);
  } catch {
    return () => true;
  }
  const cache = new Map<unknown, boolean>();
  return (v) => {
    let hit = cache.get(v);
    if (hit === undefined) {
      const span = parseDateCell(v);
      hit =
        span !== null &&
        ((span.start >= s.beforeStart && span.end <= s.beforeEnd) ||
          (span.start >= s.afterStart && span.end <= s.afterEnd));
      if (cache.size < 10_000) cache.set(v, hit);
    }
    return hit;
  };
}

/** normaliseAreaCode, once per distinct value (areas repeat across a million rows); "" for errors. */
function areaCodes(): (raw: unknown) => string {
  const cache = new Map<unknown, string>();
  return (raw) => {
    let code = cache.get(raw);
    if (code === undefined) {
      code = isErrorValue(raw) ? "" : normaliseAreaCode(raw);
      if (cache.size < 100_000) cache.set(raw, code);
    }
    return code;
  };
}

const sorted = (m: Map<string, Choice>) =>
  [...m.values()].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));

/** Column `i` of the data, or null when the analyst left it unmapped (−1). */
const mapped = (data: TableData, i: number) => (i >= 0 ? tableColumn(data, i) : null);

export function areaChoices(
  data: TableData,
  cols: ChoiceColumns,
  op: Operation,
  types: ReadonlySet<string>,
): Choice[] {
  const area = mapped(data, cols.area);
  if (!area) return [];
  const date = mapped(data, cols.date);
  const names = mapped(data, cols.areaName);
  const type = types.size > 0 ? mapped(data, cols.offenceType) : null;
  const inside = date ? inPeriods(op) : () => true;
  const codeOf = areaCodes();
  const out = new Map<string, Choice>();
  const n = rowCountOf(data);
  for (let i = 0; i < n; i++) {
    const code = codeOf(area[i]);
    if (code === "") continue;
    let c = out.get(code);
    if (!c) {
      c = { value: code, count: 0 };
      const name = names ? String(names[i] ?? "").trim() : "";
      if (name) c.name = name;
      out.set(code, c);
    }
    if (date && !inside(date[i])) continue;
    if (type && !types.has(String(type[i] ?? "").trim())) continue;
    c.count++;
  }
  return sorted(out);
}

export function offenceTypeChoices(data: TableData, cols: ChoiceColumns, op: Operation): Choice[] {
  const types = mapped(data, cols.offenceType);
  if (!types) return [];
  const date = mapped(data, cols.date);
  const inside = date ? inPeriods(op) : () => true;
  const out = new Map<string, Choice>();
  const n = rowCountOf(data);
  for (let i = 0; i < n; i++) {
    const raw = types[i];
    if (raw === null || raw === undefined || isErrorValue(raw)) continue;
    const type = String(raw).trim();
    if (type === "") continue;
    let c = out.get(type);
    if (!c) out.set(type, (c = { value: type, count: 0 }));
    if (!date || inside(date[i])) c.count++;
  }
  return [...out.values()].sort((a, b) => a.value.localeCompare(b.value, "en-GB"));
}
