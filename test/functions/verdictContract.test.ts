/**
 * One verdict whichever way it is asked for (issue 17, "Done when"): on the
 * repo's police.uk fixture, the task pane's use case (evaluateAndWrite on the
 * in-memory workbook), the command line (its main(), which the harm-planner command
 * runs it, over the CSV files on disk) and HARM.VERDICT over the same rows
 * give the same verdict label, reason, net effect and headline sentence.
 * No LibreOffice and no build are needed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evaluateAndWrite } from "../../src/app/evaluateIncidents";
import { main } from "../../src/cli/main";
import { blankOperation, type Operation } from "../../src/core/operation";
import { ExcelError } from "../../src/functions/excel";
import { verdict, VERDICT_HEADER } from "../../src/functions/verdict";
import { loadPoliceUkRows, loadScenario, POLICE_UK_ALL_MONTHS, writeCliInputs } from "../support/policeUk";
import { memoryHarness } from "../workbook/harness";

interface Said {
  label: string;
  reason: string;
  /** Net effect, lower and upper limits; null where none is given. */
  net: [number, number, number] | null;
  sentence: string;
}

interface Case {
  name: string;
  months: readonly string[];
  before: { start: string; end: string };
  after: { start: string; end: string };
  offenceTypes: string[];
  /** What the verdict must say, so the case tests what it claims to. */
  expectLabel: RegExp;
  expectReason?: RegExp;
}

const scenario = loadScenario();
const MISSING = "2024-03";

const CASES: Case[] = [
  {
    name: "the README scenario over all 24 months",
    months: POLICE_UK_ALL_MONTHS,
    before: scenario.before,
    after: scenario.after,
    offenceTypes: [],
    expectLabel: /^(Credited|No clear change|Not credited)/,
  },
  {
    name: `a month missing (${MISSING}) in the before period`,
    months: POLICE_UK_ALL_MONTHS.filter((m) => m !== MISSING),
    before: scenario.before,
    after: scenario.after,
    offenceTypes: [],
    expectLabel: /^Not judged$/,
    expectReason: new RegExp(`1 month missing in the before period \\(${MISSING}\\)`),
  },
  {
    name: "winter against spring, unequal periods, two offence types, last year in the data",
    months: POLICE_UK_ALL_MONTHS,
    before: { start: "2024-09-01", end: "2025-02-28" },
    after: { start: "2025-03-01", end: "2025-06-30" },
    offenceTypes: ["Anti-social behaviour", "Violence and sexual offences"],
    expectLabel: /^(Credited|No clear change|Not credited)/,
  },
];

const operationOf = (k: Case): Operation => ({
  ...blankOperation(),
  name: "Contract",
  targetAreas: scenario.targetAreas,
  bufferAreas: scenario.bufferAreas,
  controlAreas: [],
  before: k.before,
  after: k.after,
});

/** The pane: the Evaluate step's use case on an in-memory workbook, control = every other area. */
async function viaPane(k: Case): Promise<Said> {
  const { headers, rows } = loadPoliceUkRows(k.months);
  const col = (name: string) => headers.indexOf(name);
  const outcome = await evaluateAndWrite(memoryHarness().port, {
    data: { headers, rows },
    columns: {
      date: col("Month"),
      area: col("LSOA code"),
      offenceType: col("Crime type"),
      id: col("Crime ID"),
    },
    operation: operationOf(k),
    restOfForce: true,
    offenceTypes: k.offenceTypes,
  });
  const v = outcome.verdict;
  if ("reason" in v) return { label: "Not judged", reason: v.reason, net: null, sentence: "" };
  const j = v.figures.judgement;
  const ne = v.figures.netEffect;
  return {
    label: `${j.label}${j.borderline ? " (borderline)" : ""}`,
    reason: j.reason,
    net: ne.defined ? [ne.value.estimate, ne.value.lower, ne.value.upper] : null,
    sentence: v.sentence,
  };
}

/** The command line, the code the harm-planner command runs: its "Verdict:" line and the sentence under it. */
async function viaCli(k: Case, dir: string): Promise<Omit<Said, "net">> {
  const { data, opFile } = writeCliInputs(dir, k.months, operationOf(k));
  let out = "";
  let err = "";
  const argv = ["evaluate", "--data", data, "--operation", opFile, "--out", path.join(dir, "plan.xlsx")];
  if (k.offenceTypes.length) argv.push("--offence-types", k.offenceTypes.join(","));
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  expect([code, err]).toEqual([0, ""]);
  const lines = out.split("\n");
  const m = /^Verdict: (.+?) — (.+)\.$/.exec(lines[0]);
  if (!m) throw new Error(`no Verdict: line in ${lines.slice(0, 3).join(" / ")}`);
  return { label: m[1], reason: m[2], sentence: lines[1] };
}

/** HARM.VERDICT over the same rows, as Excel passes columns: control blank, crime references given. */
function viaFunction(k: Case): Said {
  const { headers, rows } = loadPoliceUkRows(k.months);
  const col = (name: string) => rows.map((r) => [r[headers.indexOf(name)]]);
  const c = (x: unknown) => [[x]];
  const none = null as never;
  const [header, row] = verdict(
    col("Month"),
    col("LSOA code"),
    col("Crime type"),
    c(scenario.targetAreas.join(",")),
    scenario.bufferAreas.map((a) => [a]),
    c(""),
    c(k.before.start),
    c(k.before.end),
    c(k.after.start),
    c(k.after.end),
    k.offenceTypes.length ? k.offenceTypes.map((t) => [t]) : none,
    none,
    none,
    col("Crime ID"),
  );
  expect(header).toEqual(VERDICT_HEADER);
  const at = (name: string) => row[VERDICT_HEADER.indexOf(name)];
  const n = [at("Net effect"), at("Net effect lower"), at("Net effect upper")];
  return {
    label: at("Verdict") as string,
    reason: at("Reason") as string,
    net: n.every((x) => typeof x === "number") ? (n as [number, number, number]) : null,
    sentence: at("Headline") instanceof ExcelError ? "" : (at("Headline") as string),
  };
}

describe.each(CASES)("pane, CLI and HARM.VERDICT agree: $name", (k) => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-verdict-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("same label, reason, net effect and sentence", async () => {
    const pane = await viaPane(k);
    const cli = await viaCli(k, dir);
    const fn = viaFunction(k);
    expect(pane.label).toMatch(k.expectLabel);
    if (k.expectReason) expect(pane.reason).toMatch(k.expectReason);
    expect(fn).toEqual(pane);
    // The CLI prints the net effect and its interval in the sentence, rounded as the pane shows them.
    expect(cli).toEqual({ label: pane.label, reason: pane.reason, sentence: pane.sentence });
  });
});
