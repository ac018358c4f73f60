/** What the commands share: their parsed arguments, output streams, JSON input and safe file output. */
import * as fs from "fs";
import * as path from "path";
import { FileTextDecoder } from "../core/incidents/encoding";
import { isHarmError } from "../core/errors";
import { fileError } from "./fileErrors";
import { InputFileError } from "./operationFile";
import { checkOut, writeOutSafely } from "./safeOutput";

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const defaultIo: CliIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

export interface Args {
  command: "template" | "evaluate";
  out: string;
  /** Replace an existing --out file (never an input). */
  force: boolean;
  operation?: string;
  results?: string;
  data: string[];
  offenceTypes: string[];
  starterRows: boolean;
  /** evaluate: the confidence level of every interval (default 0.95). */
  confidence?: number;
  /** evaluate: a dispersion that overrides the estimate from the data. */
  dispersion?: number;
  /** evaluate: print no progress line. */
  quiet?: boolean;
  /** evaluate: threads to read the files with (default: one per core, up to 8). */
  workers?: number;
  /** template: a CSV of the people targeted, written only with includeCohort. */
  cohort?: string;
  includeCohort?: boolean;
}

/** JSON text in UTF-8 (with or without a byte-order mark) or UTF-16, as Notepad and PowerShell save it. */
function jsonText(bytes: Uint8Array, name: string): string {
  for (const windows1252 of [false, true]) {
    const decoder = new FileTextDecoder(name, {
      windows1252,
      createUtf8Decoder: () => {
        const d = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
        return (b, stream) => d.decode(b, { stream });
      },
    });
    const head = decoder.push(bytes);
    const tail = head === null ? null : decoder.end();
    if (tail !== null) return head + tail;
  }
  throw new Error("unreachable: Windows-1252 reads any bytes");
}

export function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = jsonText(fs.readFileSync(file), path.basename(file));
  } catch (e) {
    if (isHarmError(e)) throw new InputFileError(`The ${what} file "${file}" is not JSON text.`);
    const plain = fileError(e, "read", `the ${what} file "${file}"`);
    throw plain instanceof InputFileError
      ? plain
      : new InputFileError(`Cannot read the ${what} file "${file}".`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const detail = e instanceof RangeError ? "it is nested too deeply" : (e as Error).message;
    throw new InputFileError(`The ${what} file "${file}" is not valid JSON: ${detail}.`);
  }
}

/** Every file the command reads: the named files, and everything directly inside a --data folder. */
export function inputFiles(args: Args): string[] {
  const out = [args.operation, args.results, args.cohort].filter((f): f is string => !!f);
  for (const d of args.data) {
    try {
      out.push(...(fs.statSync(d).isDirectory() ? fs.readdirSync(d).map((f) => path.join(d, f)) : [d]));
    } catch {
      out.push(d); // reading it will say what is wrong
    }
  }
  return out;
}

/** Before any work: --out may be written (see safeOutput.ts). */
export function checkOutput(args: Args): void {
  checkOut({ out: args.out, force: args.force, inputs: inputFiles(args) });
}

/** Writes the workbook without replacing an input, or any file unless --force (see safeOutput.ts). */
export async function writeOut(args: Args, bytes: Uint8Array): Promise<void> {
  await writeOutSafely({ out: args.out, force: args.force, inputs: inputFiles(args) }, bytes);
}
