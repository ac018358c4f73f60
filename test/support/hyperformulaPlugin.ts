/**
 * Loads the HARM.* custom functions into HyperFormula (dev-only, GPL) so tests
 * can evaluate real formulas over cell ranges, spills included.
 *
 * Each HARM.X name maps to a method that turns HyperFormula's arguments into
 * the 2-D arrays Excel would pass (a range → rows of cells, a single value →
 * [[value]], a blank cell → null, an omitted optional argument → null), calls
 * our function, and turns the 2-D result back into a spill (SimpleRangeValue)
 * or a single value, with our errors mapped onto CellError.
 *
 * Usage:
 *   const hf = createHarmHyperFormula({ Sheet1: [[...], ...] });
 *   hf.getCellValue({ sheet: 0, row: 0, col: 2 });
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import type { ConfigParams, RawCellContent } from "hyperformula";
import * as F from "../../src/functions/functions";
import { ExcelError, isExcelError } from "../../src/functions/excel";

type Fn = (...args: any[]) => any[][];

/** How the spill size follows from the argument sizes (h = tallest argument). */
type SizeRule = (h: number, sizes: ArraySize[]) => [width: number, height: number];

interface Spec {
  fn: Fn;
  required: number;
  optional: number;
  size: SizeRule;
}

const rows =
  (width: number): SizeRule =>
  (h) => [width, h];
const fixed =
  (width: number, height: number): SizeRule =>
  () => [width, height];

/** Excel id → adapter, argument counts and spill size. */
export const HARM_SPECS: Record<string, Spec> = {
  "HARM.CHANGE": { fn: F.change, required: 2, optional: 0, size: rows(1) },
  "HARM.POISSONZ": { fn: F.poissonZ, required: 2, optional: 0, size: rows(1) },
  "HARM.ETEST": { fn: F.eTest, required: 2, optional: 2, size: rows(1) },
  "HARM.RES": { fn: F.res, required: 4, optional: 0, size: rows(1) },
  "HARM.RES.CI": { fn: F.resCi, required: 4, optional: 2, size: rows(2) },
  "HARM.WDQ": { fn: F.wdq, required: 6, optional: 0, size: rows(1) },
  "HARM.NETEFFECT": { fn: F.netEffect, required: 6, optional: 0, size: rows(1) },
  "HARM.WDD": { fn: F.wdd, required: 4, optional: 5, size: rows(5) },
  "HARM.DISPLACEMENT": { fn: F.displacement, required: 6, optional: 0, size: rows(1) },
  "HARM.EVALUATE": { fn: F.evaluate, required: 6, optional: 1, size: (h) => [12, h + 1] },
  "HARM.PERIODCOUNTS": { fn: F.periodCounts, required: 9, optional: 2, size: fixed(2, 3) },
  "HARM.HARMWDD": { fn: F.harmWdd, required: 10, optional: 2, size: fixed(5, 1) },
  "HARM.PRIORITY": {
    fn: F.priority,
    required: 2,
    optional: 4,
    size: (_h, s) => [
      1,
      Math.max(s[0].height, s[1].height, s[2]?.height ?? 1, s[3]?.height ?? 1, s[4]?.height ?? 1),
    ],
  },
  "HARM.PRIORITISE": {
    fn: F.prioritise,
    required: 2,
    optional: 1,
    size: (_h, s) => [3 + Math.min(5, Math.max(2, s[1].width)), s[0].height + 1],
  },
};

const ERROR_TYPE: Record<string, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#NUM!": ErrorType.NUM,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#N/A": ErrorType.NA,
};

const EXCEL_CODE: Partial<Record<ErrorType, ExcelError["code"]>> = {
  [ErrorType.VALUE]: "#VALUE!",
  [ErrorType.NUM]: "#NUM!",
  [ErrorType.DIV_BY_ZERO]: "#DIV/0!",
  [ErrorType.NA]: "#N/A",
};

/** One HyperFormula cell value as Excel would hand it to a custom function. */
function toExcelCell(v: unknown): unknown {
  if (v === EmptyValue || v === undefined) return null;
  if (v instanceof CellError) return new ExcelError(EXCEL_CODE[v.type] ?? "#VALUE!", v.message ?? v.type);
  // Dates, percentages and currency arrive as rich numbers with the value in `val`.
  if (typeof v === "object" && v !== null && typeof (v as { val?: unknown }).val === "number")
    return (v as { val: number }).val;
  return v;
}

function toExcelArg(v: unknown): unknown {
  if (v === undefined) return null; // omitted optional argument
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(toExcelCell));
  return [[toExcelCell(v)]];
}

function toHfCell(v: unknown): any {
  if (isExcelError(v)) return new CellError(ERROR_TYPE[v.code] ?? ErrorType.VALUE, v.message);
  if (v === null || v === undefined) return EmptyValue;
  return v;
}

/** Resizes a result to the predicted spill, padding with an error (as a broken formula would show). */
function fit(result: any[][], width: number, height: number): any[][] {
  const filler =
    result[0]?.[0] !== undefined && isExcelError(result[0][0]) ? result[0][0] : new ExcelError("#N/A", "");
  const out: any[][] = [];
  for (let r = 0; r < height; r++) {
    const row: any[] = [];
    for (let c = 0; c < width; c++) row.push(result[r]?.[c] ?? filler);
    out.push(row);
  }
  return out;
}

export class HarmFunctionPlugin extends FunctionPlugin {
  static override implementedFunctions: Record<string, any> = Object.fromEntries(
    Object.entries(HARM_SPECS).map(([id, spec]) => [
      id,
      {
        method: methodName(id),
        sizeOfResultArrayMethod: sizeMethodName(id),
        vectorizationForbidden: true,
        parameters: [
          ...Array.from({ length: spec.required }, () => ({ argumentType: FunctionArgumentType.ANY })),
          ...Array.from({ length: spec.optional }, () => ({
            argumentType: FunctionArgumentType.ANY,
            optionalArg: true,
          })),
        ],
      },
    ]),
  );

  /** Last results per formula, for tests that want the raw ExcelError messages. */
  static lastCall: { id: string; args: unknown[]; result: any[][] } | undefined;

  call(id: string, ast: any, state: any): any {
    const spec = HARM_SPECS[id];
    return this.runFunction(ast.args, state, this.metadata(id), (...hfArgs: unknown[]) => {
      const args = hfArgs.map(toExcelArg);
      let result: any[][];
      try {
        result = spec.fn(...args);
      } catch (e) {
        // Our functions must never throw; make a throw visible in the sheet and in tests.
        result = [[new ExcelError("#VALUE!", `THREW: ${String(e)}`)]];
      }
      HarmFunctionPlugin.lastCall = { id, args, result };
      const size = this.size(id, ast, state);
      if (size.isScalar()) return toHfCell(result[0]?.[0]);
      const fitted = fit(result, size.width, size.height);
      return SimpleRangeValue.onlyValues(fitted.map((row) => row.map(toHfCell)));
    });
  }

  size(id: string, ast: any, state: any): ArraySize {
    const sizes: ArraySize[] = (ast.args ?? []).map((a: any) =>
      a && a.type !== "EMPTY" ? this.arraySizeForAst(a, state) : ArraySize.scalar(),
    );
    const h = sizes.reduce((m, s) => Math.max(m, s.height), 1);
    const [width, height] = HARM_SPECS[id].size(h, sizes);
    return new ArraySize(width, height);
  }
}

function methodName(id: string): string {
  return "harm_" + id.replace(/\./g, "_");
}
function sizeMethodName(id: string): string {
  return methodName(id) + "_size";
}

for (const id of Object.keys(HARM_SPECS)) {
  const proto = HarmFunctionPlugin.prototype as unknown as Record<string, unknown>;
  proto[methodName(id)] = function (this: HarmFunctionPlugin, ast: any, state: any) {
    return this.call(id, ast, state);
  };
  proto[sizeMethodName(id)] = function (this: HarmFunctionPlugin, ast: any, state: any) {
    return this.size(id, ast, state);
  };
}

let registered = false;

/** Registers the plugin once per process (HyperFormula keeps a global registry). */
export function registerHarmFunctions(): void {
  if (registered) return;
  const names = Object.fromEntries(Object.keys(HARM_SPECS).map((id) => [id, id]));
  HyperFormula.registerFunctionPlugin(HarmFunctionPlugin as any, { enGB: names, enUS: names });
  registered = true;
}

/** A HyperFormula instance with HARM.* loaded. Sheets are 2-D arrays of raw values or "=formulas". */
export function createHarmHyperFormula(
  sheets: Record<string, RawCellContent[][]>,
  config: Partial<ConfigParams> = {},
): HyperFormula {
  registerHarmFunctions();
  return HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", ...config });
}

/** Evaluates one formula placed below `data` (rows of raw values on Sheet1) and returns its top-left value. */
export function evaluateFormula(formula: string, data: RawCellContent[][] = []): unknown {
  return evaluateSpill(formula, data)[0]?.[0];
}

/**
 * Evaluates one formula placed below `data` and returns its whole spill as a
 * 2-D array (just [[value]] for a single-cell result).
 */
export function evaluateSpill(formula: string, data: RawCellContent[][] = []): unknown[][] {
  const hf = createHarmHyperFormula({ Sheet1: [...data, [formula]] });
  try {
    const values = hf.getSheetValues(hf.getSheetId("Sheet1")!);
    return values.slice(data.length).map((row) => {
      let end = row.length;
      while (end > 1 && (row[end - 1] === null || row[end - 1] === undefined)) end--;
      return row.slice(0, end);
    });
  } finally {
    hf.destroy();
  }
}
