/**
 * Formula-level tests: real =HARM.* formulas over cell ranges, evaluated by
 * HyperFormula through test/support/hyperformulaPlugin.ts, spills included.
 */
import { DetailedCellError } from "hyperformula";
import type { HyperFormula, RawCellContent } from "hyperformula";
import { createHarmHyperFormula } from "../support/hyperformulaPlugin";
import { loadPoliceUkRows, loadScenario } from "../support/policeUk";

let hf: HyperFormula | undefined;
afterEach(() => hf?.destroy());

function sheet(data: RawCellContent[][]): (row: number, col: number) => unknown {
  hf = createHarmHyperFormula({ Sheet1: data });
  const id = hf.getSheetId("Sheet1")!;
  return (row, col) => hf!.getCellValue({ sheet: id, row, col });
}

describe("formulas over ranges", () => {
  it("=HARM.CHANGE(A2:A6,B2:B6) spills one result per row, with an error only where before is 0", () => {
    const at = sheet([
      ["Before", "After", "Change"],
      [20, 15, "=HARM.CHANGE(A2:A6,B2:B6)"],
      [10, 20],
      [0, 4],
      [8, 8],
      [50, 25],
    ]);
    expect(at(1, 2)).toBeCloseTo(-0.25, 9);
    expect(at(2, 2)).toBeCloseTo(1, 9);
    const err = at(3, 2) as DetailedCellError;
    expect(err).toBeInstanceOf(DetailedCellError);
    expect(err.value).toBe("#DIV/0!");
    expect(at(4, 2)).toBe(0);
    expect(at(5, 2)).toBeCloseTo(-0.5, 9);
  });

  it("broadcasts a single cell against a column", () => {
    const at = sheet([[20], [40], [80], ["=HARM.POISSONZ(A1:A3,100)"]]);
    expect(at(3, 0)).toBeCloseTo(2 * (10 - Math.sqrt(20)), 8);
    expect(at(5, 0)).toBeCloseTo(2 * (10 - Math.sqrt(80)), 8);
  });

  it("=HARM.WDD spills 1×5 (example W2) and a column of inputs spills n×5", () => {
    const at = sheet([
      [20, 10, 20, 20, "=HARM.WDD(A1,B1,C1,D1)"],
      [20, 10, 20, 20, "=HARM.WDD(A2:A3,B2:B3,C2:C3,D2:D3)"],
      [80, 20, 100, 50],
    ]);
    expect(at(0, 4)).toBeCloseTo(-10, 9);
    expect(at(0, 5)).toBeCloseTo(Math.sqrt(70), 8);
    expect(at(0, 8)).toBeCloseTo(-10 + 1.959964 * Math.sqrt(70), 5);
    expect(at(2, 4)).toBeCloseTo(-60 + 50, 9);
    expect(at(2, 5)).toBeCloseTo(Math.sqrt(250), 8);
  });

  it("=HARM.RES.CI with a blank optional confidence and a dispersion factor", () => {
    const at = sheet([[50, 30, 60, 55, "=HARM.RES.CI(A1,B1,C1,D1,,2)", null, "=HARM.RES.CI(A1,B1,C1,D1)"]]);
    const lnRes = Math.log((50 * 55) / (30 * 60));
    const v = 1 / 50 + 1 / 30 + 1 / 60 + 1 / 55;
    expect(at(0, 4)).toBeCloseTo(Math.exp(lnRes - 1.959964 * Math.sqrt(2 * v)), 5);
    expect(at(0, 6)).toBeCloseTo(Math.exp(lnRes - 1.959964 * Math.sqrt(v)), 5);
  });

  it("=HARM.EVALUATE spills a header and a row per area", () => {
    const at = sheet([
      [100, 50, 100, 150, 100, 100],
      [0, 5, 3, 4, 6, 7],
      ["=HARM.EVALUATE(A1:A2,B1:B2,C1:C2,D1:D2,E1:E2,F1:F2)"],
    ]);
    expect(at(2, 0)).toBe("Change in target");
    expect(at(2, 10)).toBe("Verdict");
    expect(at(2, 14)).toBe("Interpretation");
    expect(at(2, 15)).toBe("Checks");
    expect(at(3, 6)).toBeCloseTo(-1, 9);
    expect((at(4, 0) as DetailedCellError).value).toBe("#DIV/0!");
    expect(typeof at(4, 1)).toBe("number");
  });

  it("shows the message for bad input on #VALUE!", () => {
    const at = sheet([
      ["next week", "2024-01", "A"],
      [null, "2024-08", "B"],
      ['=HARM.PERIODCOUNTS(B1:B2,C1:C2,"A","B","C",A1,"2024-06","2024-07","2024-12")'],
    ]);
    const err = at(2, 0) as DetailedCellError;
    expect(err.value).toBe("#VALUE!");
    expect(err.message).toBe("beforeStart must be a date; got 'next week'");
  });

  it("=HARM.PRIORITISE spills a ranked table", () => {
    const at = sheet([["Street dealing", 3, 3], ["Cuckooing", 4, 5], ["=HARM.PRIORITISE(A1:A2,B1:C2)"]]);
    expect(at(2, 0)).toBe("Rank");
    expect(at(3, 1)).toBe("Cuckooing");
    expect(at(3, 2)).toBeCloseTo(87.5, 9);
    expect(at(4, 1)).toBe("Street dealing");
  });

  it("=HARM.PRIORITY agrees with the native Excel formula the Harm Matrix sheet uses", () => {
    // Ratings in A:E (blanks allowed for the optional three), weights in row 1.
    const weights = [3, 3, 2, 2, 1];
    const data: RawCellContent[][] = [[...weights]];
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let r = 2; r <= 41; r++) {
      const x = [1, 2, 3, 4, 5].map((_, i) => (i >= 2 && next() < 0.3 ? null : 1 + Math.floor(next() * 5)));
      const given = `(A${r}:E${r}<>"")`;
      data.push([
        ...x,
        `=100*SUMPRODUCT($A$1:$E$1*${given}*(A${r}:E${r}-1))/(4*SUMPRODUCT($A$1:$E$1*${given}))`,
        `=HARM.PRIORITY(A${r},B${r},C${r},D${r},E${r},$A$1:$E$1)`,
      ]);
    }
    hf = createHarmHyperFormula({ Sheet1: data }, { useArrayArithmetic: true });
    const values = hf.getSheetValues(0);
    for (let r = 1; r <= 40; r++) {
      expect(typeof values[r][5]).toBe("number");
      expect(values[r][6]).toBeCloseTo(values[r][5] as number, 8);
    }
  });

  it("=HARM.PERIODCOUNTS over a few hundred real police.uk rows agrees with a naive count", () => {
    const { headers, rows } = loadPoliceUkRows();
    const scenario = loadScenario();
    const m = headers.indexOf("Month");
    const l = headers.indexOf("LSOA code");
    const t = headers.indexOf("Crime type");
    const target = new Set(scenario.targetAreas);
    const buffer = new Set(scenario.bufferAreas);
    // Every target-area row plus a sample of the rest: a few hundred in all.
    const picked = rows.filter((r, i) => target.has(r[l]) || i % 250 === 0);
    expect(picked.length).toBeGreaterThan(200);
    expect(picked.length).toBeLessThan(2000);
    const n = picked.length;
    const data: RawCellContent[][] = picked.map((r) => [r[m], r[l], r[t]]);
    data[0].push(
      `=HARM.PERIODCOUNTS(A1:A${n},B1:B${n},"${scenario.targetAreas.join(",")}","${scenario.bufferAreas.join(",")}",` +
        `"${scenario.controlAreas.join(",")}","2024-01","2024-06","2024-07","2024-12")`,
    );
    const at = sheet(data);
    const expected = [
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    const control = new Set(scenario.controlAreas);
    for (const r of picked) {
      const g = target.has(r[l]) ? 0 : buffer.has(r[l]) ? 1 : control.has(r[l]) ? 2 : -1;
      if (g >= 0) expected[g][r[m] <= "2024-06" ? 0 : 1]++;
    }
    const got = [0, 1, 2].map((row) => [at(row, 3), at(row, 4)]);
    expect(got).toEqual(expected);
    expect(expected[0][0] + expected[0][1]).toBeGreaterThan(0);
  });
});
