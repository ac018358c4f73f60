/** What the commands share: their parsed arguments, output streams, JSON input and safe file output. */
import * as fs from "fs";
import * as path from "path";
import { InputFileError } from "./operationFile";

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
  operation?: string;
  results?: string;
  data: string[];
  offenceTypes: string[];
  starterRows: boolean;
  /** evaluate: the confidence level of every interval (default 0.95). */
  confidence?: number;
  /** evaluate: a dispersion that overrides the estimate from the data. */
  dispersion?: number;
  /** template: a CSV of the people targeted, written only with includeCohort. */
  cohort?: string;
  includeCohort?: boolean;
}

export function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new InputFileError(`Cannot read the ${what} file "${file}".`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const detail = e instanceof RangeError ? "it is nested too deeply" : (e as Error).message;
    throw new InputFileError(`The ${what} file "${file}" is not valid JSON: ${detail}.`);
  }
}

/** Writes the file, refusing to write over a folder; the file is only created once it is complete. */
export function writeOut(out: string, bytes: Uint8Array): void {
  const target = path.resolve(out);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory())
    throw new InputFileError(
      `--out "${out}" is a folder; give a file name such as ${path.join(out, "plan.xlsx")}.`,
    );
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const part = `${target}.part`;
  fs.writeFileSync(part, bytes);
  fs.renameSync(part, target);
}
