/** The adapter kit: broadcasting, blanks, error mapping and sanitising. */
import { div0Error, naError, numError, valueError } from "../../src/core/errors";
import {
  ExcelError,
  guard,
  guardMatrix,
  isBlank,
  mapRows,
  toColumn,
  toCount,
  toExcelError,
  toNumber,
  toOptionalNumber,
  unwrapScalar,
} from "../../src/functions/excel";

describe("excel adapter kit", () => {
  it("maps each HarmError kind to its Excel code and keeps the message", () => {
    expect(toExcelError(valueError("v"))).toEqual(new ExcelError("#VALUE!", "v"));
    expect(toExcelError(numError("n"))).toEqual(new ExcelError("#NUM!", "n"));
    expect(toExcelError(div0Error("d"))).toEqual(new ExcelError("#DIV/0!", "d"));
    expect(toExcelError(naError("a"))).toEqual(new ExcelError("#N/A", "a"));
    const e = toExcelError(new TypeError("boom")) as ExcelError;
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/could not calculate this: boom/);
  });

  it("never lets NaN or Infinity out", () => {
    expect((guard(() => Number.NaN) as ExcelError).code).toBe("#NUM!");
    const m = guardMatrix(() => [[1, Number.POSITIVE_INFINITY, "x", null]]);
    expect(m[0][0]).toBe(1);
    expect((m[0][1] as ExcelError).code).toBe("#NUM!");
    expect(m[0][3]).toBe("");
    expect((guardMatrix(() => [])[0][0] as ExcelError).code).toBe("#N/A");
  });

  it("treats Excel's blank forms as blank", () => {
    for (const b of [null, undefined, "", [], [[null]], [[""]], [[null], [""]]])
      expect(isBlank(b)).toBe(true);
    for (const v of [0, " x", [[0]], false]) expect(isBlank(v)).toBe(false);
  });

  it("reads numbers, counts and optional numbers with named messages", () => {
    expect(toNumber(" 1,200 ", "x")).toBe(1200);
    expect(() => toNumber("1.2.3", "x")).toThrow("x must be a number; got '1.2.3'.");
    expect(() => toCount(-1, "targetBefore")).toThrow("targetBefore must not be negative; got -1.");
    expect(toOptionalNumber([[null]], "confidence", 0.95)).toBe(0.95);
    expect(toOptionalNumber([[0.9]], "confidence", 0.95)).toBe(0.9);
    expect(() => unwrapScalar([[1], [2]], "confidence")).toThrow(/must be a single cell/);
  });

  it("accepts a column or a single row as a list, but not a block", () => {
    expect(toColumn([[1], [2]], "x")).toEqual([1, 2]);
    expect(toColumn([[1, 2, 3]], "x")).toEqual([1, 2, 3]);
    expect(() =>
      toColumn(
        [
          [1, 2],
          [3, 4],
        ],
        "x",
      ),
    ).toThrow(/single column; got 2 columns/);
  });

  it("mapRows broadcasts single cells and pads failed rows to the row width", () => {
    const r = mapRows(
      [
        { name: "a", value: [[1], [2], [-1]] },
        { name: "b", value: [[10]] },
      ],
      ([a, b]) => [toCount(a, "a"), toCount(b, "b")],
    );
    expect(r[0]).toEqual([1, 10]);
    expect(r[1]).toEqual([2, 10]);
    expect(r[2]).toHaveLength(2);
    expect((r[2][1] as ExcelError).message).toMatch(/a must not be negative/);
    const allBad = mapRows([{ name: "a", value: [["x"], ["y"]] }], ([a]) => [toNumber(a, "a"), 0, 0], 3);
    expect(allBad.map((row) => row.length)).toEqual([3, 3]);
  });
});
