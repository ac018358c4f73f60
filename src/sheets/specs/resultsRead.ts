/**
 * Reads the Results table back for the Summary, matching columns by header,
 * then key: the counts of each row, and every other cell as the workbook
 * shows it (kind, months missing, the figures, what the data said, the
 * verdict), so the Summary repeats the Results sheet's reading and never
 * judges again. The keys are the figure list's (results/columns.ts).
 */
import type { Scalar, SheetModel } from "../model";
import type { ResultsRow, ResultsShown, ShownRow } from "./input";

export type { ResultsShown, ShownRow };
import { textKey } from "../cells";
import { PortError } from "../plan/errors";
import type { TableData } from "../plan/snapshot";
import { RESULTS_FIGURES } from "./results/columns";
import { HARM_KIND } from "./results/formulas";

const KEYS: readonly string[] = RESULTS_FIGURES.map((f) => f.column.key);
const REQUIRED = ["measure", "tBefore", "tAfter", "cBefore", "cAfter"] as const;
const COUNTS = ["tBefore", "tAfter", "cBefore", "cAfter"] as const;

const num = (v: unknown): number | null => {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
};

const scalar = (v: unknown): Scalar =>
  v === null || v === undefined
    ? ""
    : typeof v === "string" || typeof v === "number" || typeof v === "boolean"
      ? v
      : String(v);

/** A Results row the Summary could not use, with the reason; row is 1-based within the table body. */
export interface SkippedResult {
  row: number;
  measure: string;
  reason: string;
}

/**
 * Rows with a measure and all four target/control counts; blank rows are
 * ignored, half-filled ones listed. `at` places the table on its sheet.
 */
export function readResultsTable(
  data: TableData,
  resultsModel: SheetModel,
  at: { sheet: string; top: number; left: number } = { sheet: resultsModel.name, top: 0, left: 0 },
): { rows: ResultsRow[]; shown: ResultsShown; skipped: SkippedResult[] } {
  const headers = data.headers.map(textKey);
  const index = new Map<string, number>();
  for (const c of resultsModel.tables[0]?.columns ?? []) {
    if (!KEYS.includes(c.key)) continue;
    const byHeader = headers.indexOf(textKey(c.header));
    const i = byHeader >= 0 ? byHeader : headers.indexOf(textKey(c.key));
    if (i >= 0) index.set(c.key, i);
  }
  const missing = REQUIRED.filter((k) => !index.has(k));
  if (missing.length)
    throw new PortError(
      "The Results table is missing some of its count columns. Insert the Results sheet again with Update (your rows are kept).",
    );
  const cell = (r: unknown[], k: string) => (index.has(k) ? r[index.get(k)!] : null);
  const headerOf = (k: string) => data.headers[index.get(k)!] ?? k;
  const rows: ResultsRow[] = [];
  const shown: ShownRow[] = [];
  const skipped: SkippedResult[] = [];
  const valuesOf = (r: unknown[], measure: string) =>
    Object.fromEntries([...index.keys()].map((k) => [k, k === "measure" ? measure : scalar(cell(r, k))]));
  // The headline formula's pick (the first marked Headline?, else the first row), whether usable or not.
  const yes = data.rows.findIndex(
    (r) =>
      String(cell(r, "headline") ?? "")
        .trim()
        .toLowerCase() === "yes",
  );
  const h = yes >= 0 ? yes : 0;
  const headline =
    h < data.rows.length
      ? { index: h, values: valuesOf(data.rows[h], String(cell(data.rows[h], "measure") ?? "").trim()) }
      : undefined;
  data.rows.forEach((r, i) => {
    const measure = String(cell(r, "measure") ?? "").trim();
    if (!measure) return; // a blank row, or notes without a measure
    const [tb, ta, cb, ca] = COUNTS.map((k) => num(cell(r, k)));
    const bad = COUNTS.find((k) => num(cell(r, k)) === null);
    if (bad || tb === null || ta === null || cb === null || ca === null) {
      const v = cell(r, bad ?? "tBefore");
      const what = v === null || v === undefined || v === "" ? "blank" : `'${String(v)}'`;
      skipped.push({ row: i + 1, measure, reason: `${headerOf(bad ?? "tBefore")} is ${what}` });
      return;
    }
    const bb = num(cell(r, "bBefore"));
    const ba = num(cell(r, "bAfter"));
    const harm = String(cell(r, "harm") ?? "").trim();
    const note = String(cell(r, "note") ?? "").trim();
    rows.push({
      measure,
      ...(harm ? { harm } : {}),
      target: { before: tb, after: ta },
      ...(bb !== null && ba !== null ? { buffer: { before: bb, after: ba } } : {}),
      control: { before: cb, after: ca },
      ...(note ? { note } : {}),
      ...(String(cell(r, "kind") ?? "").trim() === HARM_KIND ? { kind: "harm" as const } : {}),
    });
    shown.push({ index: i, values: valuesOf(r, measure) });
  });
  return {
    rows,
    shown: { ...at, columns: Object.fromEntries(index), rows: shown, ...(headline ? { headline } : {}) },
    skipped,
  };
}

/** The usable rows only (see readResultsTable for the ones left out). */
export const resultsFromTable = (data: TableData, resultsModel: SheetModel): ResultsRow[] =>
  readResultsTable(data, resultsModel).rows;
