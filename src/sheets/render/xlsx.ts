/**
 * Shareable-file renderer: writes SheetModels to an .xlsx with ExcelJS.
 * Node side only (CLI, tests): the task pane bundle must never import this.
 *
 * The file has to work where the add-in is not installed (Excel without the
 * add-in, LibreOffice), so a formula that calls a HARM.* function is written
 * as its cached value instead. Native formulas stay formulas, with their
 * cached result, and the workbook asks to be recalculated on load.
 *
 * ExcelJS cannot draw charts, so addCharts (xlsxCharts.ts) adds them to the
 * finished file as native DrawingML charts.
 */
import ExcelJS from "exceljs";
import { isFormulaCell } from "../model";
import type { CellInput, SheetModel, TableModel, ValidationRule, ValueFill } from "../model";
import {
  absoluteRange,
  cellAddress,
  colLetters,
  parseCell,
  parseRange,
  quoteSheet,
  rangeAddress,
} from "../a1";
import { COMPUTED_COLUMN_FILL, STYLES, TABLE_HEADER_FILL, type StyleSpec } from "../styles";
import { cachedValue, estimateRowHeights, listSource } from "../cells";
import { unzipSync } from "fflate";
import { zipParts } from "./zipParts";
import { addChartsToParts, worksheetParts } from "./xlsxCharts";
import { addBulkRows, type BulkTable, type StoredValue } from "./xlsxRows";
import { checkCellText, xmlSafeDeep } from "./xmlText";

/** A call to one of the add-in's custom functions, as typed or as Excel saves it. */
export const HARM_CALL = /(?:\bHARM\.|_xldudf_HARM_)/i;

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

function fontOf(s: StyleSpec): Partial<ExcelJS.Font> | undefined {
  if (!s.bold && !s.italic && !s.size && !s.color) return undefined;
  return {
    name: "Calibri",
    size: s.size ?? 11,
    ...(s.bold ? { bold: true } : {}),
    ...(s.italic ? { italic: true } : {}),
    ...(s.color ? { color: { argb: argb(s.color) } } : {}),
  };
}

const solid = (hex: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: argb(hex) },
});

/**
 * Structured references are stored in the file in their long form: "[@Count]"
 * inside table T is saved as "T[[#This Row],[Count]]".
 */
export function expandThisRow(formula: string, tableName: string): string {
  return formula
    .replace(
      /(?<![A-Za-z0-9_\]])\[@\[([^\]]+)\]\]/g,
      (_m, col: string) => `${tableName}[[#This Row],[${col}]]`,
    )
    .replace(/(?<![A-Za-z0-9_\]])\[@([^[\]]+)\]/g, (_m, col: string) => `${tableName}[[#This Row],[${col}]]`);
}

/**
 * Functions added to Excel after 2007 are stored in the file with an "_xlfn."
 * prefix; without it LibreOffice (and older Excel) read them as unknown names.
 */
const FUTURE_FUNCTIONS = [
  "AGGREGATE",
  "BINOM.DIST",
  "BINOM.INV",
  "CHISQ.DIST",
  "CHISQ.DIST.RT",
  "CHISQ.INV",
  "CHISQ.INV.RT",
  "CHISQ.TEST",
  "CONCAT",
  "CONFIDENCE.NORM",
  "CONFIDENCE.T",
  "COVARIANCE.P",
  "COVARIANCE.S",
  "EXPON.DIST",
  "F.DIST",
  "F.DIST.RT",
  "F.INV",
  "F.INV.RT",
  "GAMMA.DIST",
  "GAMMA.INV",
  "GAMMALN.PRECISE",
  "IFNA",
  "IFS",
  "MAXIFS",
  "MINIFS",
  "MODE.SNGL",
  "NORM.DIST",
  "NORM.INV",
  "NORM.S.DIST",
  "NORM.S.INV",
  "PERCENTILE.EXC",
  "PERCENTILE.INC",
  "POISSON.DIST",
  "QUARTILE.INC",
  "RANK.AVG",
  "RANK.EQ",
  "STDEV.P",
  "STDEV.S",
  "SWITCH",
  "T.DIST",
  "T.DIST.2T",
  "T.DIST.RT",
  "T.INV",
  "T.INV.2T",
  "T.TEST",
  "TEXTJOIN",
  "VAR.P",
  "VAR.S",
  "XLOOKUP",
  "XOR",
];
const FUTURE_RE = new RegExp(
  `(?<![A-Za-z0-9_.])(${[...FUTURE_FUNCTIONS]
    .sort((a, b) => b.length - a.length)
    .map((f) => f.replace(/\./g, "\\."))
    .join("|")})(?=\\()`,
  "gi",
);

/** Adds the "_xlfn." storage prefix to post-2007 functions, outside string literals. */
export function prefixFutureFunctions(formula: string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(FUTURE_RE, (f: string) => `_xlfn.${f.toUpperCase()}`),
    )
    .join("");
}

export interface XlsxStats {
  /** HARM.* formulas written as their cached value. */
  harmFormulasReplaced: number;
  charts: number;
}

/** ExcelJS cell value for a model input. Text is always text. */
function cellValue(
  v: CellInput,
  stats: XlsxStats,
  where: () => string,
  tableName?: string,
): ExcelJS.CellValue {
  if (typeof v === "string") checkCellText(v, where);
  if (isFormulaCell(v)) {
    if (typeof v.value === "string") checkCellText(v.value, where);
    if (HARM_CALL.test(v.formula)) {
      stats.harmFormulasReplaced++;
      return cachedValue(v) ?? "";
    }
    let f = v.formula.startsWith("=") ? v.formula.slice(1) : v.formula;
    if (tableName) f = expandThisRow(f, tableName);
    f = prefixFutureFunctions(f);
    const result = v.value ?? undefined;
    return (result === undefined ? { formula: f } : { formula: f, result }) as ExcelJS.CellFormulaValue;
  }
  return v as ExcelJS.CellValue;
}

function validationOf(rule: ValidationRule, title?: string, prompt?: string): ExcelJS.DataValidation {
  const base = {
    allowBlank: true,
    showErrorMessage: true,
    ...(prompt
      ? { showInputMessage: true, promptTitle: (title ?? "").slice(0, 32), prompt: prompt.slice(0, 255) }
      : {}),
  };
  switch (rule.kind) {
    case "list":
      return {
        ...base,
        type: "list",
        formulae: [`"${listSource(rule.values) ?? ""}"`],
      };
    case "listRef":
      return { ...base, type: "list", formulae: [rule.source.replace(/^=/, "")] };
    case "whole":
    case "decimal": {
      if (rule.min !== undefined && rule.max !== undefined)
        return { ...base, type: rule.kind, operator: "between", formulae: [rule.min, rule.max] };
      if (rule.max !== undefined)
        return { ...base, type: rule.kind, operator: "lessThanOrEqual", formulae: [rule.max] };
      return { ...base, type: rule.kind, operator: "greaterThanOrEqual", formulae: [rule.min ?? 0] };
    }
    case "date":
      return {
        ...base,
        type: "date",
        operator: "greaterThanOrEqual",
        formulae: [new Date(Date.UTC(1900, 0, 1))],
      };
  }
}

function addValidation(ws: ExcelJS.Worksheet, range: string, v: ExcelJS.DataValidation): void {
  if (v.type === "list" && v.formulae[0] === '""') return; // over Excel's 255-character list limit
  // ExcelJS keeps validations in a map keyed by address; a range key is written as one sqref.
  (
    ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations.add(rangeAddress(parseRange(range)), v);
}

/** Where a table cell is, for error messages: "Results, column "Note", row 12 (cell V18)". */
const tableCellName = (sheet: string, t: TableModel, i: number, j: number): string => {
  const tl = parseCell(t.topLeft);
  return `The text in ${sheet}, column "${t.columns[j].header}", row ${i + 1} (cell ${cellAddress(tl.row + 1 + i, tl.col + j)})`;
};

/**
 * The table with its header and first data row through ExcelJS; the other
 * rows are returned to be written straight into the part (xlsxRows.ts).
 */
function writeTable(
  ws: ExcelJS.Worksheet,
  t: TableModel,
  stats: XlsxStats,
  heights: Map<number, number>,
): BulkTable | undefined {
  const tl = parseCell(t.topLeft);
  const rows = t.rows.length > 0 ? t.rows : [t.columns.map(() => null)];
  const where = (i: number, j: number) => tableCellName(ws.name, t, i, j);
  t.columns.forEach((c, j) =>
    checkCellText(c.header, () => `The header of column ${j + 1} of table ${t.name}`),
  );
  ws.addTable({
    name: t.name,
    ref: t.topLeft,
    headerRow: true,
    style: { theme: t.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
    columns: t.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: [t.columns.map((_, j) => cellValue(rows[0][j] ?? null, stats, () => where(0, j), t.name))],
  });
  // LibreOffice ignores table styles, so headers also get a plain bold fill that reads everywhere.
  t.columns.forEach((_, j) => {
    const h = ws.getCell(tl.row + 1, tl.col + j + 1);
    h.font = { name: "Calibri", size: 11, bold: true, color: { argb: "FFFFFFFF" } };
    h.fill = solid(TABLE_HEADER_FILL);
    h.alignment = { wrapText: true, vertical: "top" };
  });
  const first = tl.row + 2; // 1-based first data row
  const last = tl.row + 1 + rows.length;
  t.columns.forEach((c, j) => {
    const col = tl.col + j;
    // Top-aligned, so a row made taller for wrapped text reads as one line; later rows copy this style.
    const cell = ws.getCell(first, col + 1);
    cell.alignment = c.wrap ? { wrapText: true, vertical: "top" } : { vertical: "top" };
    if (c.format) cell.numFmt = c.format;
    if (c.computed) cell.fill = solid(COMPUTED_COLUMN_FILL);
    if (c.validation)
      addValidation(
        ws,
        rangeAddress({ top: first - 1, bottom: last - 1, left: col, right: col }),
        validationOf(c.validation, c.header, c.help),
      );
  });
  if (rows.length < 2) return undefined;
  return {
    table: t,
    heights,
    stored: (v, i, j) => cellValue(v, stats, () => where(i, j), t.name) as StoredValue,
    where,
  };
}

/** One "cell value equals" rule per status word: its fill and font colour (a differential style). */
function valueFillRules(fills: ValueFill[]): ExcelJS.ConditionalFormattingRule[] {
  return fills.map((f, i): ExcelJS.CellIsRuleType => ({
    type: "cellIs",
    operator: "equal",
    priority: i + 1,
    formulae: [`"${f.equals.replace(/"/g, '""')}"`],
    style: {
      fill: {
        type: "pattern",
        pattern: "solid",
        bgColor: { argb: argb(f.fill) },
        fgColor: { argb: argb(f.fill) },
      },
      font: { color: { argb: argb(f.font) }, bold: true },
    },
  }));
}

/** Page set-up: print area, paper, orientation, fit, and the rows and columns repeated on every page. */
function applyPrint(ws: ExcelJS.Worksheet, print: SheetModel["print"]): void {
  // OOXML paper codes: 9 = A4, 8 = A3 (ExcelJS's type lists A4 but not A3).
  ws.pageSetup.paperSize = (print?.paper === "A3" ? 8 : 9) as ExcelJS.PaperSize;
  ws.pageSetup.fitToPage = true;
  if (!print) {
    // No print set-up in the model: all columns across one landscape page, as many pages down as needed.
    ws.pageSetup.orientation = "landscape";
    ws.pageSetup.fitToWidth = 1;
    ws.pageSetup.fitToHeight = 0;
    return;
  }
  // ExcelJS adds the "$" before each column; the rows get theirs here, so the area is fully absolute.
  const a = parseRange(print.area);
  ws.pageSetup.printArea = `${colLetters(a.left)}$${a.top + 1}:${colLetters(a.right)}$${a.bottom + 1}`;
  ws.pageSetup.orientation = print.orientation;
  if (print.scale) {
    ws.pageSetup.fitToPage = false;
    ws.pageSetup.scale = print.scale;
  } else {
    ws.pageSetup.fitToWidth = print.fitToPagesWide;
    ws.pageSetup.fitToHeight = print.fitToPagesTall;
  }
  if (print.titleRows)
    ws.pageSetup.printTitlesRow = `${print.titleRows.first + 1}:${print.titleRows.last + 1}`;
  if (print.titleColumns)
    ws.pageSetup.printTitlesColumn = `${colLetters(print.titleColumns.first)}:${colLetters(print.titleColumns.last)}`;
  // Across several pages: each band of rows is read left to right before the next.
  if (print.fitToPagesWide > 1) ws.pageSetup.pageOrder = "overThenDown";
}

export async function writeWorkbookXlsx(models: SheetModel[], statsOut?: XlsxStats): Promise<Buffer> {
  const stats: XlsxStats = statsOut ?? { harmFormulasReplaced: 0, charts: 0 };
  // Characters XML cannot hold are dropped from every string ExcelJS will write (xlsxRows.ts drops them from the rest).
  const sheets = models.map((m) => {
    const rest = m.tables.map((t) => t.rows.slice(1));
    const clean = xmlSafeDeep({ ...m, tables: m.tables.map((t) => ({ ...t, rows: t.rows.slice(0, 1) })) });
    return { ...clean, tables: clean.tables.map((t, i) => ({ ...t, rows: [...t.rows, ...rest[i]] })) };
  });
  const wb = new ExcelJS.Workbook();
  wb.creator = "Harm Planner";
  wb.created = new Date(0); // stable output: the same model gives the same file
  wb.modified = new Date(0);
  wb.calcProperties = { fullCalcOnLoad: true };
  const bulk = new Map<string, BulkTable[]>();

  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { properties: { tabColor: { argb: argb(s.tabColour) } } });
    s.columnWidths.forEach((w, i) => {
      if (w > 0) ws.getColumn(i + 1).width = w;
    });

    for (const c of s.cells) {
      const cell = ws.getCell(c.address);
      cell.value = cellValue(c.value, stats, () => `The text in ${s.name}!${c.address}`);
      if (c.format) cell.numFmt = c.format;
      if (c.style) {
        const st = STYLES[c.style];
        const font = fontOf(st);
        if (font) cell.font = font;
        if (st.fill) cell.fill = solid(st.fill);
        if (st.wrap) cell.alignment = { wrapText: true, vertical: "top" };
      }
    }
    for (const c of s.cells) if (c.merge) ws.mergeCells(c.merge);

    const heights = estimateRowHeights(s, true);
    const later = new Set<number>(); // 0-based rows written by xlsxRows.ts, not ExcelJS
    for (const t of s.tables) {
      const b = writeTable(ws, t, stats, heights);
      if (!b) continue;
      bulk.set(s.name, [...(bulk.get(s.name) ?? []), b]);
      const tl = parseCell(t.topLeft);
      for (let i = 1; i < t.rows.length; i++) later.add(tl.row + 1 + i);
    }
    for (const v of s.validations) addValidation(ws, v.range, validationOf(v.rule, undefined, v.prompt));

    for (const n of s.names)
      wb.definedNames.add(`${quoteSheet(s.name)}!${absoluteRange(parseRange(n.ref))}`, n.name);

    for (const cf of s.conditionalFormats) {
      const ref = rangeAddress(parseRange(cf.range));
      if (cf.kind === "valueFills") {
        ws.addConditionalFormatting({ ref, rules: valueFillRules(cf.fills) });
        continue;
      }
      ws.addConditionalFormatting({
        ref,
        rules: [
          {
            type: "colorScale",
            priority: 1,
            cfvo: [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }],
            color: cf.colours.map((c) => ({ argb: argb(c) })),
          } as ExcelJS.ColorScaleRuleType,
        ],
      });
    }

    stats.charts += s.charts.length;

    if (s.freeze && (s.freeze.rows > 0 || (s.freeze.columns ?? 0) > 0)) {
      const xSplit = s.freeze.columns ?? 0;
      const ySplit = s.freeze.rows;
      ws.views = [{ state: "frozen", xSplit, ySplit, topLeftCell: cellAddress(ySplit, xSplit) }];
    }

    for (const [row, h] of heights) if (!later.has(row)) ws.getRow(row + 1).height = h;

    applyPrint(ws, s.print);
  }
  // Stored, not deflated: the parts are finished below and the file compressed once, by fflate.
  const out = await wb.xlsx.writeBuffer({
    zip: { compression: "STORE" },
  } as Partial<ExcelJS.XlsxWriteOptions>);
  const files = unzipSync(new Uint8Array(out as ArrayBuffer));
  const parts = worksheetParts(files);
  const partOf = (name: string) => {
    const p = parts.get(name);
    if (!p || !files[p]) throw new Error(`No worksheet part for sheet "${name}"`);
    return p;
  };
  // Charts first: they edit the sheet's XML outside its rows, which addBulkRows then packs for good.
  addChartsToParts(files, sheets, partOf);
  addBulkRows(files, bulk, partOf);
  return zipParts(files);
}
