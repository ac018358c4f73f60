/**
 * The Summary sheet: its first line is the core's headline sentence
 * (src/core/evaluation/headline.ts) for the Results row marked Headline?,
 * as a native formula over the Results cells that HyperFormula works out to
 * the same words, on rows reaching every verdict, with equal, unequal and
 * day-counted periods; its table reads each Results row through; the checks
 * are footnotes, each said once.
 */
import fc from "fast-check";
import { buildWorkbook, type ResultsRow } from "../../../src/sheets/build";
import { operationLengths, type Operation } from "../../../src/core/operation";
import { rowFigures } from "../../../src/core/evaluation/figures";
import { headlineSentence, verdictLabel } from "../../../src/core/evaluation/headline";
import {
  lastYearContext as lastYear,
  rowContext as context,
  similarContext as similar,
} from "../../support/rowContext";
import { PERIODS, withPeriods } from "../../support/periods";
import { isFormulaCell, type SheetModel } from "../../../src/sheets/model";
import { parseCell, parseRange } from "../../../src/sheets/a1";
import { STATUS_FILLS } from "../../../src/sheets/specs/summary";
import { NO_RESULTS } from "../../../src/sheets/specs/summaryHeadline";
import { disagreements } from "./cachedAgree";
import { evaluate, sheet, table, tableCellAddress, type Evaluated } from "./workbookHelpers";

const pair = (before: number, after: number) => ({ before, after });
const BASE: Partial<Operation> = {
  name: "Op Summary",
  force: "Gwent Police",
  targetAreas: ["W01001685"],
  bufferAreas: ["W01001601", "W01001603"],
  controlAreas: ["W01000001", "W01000002", "W01000003"],
};
const op = (before: readonly [string, string], after: readonly [string, string], dispersion?: number) =>
  withPeriods(BASE, [...before], [...after], dispersion);
const EQUAL = op(...PERIODS.equal);
const SIX_FOUR = op(...PERIODS.sixFour);
const DAYS = op(...PERIODS.days);
const NO_PERIODS: Operation = { ...EQUAL, before: { start: "", end: "" }, after: { start: "", end: "" } };

const fall = { target: pair(400, 250), buffer: pair(300, 290), control: pair(5000, 5000) };
const rise = { target: pair(250, 400), control: pair(5000, 5000) };

/** Rows reaching every verdict and every piece of the sentence. */
const ROWS: ResultsRow[] = [
  { measure: "All selected crime", ...fall, context: context() },
  { measure: "Walkthrough", target: pair(161, 156), buffer: pair(210, 190), control: pair(6181, 6412) },
  { measure: "Similar areas as large", ...fall, context: context({ similar: similar(3, 25) }) },
  { measure: "Last year as large", ...fall, context: context({ lastYear: lastYear(0.3, 0.1, 0.5) }) },
  {
    measure: "Two years back, a rise",
    ...rise,
    context: context({ lastYear: lastYear(-0.4, -0.6, -0.2, 2) }),
  },
  { measure: "Police-generated rise", ...rise, context: context({ policeGenerated: true }) },
  { measure: "Many measures", ...fall, context: context({ holm: { adjusted: 0.2, tested: 14 } }) },
  {
    measure: "Months missing",
    target: pair(120, 100),
    control: pair(150, 140),
    coverage: { before: { missing: [] }, after: { missing: ["2024-09", "2024-10", "2024-11"] } },
    context: context(),
  },
  { measure: "Zero before", target: pair(0, 3), control: pair(10, 12) },
  { measure: "Control zero", target: pair(20, 10), control: pair(0, 8) },
  { measure: "Unchanged, 2 → 2,400", target: pair(2400, 2401), control: pair(12000, 12000) },
  { measure: "Small counts", target: pair(4, 2), control: pair(4000, 4100) },
  { measure: "Typed harm total", kind: "harm", target: pair(300, 200), control: pair(900, 880) },
  {
    measure: "Borderline",
    target: pair(400, 343),
    control: pair(5000, 5000),
    context: context({ dispersion: { value: 1, source: "data", data: 1, monthly: null, areas: null } }),
  },
];

const INCLUDE = ["operation", "harm-matrix", "monitoring", "results", "net-benefit", "summary"] as const;

function built(operation: Operation, rows: ResultsRow[] = ROWS) {
  const wb = buildWorkbook({ operation, results: rows, include: [...INCLUDE] });
  const s = sheet(wb, "summary");
  return {
    wb,
    s,
    results: table(sheet(wb, "results"), "HP_Results"),
    summary: table(s, "HP_SummaryResults"),
  };
}

/** The sentence cell and the status cell beside it (the status is coloured by its value). */
function firstLine(s: SheetModel) {
  const sentence = s.cells.find((c) => c.style === "headline")!;
  const status = s.cells.find((c) => c.style === "status")!;
  return { sentence, status };
}
const cached = (v: unknown) => (isFormulaCell(v) ? v.value : v);

/** The core's sentence for a row, as the CLI and the pane say it. */
const coreSentence = (row: ResultsRow, operation: Operation) =>
  headlineSentence({ row, figures: rowFigures(row, operation), lengths: operationLengths(operation) });

/** Marks `row` as the headline in HyperFormula (clearing the others) and reads the Summary's first line. */
function lineFor(ev: Evaluated, results: ReturnType<typeof built>["results"], s: SheetModel, row: number) {
  const id = ev.hf.getSheetId("Results")!;
  ROWS.forEach((_, i) => {
    const at = parseCell(tableCellAddress(results, i, "headline"));
    ev.hf.setCellContents({ sheet: id, ...at }, i === row ? "Yes" : null);
  });
  const { sentence, status } = firstLine(s);
  return { sentence: ev.value("Summary", sentence.address), status: ev.value("Summary", status.address) };
}

describe("Summary: the verdict on the headline measure in one sentence", () => {
  it.each([
    ["equal periods", EQUAL],
    ["six months against four", SIX_FOUR],
    ["periods in days, a typed dispersion", DAYS],
    ["no periods (counts over each period)", NO_PERIODS],
  ] as const)("native formulas give the core's words on every row, %s", (_label, operation) => {
    const { wb, s, results } = built(operation);
    // Every formula on the sheet works out to the value cached with it (and those on Results).
    expect(disagreements(wb, ["Results", "Summary"], 1e-9)).toEqual([]);
    const ev = evaluate(wb);
    ROWS.forEach((row, i) => {
      const want = coreSentence(row, operation);
      expect(lineFor(ev, results, s, i)).toEqual({
        sentence: want,
        status: verdictLabel(rowFigures(row, operation).verdict),
      });
    });
  });

  it("names a comparison picked from the data as the headline row's note records it, natively too", () => {
    const note = "Counted from 1,234 incident rows; control: every other area in the data (581 areas).";
    const line = (operation: Operation) => {
      const { wb, s } = built(operation, [{ ...ROWS[0], note }, ...ROWS.slice(1)]);
      expect(disagreements(wb, ["Summary"], 1e-9)).toEqual([]);
      const v = s.cells.map((c) => (isFormulaCell(c.value) ? c.value.value : c.value));
      return String(v.find((x) => String(x).includes(" · target ")));
    };
    expect(line({ ...EQUAL, controlAreas: [] })).toContain(
      "buffer 2, comparison: every other area in the data (581 areas) · before",
    );
    // Areas listed on the Operation sheet are counted there instead.
    expect(line(EQUAL)).toContain("buffer 2, comparison 3 · before");
  });

  it("reports the row marked Headline?, else the first, and caches the core's sentence", () => {
    const marked = ROWS.map((r, i) => (i === 3 ? { ...r, headline: true } : r));
    const { s } = built(EQUAL, marked);
    const { sentence, status } = firstLine(s);
    expect(cached(sentence.value)).toBe(coreSentence(ROWS[3], EQUAL));
    expect(cached(sentence.value)).toMatch(
      /^Last year as large: target down 38% a month \(67 → 42\); comparison areas unchanged: about 160 fewer than their trend predicts \(95% interval \d+ to \d+\)\. Not credited: a similar change happened in the same months last year \(90 fewer than trend then, with no operation\)\.$/,
    );
    expect(cached(status.value)).toBe("Not credited");
    expect(cached(firstLine(built(EQUAL).s).sentence.value)).toBe(coreSentence(ROWS[0], EQUAL));
  });

  it("says last year's figure of a harm-total headline is in crimes (the year check counts crimes), natively too", () => {
    const t = pair(400, 250);
    const c = pair(5000, 5000);
    const harmRow: ResultsRow = {
      measure: "Harm total",
      kind: "harm",
      target: pair(4000, 2500),
      control: pair(50000, 50000),
      harmParts: [{ target: t, control: c, weight: 10 }],
      headline: true,
      context: context({ lastYear: lastYear(0.3, 0.1, 0.5) }),
    };
    const { wb, s: summary } = built(EQUAL, [ROWS[0], harmRow]);
    const sentence = String(cached(firstLine(summary).sentence.value));
    expect(sentence).toBe(coreSentence(harmRow, EQUAL));
    expect(sentence).toMatch(
      / harm fewer than their trend predicts .*\(90 crimes fewer than trend then, with no operation\)\.$/,
    );
    expect(disagreements(wb, ["Summary"])).toEqual([]);
  });

  it("says there is nothing to report yet when Results has no rows", () => {
    const { wb, s } = built(EQUAL, []);
    expect(cached(firstLine(s).sentence.value)).toBe(NO_RESULTS);
    expect(cached(firstLine(s).status.value)).toBe("");
    expect(disagreements(wb, ["Summary"])).toEqual([]);
  });

  it("gives the core's words for any counts (a property over random rows)", () => {
    const { wb, s, results } = built(EQUAL);
    const ev = evaluate(wb);
    const id = ev.hf.getSheetId("Results")!;
    const row = 0; // "All selected crime", with what the data said
    const count = fc.integer({ min: 0, max: 20000 });
    fc.assert(
      fc.property(count, count, count, count, (t0, t1, c0, c1) => {
        const r: ResultsRow = { ...ROWS[row], target: pair(t0, t1), control: pair(c0, c1) };
        for (const [key, v] of [
          ["tBefore", t0],
          ["tAfter", t1],
          ["cBefore", c0],
          ["cAfter", c1],
        ] as const)
          ev.hf.setCellContents({ sheet: id, ...parseCell(tableCellAddress(results, row, key)) }, v);
        expect(lineFor(ev, results, s, row).sentence).toBe(coreSentence(r, EQUAL));
      }),
      { numRuns: 60 },
    );
  });
});

describe("Summary: the compact table and its footnotes", () => {
  const { s, results, summary } = built(EQUAL);
  const col = (key: string) => summary.columns.findIndex((c) => c.key === key);

  it("reads each Results row through: rates, changes, net effect, interval and status", () => {
    expect(summary.rows).toHaveLength(ROWS.length);
    let intervals = 0;
    ROWS.forEach((row, i) => {
      const r = summary.rows[i];
      const res = (key: string) => cached(results.rows[i][results.columns.findIndex((c) => c.key === key)]);
      for (const key of ["measure", "tRateBefore", "tRateAfter", "change", "cChange", "tne"])
        expect([row.measure, key, cached(r[col(key)])]).toEqual([row.measure, key, res(key)]);
      expect(cached(r[col("status")])).toBe(verdictLabel(String(res("verdict"))));
      const [L, U] = [res("tneLower"), res("tneUpper")];
      if (typeof L === "number" && typeof U === "number") {
        intervals++;
        expect(cached(r[col("interval")])).toMatch(/^\(-?[\d,.]+ to -?[\d,.]+\)$/);
      }
    });
    expect(intervals).toBeGreaterThan(ROWS.length / 2);
    // Every status word is coloured by its value, in the table and beside the sentence.
    const fills = s.conditionalFormats.filter((c) => c.kind === "valueFills");
    expect(fills).toHaveLength(2);
    for (const f of fills) expect(f.kind === "valueFills" && f.fills).toEqual(STATUS_FILLS);
    expect(fills.map((f) => parseRange(f.range).bottom - parseRange(f.range).top + 1)).toEqual([
      1,
      ROWS.length,
    ]);
  });

  it("prints each distinct check once, numbered, and marks the rows it applies to", () => {
    const notes = s.cells
      .filter((c) => c.style === "body" && /^\d+\. /.test(String(cached(c.value))))
      .map((c) => String(cached(c.value)));
    expect(notes.length).toBeGreaterThan(3);
    notes.forEach((n, k) => expect(n.startsWith(`${k + 1}. `)).toBe(true));
    const sentences = notes.flatMap((n) => n.replace(/^\d+\. /, "").split(/(?<=\.) (?=[A-Z])/));
    expect(new Set(sentences).size).toBe(sentences.length);
    // Each Results row's checks appear in the footnotes its row names.
    ROWS.forEach((row, i) => {
      const marks = String(cached(summary.rows[i][col("checks")]));
      const listed = marks
        .split(", ")
        .filter(Boolean)
        .flatMap((m) => {
          const [a, b = a] = m.split("–").map(Number);
          return Array.from({ length: b - a + 1 }, (_, k) => a + k);
        });
      const checks = String(cached(results.rows[i][results.columns.findIndex((c) => c.key === "checks")]));
      for (const sentence of checks.split(/(?<=\.) (?=[A-Z0-9])/).map((x) => x.replace(/\.$/, ""))) {
        if (sentence === "All checks passed") continue;
        // The first run of words between figures (a sentence may open with one: "3 of 25 similar areas…").
        const words = sentence
          .replace(/[−-]?\d[\d,]*(\.\d+)?%?/g, "#")
          .split("#")
          .map((x) => x.trim())
          .find((x) => x.length > 3)!;
        expect([sentence, words?.length > 3]).toEqual([sentence, true]);
        expect([row.measure, sentence, listed.some((k) => notes[k - 1].includes(words))]).toEqual([
          row.measure,
          sentence,
          true,
        ]);
      }
    });
  });
});
