/**
 * HARM.PERIODCOUNTS and HARM.HARMWDD over the real police.uk fixture (Gwent,
 * 2024; test/fixtures/police-uk/SOURCE.md), passed as Excel passes ranges
 * (n×1 arrays), checked against an independent, naive count of the CSV rows.
 */
import { ExcelError } from "../../src/functions/excel";
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
    // The buffer areas stand in as the control, and only offence types whose before counts
    // are within a factor of 2 of the target's are passed, as an unweighted WDD per type needs.
    const target = list(scenario.targetAreas);
    const control = list(scenario.bufferAreas);
    const before = (type: string, codes: string[]): number =>
      rows.filter((r) => r[TYPE] === type && codes.includes(r[LSOA]) && r[MONTH] <= "2024-06").length;
    const kept = [...new Set(rows.map((r) => r[TYPE]))].sort().filter((type) => {
      const [t0, c0] = [before(type, scenario.targetAreas), before(type, scenario.bufferAreas)];
      return t0 > 0 && c0 > 0 && Math.max(t0, c0) <= 2 * Math.min(t0, c0);
    });
    expect(kept.length).toBeGreaterThan(5);
    const picked = rows.filter((r) => kept.includes(r[TYPE]));
    const pick = (i: number): unknown[][] => picked.map((r) => [r[i]]);
    const table = kept.map((t, i) => [t, i + 1]);
    let est = 0;
    let variance = 0;
    kept.forEach((type, i) => {
      const m = naive((t) => (t === type ? 1 : 0));
      const w = i + 1;
      const [[t0, t1], [c0, c1]] = m; // the buffer row of the naive count is the control here
      est += w * (t1 - t0 - (c1 - c0));
      variance += w * w * (t0 + t1 + c0 + c1);
    });
    const [[e, se]] = harmWdd(
      pick(MONTH),
      pick(LSOA),
      pick(TYPE),
      target,
      control,
      ...bounds,
      table,
    ) as number[][];
    expect(e).toBeCloseTo(est, 9);
    expect(se).toBeCloseTo(Math.sqrt(variance), 9);
  });

  it("harm-weighted WDD against the 409-area control is refused (#N/A), naming a type too different in size", () => {
    const weightTypes = [...new Set(rows.map((r) => r[TYPE]))].sort();
    const table = weightTypes.map((t, i) => [t, i + 1]);
    const [[cell]] = harmWdd(
      dates,
      areas,
      types,
      list(scenario.targetAreas),
      list(scenario.controlAreas),
      ...bounds,
      table,
    );
    expect(cell).toBeInstanceOf(ExcelError);
    const e = cell as ExcelError;
    expect(e.code).toBe("#N/A");
    const m = /^"(.+?)": .*target's before count \((\d+)\) and the control's \((\d+)\)/.exec(e.message);
    expect(m).not.toBeNull();
    const [[t0], , [c0]] = naive((t) => (t === m![1] ? 1 : 0));
    expect([Number(m![2]), Number(m![3])]).toEqual([t0, c0]);
    expect(c0 / t0).toBeGreaterThan(2);
  });
});
