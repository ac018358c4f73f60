/**
 * "Update" of an existing sheet: every analyst cell is kept; model columns
 * missing from a table (matched by header text, then key) are added at its
 * right edge, and model starter rows missing from it (matched by first-column
 * text) at its bottom.
 */
import { isFormulaCell, type CellInput, type SheetModel } from "../model";
import { textKey, type RenameMap } from "../cells";
import { COMPUTED_COLUMN_FILL } from "../styles";
import type { Op, PlanCell } from "./ops";
import { columnBody, planCell, validationOp } from "./sheet";
import type { TableSnapshot } from "./snapshot";

const filled = (v: unknown) => v !== "" && v !== null && v !== undefined;
const isFormulaText = (v: unknown) => typeof v === "string" && v.startsWith("=");

/** Model column j → existing column index (−1 when missing), by header text then key. */
export function columnMap(
  existingHeaders: readonly unknown[],
  columns: readonly { header: string; key: string }[],
) {
  const headers = existingHeaders.map((h) => textKey(h));
  return columns.map((c) => {
    const byHeader = headers.indexOf(textKey(c.header));
    return byHeader >= 0 ? byHeader : headers.indexOf(textKey(c.key));
  });
}

export function updateTableOps(
  model: SheetModel,
  tables: readonly TableSnapshot[],
  renames: RenameMap,
): { ops: Op[]; addedColumns: string[]; addedRows: number; keptValues: number } {
  const ops: Op[] = [];
  const addedColumns: string[] = [];
  let addedRows = 0;
  let keptValues = 0;
  for (const e of tables) {
    const t = model.tables.find((m) => m.name.toLowerCase() === e.name.toLowerCase());
    if (!t) continue;
    const colMap = columnMap(e.headers, t.columns);
    const allRows = e.values;
    // The analyst's own cells: formula results are the sheet's, and an engine-less workbook has none.
    for (const r of e.formulas) for (const v of r) if (filled(v) && !isFormulaText(v)) keptValues++;
    const keyCol = colMap[0] >= 0 ? colMap[0] : 0;
    const existingKeys = new Set(allRows.map((r) => textKey(r[keyCol])).filter((k) => k !== ""));
    const modelByKey = new Map<string, CellInput[]>();
    for (const r of t.rows) modelByKey.set(textKey(r[0]), r);

    const missing = t.columns.map((c, j) => ({ c, j })).filter(({ j }) => colMap[j] < 0);
    const width = e.headers.length + missing.length;
    missing.forEach(({ c, j }, k) => {
      const templ = t.rows[0]?.[j];
      const cells: PlanCell[] = [c.header];
      for (const r of allRows) {
        const match = modelByKey.get(textKey(r[keyCol]));
        let v: CellInput = match ? (match[j] ?? null) : null;
        // Row-relative formulas ("[@Count]") suit every row, analyst rows included.
        if (v === null && c.computed && isFormulaCell(templ) && templ.formula.includes("[@")) v = templ;
        cells.push(planCell(v, renames));
      }
      ops.push({ op: "addTableColumn", table: e.name, cells });
      colMap[j] = e.headers.length + k;
    });
    // Starter rows are typed examples; rows whose key is a formula mirror other sheets and are not added.
    const newRows = t.rows.filter((r) => {
      const key = textKey(r[0]);
      return key !== "" && !isFormulaCell(r[0]) && !existingKeys.has(key);
    });
    if (newRows.length > 0)
      ops.push({
        op: "addTableRows",
        table: e.name,
        rows: newRows.map((r) => {
          const out: PlanCell[] = new Array(width).fill(null);
          t.columns.forEach((_, j) => {
            if (colMap[j] >= 0) out[colMap[j]] = planCell(r[j] ?? null, renames);
          });
          return out;
        }),
      });
    // Formats and validation for the added columns, over the final row count.
    const finalRows = Math.max(1, allRows.length) + newRows.length;
    for (const { c, j } of missing) {
      const range = columnBody(e, colMap[j], finalRows);
      if (c.format)
        ops.push({
          op: "numberFormat",
          sheet: e.sheet,
          range,
          formats: Array.from({ length: finalRows }, () => [c.format!]),
        });
      if (c.computed) ops.push({ op: "fill", sheet: e.sheet, range, colour: COMPUTED_COLUMN_FILL });
      if (c.validation) {
        // A new column may inherit its neighbour's validation; Excel rejects a rule set over mixed rules.
        const v = validationOp(e.sheet, range, c.validation, renames, c.header, c.help, true);
        if (v) ops.push(v);
      }
    }
    addedColumns.push(...missing.map(({ c }) => c.header));
    addedRows += newRows.length;
  }
  return { ops, addedColumns, addedRows, keptValues };
}
