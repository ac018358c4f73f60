/**
 * The verdict on real Gwent police.uk data where nothing was done: cases an
 * analyst would try, where plain Poisson intervals (dispersion 1, no look at
 * last year) credit a change that the data explain, and a small calibration
 * run (npm run calibrate runs the full one).
 */
import { calibrate, loadData, summarise, type Data } from "../../../scripts/calibration/calibrate";
import { evaluateCube } from "../../../src/core/evaluation";
import { rowFigures } from "../../../src/core/evaluation/figures";
import { headlineSentence } from "../../../src/core/evaluation/headline";
import { operationLengths, periodSerials, blankOperation, type Operation } from "../../../src/core/operation";
import { evaluateCounts } from "../../../src/core/stats/evaluate";

let data: Data;
beforeAll(() => {
  data = loadData();
});

const op = (before: [string, string], after: [string, string]): Operation => ({
  ...blankOperation(),
  before: { start: before[0], end: before[1] },
  after: { start: after[0], end: after[1] },
});

/** The busiest area of an authority as target, the rest of the authority as control, all crime. */
function busiest(authority: string, target: string, operation: Operation) {
  const pool = data.authorities.get(authority)!;
  const e = evaluateCube({
    cube: data.cube,
    areas: { target: [target], buffer: [], control: pool.filter((a) => a !== target) },
    periods: periodSerials(operation),
  });
  const row = e.results[e.headline];
  const figures = rowFigures(row, operation);
  // What the tool said before: Poisson intervals, nothing from the data.
  const plain = evaluateCounts({
    target: row.target,
    control: row.control,
    lengths: operationLengths(operation),
  });
  return {
    row,
    figures,
    plain,
    sentence: headlineSentence({ row, figures, lengths: operationLengths(operation) }),
  };
}

describe("winter against spring (before September–February, after March–June)", () => {
  it("does not credit a flat target against a control that rose with the season, and says why", () => {
    // Torfaen's busiest area: 673 → 449 crimes (112.2 → 112.3 a month), the rest of Torfaen up 18%.
    const operation = op(["2023-09-01", "2024-02-29"], ["2024-03-01", "2024-06-30"]);
    const { row, figures, plain, sentence } = busiest("Torfaen", "W01001506", operation);
    expect(row.target).toEqual({ before: 673, after: 449 });
    expect(plain.judgement).toMatchObject({ label: "Credited", direction: "fewer" });
    expect(figures.judgement.label).toBe("No clear change");
    expect(row.context!.dispersion.data).toBeGreaterThan(2);
    expect(figures.checksText).toMatch(/different calendar months.*seasons may explain/);
    expect(sentence).toMatch(
      /^All selected crime: target unchanged a month \(112 → 112\); comparison areas up 18%: about \d+ fewer than their trend predicts \(95% interval: \d+ more to \d+ fewer\)\. No clear change: the interval includes zero\.$/,
    );
  });

  it("does not credit a fall that the same months showed last year", () => {
    // Blaenau Gwent's busiest area, September 2024 to June 2025; last year's same months are in the data.
    const operation = op(["2024-09-01", "2025-02-28"], ["2025-03-01", "2025-06-30"]);
    const { row, figures, plain, sentence } = busiest("Blaenau Gwent", "W01001481", operation);
    expect(plain.judgement).toMatchObject({ label: "Credited", direction: "fewer" });
    expect(row.context!.lastYear.available).toBe(true);
    expect(figures.judgement).toMatchObject({
      label: "Not credited",
      reason: "a similar change happened in the same months last year",
    });
    expect(sentence).toMatch(
      /Not credited.*: a similar change happened in the same months last year \(\d+ fewer than trend then, with no operation\)\.$/,
    );
  });
});

describe("calibration on real data where nothing happened (a small run; npm run calibrate runs 400)", () => {
  it("credits at most about 5% of operations where nothing was done, and still credits real falls", () => {
    const { nothing, fall } = calibrate(data, 150, 7, 0.3);
    const none = summarise(nothing);
    const injected = summarise(fall);
    // 150 operations: 5% ± 1.8% (one standard error); the plain Poisson verdict credited about 25%.
    expect(none.credited / none.cases).toBeLessThanOrEqual(0.08);
    expect(injected.credited / injected.cases).toBeGreaterThanOrEqual(0.15);
    expect(injected.credited).toBeGreaterThan(2 * none.credited);
  });
});
