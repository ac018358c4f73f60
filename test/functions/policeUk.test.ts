/**
 * HARM.PERIODCOUNTS and HARM.HARMWDD over the real police.uk fixture (Gwent,
 * 2024; test/fixtures/police-uk/SOURCE.md), passed as Excel passes ranges
 * (n×1 arrays), checked against an independent, naive count of the CSV rows.
 */
import { harmWdd, periodCounts } from "../../src/functions/functions";
import { loadPoliceUkRows, loadScenario } from "../support/policeUk";

const { headers, rows } = loadPoliceUkRows();
const scenario = loadScenario();
const MONTH = headers.indexOf("Month");
const LSOA = headers.indexOf("LSOA code");
const TYPE = headers.indexOf("Crime type");

const asColumn = (i: number): unknown[][] => rows.map((r) => [r[i]]);
const dates = asColumn(MONTH);
const areas = asColumn(LSOA);
const types = asColumn(TYPE);
const list = (codes: string[]): unknown[][] => codes.map((x) => [x]);
const bounds: [unknown[][], unknown[][], unknown[][], unknown[][]] = [
  [[scenario.before.start]],
  [[scenario.before.end]],
  [[scenario.after.start]],
  [[scenario.after.end]],
];

/** The obvious way: loop over the rows, compare strings. */
function naive(weightOf: (type: string) => number = () => 1): number[][] {
  const out = [
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  const target = new Set(scenario.targetAreas);
  const buffer = new Set(scenario.bufferAreas);
  const control = new Set(scenario.controlAreas);
  const group = (code: string): number =>
    target.has(code) ? 0 : buffer.has(code) ? 1 : control.has(code) ? 2 : -1;
  for (const r of rows) {
    const g = group(r[LSOA]);
    if (g < 0) continue;
    const month = r[MONTH];
    const period =
      month >= "2024-01" && month <= "2024-06" ? 0 : month >= "2024-07" && month <= "2024-12" ? 1 : -1;
    if (period < 0) continue;
    out[g][period] += weightOf(r[TYPE]);
  }
  return out;
}

describe("HARM.PERIODCOUNTS on police.uk data", () => {
  it("has the whole year to work with", () => {
    expect(rows.length).toBeGreaterThan(70000);
    expect(scenario.controlAreas.length).toBeGreaterThan(100);
  });

  it("agrees with a naive count of the CSV rows", () => {
    const r = periodCounts(
      dates,
      areas,
      list(scenario.targetAreas),
      list(scenario.bufferAreas),
      list(scenario.controlAreas),
      ...bounds,
    );
    expect(r).toEqual(naive());
    expect(r[0][0] + r[0][1]).toBeGreaterThan(50);
  });

  it("agrees with a naive harm total when given a weight table", () => {
    const weightTypes = [...new Set(rows.map((r) => r[TYPE]))].sort();
    const table = weightTypes.map((t, i) => [t, i + 1]);
    const weightOf = (t: string): number => weightTypes.indexOf(t) + 1;
    const r = periodCounts(
      dates,
      areas,
      list(scenario.targetAreas),
      [[scenario.bufferAreas.join(", ")]],
      list(scenario.controlAreas),
      ...bounds,
      types,
      table,
    );
    expect(r).toEqual(naive(weightOf));
  });

  it("harm-weighted WDD matches Σ w·WDD_k computed naively per offence type", () => {
    const weightTypes = [...new Set(rows.map((r) => r[TYPE]))].sort();
    const table = weightTypes.map((t, i) => [t, i + 1]);
    let est = 0;
    let variance = 0;
    weightTypes.forEach((type, i) => {
      const m = naive((t) => (t === type ? 1 : 0));
      const w = i + 1;
      const [[t0, t1], , [c0, c1]] = m;
      est += w * (t1 - t0 - (c1 - c0));
      variance += w * w * (t0 + t1 + c0 + c1);
    });
    const [[e, se]] = harmWdd(
      dates,
      areas,
      types,
      list(scenario.targetAreas),
      list(scenario.controlAreas),
      ...bounds,
      table,
    ) as number[][];
    expect(e).toBeCloseTo(est, 9);
    expect(se).toBeCloseTo(Math.sqrt(variance), 9);
  });
});
