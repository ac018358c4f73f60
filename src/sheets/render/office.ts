/**
 * Live renderer: writes SheetModels into the open workbook through Office.js
 * (ExcelApi ≤ 1.10). Round trips are fixed whatever the row count: one sync
 * to read what exists, one only when "update" must read existing tables, and
 * one to write everything.
 *
 * Analyst data is never overwritten: a clashing sheet is either kept and
 * extended ("update") or left alone while a renamed copy is created ("rename").
 */
import {
  isFormulaCell,
  type CellInput,
  type SheetModel,
  type TableModel,
  type ValidationRule,
} from "../model";
import { absoluteRange, parseCell, parseRange, rangeAddress, splitSheetRef, type RangeRef } from "./a1";
import {
  cellBlocks,
  emptyRenames,
  estimateRowHeights,
  listSource,
  nextFreeIdentifier,
  nextFreeSheetName,
  officeInput,
  renameInFormula,
  renameInput,
  textKey,
  type RenameMap,
} from "./shared";
import { COMPUTED_COLUMN_FILL, STYLES, widthCharsToPoints } from "./styles";

export type ClashChoice = "update" | "rename";

export interface InsertPlan {
  sheet: string;
  action: "create" | "update" | "rename";
  finalName: string;
}

export interface InsertReport {
  plans: InsertPlan[];
  syncs: number;
  /** Headers of columns added to existing tables, by sheet name. */
  addedColumns: Record<string, string[]>;
  /** Starter rows added to existing tables, by sheet name. */
  addedRows: Record<string, number>;
  /** Non-empty analyst cells found (and left unchanged) in existing tables, by sheet name. */
  keptValues: Record<string, number>;
  /** Plain-English notes for the task pane, e.g. why an "update" became a renamed copy. */
  notes: string[];
}

/** Names of the worksheets in the workbook, in tab order. One sync. */
export async function existingSheetNames(context: Excel.RequestContext): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  return sheets.items.map((s) => s.name);
}

type Grid = (string | number | boolean)[][];

interface ExistingTable {
  model: TableModel;
  table: Excel.Table;
  header: Excel.Range;
  body: Excel.Range;
}

const lower = (s: string) => s.toLowerCase();

export async function insertSheets(
  context: Excel.RequestContext,
  sheets: SheetModel[],
  onClash: ClashChoice | ((sheetName: string) => ClashChoice),
): Promise<InsertReport> {
  const report: InsertReport = {
    plans: [],
    syncs: 0,
    addedColumns: {},
    addedRows: {},
    keptValues: {},
    notes: [],
  };
  const wb = context.workbook;

  // Round trip 1: what already exists.
  const wsColl = wb.worksheets;
  wsColl.load("items/name");
  const nameColl = wb.names;
  nameColl.load("items/name");
  const tableColl = wb.tables;
  tableColl.load("items/name");
  await context.sync();
  report.syncs++;

  const takenSheets = new Set(wsColl.items.map((s) => lower(s.name)));
  const existingTables = new Set(tableColl.items.map((t) => lower(t.name)));
  const takenIds = new Set([
    ...nameColl.items.map((n) => lower(n.name)),
    ...tableColl.items.map((t) => lower(t.name)),
  ]);
  const choose = (name: string): ClashChoice => (typeof onClash === "function" ? onClash(name) : onClash);

  const choices = sheets.map((s) => (takenSheets.has(lower(s.name)) ? choose(s.name) : null));

  // Round trip 2 (only for "update"): the existing tables' headers and data.
  const existing = new Map<string, ExistingTable[]>();
  sheets.forEach((s, i) => {
    if (choices[i] !== "update") return;
    const found: ExistingTable[] = [];
    for (const t of s.tables) {
      if (!existingTables.has(lower(t.name))) continue;
      const table = wb.tables.getItem(t.name);
      // The header's address names its sheet, saving a navigation load.
      const header = table.getHeaderRowRange();
      header.load("values,address");
      const body = table.getDataBodyRange();
      body.load("values");
      found.push({ model: t, table, header, body });
    }
    existing.set(s.key, found);
  });
  if (existing.size > 0 && [...existing.values()].some((f) => f.length > 0)) {
    await context.sync();
    report.syncs++;
  }

  // Decide each sheet's fate and the new names needed to avoid clashes.
  const renames: RenameMap = emptyRenames();
  const toCreate: { model: SheetModel; finalName: string }[] = [];
  const toUpdate: { model: SheetModel; tables: ExistingTable[] }[] = [];
  sheets.forEach((s, i) => {
    const choice = choices[i];
    if (choice === null) {
      takenSheets.add(lower(s.name));
      report.plans.push({ sheet: s.name, action: "create", finalName: s.name });
      toCreate.push({ model: s, finalName: s.name });
      return;
    }
    if (choice === "update") {
      const onSheet = (existing.get(s.key) ?? []).filter(
        (e) => lower(splitSheetRef(e.header.address).sheet ?? "") === lower(s.name),
      );
      if (onSheet.length === s.tables.length) {
        report.plans.push({ sheet: s.name, action: "update", finalName: s.name });
        toUpdate.push({ model: s, tables: onSheet });
        return;
      }
      report.notes.push(
        `"${s.name}" has no ${s.tables.map((t) => t.name).join(", ")} table to extend, so it was kept as it is and a new copy was added.`,
      );
    }
    const finalName = nextFreeSheetName(s.name, takenSheets);
    takenSheets.add(lower(finalName));
    renames.sheets[s.name] = finalName;
    report.plans.push({ sheet: s.name, action: "rename", finalName });
    toCreate.push({ model: s, finalName });
  });
  // Tables and names on new sheets must be unique in the workbook.
  for (const { model } of toCreate) {
    for (const id of [...model.tables.map((t) => t.name), ...model.names.map((n) => n.name)]) {
      if (takenIds.has(lower(id))) {
        const fresh = nextFreeIdentifier(id, takenIds);
        renames.identifiers[id] = fresh;
        takenIds.add(lower(fresh));
      } else takenIds.add(lower(id));
    }
  }
  const id = (name: string) => renames.identifiers[name] ?? name;
  // takenIds now holds every name and table that will exist once this batch runs.
  for (const c of toCreate) c.model = withoutUnresolvedLists(c.model, takenIds, renames, report.notes);
  for (const u of toUpdate) u.model = withoutUnresolvedLists(u.model, takenIds, renames, report.notes);

  // Round trip 3: queue everything, structure first so formulas can refer to it.
  const created = toCreate.map(({ model, finalName }) => {
    const ws = wb.worksheets.add(finalName);
    ws.tabColor = model.tabColour;
    const tables = model.tables.map((t) => {
      const tl = parseCell(t.topLeft);
      const area: RangeRef = {
        top: tl.row,
        left: tl.col,
        bottom: tl.row + Math.max(1, t.rows.length),
        right: tl.col + t.columns.length - 1,
      };
      const table = ws.tables.add(ws.getRange(rangeAddress(area)), true);
      table.name = id(t.name);
      table.style = t.style;
      table.getHeaderRowRange().values = [t.columns.map((c) => officeInput(c.header))];
      return { model: t, table };
    });
    return { model, finalName, ws, tables };
  });
  for (const { model, ws } of created) {
    for (const n of model.names) wb.names.add(id(n.name), ws.getRange(n.ref), n.comment);
  }
  for (const c of created) writeValues(c.ws, c.model, c.tables, renames);
  for (const u of toUpdate) updateTables(u.model, u.tables, renames, report);
  for (const c of created) writeFormats(c.ws, c.model, c.tables, renames);

  await context.sync();
  report.syncs++;
  return report;
}

/**
 * A drop-down whose source names a workbook name that will not exist (the
 * Harm list when the Harm Matrix is not in the workbook) would make Excel
 * reject the whole batch, so it is left out and the analyst is told why.
 */
function withoutUnresolvedLists(
  model: SheetModel,
  known: ReadonlySet<string>,
  renames: RenameMap,
  notes: string[],
): SheetModel {
  const missing = new Set<string>();
  const resolves = (rule: ValidationRule | undefined): boolean => {
    if (rule?.kind !== "listRef") return true;
    const absent = (renameInFormula(rule.source, renames).match(/\bHP_[A-Za-z0-9_]+/g) ?? []).filter(
      (n) => !known.has(lower(n)),
    );
    absent.forEach((n) => missing.add(n));
    return absent.length === 0;
  };
  const tables = model.tables.map((t) => ({
    ...t,
    columns: t.columns.map((c) => (resolves(c.validation) ? c : { ...c, validation: undefined })),
  }));
  const validations = model.validations.filter((v) => resolves(v.rule));
  if (missing.size === 0) return model;
  notes.push(
    `Drop-down lists on "${model.name}" that use ${[...missing].join(", ")} were left out because that list is not in this workbook yet. Insert the Harm Matrix sheet first to have them.`,
  );
  return { ...model, tables, validations };
}

/** Cells (one 2-D array per block) and table data bodies (one 2-D array per table). */
function writeValues(
  ws: Excel.Worksheet,
  model: SheetModel,
  tables: { model: TableModel; table: Excel.Table }[],
  renames: RenameMap,
): void {
  for (const block of cellBlocks(model.cells)) {
    let hasFormula = false;
    const grid: Grid = block.cells.map((row) =>
      row.map((c) => {
        if (!c) return "";
        if (isFormulaCell(c.value)) hasFormula = true;
        return officeInput(renameInput(c.value, renames), c.literal);
      }),
    );
    const range = ws.getRange(rangeAddress(block.range));
    if (hasFormula) range.formulas = grid;
    else range.values = grid;
  }
  for (const { model: t, table } of tables) {
    if (t.rows.length === 0) continue;
    const grid = t.rows.map((r) => t.columns.map((_, j) => officeInput(renameInput(r[j] ?? null, renames))));
    const body = table.getDataBodyRange();
    if (t.rows.some((r) => r.some((v) => isFormulaCell(v)))) body.formulas = grid;
    else body.values = grid;
  }
}

function validationRule(rule: ValidationRule, renames: RenameMap): Excel.DataValidationRule {
  switch (rule.kind) {
    case "list":
      // Commas separate items in a list source, so items must not contain them.
      return {
        list: { inCellDropDown: true, source: listSource(rule.values) ?? "" },
      };
    case "listRef":
      return { list: { inCellDropDown: true, source: renameInFormula(rule.source, renames) } };
    case "whole":
    case "decimal": {
      const basic: Excel.BasicDataValidation =
        rule.min !== undefined && rule.max !== undefined
          ? { formula1: rule.min, formula2: rule.max, operator: "Between" as Excel.DataValidationOperator }
          : rule.max !== undefined
            ? { formula1: rule.max, operator: "LessThanOrEqualTo" as Excel.DataValidationOperator }
            : { formula1: rule.min ?? 0, operator: "GreaterThanOrEqualTo" as Excel.DataValidationOperator };
      return rule.kind === "whole" ? { wholeNumber: basic } : { decimal: basic };
    }
    case "date":
      return {
        date: { formula1: "1900-01-01", operator: "GreaterThanOrEqualTo" as Excel.DataValidationOperator },
      };
  }
}

function setValidation(
  range: Excel.Range,
  rule: ValidationRule,
  renames: RenameMap,
  title?: string,
  prompt?: string,
) {
  // A list over Excel's 255-character limit would fail the whole batch: leave that cell free instead.
  if (rule.kind === "list" && listSource(rule.values) === undefined) return;
  range.dataValidation.rule = validationRule(rule, renames);
  if (prompt)
    range.dataValidation.prompt = {
      showPrompt: true,
      title: (title ?? "").slice(0, 32),
      message: prompt.slice(0, 255),
    };
}

function applyStyle(range: Excel.Range, style: keyof typeof STYLES): void {
  const s = STYLES[style];
  if (s.bold) range.format.font.bold = true;
  if (s.italic) range.format.font.italic = true;
  if (s.size) range.format.font.size = s.size;
  if (s.color) range.format.font.color = s.color;
  if (s.fill) range.format.fill.color = s.fill;
  if (s.wrap) range.format.wrapText = true;
}

const printingSupported = (): boolean =>
  typeof Office === "undefined" || !Office.context?.requirements?.isSetSupported
    ? true
    : Office.context.requirements.isSetSupported("ExcelApi", "1.9");

/** Number formats, styles, merges, validation, widths, freeze panes, colour scales, charts, print set-up. */
function writeFormats(
  ws: Excel.Worksheet,
  model: SheetModel,
  tables: { model: TableModel; table: Excel.Table }[],
  renames: RenameMap,
): void {
  for (const block of cellBlocks(model.cells)) {
    if (block.cells.some((row) => row.some((c) => c?.format))) {
      ws.getRange(rangeAddress(block.range)).numberFormat = block.cells.map((row) =>
        row.map((c) => c?.format ?? "General"),
      );
    }
    // One format call per run of equally styled cells in a row.
    block.cells.forEach((row, i) => {
      let start = 0;
      for (let j = 1; j <= row.length; j++) {
        if (j < row.length && row[j]?.style === row[start]?.style) continue;
        const style = row[start]?.style;
        if (style) {
          const r = block.range.top + i;
          applyStyle(
            ws.getRange(
              rangeAddress({
                top: r,
                bottom: r,
                left: block.range.left + start,
                right: block.range.left + j - 1,
              }),
            ),
            style,
          );
        }
        start = j;
      }
    });
  }
  for (const c of model.cells) if (c.merge) ws.getRange(c.merge).merge(false);

  for (const { model: t, table } of tables) {
    const rowCount = Math.max(1, t.rows.length);
    t.columns.forEach((col, j) => {
      if (!col.format && !col.validation && !col.wrap && !col.computed && !col.help) return;
      const body = table.columns.getItemAt(j).getDataBodyRange();
      if (col.format) body.numberFormat = Array.from({ length: rowCount }, () => [col.format as string]);
      if (col.wrap) body.format.wrapText = true;
      if (col.computed) body.format.fill.color = COMPUTED_COLUMN_FILL;
      if (col.validation) setValidation(body, col.validation, renames, col.header, col.help);
    });
  }
  for (const v of model.validations)
    setValidation(ws.getRange(v.range), v.rule, renames, undefined, v.prompt);

  // Excel sizes ordinary rows itself; merged wrapped text and large titles need a height.
  for (const [row, h] of estimateRowHeights(model, false))
    ws.getRange(`${row + 1}:${row + 1}`).format.rowHeight = h;

  model.columnWidths.forEach((w, i) => {
    if (w > 0) ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = widthCharsToPoints(w);
  });

  if (model.freeze) {
    const { rows, columns = 0 } = model.freeze;
    if (rows > 0 && columns > 0)
      ws.freezePanes.freezeAt(
        ws.getRange(rangeAddress({ top: 0, left: 0, bottom: rows - 1, right: columns - 1 })),
      );
    else if (rows > 0) ws.freezePanes.freezeRows(rows);
    else if (columns > 0) ws.freezePanes.freezeColumns(columns);
  }

  for (const cf of model.conditionalFormats) {
    const fmt = ws.getRange(cf.range).conditionalFormats.add("ColorScale" as Excel.ConditionalFormatType);
    const [low, mid, high] = cf.colours;
    fmt.colorScale.criteria = {
      minimum: { formula: null as unknown as string, type: "LowestValue", color: low },
      midpoint: { formula: "50", type: "Percentile", color: mid },
      maximum: { formula: null as unknown as string, type: "HighestValue", color: high },
    } as Excel.ConditionalColorScaleCriteria;
  }

  for (const ch of model.charts) {
    const chart = ws.charts.add(
      "ColumnClustered" as Excel.ChartType,
      ws.getRange(ch.dataRange),
      (ch.seriesBy === "rows" ? "Rows" : "Columns") as Excel.ChartSeriesBy,
    );
    chart.title.text = ch.title;
    chart.setPosition(ch.anchor.from, ch.anchor.to);
  }

  if (model.print && printingSupported()) {
    ws.pageLayout.setPrintArea(absoluteRange(parseRange(model.print.area)));
    ws.pageLayout.orientation = (
      model.print.orientation === "landscape" ? "Landscape" : "Portrait"
    ) as Excel.PageOrientation;
    ws.pageLayout.zoom = {
      horizontalFitToPages: model.print.fitToPagesWide,
      verticalFitToPages: model.print.fitToPagesTall,
    };
  }
}

/**
 * "update": keep every analyst cell, add model columns missing from the
 * table (matched by header text, then key) at its right edge and model rows
 * missing from it (matched by first-column text) at the bottom.
 */
function updateTables(
  model: SheetModel,
  tables: ExistingTable[],
  renames: RenameMap,
  report: InsertReport,
): void {
  const added: string[] = [];
  let addedRows = 0;
  let kept = 0;
  for (const e of tables) {
    const t = e.model;
    const headers = (e.header.values[0] ?? []).map((h) => textKey(h));
    const findCol = (j: number) => {
      const c = t.columns[j];
      const byHeader = headers.indexOf(textKey(c.header));
      return byHeader >= 0 ? byHeader : headers.indexOf(textKey(c.key));
    };
    const colMap = t.columns.map((_, j) => findCol(j)); // model column → existing column (-1: missing)
    const body = (e.body.values as unknown[][]).filter((r) => r.some((v) => v !== "" && v !== null));
    for (const r of body) for (const v of r) if (v !== "" && v !== null) kept++;
    const keyCol = colMap[0] >= 0 ? colMap[0] : 0;
    const existingKeys = new Set(body.map((r) => textKey(r[keyCol])).filter((k) => k !== ""));
    const modelByKey = new Map<string, CellInput[]>();
    for (const r of t.rows) modelByKey.set(textKey(r[0]), r);

    // A blank table still has one empty data row; keep it aligned with "values".
    const allRows = e.body.values as unknown[][];
    const missingCols = t.columns.map((c, j) => ({ c, j })).filter(({ j }) => colMap[j] < 0);
    const newWidth = headers.length + missingCols.length;
    missingCols.forEach(({ c, j }, k) => {
      const colValues: Grid = [[officeInput(c.header)]];
      for (const r of allRows) {
        const match = modelByKey.get(textKey(r[keyCol]));
        const templ = t.rows[0]?.[j];
        let v: CellInput = match ? (match[j] ?? null) : null;
        // Row-relative formulas ("[@Count]") suit every row, analyst rows included.
        if (v === null && c.computed && isFormulaCell(templ) && templ.formula.includes("[@")) v = templ;
        colValues.push([officeInput(renameInput(v, renames))]);
      }
      e.table.columns.add(undefined, colValues);
      colMap[j] = headers.length + k;
    });
    // Starter rows are typed examples; rows whose key is a formula mirror other sheets and are not added.
    const newRows = t.rows.filter((r) => {
      const k = textKey(r[0]);
      return k !== "" && !isFormulaCell(r[0]) && !existingKeys.has(k);
    });
    if (newRows.length > 0) {
      const grid: Grid = newRows.map((r) => {
        const out: (string | number | boolean)[] = new Array(newWidth).fill("");
        t.columns.forEach((_, j) => {
          if (colMap[j] >= 0) out[colMap[j]] = officeInput(renameInput(r[j] ?? null, renames));
        });
        return out;
      });
      e.table.rows.add(undefined, grid);
    }
    // Formats and validation for the added columns, over the final row count.
    const finalRows = allRows.length + newRows.length;
    for (const { c, j } of missingCols) {
      const colBody = e.table.columns.getItemAt(colMap[j]).getDataBodyRange();
      if (c.format) colBody.numberFormat = Array.from({ length: finalRows }, () => [c.format as string]);
      if (c.computed) colBody.format.fill.color = COMPUTED_COLUMN_FILL;
      if (c.validation) {
        // A new column may inherit its neighbour's validation; Excel rejects a rule set over mixed rules.
        colBody.dataValidation.clear();
        setValidation(colBody, c.validation, renames, c.header, c.help);
      }
    }
    added.push(...missingCols.map(({ c }) => c.header));
    addedRows += newRows.length;
  }
  report.addedColumns[model.name] = added;
  report.addedRows[model.name] = addedRows;
  report.keptValues[model.name] = kept;
}
