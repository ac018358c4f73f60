/**
 * Programs some tests need from the machine: LibreOffice, Chromium, poppler's
 * PDF tools, the Carlito font. On a developer's machine a missing one skips
 * those tests with a warning. Under CI (`CI` set, as `.ci/run` and CI services
 * do) it fails them instead, so a CI run without LibreOffice or Chromium
 * cannot go green by testing nothing. Every skip in the tests goes through here.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";

export interface Tool {
  /** What the tests call it, e.g. "LibreOffice (soffice)". */
  name: string;
  found: boolean;
  /** How to get it, e.g. "apt-get install libreoffice-calc". */
  install: string;
}

/** CI is on unless unset, empty, "0" or "false" (any case). */
export function onCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.CI ?? "").trim().toLowerCase();
  return v !== "" && v !== "0" && v !== "false";
}

/** Whether `cmd args` runs and exits 0; its output, when it does. */
export function runs(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: "pipe", timeout: 60_000 });
  } catch {
    return undefined;
  }
}

/** An executable file at `file`. */
export function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export const SOFFICE = process.env.SOFFICE ?? "soffice";

export const libreOffice = (): Tool => ({
  name: `LibreOffice (${SOFFICE})`,
  found: runs(SOFFICE, ["--version"]) !== undefined,
  install: "apt-get install libreoffice-calc, or set SOFFICE to its path",
});

export const pdftotext = (): Tool => ({
  name: "pdftotext",
  found: runs("pdftotext", ["-v"]) !== undefined,
  install: "apt-get install poppler-utils",
});

export const pdftoppm = (): Tool => ({
  name: "pdftoppm",
  found: runs("pdftoppm", ["-v"]) !== undefined,
  install: "apt-get install poppler-utils",
});

export const carlito = (): Tool => ({
  name: "the Carlito font",
  found: /carlito/i.test(runs("fc-list", []) ?? ""),
  install: "apt-get install fonts-crosextra-carlito",
});

/**
 * Whether every tool is here. When one is missing: under CI, throws an error
 * naming it and how to install it (so the test file fails); otherwise warns
 * that `what` is skipped and returns false.
 */
export function haveTools(what: string, tools: Tool[], env: NodeJS.ProcessEnv = process.env): boolean {
  const missing = tools.filter((t) => !t.found);
  if (missing.length === 0) return true;
  const list = missing.map((t) => `${t.name} (${t.install})`).join("; ");
  if (onCi(env))
    throw new Error(
      `${what} need ${list}, which this machine lacks. Under CI (CI=${env.CI}) a missing tool fails the run rather than skipping the tests.`,
    );
  console.warn(`Not found: ${list}. Skipping ${what}.`);
  return false;
}

/** `describe` when every tool is here; otherwise see haveTools (skip locally, fail under CI). */
export function describeWith(what: string, tools: Tool[]): jest.Describe {
  return haveTools(what, tools) ? describe : describe.skip;
}

/** `it` when every tool is here; otherwise see haveTools (skip locally, fail under CI). */
export function itWith(what: string, tools: Tool[]): jest.It {
  return haveTools(what, tools) ? it : it.skip;
}
