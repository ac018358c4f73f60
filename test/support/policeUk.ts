/**
 * Loads the committed police.uk fixture (Gwent, 2023-07 to 2025-06; most tests use 2024, see
 * test/fixtures/police-uk/SOURCE.md) for tests. Results are cached per test file.
 */
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { gunzipSync } from "zlib";
import { CsvParser } from "../../src/core/incidents/csv";
import { blankOperation, type Operation } from "../../src/core/operation";

/** The police.uk street-level CSV header, as every monthly file has it. */
export const POLICE_UK_HEADERS: readonly string[] = [
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
];

export const POLICE_UK_DIR = join(__dirname, "..", "fixtures", "police-uk");
export const POLICE_UK_MONTHS = Array.from(
  { length: 12 },
  (_, i) => `2024-${String(i + 1).padStart(2, "0")}`,
);

/** Every month in the fixture, 2023-07 to 2025-06: last year's same months and earlier months for the verdict's checks. */
export const POLICE_UK_ALL_MONTHS = Array.from({ length: 24 }, (_, i) => {
  const m = 6 + i; // months since 2023-01
  return `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
});

export const policeUkFile = (month: string): string => join(POLICE_UK_DIR, `${month}-gwent-street.csv.gz`);

/** The raw CSV text of one month. */
export function readPoliceUkText(month: string): string {
  return gunzipSync(readFileSync(policeUkFile(month))).toString("utf8");
}

const cached = new Map<string, { headers: string[]; rows: string[][] }>();

/**
 * The given months (all 12 of 2024 by default) as one table: the header once, then every data
 * row in month order (72,040 rows for 2024). Parsed with CsvParser in 64 KiB pieces, as the task
 * pane reads a file. The result is cached and shared within a test file: copy it before changing it.
 */
export function loadPoliceUkRows(months: readonly string[] = POLICE_UK_MONTHS): {
  headers: string[];
  rows: string[][];
} {
  const key = months.join(",");
  const known = cached.get(key);
  if (known) return known;
  let headers: string[] | null = null;
  const rows: string[][] = [];
  for (const month of months) {
    const text = readPoliceUkText(month);
    const parser = new CsvParser();
    const fileRows: string[][] = [];
    for (let i = 0; i < text.length; i += 65536) fileRows.push(...parser.push(text.slice(i, i + 65536)));
    fileRows.push(...parser.finish());
    const [head, ...data] = fileRows;
    if (headers === null) headers = head;
    else if (head.join(",") !== headers.join(",")) throw new Error(`${month}: header differs`);
    for (const r of data) rows.push(r);
  }
  const table = { headers: headers ?? [], rows };
  cached.set(key, table);
  return table;
}

export interface PoliceUkScenario {
  targetAreas: string[];
  bufferAreas: string[];
  controlAreas: string[];
  before: { start: string; end: string };
  after: { start: string; end: string };
  targetName: string;
  note: string;
}

/** scenario.json with "rest-of-force" expanded: every other W01 LSOA code in the fixture, sorted. */
export function loadScenario(): PoliceUkScenario {
  const raw = JSON.parse(readFileSync(join(POLICE_UK_DIR, "scenario.json"), "utf8")) as Omit<
    PoliceUkScenario,
    "controlAreas"
  > & { controlAreas: string[] | "rest-of-force" };
  let control: string[];
  if (raw.controlAreas === "rest-of-force") {
    const { headers, rows } = loadPoliceUkRows();
    const col = headers.indexOf("LSOA code");
    const taken = new Set([...raw.targetAreas, ...raw.bufferAreas]);
    const codes = new Set<string>();
    for (const r of rows) {
      const c = r[col];
      if (c.startsWith("W01") && !taken.has(c)) codes.add(c);
    }
    control = [...codes].sort();
  } else {
    control = raw.controlAreas;
  }
  return { ...raw, controlAreas: control };
}

/** The README scenario as an operation; `restOfForce` leaves the control areas blank for the pane to fill. */
export function scenarioOperation(name: string, restOfForce = false): Operation {
  const s = loadScenario();
  return {
    ...blankOperation(),
    name,
    targetAreas: s.targetAreas,
    bufferAreas: s.bufferAreas,
    controlAreas: restOfForce ? [] : s.controlAreas,
    before: s.before,
    after: s.after,
  };
}

/**
 * What `harm-planner evaluate` reads, written under `dir`: the months unpacked into `data/` as police.uk
 * names them, and the operation's areas and periods as operation.json.
 */
export function writeCliInputs(
  dir: string,
  months: readonly string[],
  op: Pick<Operation, "name" | "targetAreas" | "bufferAreas" | "before" | "after">,
): { data: string; opFile: string } {
  const data = join(dir, "data");
  mkdirSync(data, { recursive: true });
  for (const m of months)
    writeFileSync(join(data, `${m}-gwent-street.csv`), gunzipSync(readFileSync(policeUkFile(m))));
  const opFile = join(dir, "operation.json");
  const { name, targetAreas, bufferAreas, before, after } = op;
  writeFileSync(opFile, JSON.stringify({ name, targetAreas, bufferAreas, before, after }));
  return { data, opFile };
}
