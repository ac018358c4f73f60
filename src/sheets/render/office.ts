/**
 * Live writer: carries out a plan (src/sheets/plan) through Office.js, op by
 * op, queued in one batch for a single context.sync(). Values go as whole
 * 2-D arrays, formats after them. Requirement sets: ExcelApi 1.10 at most
 * (page layout and print titles, 1.9, are checked before use).
 */
import type { ValidationRule } from "../model";
import { absoluteRange, colLetters, parseRange } from "../a1";
import { STYLES, widthCharsToPoints } from "../styles";
import { isFormulaLike } from "../../core/text";
import { listSource } from "../cells";
import type { Op, PlanCell } from "../plan/ops";
import { addLineChart, chartFont } from "./officeCharts";

type OfficeValue = string | number | boolean;

/**
 * Text Excel would not keep as typed when written through `values` or
 * `formulas`: formula triggers, numbers, dates, TRUE/FALSE and a leading
 * apostrophe. Such text goes behind an apostrophe so it is stored as text.
 */
function coercible(s: string): boolean {
  return isFormulaLike(s) || /^\s*[\d.(£$€%]/.test(s) || /^\s*(true|false)\s*$/i.test(s) || s.startsWith("'");
}

/** The Office.js input for a plan cell: "=…" for formulas, text always as typed, "" for blank. */
export function officeInput(c: PlanCell): OfficeValue {
  if (c === null || c === undefined) return "";
  if (typeof c === "object") return c.formula;
  if (typeof c === "string") return c !== "" && coercible(c) ? `'${c}` : c;
  return c;
}

const hasFormula = (rows: readonly (readonly PlanCell[])[]) =>
  rows.some((r) => r.some((c) => c !== null && typeof c === "object"));

function validationRule(rule: ValidationRule): Excel.DataValidationRule {
  switch (rule.kind) {
    case "list":
      // Commas separate items in a list source; the plan leaves out lists over Excel's limit.
      return { list: { inCellDropDown: true, source: listSource(rule.values) ?? "" } };
    case "listRef":
      return { list: { inCellDropDown: true, source: rule.source } };
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

/** Queues every op on `context`; the caller syncs once. */
export function applyOps(context: Excel.RequestContext, ops: readonly Op[]): void {
  const wb = context.workbook;
  const sheets = new Map<string, Excel.Worksheet>();
  const tables = new Map<string, Excel.Table>();
  const ws = (name: string): Excel.Worksheet => {
    const k = name.toLowerCase();
    let s = sheets.get(k);
    if (!s) sheets.set(k, (s = wb.worksheets.getItem(name)));
    return s;
  };
  const table = (name: string): Excel.Table => {
    const k = name.toLowerCase();
    let t = tables.get(k);
    if (!t) tables.set(k, (t = wb.tables.getItem(name)));
    return t;
  };
  for (const o of ops) {
    switch (o.op) {
      case "addSheet": {
        const s = wb.worksheets.add(o.sheet);
        s.tabColor = o.tabColour;
        sheets.set(o.sheet.toLowerCase(), s);
        break;
      }
      case "deleteSheet":
        ws(o.sheet).delete();
        sheets.delete(o.sheet.toLowerCase());
        break;
      case "addTable": {
        const t = ws(o.sheet).tables.add(ws(o.sheet).getRange(o.range), true);
        t.name = o.name;
        t.style = o.style;
        tables.set(o.name.toLowerCase(), t);
        break;
      }
      case "addName":
        wb.names.add(o.name, ws(o.sheet).getRange(o.ref), o.comment);
        break;
      case "write": {
        const grid = o.cells.map((r) => r.map(officeInput));
        const range = ws(o.sheet).getRange(o.range);
        if (hasFormula(o.cells)) range.formulas = grid;
        else range.values = grid;
        break;
      }
      case "addTableColumn":
        table(o.table).columns.add(
          undefined,
          o.cells.map((c) => [officeInput(c)]),
        );
        break;
      case "addTableRows":
        table(o.table).rows.add(
          undefined,
          o.rows.map((r) => r.map(officeInput)),
        );
        break;
      case "numberFormat":
        ws(o.sheet).getRange(o.range).numberFormat = o.formats;
        break;
      case "style":
        applyStyle(ws(o.sheet).getRange(o.range), o.style);
        break;
      case "fill":
        ws(o.sheet).getRange(o.range).format.fill.color = o.colour;
        break;
      case "wrap":
        ws(o.sheet).getRange(o.range).format.wrapText = true;
        break;
      case "merge":
        ws(o.sheet).getRange(o.range).merge(false);
        break;
      case "validation": {
        const dv = ws(o.sheet).getRange(o.range).dataValidation;
        if (o.clear) dv.clear();
        dv.rule = validationRule(o.rule);
        if (o.prompt) dv.prompt = { showPrompt: true, title: o.title ?? "", message: o.prompt };
        break;
      }
      case "rowHeight":
        ws(o.sheet).getRange(`${o.row + 1}:${o.row + 1}`).format.rowHeight = o.points;
        break;
      case "columnWidth":
        ws(o.sheet).getRangeByIndexes(0, o.column, 1, 1).format.columnWidth = widthCharsToPoints(
          o.characters,
        );
        break;
      case "freeze": {
        const f = ws(o.sheet).freezePanes;
        if (o.rows > 0 && o.columns > 0) f.freezeAt(ws(o.sheet).getRangeByIndexes(0, 0, o.rows, o.columns));
        else if (o.rows > 0) f.freezeRows(o.rows);
        else if (o.columns > 0) f.freezeColumns(o.columns);
        break;
      }
      case "colourScale": {
        const fmt = ws(o.sheet)
          .getRange(o.range)
          .conditionalFormats.add("ColorScale" as Excel.ConditionalFormatType);
        const [low, mid, high] = o.colours;
        fmt.colorScale.criteria = {
          minimum: { formula: null as unknown as string, type: "LowestValue", color: low },
          midpoint: { formula: "50", type: "Percentile", color: mid },
          maximum: { formula: null as unknown as string, type: "HighestValue", color: high },
        } as Excel.ConditionalColorScaleCriteria;
        break;
      }
      case "valueFills":
        for (const f of o.fills) {
          const cf = ws(o.sheet)
            .getRange(o.range)
            .conditionalFormats.add("CellValue" as Excel.ConditionalFormatType).cellValue;
          cf.format.fill.color = f.fill;
          cf.format.font.color = f.font;
          cf.format.font.bold = true;
          cf.rule = { formula1: `="${f.equals.replace(/"/g, '""')}"`, operator: "EqualTo" };
        }
        break;
      case "chart": {
        if (o.chart.type === "line") {
          addLineChart(ws(o.sheet), o.chart);
          break;
        }
        const s = ws(o.sheet);
        const chart = s.charts.add(
          "ColumnClustered" as Excel.ChartType,
          s.getRange(o.chart.dataRange),
          (o.chart.seriesBy === "rows" ? "Rows" : "Columns") as Excel.ChartSeriesBy,
        );
        chart.title.text = o.chart.title;
        chart.setPosition(o.chart.anchor.from, o.chart.anchor.to);
        chartFont(chart, o.chart);
        break;
      }
      case "print": {
        if (!printingSupported()) break;
        const layout = ws(o.sheet).pageLayout;
        layout.setPrintArea(absoluteRange(parseRange(o.print.area)));
        layout.orientation = (
          o.print.orientation === "landscape" ? "Landscape" : "Portrait"
        ) as Excel.PageOrientation;
        layout.zoom = o.print.scale
          ? { scale: o.print.scale }
          : { horizontalFitToPages: o.print.fitToPagesWide, verticalFitToPages: o.print.fitToPagesTall };
        layout.paperSize = (o.print.paper ?? "A4") as Excel.PaperType;
        const t = o.print.titleRows;
        if (t) layout.setPrintTitleRows(`$${t.first + 1}:$${t.last + 1}`);
        const c = o.print.titleColumns;
        if (c) layout.setPrintTitleColumns(`$${colLetters(c.first)}:$${colLetters(c.last)}`);
        if (o.print.fitToPagesWide > 1) layout.printOrder = "OverThenDown" as Excel.PrintOrder;
        break;
      }
      case "calculate":
        wb.application.calculate("Full" as Excel.CalculationType);
        break;
      case "activate":
        ws(o.sheet).activate();
        break;
    }
  }
}
