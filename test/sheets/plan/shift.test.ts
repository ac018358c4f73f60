import { shiftFormulaRows } from "../../../src/sheets/plan/shift";

describe("shiftFormulaRows", () => {
  it("moves relative row references and nothing else", () => {
    expect(shiftFormulaRows('=IF(ISNUMBER(F12),F12+NORM.S.INV(0.975)*SQRT(C12+D12),"F12")', 3)).toBe(
      '=IF(ISNUMBER(F15),F15+NORM.S.INV(0.975)*SQRT(C15+D15),"F12")',
    );
    expect(shiftFormulaRows("=LOG10(A5)+$B$4+B$4+HP_Results+'Operation'!$B$4+1E-9", 2)).toBe(
      "=LOG10(A7)+$B$4+B$4+HP_Results+'Operation'!$B$4+1E-9",
    );
    expect(shiftFormulaRows("=A5", 0)).toBe("=A5");
  });
});
