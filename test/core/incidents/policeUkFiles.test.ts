/**
 * The data checks of issue 10 on the real police.uk files (Gwent, 2024;
 * test/fixtures/police-uk/SOURCE.md), read as bytes through readIncidentFiles
 * as the task pane and the CLI read them. Expected figures are recomputed from
 * the raw lines independently (the files hold no quoted fields, so a plain
 * split on commas reads them).
 */
import { aggregateIncidents, REASON } from "../../../src/core/incidents/aggregate";
import { codesNotFound, codesNotFoundMessage } from "../../../src/core/incidents/coverage";
import { isoToSerial } from "../../../src/core/incidents/dates";
import { monthlyCounts } from "../../../src/core/incidents/monthly";
import { POLICE_UK_HEADERS, POLICE_UK_MONTHS, loadScenario, readPoliceUkText } from "../../support/policeUk";
import { nativeUtf8, policeUkBytes, policeUkName, readBuffers, refusal, type NamedBytes } from "./readFiles";

const scenario = loadScenario();
const areaSets = {
  target: scenario.targetAreas,
  buffer: scenario.bufferAreas,
  control: scenario.controlAreas,
};
const periods = {
  beforeStart: isoToSerial("2024-01-01"),
  beforeEnd: isoToSerial("2024-06-30"),
  afterStart: isoToSerial("2024-07-01"),
  afterEnd: isoToSerial("2024-12-31"),
};
const KEEP = ["Crime ID", "Month", "LSOA code", "Crime type"];
const files = (months: readonly string[]): NamedBytes[] =>
  months.map((m) => [policeUkName(m), policeUkBytes(m)]);

/** The 12 months read once with the native decoder, shared by the tests that only read them. */
let all: ReturnType<typeof readBuffers> | null = null;
const allMonths = (): ReturnType<typeof readBuffers> =>
  (all ??= readBuffers(files(POLICE_UK_MONTHS), { createUtf8Decoder: nativeUtf8, keepColumns: KEEP }));

/** The raw data lines of a month, split on commas. */
const raw = new Map<string, string[][]>();
const rawRows = (month: string): string[][] => {
  let rows = raw.get(month);
  if (!rows) {
    rows = readPoliceUkText(month)
      .split("\n")
      .slice(1)
      .filter((l) => l !== "")
      .map((l) => l.split(","));
    raw.set(month, rows);
  }
  return rows;
};

describe("all 12 months read from bytes", () => {
  test("72,040 rows, the SOURCE.md counts, every month covered, with the native and the pure decoder", async () => {
    for (const pure of [false, true]) {
      const t = pure ? await readBuffers(files(POLICE_UK_MONTHS), { keepColumns: KEEP }) : await allMonths();
      expect(t.allHeaders).toEqual(POLICE_UK_HEADERS);
      expect(t.rowCount).toBe(72040);
      expect(t.files.map((f) => f.rows)).toEqual(POLICE_UK_MONTHS.map((m) => rawRows(m).length));
      const r = aggregateIncidents(
        { dates: t.column("Month"), areas: t.column("LSOA code") },
        areaSets,
        periods,
      );
      expect(r.target).toEqual({ before: 839, after: 792 });
      expect(r.buffer).toEqual({ before: 1191, after: 1290 });
      expect(r.control).toEqual({ before: 33182, after: 33378 });
      expect(r.coverage.before.missing).toEqual([]);
      expect(r.coverage.after.present).toEqual(POLICE_UK_MONTHS.slice(6));
      expect(r.areaCodesNormalised).toBe(0);
      expect(t.notices).toEqual([]);
    }
  });

  test("Welsh place names keep their accents (valid UTF-8 is not mistaken for Windows-1252)", async () => {
    const t = await readBuffers(files(["2024-01"]), { createUtf8Decoder: nativeUtf8 });
    const locations = t.column("Location");
    expect(locations).toContain("On or near Clos Y Bwâu");
    expect(locations).toContain("On or near Cae'R Hen Dŷ");
    expect(t.files[0].encoding).toBe("utf-8");
  });

  test("a rejected row is named by its file and that file's own line", async () => {
    const t = await allMonths();
    const r = aggregateIncidents(
      { dates: t.column("Month"), areas: t.column("LSOA code") },
      areaSets,
      periods,
      {
        rowLabel: t.rowLabel,
        maxRejectedListed: 2000,
      },
    );
    // First line of January with no LSOA code, and the same for December, found in the raw text.
    const firstBlank = (month: string): number => rawRows(month).findIndex((f) => f[7] === "") + 2;
    expect(r.rejected[0]).toEqual({
      row: firstBlank("2024-01") - 1,
      reason: REASON.noArea,
      value: "",
      where: `2024-01-gwent-street.csv, line ${firstBlank("2024-01").toLocaleString("en-GB")}`,
    });
    const december = r.rejected.find((x) => x.where?.startsWith("2024-12"));
    expect(december?.where).toBe(
      `2024-12-gwent-street.csv, line ${firstBlank("2024-12").toLocaleString("en-GB")}`,
    );
  });
});

describe("the checks of issue 10 on real files", () => {
  test("the same monthly file twice is refused as identical", async () => {
    const march = policeUkBytes("2024-03");
    const message = await refusal(
      readBuffers([...files(["2024-02", "2024-03"]), ["2024-03-gwent-street (1).csv", march.slice()]]),
    );
    expect(message).toBe(
      "2024-03-gwent-street (1).csv is identical to 2024-03-gwent-street.csv; remove one of them and load the files again.",
    );
  });

  test("a month saved twice (other name, other line endings) is refused naming both; it was counted twice", async () => {
    const crlf = new Uint8Array(Buffer.from(readPoliceUkText("2024-03").replace(/\n/g, "\r\n"), "utf8"));
    const message = await refusal(
      readBuffers([...files(["2024-02", "2024-03"]), ["march copy.csv", crlf]], {}, 65536, true),
    );
    expect(message).toBe(
      "2024-03-gwent-street.csv and march copy.csv both hold 2024-03 for Gwent Police, so that month would be " +
        "counted twice; remove one of them and load the files again.",
    );
    // The same month of another force is another file's business.
    const other = readPoliceUkText("2024-03").replace(
      /,Gwent Police,Gwent Police,/g,
      ",Dyfed-Powys Police,Dyfed-Powys Police,",
    );
    const t = await readBuffers([...files(["2024-03"]), ["dyfed.csv", new Uint8Array(Buffer.from(other))]]);
    expect(t.files.map((f) => f.name)).toEqual(["2024-03-gwent-street.csv", "dyfed.csv"]);
  });

  test("identical rows without a crime reference are each counted: police.uk anti-social behaviour repeats", async () => {
    // Anti-social behaviour has no Crime ID, and its places are snapped to a few points, so the same
    // month, place and type recur: in January 2024, 244 of Gwent's 888 such rows repeat another exactly.
    const asb = rawRows("2024-01").filter((f) => f[0] === "");
    const repeats = asb.length - new Set(asb.map((f) => f.join(","))).size;
    expect([asb.length, repeats]).toEqual([888, 244]);
    const t = await readBuffers(files(["2024-01"]), { keepColumns: KEEP });
    const r = aggregateIncidents(
      {
        dates: t.column("Month"),
        areas: t.column("LSOA code"),
        offenceTypes: t.column("Crime type"),
        ids: t.column("Crime ID"),
      },
      { target: [...new Set(t.column("LSOA code"))].filter(Boolean), buffer: [], control: ["X"] },
      periods,
      { offenceFilter: new Set(["Anti-social behaviour"]) },
    );
    expect(r.rowsDuplicate).toBe(0);
    expect(r.rowsUsed).toBe(asb.filter((f) => f[7] !== "").length);
  });

  test("a period with a month missing from the data: coverage names it, monthly counts flag it", async () => {
    const months = POLICE_UK_MONTHS.filter((m) => m !== "2024-04");
    const t = await readBuffers(files(months), { createUtf8Decoder: nativeUtf8, keepColumns: KEEP });
    const cols = { dates: t.column("Month"), areas: t.column("LSOA code") };
    const r = aggregateIncidents(cols, areaSets, periods);
    expect(r.coverage.before).toEqual({
      months: POLICE_UK_MONTHS.slice(0, 6),
      present: ["2024-01", "2024-02", "2024-03", "2024-05", "2024-06"],
      missing: ["2024-04"],
    });
    expect(r.coverage.after.missing).toEqual([]);
    const monthly = monthlyCounts(cols, areaSets, "2024-01", "2024-12");
    expect(monthly.months.filter((m) => m.noData).map((m) => m.month)).toEqual(["2024-04"]);
    expect(monthly.months[3]).toEqual({
      month: "2024-04",
      noData: true,
      target: null,
      buffer: null,
      control: null,
    });
  });

  test("target and buffer codes that appear in no row are listed before counting", async () => {
    const t = await readBuffers(files(["2024-01", "2024-02"]), { keepColumns: ["LSOA code"] });
    const missing = codesNotFound(
      { target: ["W01001685", "W01009999"], buffer: [...scenario.bufferAreas, "e01 099999"], control: ["X"] },
      t.column("LSOA code"),
    );
    expect(missing).toEqual({ target: ["W01009999"], buffer: ["E01099999"] });
    expect(codesNotFoundMessage(missing)).toBe(
      "Target area W01009999 and buffer area E01099999 appear in no row of the data, so they would count 0; " +
        "check the codes (a typing slip, or an LSOA code from a different edition) before counting.",
    );
  });

  test("'w01001687' and 'W01 001687' match W01001687, in the data and in the area sets", async () => {
    const t = await allMonths();
    const clean = t.column("LSOA code");
    let changed = 0;
    const messy = clean.map((c, i) => {
      if (c !== "W01001687") return c;
      changed++;
      return i % 3 === 0 ? "w01001687" : i % 3 === 1 ? "W01 001687" : " W01001687\t";
    });
    const dates = t.column("Month");
    const expected = aggregateIncidents({ dates, areas: clean }, areaSets, periods);
    const typed = { ...areaSets, buffer: areaSets.buffer.map((c) => (c === "W01001687" ? "w01 001687" : c)) };
    const r = aggregateIncidents({ dates, areas: messy }, typed, periods);
    expect(changed).toBeGreaterThan(300);
    expect(r.areaCodesNormalised).toBe(changed);
    expect(r.buffer).toEqual(expected.buffer);
    expect(r.buffer).toEqual({ before: 1191, after: 1290 });
  });

  test("a stray quote in a real file: refused, naming the file and the line", async () => {
    const lines = readPoliceUkText("2024-05").split("\n");
    expect(lines[6064]).toMatch(/,On or near Maendy Place,/);
    const withQuote = (extra: (l: string[]) => void): Uint8Array => {
      const copy = [...lines];
      copy[6064] = copy[6064].replace(",On or near Maendy Place,", ',"On or near Maendy Place,');
      extra(copy);
      return new Uint8Array(Buffer.from(copy.join("\n"), "utf8"));
    };
    const name = "2024-05-gwent-street.csv";
    // Nothing closes it: the rest of the file would be one field.
    expect(await refusal(readBuffers([[name, withQuote(() => undefined)]]))).toMatch(
      /^2024-05-gwent-street\.csv, line 6,065: a quoted field starts here and runs on over line ends to the end of the file;/,
    );
    // A second stray quote further down closes it.
    const closed = withQuote((l) => (l[6100] = l[6100].replace(",On or near ", ',"On or near ')));
    expect(await refusal(readBuffers([[name, closed]]))).toMatch(
      /^2024-05-gwent-street\.csv, lines 6,065 to 6,101: a quoted field starts on line 6,065 and runs on over line ends to line 6,101, .* and 2024-05-gwent-street\.csv was refused\./,
    );
    // Closed 164 lines down by a quote that ends a field ("42"), so the merged record has the header's 12
    // fields: it swallowed 164 rows silently. police.uk files never hold a line break in a field.
    const fits = withQuote((l) => {
      const fields = l[6228].split(",");
      fields[6] = `${fields[6]} 42"`;
      l[6228] = fields.join(",");
    });
    expect(await refusal(readBuffers([[name, fits]]))).toBe(
      "2024-05-gwent-street.csv, lines 6,065 to 6,229: a quoted field starts on line 6,065 and runs on over line " +
        'ends to line 6,229, but police.uk files hold no line breaks inside fields, so a quote (") on line 6,065 ' +
        "is probably stray, and 2024-05-gwent-street.csv was refused. Correct that line and load the files again.",
    );
  });

  test("UTF-16 LE and BE copies of a real file give the same rows and counts as the UTF-8 original", async () => {
    const original = readPoliceUkText("2024-07");
    const le = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original, "utf16le")]));
    const be = new Uint8Array(
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(original, "utf16le").swap16()]),
    );
    const read = (bytes: Uint8Array) => readBuffers([["2024-07.csv", bytes]], { keepColumns: KEEP }, 4099);
    const utf8 = await read(policeUkBytes("2024-07"));
    const count = (t: Awaited<ReturnType<typeof read>>) =>
      aggregateIncidents({ dates: t.column("Month"), areas: t.column("LSOA code") }, areaSets, periods);
    for (const [bytes, encoding] of [
      [le, "utf-16le"],
      [be, "utf-16be"],
    ] as const) {
      const t = await read(bytes);
      expect(t.files[0].encoding).toBe(encoding);
      expect(t.columns).toEqual(utf8.columns);
      const r = count(t);
      expect(r.target).toEqual(count(utf8).target);
      expect(r.control.after).toBe(
        rawRows("2024-07").filter((f) => scenario.controlAreas.includes(f[7])).length,
      );
    }
  });

  test("a real month saved as Windows-1252 reads the same, with a notice", async () => {
    // ŷ is not in Windows-1252, so it is written as y first; â and ô are.
    const original = readPoliceUkText("2024-01").replace(/ŷ/g, "y");
    const cp1252 = new Uint8Array(Buffer.from(original, "latin1"));
    const t = await readBuffers([["jan-1252.csv", cp1252]], {}, 65536);
    expect(t.notices).toEqual(["jan-1252.csv was read as Windows-1252 because it is not valid UTF-8."]);
    expect(t.column("Location")).toContain("On or near Clos Y Bwâu");
    expect(t.rowCount).toBe(5560);
  });

  test("a header-only file is reported as having no rows", async () => {
    const header = readPoliceUkText("2024-06").split("\n")[0] + "\n";
    expect(
      await refusal(readBuffers([...files(["2024-05"]), ["2024-06-gwent-street.csv", Buffer.from(header)]])),
    ).toBe("2024-06-gwent-street.csv has a header but no rows.");
  });

  test("repeated Crime IDs (May 2024 repeats some, with other outcomes) are counted once and reported", async () => {
    const t = await allMonths();
    const cols = { dates: t.column("Month"), areas: t.column("LSOA code") };
    const plain = aggregateIncidents(cols, areaSets, periods);
    const r = aggregateIncidents({ ...cols, ids: t.column("Crime ID") }, areaSets, periods, {
      rowLabel: t.rowLabel,
    });
    // Independently: among rows in a W01 area (all three sets together), ids already seen.
    const seen = new Set<string>();
    let repeats = 0;
    const targetRepeats = { before: 0, after: 0 };
    for (const month of POLICE_UK_MONTHS) {
      for (const f of rawRows(month)) {
        if (!f[7].startsWith("W01") || f[0] === "") continue;
        if (seen.has(f[0])) {
          repeats++;
          if (f[7] === "W01001685") targetRepeats[month <= "2024-06" ? "before" : "after"]++;
        } else seen.add(f[0]);
      }
    }
    expect(repeats).toBeGreaterThan(100);
    expect(r.rowsDuplicate).toBe(repeats);
    expect(r.rowsUsed).toBe(plain.rowsUsed - repeats);
    expect(r.target).toEqual({
      before: plain.target.before - targetRepeats.before,
      after: plain.target.after - targetRepeats.after,
    });
    expect(r.duplicates[0].where).toMatch(/^2024-05-gwent-street\.csv, line [\d,]+$/);
    expect(r.duplicates[0].firstWhere).toMatch(/^2024-05-gwent-street\.csv, line [\d,]+$/);
    const d = r.duplicates[0];
    expect(t.column("Crime ID")[d.row - 1]).toBe(d.id);
    expect(t.column("Crime ID")[d.firstRow! - 1]).toBe(d.id);
  });
});
