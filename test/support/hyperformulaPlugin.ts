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
import { ExcelError, isExcelError } from "../../src/functions/excel";
import { HARM_REGISTRY, type RegisteredFunction } from "../../src/functions/registry";

/** Excel id → adapter, argument counts and spill size, all from the registry. */
const HARM_SPECS: ReadonlyMap<string, RegisteredFunction> = new Map(HARM_REGISTRY.map((f) => [f.id, f]));

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
    HARM_REGISTRY.map((spec) => [
      spec.id,
      {
        method: methodName(spec.id),
        sizeOfResultArrayMethod: sizeMethodName(spec.id),
        vectorizationForbidden: true,
        parameters: [
          ...Array.from({ length: spec.required }, () => ({ argumentType: FunctionArgumentType.ANY })),
          ...Array.from({ length: spec.fn.length - spec.required }, () => ({
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
    const spec = HARM_SPECS.get(id)!;
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
    const args: any[] = ast.args ?? [];
    const sizes: ArraySize[] = args.map((a: any) =>
      a && a.type !== "EMPTY" ? this.arraySizeForAst(a, state) : ArraySize.scalar(),
    );
    // HyperFormula fixes a spill's size before evaluating anything, so only numbers and text typed
    // into the formula are known here (HARM.MONTHLYCOUNTS needs its months as literals in tests).
    const literals = args.map((a: any) =>
      a?.type === "NUMBER" || a?.type === "STRING" ? a.value : undefined,
    );
    const { width, height } = HARM_SPECS.get(id)!.spill(sizes, literals);
    return new ArraySize(width, height);
  }
}

function methodName(id: string): string {
  return "harm_" + id.replace(/\./g, "_");
}
function sizeMethodName(id: string): string {
  return methodName(id) + "_size";
}

for (const id of HARM_SPECS.keys()) {
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
  const names = Object.fromEntries(HARM_REGISTRY.map((f) => [f.id, f.id]));
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
