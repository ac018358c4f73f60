/**
 * The aggregation on real data (Gwent, 2024; test/fixtures/police-uk/SOURCE.md),
 * checked against an independent, deliberately naive recount of the raw lines.
 */
import { createHash } from "crypto";
import { readFileSync } from "fs";
import { join } from "path";
import { REASON, aggregateIncidents } from "../../../src/core/incidents/aggregate";
import { guessColumns } from "../../../src/core/incidents/columns";
import { isoToSerial } from "../../../src/core/incidents/dates";
import {
  POLICE_UK_DIR,
  POLICE_UK_MONTHS,
  loadPoliceUkRows,
  loadScenario,
  readPoliceUkText,
} from "../../support/policeUk";

/** Naive CSV split: commas not inside quotes (the police.uk files have no quoted fields anyway). */
const splitLine = (line: string): string[] => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);

interface Naive {
  counts: Record<string, number>; // "target|before" etc.
  noArea: number;
  outsideAreas: number;
  rows: number;
}

function naiveCount(
  target: Set<string>,
  buffer: Set<string>,
  control: Set<string>,
  crimeType?: string,
): Naive {
  const counts: Record<string, number> = {};
  let noArea = 0;
  let outsideAreas = 0;
  let rows = 0;
  for (const month of POLICE_UK_MONTHS) {
    const lines = readPoliceUkText(month).split(/\r?\n/);
    const head = splitLine(lines[0]);
    const mi = head.indexOf("Month");
    const li = head.indexOf("LSOA code");
    const ti = head.indexOf("Crime type");
    for (const line of lines.slice(1)) {
      if (line === "") continue;
      rows++;
      const f = splitLine(line);
      const code = f[li];
      if (code === "") {
        noArea++;
        continue;
      }
      const set = target.has(code)
        ? "target"
        : buffer.has(code)
          ? "buffer"
          : control.has(code)
            ? "control"
            : null;
      if (set === null) {
        outsideAreas++;
        continue;
      }
      if (crimeType !== undefined && f[ti] !== crimeType) continue;
      const period = f[mi] <= "2024-06" ? "before" : "after";
      counts[`${set}|${period}`] = (counts[`${set}|${period}`] ?? 0) + 1;
    }
  }
  return { counts, noArea, outsideAreas, rows };
}

const scenario = loadScenario();
const { headers, rows } = loadPoliceUkRows();
const periods = {
  beforeStart: isoToSerial(scenario.before.start),
  beforeEnd: isoToSerial(scenario.before.end),
  afterStart: isoToSerial(scenario.after.start),
  afterEnd: isoToSerial(scenario.after.end),
};
const areaSets = {
  target: scenario.targetAreas,
  buffer: scenario.bufferAreas,
  control: scenario.controlAreas,
};
const sets = [
  new Set(scenario.targetAreas),
  new Set(scenario.bufferAreas),
  new Set(scenario.controlAreas),
] as const;
const col = (name: string): string[] => {
  const i = headers.indexOf(name);
  return rows.map((r) => r[i]);
};

describe("police.uk fixture", () => {
  test("decompresses to the published files (SHA-256 as in SOURCE.md)", () => {
    const source = readFileSync(join(POLICE_UK_DIR, "SOURCE.md"), "utf8");
    for (const month of POLICE_UK_MONTHS) {
      const raw = readPoliceUkText(month);
      const sha = createHash("sha256").update(raw, "utf8").digest("hex");
      expect(source).toContain(`| ${month}-gwent-street.csv.gz |`);
      expect(source).toMatch(new RegExp(`\\| ${month}-gwent-street\\.csv\\.gz \\|[^\\n]*\`${sha}\``));
    }
  });

  test("parses to 72,040 rows of 12 fields", () => {
    expect(headers).toEqual([
      "Crime ID",
      "Month",
      "Reported by",
      "Falls within",
      "Longitude",
      "Latitude",
      "Location",
      "LSOA code",
      "LSOA name",
      "Crime type",
      "Last outcome category",
      "Context",
    ]);
    expect(rows).toHaveLength(72040);
    expect(rows.every((r) => r.length === 12)).toBe(true);
    expect(guessColumns(headers)).toEqual({ date: 1, area: 7, offenceType: 9, areaName: 8, id: 0 });
  });

  test("the scenario: one target, four buffer LSOAs, 409 control LSOAs, no overlap", () => {
    expect(scenario.targetAreas).toEqual(["W01001685"]);
    expect(scenario.bufferAreas).toHaveLength(4);
    expect(scenario.controlAreas).toHaveLength(409);
    const all = [...scenario.targetAreas, ...scenario.bufferAreas, ...scenario.controlAreas];
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((c) => /^W01\d{6}$/.test(c))).toBe(true);
  });
});

describe("aggregateIncidents on 12 months of Gwent data", () => {
  const dates = col("Month");
  const areas = col("LSOA code");
  const types = col("Crime type");

  test("all crime agrees exactly with the naive recount", () => {
    const naive = naiveCount(...sets);
    const r = aggregateIncidents({ dates, areas }, areaSets, periods);
    expect(r.rowsRead).toBe(naive.rows);
    expect(r.target).toEqual({ before: naive.counts["target|before"], after: naive.counts["target|after"] });
    expect(r.buffer).toEqual({ before: naive.counts["buffer|before"], after: naive.counts["buffer|after"] });
    expect(r.control).toEqual({
      before: naive.counts["control|before"],
      after: naive.counts["control|after"],
    });
    expect(r.rejectedByReason).toEqual({ [REASON.noArea]: naive.noArea });
    expect(r.rowsOutsideAreas).toBe(naive.outsideAreas);
    expect(r.rowsOutsidePeriods).toBe(0);
    expect(r.rowsUsed + r.rowsOutsideAreas + r.rejectedCount).toBe(r.rowsRead);
    // The figures documented in SOURCE.md.
    expect(r.target).toEqual({ before: 839, after: 792 });
    expect(r.buffer).toEqual({ before: 1191, after: 1290 });
    expect(r.control).toEqual({ before: 33182, after: 33378 });
    expect(r.rejectedCount).toBe(1356);
  });

  test("Drugs only (filter) agrees with the naive recount, from n×1 columns", () => {
    const naive = naiveCount(...sets, "Drugs");
    const r = aggregateIncidents(
      { dates: dates.map((d) => [d]), areas: areas.map((a) => [a]), offenceTypes: types.map((t) => [t]) },
      areaSets,
      periods,
      { offenceFilter: new Set(["Drugs"]) },
    );
    expect(r.target).toEqual({ before: naive.counts["target|before"], after: naive.counts["target|after"] });
    expect(r.buffer).toEqual({ before: naive.counts["buffer|before"], after: naive.counts["buffer|after"] });
    expect(r.control).toEqual({
      before: naive.counts["control|before"],
      after: naive.counts["control|after"],
    });
    expect(r.target).toEqual({ before: 30, after: 27 });
    expect(r.rejectedByReason).toEqual({ [REASON.noArea]: naive.noArea });
    expect(r.rowsUsed + r.rowsOutsideAreas + r.rowsFilteredOut + r.rejectedCount).toBe(r.rowsRead);
  });

  test("byType sums back to the all-crime counts", () => {
    const all = aggregateIncidents({ dates, areas }, areaSets, periods);
    const r = aggregateIncidents({ dates, areas, offenceTypes: types }, areaSets, periods, { byType: true });
    expect(r.byType!.size).toBe(14);
    let targetAfter = 0;
    for (const c of r.byType!.values()) targetAfter += c.target.after;
    expect(targetAfter).toBe(all.target.after);
    expect(r.byType!.get("Drugs")!.control).toEqual({ before: 660, after: 845 });
  });

  test("periods that cut a month in half reject those months, not silently split them", () => {
    const r = aggregateIncidents({ dates, areas }, areaSets, {
      ...periods,
      beforeEnd: isoToSerial("2024-06-15"),
      afterStart: isoToSerial("2024-06-16"),
    });
    const june = rows.filter(
      (row) =>
        row[1] === "2024-06" &&
        row[7] !== "" &&
        (sets[0].has(row[7]) || sets[1].has(row[7]) || sets[2].has(row[7])),
    ).length;
    expect(r.rejectedByReason[REASON.partMonth]).toBe(june);
  });
});
