/**
 * harm-planner command line: writes the planning workbook as a shareable
 * .xlsx without Excel. Run through bin/harm-planner.js.
 */
import * as fs from "fs";
import * as path from "path";
import { blankOperation } from "../core/operation";
import { buildWorkbook } from "../sheets/build";
import { writeWorkbookXlsx } from "../sheets/render/xlsx";
import { InputFileError, parseOperation, parseResults } from "./operationFile";

export const USAGE = `Usage: harm-planner template --out <file.xlsx> [--operation <operation.json>] [--results <results.json>] [--no-starter-rows]

Writes the eight Harm Planner sheets (Operation, Harm Matrix, Problem Analysis,
5WH, Responses, Measures, Results, Summary) to an Excel file that also opens in
LibreOffice and in Excel without the add-in.

  --out <file>          where to write the .xlsx (required)
  --operation <file>    operation details as JSON (name, force, analyst, preparedOn,
                        targetAreas, bufferAreas, controlAreas, before, after, harmWeights, notes)
  --results <file>      before/after counts as a JSON list of
                        { measure, harm?, target: {before, after}, buffer?, control, note? }
  --no-starter-rows     leave out the worked example rows
  --help                show this help
`;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: CliIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

class UsageError extends Error {}

interface Args {
  out: string;
  operation?: string;
  results?: string;
  starterRows: boolean;
}

function parseArgs(argv: string[]): Args | "help" {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) return "help";
  const [command, ...rest] = argv;
  if (command !== "template") throw new UsageError(`Unknown command "${command}".`);
  const args: Partial<Args> = { starterRows: true };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a file name.`);
      return v;
    };
    if (flag === "--out") args.out = value();
    else if (flag === "--operation") args.operation = value();
    else if (flag === "--results") args.results = value();
    else if (flag === "--no-starter-rows") args.starterRows = false;
    else throw new UsageError(`Unknown option "${flag}".`);
  }
  if (!args.out) throw new UsageError("--out <file.xlsx> is required.");
  return args as Args;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new InputFileError(`Cannot read the ${what} file "${file}".`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputFileError(`The ${what} file "${file}" is not valid JSON: ${(e as Error).message}`);
  }
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args === "help") {
      io.out(USAGE);
      return 0;
    }
    const operation = args.operation
      ? parseOperation(readJson(args.operation, "operation"))
      : blankOperation();
    const results = args.results ? parseResults(readJson(args.results, "results")) : undefined;
    const sheets = buildWorkbook({ operation, results, starterRows: args.starterRows });
    const bytes = await writeWorkbookXlsx(sheets);
    fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
    fs.writeFileSync(args.out, bytes);
    io.out(`Wrote ${sheets.length} sheets to ${args.out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`harm-planner: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputFileError) {
      io.err(`harm-planner: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
