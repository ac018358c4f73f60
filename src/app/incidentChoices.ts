/**
 * What the Evaluate step offers to pick from, counted as the evaluation will
 * count: areas and offence types with the number of rows in the chosen
 * periods (and, for areas, the chosen offence types), busiest first. Area
 * codes are compared in their tidied form, as the counting compares them.
 */
import { normaliseAreaCode } from "../core/areas";
import { parseDateCell, isErrorValue } from "../core/incidents";
import { periodSerials, type Operation } from "../core/operation";

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

const sorted = (m: Map<string, Choice>) =>
  [...m.values()].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));

export function areaChoices(
  rows: readonly (readonly unknown[])[],
  cols: ChoiceColumns,
  op: Operation,
  types: ReadonlySet<string>,
): Choice[] {
  if (cols.area < 0) return [];
  const inside = cols.date >= 0 ? inPeriods(op) : () => true;
  const out = new Map<string, Choice>();
  for (const r of rows) {
    const raw = r[cols.area];
    if (isErrorValue(raw)) continue;
    const code = normaliseAreaCode(raw);
    if (code === "") continue;
    let c = out.get(code);
    if (!c) {
      c = { value: code, count: 0 };
      const name = cols.areaName >= 0 ? String(r[cols.areaName] ?? "").trim() : "";
      if (name) c.name = name;
      out.set(code, c);
    }
    if (cols.date >= 0 && !inside(r[cols.date])) continue;
    if (types.size > 0 && cols.offenceType >= 0 && !types.has(String(r[cols.offenceType] ?? "").trim()))
      continue;
    c.count++;
  }
  return sorted(out);
}

export function offenceTypeChoices(
  rows: readonly (readonly unknown[])[],
  cols: ChoiceColumns,
  op: Operation,
): Choice[] {
  if (cols.offenceType < 0) return [];
  const inside = cols.date >= 0 ? inPeriods(op) : () => true;
  const out = new Map<string, Choice>();
  for (const r of rows) {
    const raw = r[cols.offenceType];
    if (raw === null || raw === undefined || isErrorValue(raw)) continue;
    const type = String(raw).trim();
    if (type === "") continue;
    let c = out.get(type);
    if (!c) out.set(type, (c = { value: type, count: 0 }));
    if (cols.date < 0 || inside(r[cols.date])) c.count++;
  }
  return [...out.values()].sort((a, b) => a.value.localeCompare(b.value, "en-GB"));
}
