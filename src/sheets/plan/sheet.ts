/**
 * The ops that create one SheetModel as a new sheet, in three phases so a
 * batch of sheets can refer to each other: structure (sheet, header cells,
 * tables, names), then values (one 2-D write per block and per table body),
 * then formats.
 */
import { isFormulaCell } from "../model";
import type { CellInput, SheetModel, TableModel, ValidationRule } from "../model";
import { parseCell, rangeAddress, type RangeRef } from "../a1";
import {
  cellBlocks,
  estimateRowHeights,
  listSource,
  renameInFormula,
  renameInput,
  type RenameMap,
} from "../cells";
import { COMPUTED_COLUMN_FILL } from "../styles";
import type { Op, PlanCell } from "./ops";

/** A model cell as a plan cell: formulas keep their cached value. */
export function planCell(v: CellInput | undefined, renames?: RenameMap): PlanCell {
  if (v === undefined || v === null) return null;
  const r = renames ? renameInput(v, renames) : v;
  if (isFormulaCell(r)) {
    const formula = r.formula.startsWith("=") ? r.formula : `=${r.formula}`;
    return { formula, value: r.value ?? null };
  }
  return r;
}

/** Where a model table sits once written: header row included, at least one body row. */
export function tableArea(t: TableModel): RangeRef {
  const tl = parseCell(t.topLeft);
  return {
    top: tl.row,
    left: tl.col,
    bottom: tl.row + Math.max(1, t.rows.length),
    right: tl.col + t.columns.length - 1,
  };
}

/** A table column's data body, over `rows` rows. */
export function columnBody(t: { top: number; left: number }, j: number, rows: number): string {
  return rangeAddress({
    top: t.top + 1,
    bottom: t.top + Math.max(1, rows),
    left: t.left + j,
    right: t.left + j,
  });
}

export interface SheetPhases {
  structure: Op[];
  values: Op[];
  formats: Op[];
}

export const emptyPhases = (): SheetPhases => ({ structure: [], values: [], formats: [] });

/** The ops that make one model table where the model puts it on `sheet`: header and table, body, column formats. */
export function newTableOps(t: TableModel, sheet: string, renames: RenameMap, out: SheetPhases): void {
  const area = tableArea(t);
  out.structure.push({
    op: "write",
    sheet,
    range: rangeAddress({ ...area, bottom: area.top }),
    cells: [t.columns.map((c) => c.header)],
  });
  out.structure.push({
    op: "addTable",
    sheet,
    range: rangeAddress(area),
    name: renames.identifiers[t.name] ?? t.name,
    style: t.style,
  });
  if (t.rows.length > 0)
    out.values.push({
      op: "write",
      sheet,
      range: rangeAddress({ ...area, top: area.top + 1 }),
      cells: t.rows.map((r) => t.columns.map((_, j) => planCell(r[j] ?? null, renames))),
    });
  tableFormatOps(t, sheet, renames, out.formats);
}

/** Every op that writes `model` as the new sheet `sheet`, by phase. */
export function newSheetOps(model: SheetModel, sheet: string, renames: RenameMap, out: SheetPhases): void {
  const id = (name: string) => renames.identifiers[name] ?? name;
  out.structure.push({ op: "addSheet", sheet, tabColour: model.tabColour });
  const tables = emptyPhases();
  for (const t of model.tables) newTableOps(t, sheet, renames, tables);
  out.structure.push(...tables.structure);
  for (const n of model.names)
    out.structure.push({ op: "addName", name: id(n.name), sheet, ref: n.ref, comment: n.comment });

  for (const block of cellBlocks(model.cells)) {
    out.values.push({
      op: "write",
      sheet,
      range: rangeAddress(block.range),
      cells: block.cells.map((row) => row.map((c) => (c ? planCell(c.value, renames) : null))),
    });
  }
  out.values.push(...tables.values);
  formatOps(model, sheet, renames, out.formats, tables.formats);
}

/** A validation op, or none when Excel would refuse the list (over 255 characters). */
export function validationOp(
  sheet: string,
  range: string,
  rule: ValidationRule,
  renames: RenameMap,
  title?: string,
  prompt?: string,
  clear?: boolean,
): Op | null {
  if (rule.kind === "list" && listSource(rule.values) === undefined) return null;
  const r: ValidationRule =
    rule.kind === "listRef" ? { ...rule, source: renameInFormula(rule.source, renames) } : rule;
  return {
    op: "validation",
    sheet,
    range,
    rule: r,
    ...(title ? { title: title.slice(0, 32) } : {}),
    ...(prompt ? { prompt: prompt.slice(0, 255) } : {}),
    ...(clear ? { clear: true } : {}),
  };
}

function formatOps(
  model: SheetModel,
  sheet: string,
  renames: RenameMap,
  ops: Op[],
  tableFormats: Op[],
): void {
  for (const block of cellBlocks(model.cells)) {
    if (block.cells.some((row) => row.some((c) => c?.format)))
      ops.push({
        op: "numberFormat",
        sheet,
        range: rangeAddress(block.range),
        formats: block.cells.map((row) => row.map((c) => c?.format ?? "General")),
      });
    // One style op per run of equally styled cells in a row.
    block.cells.forEach((row, i) => {
      let start = 0;
      for (let j = 1; j <= row.length; j++) {
        if (j < row.length && row[j]?.style === row[start]?.style) continue;
        const style = row[start]?.style;
        if (style) {
          const r = block.range.top + i;
          const range = rangeAddress({
            top: r,
            bottom: r,
            left: block.range.left + start,
            right: block.range.left + j - 1,
          });
          ops.push({ op: "style", sheet, range, style });
        }
        start = j;
      }
    });
  }
  for (const c of model.cells) if (c.merge) ops.push({ op: "merge", sheet, range: c.merge });
  ops.push(...tableFormats);
  for (const v of model.validations) {
    const op = validationOp(sheet, v.range, v.rule, renames, undefined, v.prompt);
    if (op) ops.push(op);
  }
  // Excel sizes ordinary rows itself; merged wrapped text and large titles need a height.
  for (const [row, points] of estimateRowHeights(model, false))
    ops.push({ op: "rowHeight", sheet, row, points });
  model.columnWidths.forEach((w, column) => {
    if (w > 0) ops.push({ op: "columnWidth", sheet, column, characters: w });
  });
  if (model.freeze)
    ops.push({ op: "freeze", sheet, rows: model.freeze.rows, columns: model.freeze.columns ?? 0 });
  for (const cf of model.conditionalFormats)
    ops.push(
      cf.kind === "colorScale3"
        ? { op: "colourScale", sheet, range: cf.range, colours: cf.colours }
        : { op: "valueFills", sheet, range: cf.range, fills: cf.fills },
    );
  for (const chart of model.charts) ops.push({ op: "chart", sheet, chart });
  if (model.print) ops.push({ op: "print", sheet, print: model.print });
}

/** A table's column formats: number formats, wrapping, shading of computed columns and drop-downs. */
function tableFormatOps(t: TableModel, sheet: string, renames: RenameMap, ops: Op[]): void {
  const area = tableArea(t);
  const rows = Math.max(1, t.rows.length);
  t.columns.forEach((col, j) => {
    const range = columnBody(area, j, rows);
    if (col.format)
      ops.push({
        op: "numberFormat",
        sheet,
        range,
        formats: Array.from({ length: rows }, () => [col.format!]),
      });
    if (col.wrap) ops.push({ op: "wrap", sheet, range });
    if (col.computed) ops.push({ op: "fill", sheet, range, colour: COMPUTED_COLUMN_FILL });
    if (col.validation) {
      const v = validationOp(sheet, range, col.validation, renames, col.header, col.help);
      if (v) ops.push(v);
    }
  });
}
