/** Reads the Results table back into ResultsRows (for the Summary), matching columns by header, then key. */
import type { SheetModel } from "../../sheets/model";
import type { ResultsRow } from "../../sheets/build";
import { textKey } from "../../sheets/render/shared";
import { PortError, type TableData } from "../port/types";

const KEYS = [
  "measure",
  "harm",
  "tBefore",
  "tAfter",
  "bBefore",
  "bAfter",
  "cBefore",
  "cAfter",
  "note",
] as const;
type Key = (typeof KEYS)[number];
const REQUIRED: Key[] = ["measure", "tBefore", "tAfter", "cBefore", "cAfter"];

const num = (v: unknown): number | null => {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
};

/** Rows with a measure and all four target/control counts; others (blank or half-filled) are skipped. */
export function resultsFromTable(data: TableData, resultsModel: SheetModel): ResultsRow[] {
  const headers = data.headers.map(textKey);
  const index = new Map<Key, number>();
  for (const c of resultsModel.tables[0]?.columns ?? []) {
    if (!(KEYS as readonly string[]).includes(c.key)) continue;
    const byHeader = headers.indexOf(textKey(c.header));
    const i = byHeader >= 0 ? byHeader : headers.indexOf(textKey(c.key));
    if (i >= 0) index.set(c.key as Key, i);
  }
  const missing = REQUIRED.filter((k) => !index.has(k));
  if (missing.length)
    throw new PortError(
      "The Results table is missing some of its count columns. Insert the Results sheet again with Update (your rows are kept).",
    );
  const at = (r: unknown[], k: Key) => (index.has(k) ? r[index.get(k)!] : null);
  const out: ResultsRow[] = [];
  for (const r of data.rows) {
    const measure = String(at(r, "measure") ?? "").trim();
    const [tb, ta, cb, ca] = (["tBefore", "tAfter", "cBefore", "cAfter"] as Key[]).map((k) => num(at(r, k)));
    if (!measure || tb === null || ta === null || cb === null || ca === null) continue;
    const bb = num(at(r, "bBefore"));
    const ba = num(at(r, "bAfter"));
    const harm = String(at(r, "harm") ?? "").trim();
    const note = String(at(r, "note") ?? "").trim();
    out.push({
      measure,
      ...(harm ? { harm } : {}),
      target: { before: tb, after: ta },
      ...(bb !== null && ba !== null ? { buffer: { before: bb, after: ba } } : {}),
      control: { before: cb, after: ca },
      ...(note ? { note } : {}),
    });
  }
  return out;
}
