/**
 * Rows without a crime reference are counted once only inside a stretch of
 * rows copied from earlier ones (copies.ts): a copy is proven by its
 * referenced rows, never by being identical, since police.uk lists separate
 * anti-social behaviour incidents at one map point as the same line.
 */
import { aggregateIncidents, isoToSerial } from "../../../src/core/incidents";
import { CopyFinder } from "../../../src/core/incidents/copies";
import { buildCube, cubeFrame } from "../../../src/core/incidents/cube";
import { loadPoliceUkRows, POLICE_UK_ALL_MONTHS } from "../../support/policeUk";
import { expectAccounted } from "./accounting";

const CRIME_ID = 0;
const MONTH = 1;
const LSOA = 7;
const TYPE = 9;

type Row = readonly string[];

const columns = (rows: readonly Row[]) => ({
  ids: rows.map((r) => r[CRIME_ID]),
  dates: rows.map((r) => r[MONTH]),
  areas: rows.map((r) => r[LSOA]),
  offenceTypes: rows.map((r) => r[TYPE]),
});

const frameOf = (month: string) => {
  const start = isoToSerial(`${month}-01`);
  const [y, m] = month.split("-").map(Number);
  const end = isoToSerial(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, "0")}-01`) - 1;
  return cubeFrame(start, end);
};

/** The cube's counts as one flat list, to compare two cubes area by area. */
const countsOf = (rows: readonly Row[], month: string) => {
  const cube = buildCube(columns(rows), frameOf(month));
  const byArea = new Map(cube.areas.map((a, i) => [a, [...cube.counts[i]].join(",")]));
  return { cube, byArea };
};

/** Rows without a reference that repeat an earlier row of their month exactly (the real data's own repeats). */
const identicalRepeats = (rows: readonly Row[]) => {
  const seen = new Set<string>();
  let k = 0;
  for (const r of rows) {
    if (r[CRIME_ID] !== "") continue;
    const key = r.join("\u0000");
    if (seen.has(key)) k++;
    else seen.add(key);
  }
  return k;
};

describe("rows without a crime reference", () => {
  const may = loadPoliceUkRows(["2024-05"]).rows;
  const march = loadPoliceUkRows(["2024-03"]).rows;

  it("are each counted in real police.uk data, identical or not, even beside its own repeated references", () => {
    // May 2024 repeats 201 crime references a row or two apart: single repeats prove no copy.
    const ids = may.filter((r) => r[CRIME_ID] !== "").map((r) => r[CRIME_ID]);
    expect(ids.length - new Set(ids).size).toBe(201);
    expect(identicalRepeats(may)).toBeGreaterThan(200);
    const { cube } = countsOf(may, "2024-05");
    expect(cube.accounting.rowsCopied).toBe(0);
    // Counted independently: every usable row without a reference, and each usable reference once.
    const usable = may.filter((r) => r[LSOA] !== "");
    const blank = usable.filter((r) => r[CRIME_ID] === "").length;
    const distinct = new Set(usable.map((r) => r[CRIME_ID]).filter(Boolean)).size;
    expect(cube.accounting.rejectedCount).toBe(may.length - usable.length);
    expect(cube.accounting.stored).toBe(blank + distinct);
  });

  it.each([
    ["a month appended to itself", (rows: readonly Row[]) => [...rows, ...rows]],
    [
      "a stretch of 500 rows pasted twice",
      (rows: readonly Row[]) => [...rows.slice(0, 3500), ...rows.slice(3000, 3500), ...rows.slice(3500)],
    ],
    [
      "a stretch of 60 rows pasted again further down",
      (rows: readonly Row[]) => [...rows.slice(0, 5000), ...rows.slice(1200, 1260), ...rows.slice(5000)],
    ],
  ])("in %s are counted once, with the number given", (_, copy) => {
    const once = countsOf(march, "2024-03");
    const twice = countsOf(copy(march), "2024-03");
    const a = twice.cube.accounting;
    expect(a.rowsCopied).toBeGreaterThan(0);
    expect(a.stored).toBe(once.cube.accounting.stored);
    expect(twice.byArea).toEqual(once.byArea);
    expect(a.rowsRead).toBe(
      a.stored + a.rowsDuplicate + a.rowsCopied + a.rejectedCount + a.rowsNotKept + a.rowsOutsideWindow,
    );
  });

  it("are counted once in the period counts too (HARM.PERIODCOUNTS), weighted or by type, as in the cube", () => {
    const both = loadPoliceUkRows(["2024-03", "2024-05"]).rows;
    const mar = both.filter((r) => r[MONTH] === "2024-03");
    const rest = both.filter((r) => r[MONTH] !== "2024-03");
    const areas = [...new Set(both.map((r) => r[LSOA]).filter(Boolean))].sort();
    const sets = { target: areas.slice(0, 40), buffer: areas.slice(40, 80), control: areas.slice(80) };
    const periods = {
      beforeStart: isoToSerial("2024-03-01"),
      beforeEnd: isoToSerial("2024-03-31"),
      afterStart: isoToSerial("2024-05-01"),
      afterEnd: isoToSerial("2024-05-31"),
    };
    const types = [...new Set(both.map((r) => r[TYPE]))];
    const weights = new Map(types.map((t, i) => [t, 1 + i / 4]));
    for (const options of [{}, { weights }, { byType: true }]) {
      const once = aggregateIncidents(columns([...mar, ...rest]), sets, periods, options);
      const twice = aggregateIncidents(columns([...mar, ...mar, ...rest]), sets, periods, options);
      expect(twice.rowsCopied).toBeGreaterThan(0);
      expect(twice.rowsUsed).toBe(once.rowsUsed);
      expect(twice.target).toEqual(once.target);
      expect(twice.control.before).toBeCloseTo(once.control.before, 6);
      expect(twice.byType).toEqual(once.byType);
      expectAccounted(twice);
      expect(twice.copies[0]).toMatchObject({ row: expect.any(Number), firstRow: expect.any(Number) });
      expect(twice.copies[0].row - twice.copies[0].firstRow!).toBe(mar.length);
    }
  });

  it("are never taken as copies on one repeated reference, only on two in a row at the same distance", () => {
    const finder = new CopyFinder();
    // Rows 0 to 5: "", A, "", A, "", B — one repeat of A two rows back; the rows without a reference match.
    finder.unreferenced(0, 7, 0);
    expect(finder.referenced(1, -1)).toBe(0);
    finder.unreferenced(2, 7, 0);
    expect(finder.referenced(3, 1)).toBe(0);
    finder.unreferenced(4, 7, 0);
    expect(finder.referenced(5, -1)).toBe(0);
    expect(finder.end()).toBe(0);
    // Rows 10 to 17: A, "", B, then A, "", B again (3 rows on), then "" (as row 11): the copied gap is found.
    const f = new CopyFinder();
    f.referenced(10, -1);
    f.unreferenced(11, 9, 0);
    f.referenced(12, -1);
    expect(f.referenced(13, 10)).toBe(0);
    f.unreferenced(14, 9, 0);
    expect(f.referenced(15, 12)).toBe(1);
    expect([f.rowOf(f.found[0]), f.rowOf(f.origin[0])]).toEqual([14, 11]);
    expect([f.cellOf(f.found[0]), f.kindOf(f.found[0])]).toEqual([9, 0]);
    // The same, but the row three back was counted in another cell (area, time) or of another kind (type): not a copy.
    const stretch = (first: [number, number], copy: [number, number]) => {
      const g = new CopyFinder();
      g.referenced(10, -1);
      g.unreferenced(11, ...first);
      g.referenced(12, -1);
      g.referenced(13, 10);
      g.unreferenced(14, ...copy);
      return g.referenced(15, 12);
    };
    expect(stretch([9, 0], [9, 0])).toBe(1);
    expect(stretch([9, 0], [8, 0])).toBe(0);
    expect(stretch([9, 2], [9, 3])).toBe(0);
  });

  it("are each counted over all 24 months of Gwent data: nothing there is a copy", () => {
    const all = loadPoliceUkRows(POLICE_UK_ALL_MONTHS).rows;
    const cube = buildCube(columns(all), cubeFrame(isoToSerial("2023-07-01"), isoToSerial("2025-06-30")));
    expect(cube.accounting.rowsCopied).toBe(0);
    expect(identicalRepeats(all)).toBeGreaterThan(7000);
  });
});
