/** Reads the Results table back into ResultsRows (for the Summary), matching columns by header, then key. */
import type { SheetModel } from "../model";
import type { ResultsRow } from "./input";
import { textKey } from "../cells";
import { PortError } from "../plan/errors";
import type { TableData } from "../plan/snapshot";

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

/** A Results row the Summary could not use, with the reason; row is 1-based within the table body. */
export interface SkippedResult {
  row: number;
  measure: string;
  reason: string;
}

/** Rows with a measure and all four target/control counts; blank rows are ignored, half-filled ones listed. */
export function readResultsTable(
  data: TableData,
  resultsModel: SheetModel,
): { rows: ResultsRow[]; skipped: SkippedResult[] } {
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
  const headerOf = (k: Key) => data.headers[index.get(k)!] ?? k;
  const rows: ResultsRow[] = [];
  const skipped: SkippedResult[] = [];
  data.rows.forEach((r, i) => {
    const measure = String(at(r, "measure") ?? "").trim();
    const countKeys: Key[] = ["tBefore", "tAfter", "cBefore", "cAfter"];
    const [tb, ta, cb, ca] = countKeys.map((k) => num(at(r, k)));
    if (!measure) return; // a blank row, or notes without a measure
    const bad = countKeys.find((k) => num(at(r, k)) === null);
    if (bad || tb === null || ta === null || cb === null || ca === null) {
      const v = at(r, bad ?? "tBefore");
      const shown = v === null || v === undefined || v === "" ? "blank" : `'${String(v)}'`;
      skipped.push({ row: i + 1, measure, reason: `${headerOf(bad ?? "tBefore")} is ${shown}` });
      return;
    }
    const bb = num(at(r, "bBefore"));
    const ba = num(at(r, "bAfter"));
    const harm = String(at(r, "harm") ?? "").trim();
    const note = String(at(r, "note") ?? "").trim();
    rows.push({
      measure,
      ...(harm ? { harm } : {}),
      target: { before: tb, after: ta },
      ...(bb !== null && ba !== null ? { buffer: { before: bb, after: ba } } : {}),
      control: { before: cb, after: ca },
      ...(note ? { note } : {}),
    });
  });
  return { rows, skipped };
}

/** The usable rows only (see readResultsTable for the ones left out). */
export const resultsFromTable = (data: TableData, resultsModel: SheetModel): ResultsRow[] =>
  readResultsTable(data, resultsModel).rows;
