/**
 * Fuzz: every HARM.* function with hostile inputs (fast-check). Whatever it
 * gets, a function must not throw, must return a non-empty rectangular 2-D
 * array, and no cell may be NaN, ±Infinity or anything Excel cannot show.
 * The run and crash totals are written to test-output/fuzz-figures.json for
 * the README and SECURITY.md.
 */
import fc from "fast-check";
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { ExcelError } from "../../src/functions/excel";
import { HARM_FUNCTIONS, HARM_REGISTRY } from "../../src/functions/registry";

const RUNS = 300;
const SEED = 20091;

const excelErrors = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!"].map(
  (code) => new ExcelError(code as ExcelError["code"], "from the sheet"),
);

/** One hostile cell value. */
const hostileCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER,
    1e15,
    -0,
    0,
    -1,
    0.5,
    "=1+1",
    "+cmd|' /C calc'!A0",
    "#N/A",
    "",
    " ",
    "abc",
    "1e400",
    "next week",
    "2024-02-30",
    null,
    undefined,
    true,
    false,
    {},
    [],
    [[]],
  ),
  fc.constantFrom(...excelErrors),
  fc.double(),
  fc.integer({ min: -10, max: 1e6 }),
  fc.string({ maxLength: 8 }),
);

/** A plausible cell, so the fuzz also reaches the code past the input checks. */
const plausibleCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 200 }),
  fc.constantFrom(1, 2, 3, 4, 5, 0.95, 0.9),
  fc.constantFrom(45292, 45474, "2024-01", "2024-07", "2024-12", "2024-06-30", "01/07/2024"),
  fc.constantFrom("A", "B", "C", "A,B", "Drugs", "Burglary"),
);

const cell = fc.oneof({ weight: 2, arbitrary: hostileCell }, { weight: 3, arbitrary: plausibleCell });

/** One argument: a scalar, a single cell, a column, a block, ragged or nested arrays, empty arrays. */
const arg: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: cell.map((v) => [[v]]) },
  { weight: 3, arbitrary: fc.array(cell, { minLength: 0, maxLength: 6 }).map((xs) => xs.map((x) => [x])) },
  { weight: 1, arbitrary: fc.array(fc.array(cell, { minLength: 0, maxLength: 3 }), { maxLength: 4 }) },
  { weight: 1, arbitrary: cell },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>([], [[]], [[[1]]], [[null]], null, undefined, [[1, "x"], [2]]),
  },
  { weight: 1, arbitrary: fc.array(cell, { maxLength: 4 }) },
);

/** Is this something Excel can display in a cell? */
function badCell(v: unknown): string | null {
  if (typeof v === "number") return Number.isFinite(v) ? null : `non-finite number ${v}`;
  if (typeof v === "string" || typeof v === "boolean") return null;
  if (v instanceof ExcelError) {
    if (typeof v.message !== "string" || v.message.length === 0) return "error without a message";
    // toExcelError's fallback for a non-HarmError: a JavaScript fault reached the analyst.
    return v.message.startsWith("Harm Planner could not calculate this")
      ? `internal fault: ${v.message}`
      : null;
  }
  return `unexpected cell ${String(v)}`;
}

function checkResult(result: unknown): string | null {
  if (!Array.isArray(result) || result.length === 0) return "not a non-empty array";
  const width = Array.isArray(result[0]) ? result[0].length : -1;
  if (width <= 0) return "first row is not a non-empty array";
  for (const row of result) {
    if (!Array.isArray(row) || row.length !== width) return "not rectangular";
    for (const v of row) {
      const bad = badCell(v);
      if (bad) return bad;
    }
  }
  return null;
}

const figures: Record<string, { runs: number; crashes: number }> = {};

afterAll(() => {
  const dir = join(__dirname, "..", "..", "test-output");
  mkdirSync(dir, { recursive: true });
  const total = Object.values(figures).reduce(
    (t, f) => ({ runs: t.runs + f.runs, crashes: t.crashes + f.crashes }),
    { runs: 0, crashes: 0 },
  );
  writeFileSync(
    join(dir, "fuzz-figures.json"),
    JSON.stringify({ seed: SEED, runsPerFunction: RUNS, functions: figures, total }, null, 2) + "\n",
  );
});

describe.each(Object.entries(HARM_FUNCTIONS))("%s under hostile input", (id, fn) => {
  it(`never throws and never returns NaN/Infinity (${RUNS} runs)`, () => {
    const f = fn as (...args: unknown[]) => unknown;
    const arity = HARM_REGISTRY.find((r) => r.id === id)!.parameters.length;
    let runs = 0;
    let crashes = 0;
    const failures: string[] = [];
    fc.assert(
      fc.property(fc.array(arg, { minLength: arity, maxLength: arity + 1 }), (args) => {
        runs++;
        let problem: string | null;
        try {
          problem = checkResult(f(...args));
        } catch (e) {
          problem = `threw ${String(e)}`;
        }
        if (!problem) return;
        crashes++;
        if (failures.length < 5) failures.push(`${problem} for ${safeShow(args)}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    figures[id] = { runs, crashes };
    expect(failures).toEqual([]);
    expect(runs).toBe(RUNS);
  });
});

// Runs after the cases above (Jest keeps a file's order), so a function added to the
// registry is fuzzed without anyone listing it here.
it("fuzzed every registered function, with all its arguments", () => {
  expect(Object.keys(figures)).toEqual(HARM_REGISTRY.map((f) => f.id));
  for (const f of HARM_REGISTRY) expect([f.id, figures[f.id].runs]).toEqual([f.id, RUNS]);
});

function safeShow(v: unknown): string {
  try {
    return fc.stringify(v).slice(0, 300);
  } catch {
    return "(unprintable)";
  }
}
