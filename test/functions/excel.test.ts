/** The adapter kit: broadcasting, blanks, error mapping and sanitising. */
import { div0Error, naError, numError, valueError } from "../../src/core/errors";
import {
  errorCell,
  ExcelError,
  guardMatrix,
  isBlank,
  mapRows,
  must,
  readCount,
  readNumber,
  toColumn,
  toExcelError,
  toNumber,
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

  it("reads numbers and counts with named messages", () => {
    expect(toNumber(" 1,200 ", "x")).toBe(1200);
    expect(() => toNumber("1.2.3", "x")).toThrow("x must be a number; got '1.2.3'.");
    expect(readCount(-1, "targetBefore")).toEqual(
      new ExcelError("#VALUE!", "targetBefore must not be negative; got -1."),
    );
    expect(unwrapScalar([[0.9]], "confidence")).toBe(0.9);
    expect(() => unwrapScalar([[1], [2]], "confidence")).toThrow(/must be a single cell/);
  });

  it("reads numbers typed as text by the one rule: 1,234 is 1234, 1,5 is refused, 1E400 is too large", () => {
    expect(readNumber("1,234", "x")).toBe(1234);
    expect(readNumber("-12,345,678.5", "x")).toBe(-12345678.5);
    expect(readNumber(" 2.5e3 ", "x")).toBe(2500);
    const comma = readNumber("1,5", "before") as ExcelError;
    expect(comma.code).toBe("#VALUE!");
    expect(comma.message).toMatch(/^before must be a number; got '1,5' \(write decimals with a full stop/);
    const huge = readNumber("1E400", "before") as ExcelError;
    expect([huge.code, huge.message]).toEqual([
      "#NUM!",
      "before is too large a number to calculate with; got '1E400'.",
    ]);
    expect((readNumber("Infinity", "x") as ExcelError).code).toBe("#VALUE!");
    expect(() => toNumber("1,5", "x")).toThrow(/x must be a number; got '1,5'/);
  });

  it("readers return the error cell instead of throwing, one shared object per message", () => {
    const a = readCount("x", "before");
    const b = readCount("x", "before");
    expect(a).toBeInstanceOf(ExcelError);
    expect(b).toBe(a);
    expect(readCount(-2, "after")).toBe(errorCell("#VALUE!", "after must not be negative; got -2."));
    expect(readCount("y", "before")).not.toBe(a);
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
      ([a, b]) => [must(readCount(a, "a")), must(readCount(b, "b"))],
    );
    expect(r[0]).toEqual([1, 10]);
    expect(r[1]).toEqual([2, 10]);
    expect(r[2]).toHaveLength(2);
    expect((r[2][1] as ExcelError).message).toMatch(/a must not be negative/);
    const allBad = mapRows([{ name: "a", value: [["x"], ["y"]] }], ([a]) => [toNumber(a, "a"), 0, 0], 3);
    expect(allBad.map((row) => row.length)).toEqual([3, 3]);
  });

  it("mapRows fills a row with a returned error cell, and carries on after a row that throws", () => {
    const r = mapRows(
      [{ name: "a", value: [[1], ["x"], [-1], [4]] }],
      ([a]) => {
        if (a === -1) throw numError("minus one");
        const n = readNumber(a, "a");
        return typeof n === "number" ? [n, n * 2] : n;
      },
      2,
    );
    expect(r[0]).toEqual([1, 2]);
    expect(r[1]).toHaveLength(2);
    expect(r[1][0]).toBe(r[1][1]);
    expect((r[1][0] as ExcelError).message).toBe("a must be a number; got 'x'.");
    expect(r[2].map((e) => (e as ExcelError).code)).toEqual(["#NUM!", "#NUM!"]);
    expect(r[3]).toEqual([4, 8]);
  });

  it("mapRows gives blank rows for blank inputs and stops after the last row with any input", () => {
    const r = mapRows(
      [
        { name: "a", value: [[1], [null], [3], [""], [null]] },
        { name: "b", value: [[10]] },
      ],
      ([a, b]) => [toNumber(a, "a") + toNumber(b, "b"), Number.POSITIVE_INFINITY],
      2,
    );
    expect(r).toHaveLength(3);
    expect(r[1]).toEqual(["", ""]);
    expect(r[2][0]).toBe(13);
    expect((r[2][1] as ExcelError).code).toBe("#NUM!");
  });

  it("mapRows pads rows of another width so the spill stays rectangular", () => {
    const r = mapRows([{ name: "a", value: [[1], [2]] }], ([a]) => (a === 1 ? [1] : [2, 3, 4]), 1);
    expect(r).toEqual([
      [1, "", ""],
      [2, 3, 4],
    ]);
  });
});
