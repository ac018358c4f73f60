/**
 * Planning figures (issue 11): the detectable fall from before-period counts
 * (docs/methods.md, "Minimum detectable effect", worked examples), what is
 * said when it is implausible, and the same counts from loaded incident data
 * as the evaluation makes them (police.uk, the README walkthrough).
 */
import { minimumDetectableEffect } from "../../src/core/stats/power";
import { planningFromCounts, PLAUSIBLE_FALL } from "../../src/app/planning";
import { planningFromIncidents } from "../../src/app/planningSource";
import { areaChoices } from "../../src/app/incidentChoices";
import * as incidentData from "../../src/app/incidentData";
import { evaluateAndWrite } from "../../src/app/evaluateIncidents";
import { insertSheets } from "../../src/app/insertSheets";
import { periodsOperation } from "../support/operation";
import type { Operation } from "../../src/core/operation";
import { PLANNING_NAMES } from "../../src/sheets/specs/planning";
import { loadPoliceUkRows, loadScenario, scenarioOperation } from "../support/policeUk";
import { memoryHarness } from "../workbook/harness";

const op = (before: [string, string], after: [string, string], extra: Partial<Operation> = {}) =>
  periodsOperation(before, after, { name: "Plan", ...extra });
const SIX_SIX = op(["2024-01-01", "2024-06-30"], ["2024-07-01", "2024-12-31"]);
const SIX_FOUR = op(["2024-01-01", "2024-06-30"], ["2024-07-01", "2024-10-31"]);

const ready = (o: ReturnType<typeof planningFromCounts>) => {
  if (!o.ready) throw new Error(o.reason);
  return o;
};

describe("planning from before-period counts", () => {
  it("T0 = 60, C0 = 600, equal periods: a fall of 47% (about 28 crimes) (docs/methods.md)", () => {
    const p = ready(planningFromCounts(60, 600, SIX_SIX));
    expect(p.figures.fraction).toBeCloseTo(0.465, 3);
    expect(p.sentence).toBe(
      "With these areas and periods, the evaluation can detect a fall of 47% (about 28 crimes) or more.",
    );
    expect(p.tooLarge).toBe(false);
    expect(p.advice).toEqual([]);
  });

  it("T0 = 120 in 6 months, C0 = 2,000, after period 4 months: 37%, 29.6 of the expected 80 (docs/methods.md)", () => {
    const p = ready(planningFromCounts(120, 2000, SIX_FOUR));
    expect(p.figures.fraction).toBeCloseTo(0.369, 3);
    // Independently: crimes = δ × T0 × (after ÷ before).
    expect(p.sentence).toContain(`about ${Math.round(p.figures.fraction! * 120 * (4 / 6))} crimes`);
    expect(p.basis).toContain("before period (6 months); after period 4 months");
  });

  it("says a fall over 50% is implausible and what would help, with the months a 25% fall needs", () => {
    // (30 and 600 were used here: the verdict's count rule now makes that plan "no fall could be credited".)
    const p = ready(planningFromCounts(40, 3000, SIX_SIX));
    expect(p.figures.fraction!).toBeGreaterThan(PLAUSIBLE_FALL);
    expect(p.tooLarge).toBe(true);
    expect(p.sentence).toMatch(/larger than any plausible effect \(over 50%\)/);
    expect(p.advice.join(" ")).toMatch(
      /Longer before and after periods.*More target areas.*broader crime type/,
    );
    expect(p.advice.join(" ")).toMatch(/detecting a 25% fall needs about \d+ months before and \d+ after/);
    expect(p.figures.reading).toMatch(
      /What would help: longer periods, more target areas or a broader crime type\.$/,
    );
  });

  it("answers without a figure when nothing could be detected, or there is nothing to fall from", () => {
    const few = ready(planningFromCounts(3, 100, SIX_SIX));
    expect(few.figures.fraction).toBeNull();
    expect(few.sentence).toBe(
      "With these areas and periods, no fall could be detected. With fewer than 10 target crimes in the before " +
        "period (3) the evaluation's headline is not judged, so no fall could be shown.",
    );
    const smallControl = ready(planningFromCounts(12, 3, SIX_SIX));
    expect(smallControl.sentence).toMatch(
      /Even a fall to no crimes at all would be detected only \d+% of the time/,
    );
    expect(smallControl.figures.reading).toMatch(/What would help/);
    const none = ready(planningFromCounts(0, 100, SIX_SIX));
    expect(none.sentence).toBe(
      "The target areas had no crimes in the before period, so no fall could be detected.",
    );
    expect(planningFromCounts(60, 600, { ...SIX_SIX, after: { start: "", end: "" } })).toEqual({
      ready: false,
      reason: "Enter the before and after periods to see what the evaluation could detect.",
    });
  });

  it("widens with dispersion: D = 2 needs a larger fall than D = 1", () => {
    const plain = ready(planningFromCounts(200, 2000, SIX_SIX)).figures.fraction!;
    const wide = ready(planningFromCounts(200, 2000, { ...SIX_SIX, dispersion: 2 })).figures.fraction!;
    expect(wide).toBeGreaterThan(plain);
  });
});

describe("planning from the README walkthrough's police.uk data", () => {
  // As in the README walkthrough: Month, LSOA code and Crime type (no Crime ID column chosen).
  const COLUMNS = { date: 1, area: 7, offenceType: 9 };
  const TYPES = ["Anti-social behaviour", "Drugs"];
  const s = loadScenario();
  const operation = scenarioOperation("Walkthrough", true);
  const source = { data: loadPoliceUkRows(), columns: COLUMNS, restOfForce: true, offenceTypes: TYPES };

  /** Independent count of the CSV rows of these types, January to June: the target's, and every other area's but the buffer's. */
  const countedBefore = (types: readonly string[]): [number, number] => {
    const buffer = new Set(s.bufferAreas);
    let t0 = 0;
    let c0 = 0;
    for (const r of loadPoliceUkRows().rows) {
      const area = r[7].trim();
      if (area === "" || buffer.has(area) || !types.includes(r[9]) || r[1] > "2024-06") continue;
      if (s.targetAreas.includes(area)) t0++;
      else c0++;
    }
    return [t0, c0];
  };

  it("counts 161 target and 6,181 control crimes before, as the Results sheet does, and plans at the verdict's dispersion", () => {
    const [t0, c0] = countedBefore(TYPES);
    expect([t0, c0]).toEqual([161, 6181]);
    const p = ready(planningFromIncidents(source, operation));
    expect([p.figures.targetBefore, p.figures.controlBefore]).toEqual([t0, c0]);
    // 29% (about 47 crimes) if counts varied only by chance; the data say they vary about 7 times more.
    expect(p.basis).toMatch(/dispersion 6\.\d+;/);
    expect(p.sentence).toBe(
      "With these areas and periods, the evaluation can detect a fall of 66% (about 106 crimes) or more. That is larger than any plausible effect (over 50%), so the evaluation is unlikely to show one.",
    );
  });

  it("with the area pick-list handed over, gives the same figures without reading the area column again", () => {
    const areas = areaChoices(
      source.data,
      { date: 1, area: 7, offenceType: 9, areaName: -1 },
      operation,
      new Set<string>(),
    ).map((c) => c.value);
    const reads = jest.spyOn(incidentData, "tableColumn");
    const given = ready(planningFromIncidents({ ...source, areas }, operation));
    const areaReads = reads.mock.calls.filter(([, i]) => i === COLUMNS.area).length;
    reads.mockRestore();
    expect(given.figures).toEqual(ready(planningFromIncidents(source, operation)).figures);
    expect([given.figures.targetBefore, given.figures.controlBefore]).toEqual([161, 6181]);
    expect(areaReads).toBe(0);
  });

  it("says what is missing before it can work the figure out", () => {
    expect(planningFromIncidents(source, { ...operation, targetAreas: [] })).toEqual({
      ready: false,
      reason: "Choose the target areas to see what the evaluation could detect.",
    });
    expect(
      planningFromIncidents({ ...source, restOfForce: false }, { ...operation, controlAreas: [] }),
    ).toMatchObject({ ready: false, reason: expect.stringMatching(/control areas/) });
    expect(planningFromIncidents({ ...source, columns: { ...COLUMNS, area: -1 } }, operation)).toMatchObject({
      ready: false,
    });
  });

  it("the Evaluate step writes the same figures into the Operation sheet's Planning block", async () => {
    const h = memoryHarness();
    await insertSheets(h.port, operation, ["operation"], "update");
    const outcome = await evaluateAndWrite(h.port, {
      data: loadPoliceUkRows(),
      columns: COLUMNS,
      operation,
      restOfForce: true,
      offenceTypes: TYPES,
    });
    expect(outcome.planning).toMatchObject({
      ready: true,
      figures: { targetBefore: 161, controlBefore: 6181 },
    });
    const snap = await h.port.read({ names: Object.values(PLANNING_NAMES) });
    const value = (name: string) => snap.nameData.find((d) => d.name === name)!.values[0][0];
    expect(value(PLANNING_NAMES.targetBefore)).toBe(161);
    expect(value(PLANNING_NAMES.controlBefore)).toBe(6181);
    // The verdict's own dispersion (estimated from the data for the headline measure): 0.2915 at D = 1.
    const D = outcome.evaluation.results[outcome.evaluation.headline].context!.dispersion.value;
    expect(D).toBeGreaterThan(1);
    // As the planning figure before evaluation says: dispersion 6.x, a fall of 66% (about 106 crimes).
    expect(D).toBeGreaterThan(6);
    expect(D).toBeLessThan(7);
    expect(value(PLANNING_NAMES.fall)).toBeGreaterThan(0.655);
    expect(value(PLANNING_NAMES.fall)).toBeLessThan(0.665);
    expect(value(PLANNING_NAMES.crimes)).toBeGreaterThan(105.5);
    expect(value(PLANNING_NAMES.crimes)).toBeLessThan(106.5);
    const mde = minimumDetectableEffect({
      targetBefore: 161,
      controlBefore: 6181,
      beforeLength: 6,
      afterLength: 6,
      dispersion: D,
    });
    expect(value(PLANNING_NAMES.fall)).toBeCloseTo(mde.fraction, 9);
    expect(value(PLANNING_NAMES.crimes)).toBeCloseTo(mde.crimes, 6);
    expect(
      minimumDetectableEffect({ targetBefore: 161, controlBefore: 6181, beforeLength: 6, afterLength: 6 })
        .fraction,
    ).toBeCloseTo(0.2915, 4);
    expect(String(value(PLANNING_NAMES.reading))).toMatch(/^With these areas and periods/);
  });

  it("plans for the headline measure the operation names, in its own counts, not for all selected crime", async () => {
    const [t0, c0] = countedBefore(["Drugs"]);
    expect(t0).toBeLessThan(161);
    const outcome = await evaluateAndWrite(memoryHarness().port, {
      data: loadPoliceUkRows(),
      columns: COLUMNS,
      operation: { ...operation, headlineMeasure: "Drugs" },
      restOfForce: true,
      offenceTypes: TYPES,
    });
    expect(outcome.evaluation.results[outcome.evaluation.headline].measure).toBe("Drugs");
    expect(outcome.planning).toMatchObject({ ready: true, figures: { targetBefore: t0, controlBefore: c0 } });
  });
});
