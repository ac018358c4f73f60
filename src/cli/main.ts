/**
 * harm-planner command line: writes the planning workbook as a shareable
 * .xlsx without Excel (`template`), or evaluates police.uk-format incident
 * files the way the task pane does and writes the whole workbook (`evaluate`).
 * Built to lib/ by `npm run build`; run through bin/harm-planner.js.
 */
import { blankOperation } from "../core/operation";
import { isHarmError } from "../core/errors";
import { buildWorkbook, SHEET_ORDER } from "../sheets/build";
import { writeWorkbookXlsx } from "../sheets/render/xlsx";
import { runEvaluate } from "./evaluate";
import { MAX_WORKERS } from "./countFiles";
import { readCohortFile } from "./cohortFile";
import { checkOutput, defaultIo, readJson, writeOut, type Args, type CliIo } from "./io";
import { strayFileErrorMessage } from "./fileErrors";
import { PortError } from "../sheets/plan/errors";
import { InputFileError, OPERATION_FIELDS, parseOperation, parseResults } from "./operationFile";
import { weightTypesNotPoliceUk } from "../core/weights";
import { POLICE_UK_CRIME_TYPES } from "../core/operation";

/** Words wrapped to the help's width, each line after the first indented by `indent`. */
const wrap = (text: string, indent: number, width = 100): string => {
  const lines = [""];
  for (const word of text.split(" "))
    if (lines[lines.length - 1].length + word.length + 1 > width - indent) lines.push(word);
    else lines[lines.length - 1] += (lines[lines.length - 1] ? " " : "") + word;
  return lines.join(`\n${" ".repeat(indent)}`);
};

// From the sheet list itself, so the help cannot fall behind when a sheet is added.
const TEMPLATE_HELP = wrap(
  `writes the ${SHEET_ORDER.length} Harm Planner sheets (${SHEET_ORDER.map((s) => s.name).join(", ")}) to an Excel file that also opens in LibreOffice and in Excel without the add-in.`,
  10,
);

const FIELDS = OPERATION_FIELDS.map((f) => `    ${f.key.padEnd(16)} ${f.shape}`).join("\n");

export const USAGE = `Usage:
  harm-planner template --out <file.xlsx> [--operation <operation.json>] [--results <results.json>] [--no-starter-rows]
                        [--cohort <cohort.csv> --include-cohort] [--force]
  harm-planner evaluate --data <csv files or a folder> --operation <operation.json> --out <file.xlsx>
                        [--offence-types "Drugs,Anti-social behaviour"] [--confidence 0.95] [--dispersion 2] [--force]
                        [--quiet] [--workers <n>]

template  ${TEMPLATE_HELP}
evaluate  counts incident rows (police.uk street-level CSV files or zips as downloaded, or any CSV with a
          date or month column and an area code column) in the operation's areas and periods,
          the same way as the task pane's Evaluate step, prints what happened to every row, and
          writes the workbook with the Operation (with the planning figure), Monitoring (one row
          per month), Results (one row per measure) and Summary filled in. It prints the verdict
          first (a line beginning "Verdict:"), the headline in monthly rates with the net effect
          against the control and its interval, the checks behind it, and each area set's counts
          and rates before and after.

  --out <file>            where to write the .xlsx (required); an existing file is never replaced
                          unless --force is given, and an input file never is
  --force                 replace the --out file if it exists (it keeps its permissions)
  --operation <file>      the operation, as JSON (see below)
  --results <file>        template only: before/after counts as a JSON list of
                          { "measure", "harm"?, "target": {"before","after"}, "buffer"?, "control", "note"? }
  --data <file|folder>    evaluate only: one or more CSV files or police.uk download zips (read as they are), or
                          folders of them (repeat or separate by commas)
  --offence-types <list>  evaluate only: offence types to count, separated by commas (default: every type)
  --confidence <level>    evaluate only: confidence level of every interval; only 0.95, the level the workbook judges at
  --dispersion <D>        evaluate only: how many times more counts vary than chance alone (1 or more);
                          overrides the estimate from the data, as a dispersion on the Operation sheet does
  --quiet                 evaluate only: no progress line while the files are read (it is shown only
                          on a terminal: files and rows read, the rate and the time left)
  --workers <n>           evaluate only: threads to read the files with (default: one per core, at most
                          ${MAX_WORKERS}); the results are the same, byte for byte, whatever the number
  --no-starter-rows       leave out the worked example rows
  --cohort <file>         template only: the people targeted, as a CSV with a pseudonymous reference, group,
                          window and offences before and after (columns are recognised by their headings;
                          columns headed like a name or date of birth are never read)
  --include-cohort        write those people's rows into the file (personal data: without this flag,
                          --cohort is refused and the Cohort sheet is left blank)
  --help                  show this help

operation.json fields (dates as yyyy-mm-dd or dd/mm/yyyy):
${FIELDS}

Example operation.json:
  {
    "name": "Operation Clearwater",
    "force": "Gwent Police",
    "targetAreas": ["W01001685"],
    "bufferAreas": ["W01001601", "W01001603"],
    "before": { "start": "2024-01-01", "end": "2024-06-30" },
    "after": { "start": "01/07/2024", "end": "31/12/2024" }
  }
`;

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | "help" {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) return "help";
  const [command, ...rest] = argv;
  if (command !== "template" && command !== "evaluate") throw new UsageError(`Unknown command "${command}".`);
  const args: Partial<Args> = { command, starterRows: true, data: [], offenceTypes: [], force: false };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = (what = "a file name") => {
      const v = rest[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs ${what}.`);
      return v;
    };
    if (flag === "--out") args.out = value();
    else if (flag === "--operation") args.operation = value();
    else if (flag === "--results" && command === "template") args.results = value();
    else if (flag === "--data" && command === "evaluate")
      args.data!.push(...value("a file or folder").split(","));
    else if (flag === "--offence-types" && command === "evaluate")
      args.offenceTypes = value("a list of offence types")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean);
    else if (flag === "--confidence" && command === "evaluate") {
      const v = Number(value("a level such as 0.95"));
      if (!(v > 0 && v < 1)) throw new UsageError("--confidence must be between 0 and 1, e.g. 0.95.");
      // The workbook's Results and Summary formulas judge at 95%: another level would print verdicts it does not show.
      if (v !== 0.95)
        throw new UsageError(
          "--confidence can only be 0.95 for now: the workbook's Results and Summary judge at 95%, so another level would print verdicts the workbook does not show.",
        );
      args.confidence = v;
    } else if (flag === "--dispersion" && command === "evaluate") {
      const v = Number(value("a number of 1 or more"));
      if (!(Number.isFinite(v) && v >= 1))
        throw new UsageError(
          "--dispersion must be a number of 1 or more (1 means counts vary only by chance).",
        );
      args.dispersion = v;
    } else if (flag === "--quiet" && command === "evaluate") args.quiet = true;
    else if (flag === "--workers" && command === "evaluate") {
      const v = Number(value("a number of threads, such as 2"));
      if (!(Number.isInteger(v) && v >= 1 && v <= 64))
        throw new UsageError("--workers must be a whole number of threads from 1 to 64, such as 2.");
      args.workers = v;
    } else if (flag === "--no-starter-rows") args.starterRows = false;
    else if (flag === "--force") args.force = true;
    else if (flag === "--cohort" && command === "template") args.cohort = value();
    else if (flag === "--include-cohort" && command === "template") args.includeCohort = true;
    else throw new UsageError(`Unknown option "${flag}" for ${command}.`);
  }
  if (!args.out) throw new UsageError("--out <file.xlsx> is required.");
  if (args.cohort && !args.includeCohort)
    throw new UsageError(
      "--cohort writes each person's row into the file. Add --include-cohort to confirm you mean to share them.",
    );
  if (command === "evaluate" && !args.operation)
    throw new UsageError("--operation <operation.json> is required.");
  if (command === "evaluate" && args.data!.length === 0)
    throw new UsageError("--data <csv files or a folder> is required.");
  return args as Args;
}

async function runTemplate(args: Args, io: CliIo): Promise<number> {
  const operation = args.operation ? parseOperation(readJson(args.operation, "operation")) : blankOperation();
  const results = args.results ? parseResults(readJson(args.results, "results")) : undefined;
  // People are personal data: only read, and written, when the analyst asks for both.
  const cohort = args.cohort && args.includeCohort ? await readCohortFile(args.cohort) : undefined;
  const sheets = buildWorkbook({ operation, results, starterRows: args.starterRows, cohort });
  await writeOut(args, await writeWorkbookXlsx(sheets));
  io.out(`Wrote ${sheets.length} sheets to ${args.out}\n`);
  // No data to match the weights against: a name that is not a police.uk type is likely a slip.
  const odd = weightTypesNotPoliceUk(operation.harmWeights);
  if (odd.length)
    io.out(
      `Note: the harm weights for ${odd.map((t) => `'${t}'`).join(", ")} will weigh only data that use that name; ` +
        `the police.uk crime types are ${POLICE_UK_CRIME_TYPES.join(", ")}.\n`,
    );
  if (cohort)
    io.out(
      `The Cohort sheet holds ${cohort.length} people's rows: share the file only as your force allows.\n`,
    );
  return 0;
}

/** Runs the CLI; resolves to the process exit code (0 done, 1 bad input, 2 bad arguments). */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args === "help") {
      io.out(USAGE);
      return 0;
    }
    checkOutput(args); // before any work: an existing file or an input is refused at once
    return args.command === "template" ? await runTemplate(args, io) : await runEvaluate(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`harm-planner: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    // These messages are written for the analyst; anything else is a fault of ours.
    if (e instanceof InputFileError || e instanceof PortError || isHarmError(e)) {
      io.err(`harm-planner: ${e.message}\n`);
      return 1;
    }
    const plain = strayFileErrorMessage(e);
    if (plain !== null) {
      io.err(`harm-planner: ${plain}\n`);
      return 1;
    }
    io.err(`harm-planner: something went wrong: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
