import { OfficeWorkbook, type ExcelRunner } from "../../src/workbook/office";
import { POLICE_UK_HEADERS } from "../support/policeUk";
import { createLazyExcel, type LazyTable } from "./support/lazyExcel";
import { recordFigures } from "./support/figures";

/**
 * Reading a 1,000,000-row incident table through the Office port: each sync
 * must stay well under Office's request/response payload limit (5 MB in Excel
 * on the web), estimated as the JSON length of the values loaded in it.
 */
const LIMIT = 5 * 1024 * 1024;

const HEADERS = [...POLICE_UK_HEADERS];

// A pool of realistic values, reused so a million rows fit in test memory; lengths are police.uk's.
const pool = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const IDS = pool(997, (i) => (i * 2654435761).toString(16).padStart(8, "0").repeat(8).slice(0, 64));
const MONTHS = pool(12, (i) => `2024-${String(i + 1).padStart(2, "0")}`);
const LOCATIONS = pool(
  101,
  (i) => `On or near ${["Commercial Street", "Heol Gwyn Lliw", "Shopping Area", "Parking Area"][i % 4]} ${i}`,
);
const LSOAS = pool(211, (i) => `W0100${String(1000 + i)}`);
const LSOA_NAMES = pool(211, (i) => `Blaenau Gwent ${String(i).padStart(3, "0")}A`);
const TYPES = [
  "Violence and sexual offences",
  "Anti-social behaviour",
  "Criminal damage and arson",
  "Shoplifting",
];
const OUTCOMES = [
  "Unable to prosecute suspect",
  "Investigation complete; no suspect identified",
  "Under investigation",
  "",
];

function policeUkRow(i: number): (string | number)[] {
  return [
    IDS[i % IDS.length],
    MONTHS[i % 12],
    "Gwent Police",
    "Gwent Police",
    -3.197173 + (i % 1000) / 1e6,
    51.79485 - (i % 1000) / 1e6,
    LOCATIONS[i % LOCATIONS.length],
    LSOAS[i % LSOAS.length],
    LSOA_NAMES[i % LSOA_NAMES.length],
    TYPES[i % TYPES.length],
    OUTCOMES[i % OUTCOMES.length],
    "",
  ];
}

function portOver(tables: LazyTable[]) {
  const fake = createLazyExcel(tables);
  const run: ExcelRunner = (batch) => batch(fake.context);
  return { fake, port: new OfficeWorkbook(run) };
}

describe("OfficeWorkbook.readTable on a 1,000,000-row police.uk table", () => {
  it("reads every row in order and never asks for more than 5 MB in one sync", async () => {
    const total = 1_000_000;
    const { fake, port } = portOver([
      { name: "Incidents", sheet: "Crimes", headers: HEADERS, rowCount: total, row: policeUkRow },
    ]);
    let lastProgress = 0;
    const data = await port.readTable("Incidents", { onProgress: (done) => (lastProgress = done) });
    expect(data.headers).toEqual(HEADERS);
    expect(data.rows.length).toBe(total);
    expect(data.rows[0]).toEqual(policeUkRow(0));
    expect(data.rows[total - 1]).toEqual(policeUkRow(total - 1));
    expect(data.rows[654_321]).toEqual(policeUkRow(654_321));
    expect(lastProgress).toBe(total);
    const largest = Math.max(...fake.payloads);
    expect(largest).toBeLessThan(LIMIT);
    // Not one sync per row either: a handful of hundreds at most.
    expect(fake.syncs).toBeLessThan(500);
    figures.policeUk = { rows: total, syncs: fake.syncs, largestSyncMB: +(largest / 1048576).toFixed(2) };
  });

  // Blocks are sized by the bytes measured so far (src/workbook/office.ts, TARGET_SYNC_BYTES), not by
  // cell count alone, so a long free-text column (incident narratives, "Context" notes) cannot push one
  // sync past the limit.
  it("keeps each sync under 5 MB even when one column holds long text (1,000 characters)", async () => {
    const narrative = "x".repeat(1000);
    const { fake, port } = portOver([
      {
        name: "Narratives",
        sheet: "Crimes",
        headers: HEADERS,
        rowCount: 20_000,
        row: (i) => {
          const r = policeUkRow(i);
          r[11] = narrative;
          return r;
        },
      },
    ]);
    const data = await port.readTable("Narratives");
    expect(data.rows.length).toBe(20_000);
    figures.narratives = { largestSyncMB: +(Math.max(...fake.payloads) / 1048576).toFixed(2) };
    expect(Math.max(...fake.payloads)).toBeLessThan(LIMIT);
  });
});

const figures: Record<string, unknown> = {};

afterAll(() => recordFigures("readTablePayload", { limitMB: 5, ...figures }));
