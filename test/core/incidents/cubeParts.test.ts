/**
 * The cube keeps crime references only for the rows it counts (the chosen
 * areas, in the months counted), so their number goes with those rows and
 * not with the rows read; a repeat elsewhere changes no figure. Rows sorted
 * in parts (CubeRecorder, as worker threads do) and added in their order give
 * the cube one pass over all the rows gives.
 */
import { buildCube, CubeBuilder, cubeFrame } from "../../../src/core/incidents/cube";
import { CubeRecorder } from "../../../src/core/incidents/cubeRecorder";
import { isoToSerial } from "../../../src/core/incidents";

const frame = cubeFrame(isoToSerial("2024-01-01"), isoToSerial("2024-06-30"));
const KEEP = new Set(["W01000001", "W01000002"]);

/** Rows across kept and other areas, in and out of the window, some without a reference, some repeated. */
function rows(n: number) {
  const out = {
    dates: [] as string[],
    areas: [] as string[],
    offenceTypes: [] as string[],
    ids: [] as string[],
  };
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const area = `W0100000${1 + (i % 5)}`;
    out.areas.push(i % 97 === 0 ? "" : area);
    names.push(`${i % 5 < 3 ? "Torfaen" : "Newport"} 00${i % 5}A`);
    out.dates.push(i % 11 === 0 ? "2023-03" : `2024-0${1 + (i % 6)}`);
    out.offenceTypes.push(["Drugs", "Burglary", "Robbery"][i % 3]);
    // Every 7th row repeats the reference of the row 5 before it (same area); every 13th has none.
    out.ids.push(i % 13 === 0 ? "" : `ref-${i % 7 === 0 && i >= 5 ? i - 5 : i}`);
  }
  return { ...out, names };
}

const inScope = (c: ReturnType<typeof rows>, i: number) =>
  KEEP.has(c.areas[i]) && c.dates[i] !== "2023-03" && c.ids[i] !== "";

describe("the cube's crime references", () => {
  it("are held only for rows counted, not for every row read", () => {
    const c = rows(20_000);
    const b = new CubeBuilder(frame, { keepAreas: KEEP });
    b.add(c, 0);
    const cube = b.finish();
    const inside = c.ids.filter((id, i) => inScope(c, i));
    expect(new Set(inside).size).toBe(b.referencesHeld);
    expect(b.referencesHeld).toBeLessThan(c.ids.filter(Boolean).length / 2);
    expect(cube.accounting.stored + cube.accounting.rowsDuplicate).toBe(
      c.areas.filter((a, i) => KEEP.has(a) && c.dates[i] !== "2023-03").length,
    );
  });

  it("a reference first seen in an area not counted does not hide a counted row", () => {
    const cols = {
      dates: ["2024-01", "2024-01", "2024-02"],
      areas: ["W01000009", "W01000001", "W01000001"],
      ids: ["same", "same", "same"],
    };
    const cube = buildCube(cols, frame, { keepAreas: KEEP });
    expect(cube.accounting).toMatchObject({ stored: 1, rowsNotKept: 1, rowsDuplicate: 1 });
  });

  it("keeps an authority's areas by each row's area name", () => {
    const c = rows(1_000);
    const cube = buildCube(c, frame, { keepAreas: new Set(), keepAuthorities: new Set(["torfaen"]) });
    expect([...cube.areas].sort()).toEqual(["W01000001", "W01000002", "W01000003"]);
    expect(cube.areaNames.every((n) => n.startsWith("Torfaen"))).toBe(true);
  });
});

describe("a cube counted in parts", () => {
  const c = rows(30_000);
  const piece = (from: number, to: number) => ({
    dates: c.dates.slice(from, to),
    areas: c.areas.slice(from, to),
    offenceTypes: c.offenceTypes.slice(from, to),
    ids: c.ids.slice(from, to),
    names: c.names.slice(from, to),
  });
  const cuts = [0, 7_000, 7_001, 19_000, 30_000];
  const parts = cuts.slice(1).map((to, k) => {
    const from = cuts[k];
    const r = new CubeRecorder(frame, { keepAreas: KEEP, maxListed: 20, lineOf: (i) => i + 2 });
    r.add(piece(from, to), 0);
    return { part: r.part(), from };
  });

  it("is the cube of one pass over every row", () => {
    const whole = buildCube(c, frame, { keepAreas: KEEP, maxListed: 20 });
    const b = new CubeBuilder(frame, { maxListed: 20 });
    for (const { part, from } of parts) b.addPart(part, from);
    const merged = b.finish();
    expect(merged.areas).toEqual(whole.areas);
    expect(merged.types).toEqual(whole.types);
    expect(merged.counts).toEqual(whole.counts);
    expect(merged.slotRows).toEqual(whole.slotRows);
    const { duplicateExamples: d1, rejected: r1, ...a1 } = merged.accounting;
    const { duplicateExamples: d2, rejected: r2, ...a2 } = whole.accounting;
    expect(a1).toEqual(a2);
    expect(d1.map((d) => d.row)).toEqual(d2.map((d) => d.row));
    expect(r1.map((r) => [r.row, r.reason])).toEqual(r2.map((r) => [r.row, r.reason]));
  });

  it("depends on the order the parts are added in, which is why they are added in the files' order", () => {
    const b = new CubeBuilder(frame, { maxListed: 20 });
    for (const { part, from } of [...parts].reverse()) b.addPart(part, from);
    const reversed = b.finish();
    const whole = buildCube(c, frame, { keepAreas: KEEP, maxListed: 20 });
    expect(reversed.accounting.duplicateExamples.map((d) => d.row)).not.toEqual(
      whole.accounting.duplicateExamples.map((d) => d.row),
    );
  });
});
