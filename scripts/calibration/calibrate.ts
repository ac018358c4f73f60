/**
 * Calibration on real data where nothing happened (npm run calibrate, and a
 * smaller run in test/core/evaluation/calibration.test.ts). Operations are
 * drawn as analysts draw them on the repository's 24 months of Gwent
 * police.uk data: a hotspot (one of the five busiest areas of a local
 * authority for the offence set, in the before period) as the target, the
 * rest of that authority as the control, no buffer, random whole-month
 * periods, sometimes of unequal length. With no operation, a 95% verdict should
 * credit about 5% of them; with a known fall injected (a share of the target's
 * after-period crimes removed at random) it should credit many.
 */
import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { gunzipSync } from "zlib";
import { CsvParser } from "../../src/core/incidents/csv";
import { CubeBuilder, cubeFrame, type IncidentCube } from "../../src/core/incidents/cube";
import { ymdToSerial, daysInMonth } from "../../src/core/incidents/dates";
import { evaluateCube, HISTORY_MONTHS } from "../../src/core/evaluation";
import { shiftMonths } from "../../src/core/evaluation/frame";
import { rowFigures } from "../../src/core/evaluation/figures";
import type { Operation } from "../../src/core/operation";
import type { VerdictLabel } from "../../src/core/stats/verdict";

export const FIXTURE = join(__dirname, "..", "..", "test", "fixtures", "police-uk");

export interface Data {
  cube: IncidentCube;
  months: string[];
  /** Local authority → its W01 areas (from the LSOA names). */
  authorities: Map<string, string[]>;
}

/** Every month of the fixture counted into one cube, with 36 empty months of history before it. */
export function loadData(dir = FIXTURE): Data {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-.*street\.csv\.gz$/.test(f))
    .sort();
  const months = files.map((f) => f.slice(0, 7));
  const [y0, m0] = months[0].split("-").map(Number);
  const [y1, m1] = months[months.length - 1].split("-").map(Number);
  const first = shiftMonths(ymdToSerial(y0, m0, 1)!, -HISTORY_MONTHS);
  const builder = new CubeBuilder(cubeFrame(first, ymdToSerial(y1, m1, daysInMonth(y1, m1))!));
  for (const f of files) {
    const text = gunzipSync(readFileSync(join(dir, f))).toString("utf8");
    const parser = new CsvParser();
    const rows = [...parser.push(text), ...parser.finish()];
    const head = rows[0];
    const at = (name: string) => head.indexOf(name);
    const [mi, ai, ti, ii, ni] = ["Month", "LSOA code", "Crime type", "Crime ID", "LSOA name"].map(at);
    const body = rows.slice(1);
    builder.add({
      dates: body.map((r) => r[mi]),
      areas: body.map((r) => r[ai]),
      offenceTypes: body.map((r) => r[ti]),
      ids: body.map((r) => r[ii]),
      names: body.map((r) => r[ni]),
    });
  }
  const cube = builder.finish();
  const authorities = new Map<string, string[]>();
  cube.areas.forEach((a, i) => {
    const name = cube.areaNames[i];
    if (!a.startsWith("W01") || !name) return;
    const la = name.replace(/\s+\S+$/, "");
    authorities.set(la, [...(authorities.get(la) ?? []), a]);
  });
  return { cube, months, authorities };
}

/** A small seeded generator (mulberry32), so a run is repeatable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const OFFENCE_SETS: Record<string, string[] | undefined> = {
  "all crime": undefined,
  violence: ["Violence and sexual offences"],
  "anti-social behaviour": ["Anti-social behaviour"],
  drugs: ["Drugs"],
  "property crime": ["Burglary", "Vehicle crime", "Shoplifting", "Other theft", "Criminal damage and arson"],
  "public order": ["Public order"],
};

const BIG_AUTHORITIES = ["Newport", "Caerphilly", "Torfaen", "Blaenau Gwent", "Monmouthshire"];
const LENGTHS = [3, 4, 6, 6, 6, 9, 12];

export interface CaseResult {
  label: VerdictLabel;
  reason: string;
  offenceSet: string;
  authority: string;
  target: string;
  before: string;
  after: string;
  lastYear: boolean;
  similarAreas: number;
  dispersion: number;
}

const monthStart = (m: string) => ymdToSerial(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 1)!;
const monthEnd = (m: string) => {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return ymdToSerial(y, mo, daysInMonth(y, mo))!;
};

/** The cube with a share of the target's after-period crimes removed at random (binomial thinning). */
function injectFall(
  cube: IncidentCube,
  area: number,
  slots: [number, number],
  share: number,
  next: () => number,
): IncidentCube {
  const counts = cube.counts.slice();
  const c = counts[area].slice();
  const nT = cube.types.length;
  for (let i = slots[0] * nT; i < slots[1] * nT; i++) {
    let kept = 0;
    for (let k = 0; k < c[i]; k++) if (next() >= share) kept++;
    c[i] = kept;
  }
  counts[area] = c;
  return { ...cube, counts };
}

/** One operation where nothing was done (or with `fall` injected). Null when the draw does not fit the data. */
export function drawCase(data: Data, next: () => number, fall = 0): CaseResult | null {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const setName = pick(Object.keys(OFFENCE_SETS));
  const types = OFFENCE_SETS[setName];
  const authority = pick(BIG_AUTHORITIES);
  const pool = data.authorities.get(authority) ?? [];
  const lb = pick(LENGTHS);
  const la = next() < 0.4 ? pick(LENGTHS) : lb;
  const n = data.months.length;
  if (lb + la > n) return null;
  const start = Math.floor(next() * (n - lb - la + 1));
  const months = data.months;
  const before = [months[start], months[start + lb - 1]];
  const after = [months[start + lb], months[start + lb + la - 1]];
  const periods = {
    beforeStart: monthStart(before[0]),
    beforeEnd: monthEnd(before[1]),
    afterStart: monthStart(after[0]),
    afterEnd: monthEnd(after[1]),
  };
  // Hotspot: one of the five busiest areas of the authority for this offence set, in the before period.
  const { cube } = data;
  const typeIdx = cube.types.map((t, i) => (!types || types.includes(t) ? i : -1)).filter((i) => i >= 0);
  const nT = cube.types.length;
  const from = cube.frame.starts.indexOf(periods.beforeStart);
  const to = cube.frame.starts.indexOf(periods.afterStart);
  const end = cube.frame.starts.findIndex((s) => s > periods.afterEnd);
  const beforeCount = (code: string) => {
    const c = cube.counts[cube.areas.indexOf(code)];
    let s = 0;
    for (let slot = from; slot < to; slot++) for (const t of typeIdx) s += c[slot * nT + t];
    return s;
  };
  const ranked = [...pool].sort((a, b) => beforeCount(b) - beforeCount(a));
  const target = pick(ranked.slice(0, 5));
  const control = pool.filter((a) => a !== target);
  const area = cube.areas.indexOf(target);
  const counted =
    fall > 0 ? injectFall(cube, area, [to, end < 0 ? cube.frame.starts.length : end], fall, next) : cube;
  const evaluation = evaluateCube({
    cube: counted,
    areas: { target: [target], buffer: [], control },
    periods,
    ...(types ? { offenceTypes: types } : {}),
  });
  const row = evaluation.results[evaluation.headline];
  const op = {
    before: { start: isoOf(periods.beforeStart), end: isoOf(periods.beforeEnd) },
    after: { start: isoOf(periods.afterStart), end: isoOf(periods.afterEnd) },
  } as Operation;
  const f = rowFigures(row, op);
  return {
    label: f.judgement.label,
    reason: f.judgement.reason,
    offenceSet: setName,
    authority,
    target,
    before: before.join(" to "),
    after: after.join(" to "),
    lastYear: row.context?.lastYear.available ?? false,
    similarAreas: row.context?.similar.available ? row.context.similar.n : 0,
    dispersion: row.context?.dispersion.data ?? 1,
  };
}

function isoOf(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
  return d.toISOString().slice(0, 10);
}

export interface CalibrationSummary {
  cases: number;
  credited: number;
  notCredited: number;
  noClearChange: number;
  notJudged: number;
  withLastYear: number;
}

export function summarise(results: CaseResult[]): CalibrationSummary {
  const count = (l: VerdictLabel) => results.filter((r) => r.label === l).length;
  return {
    cases: results.length,
    credited: count("Credited"),
    notCredited: count("Not credited"),
    noClearChange: count("No clear change"),
    notJudged: count("Not judged"),
    withLastYear: results.filter((r) => r.lastYear).length,
  };
}

/** `cases` operations drawn with the seed, with no operation and with a fall of `fall` injected. */
export function calibrate(data: Data, cases: number, seed: number, fall: number) {
  const run = (injected: number) => {
    const next = rng(seed);
    const out: CaseResult[] = [];
    while (out.length < cases) {
      const r = drawCase(data, next, injected);
      if (r) out.push(r);
    }
    return out;
  };
  return { nothing: run(0), fall: run(fall) };
}
