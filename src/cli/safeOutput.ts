/**
 * Writing the workbook without harming any file already there:
 * - an existing file is replaced only with --force, and an input (a data file,
 *   operation.json, the cohort or results file) never is, however it is
 *   reached (another name, a symbolic or hard link: files are compared by
 *   device and inode);
 * - the bytes go to a temporary file in the same folder, created exclusively
 *   (O_EXCL, so a link planted under its name is never followed) under an
 *   unpredictable name, then renamed over the target in one step; a replaced
 *   file keeps its permissions;
 * - the temporary file is removed on failure, on Ctrl-C or a termination
 *   signal; one left by a run that was killed outright is removed by the next.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { errnoCode, fileError } from "./fileErrors";
import { InputFileError } from "./operationFile";

export interface OutputRequest {
  out: string;
  /** Replace an existing file (never an input). */
  force: boolean;
  /** Every file the command reads. */
  inputs: readonly string[];
}

/** The temporary files this tool makes: ".<name>.<pid>.<16 hex>.harm-planner-tmp". */
const TEMP = /^\..*\.(\d+)\.[0-9a-f]{16}\.harm-planner-tmp$/;
/** A temporary file older than this is left over whatever its process id says (ids are reused). */
const STALE_MS = 10 * 60 * 1000;

const statOrNull = (file: string, link = false): fs.Stats | null => {
  try {
    return link ? fs.lstatSync(file) : fs.statSync(file);
  } catch (e) {
    if (errnoCode(e) === "ENOENT" || errnoCode(e) === "ENOTDIR") return null;
    throw fileError(e, "write", file);
  }
};

/** The input that is the same file as `st`, if any. */
function sameInput(st: fs.Stats, inputs: readonly string[]): string | null {
  for (const input of inputs) {
    const s = statOrNull(input);
    if (s && s.dev === st.dev && s.ino === st.ino) return input;
  }
  return null;
}

/**
 * Throws when the output may not be written: a folder, an input, an existing
 * file without --force, or one that is read-only. Run before any work and again just before writing.
 */
export function checkOut(req: OutputRequest): fs.Stats | null {
  const target = path.resolve(req.out);
  const entry = statOrNull(target, true);
  const st = entry?.isSymbolicLink() ? statOrNull(target) : entry;
  if (st?.isDirectory())
    throw new InputFileError(
      `--out "${req.out}" is a folder; give a file name such as ${path.join(req.out, "plan.xlsx")}.`,
    );
  const input = st ? sameInput(st, req.inputs) : null;
  if (input !== null)
    throw new InputFileError(
      `--out "${req.out}" is the input file "${input}"; write the workbook under another name (--force never replaces an input).`,
    );
  if (entry && !req.force)
    throw new InputFileError(
      `${req.out} already exists; choose another --out, or add --force to replace it.`,
    );
  if (st && !st.isFile()) throw new InputFileError(`Cannot replace ${req.out}: it is not a regular file.`);
  if (st) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch {
      throw new InputFileError(`Cannot replace ${req.out}: it is read-only.`);
    }
  }
  return st;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === "EPERM"; // it exists, under another user
  }
};

/** Removes this tool's temporary files in `dir` left by runs that were killed outright. */
export function removeStaleTemps(dir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const uid = typeof process.getuid === "function" ? process.getuid() : null;
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    const file = path.join(dir, name);
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile() || (uid !== null && st.uid !== uid)) continue;
      if (alive(Number(m[1])) && now - st.mtimeMs < STALE_MS) continue;
      fs.unlinkSync(file);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
type Signal = (typeof SIGNALS)[number];

export interface WriteOptions {
  /** What a signal does once the temporary file is removed: by default the process dies of it. */
  die?: (signal: Signal) => void;
}

/** Writes the file safely (see the top of this file); resolves once it is in place. */
export async function writeOutSafely(
  req: OutputRequest,
  bytes: Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const existing = checkOut(req);
  const target = path.resolve(req.out);
  const dir = path.dirname(target);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw fileError(e, "write", req.out);
  }
  removeStaleTemps(dir);
  const base = path.basename(target).slice(0, 100);
  const temp = path.join(dir, `.${base}.${process.pid}.${randomBytes(8).toString("hex")}.harm-planner-tmp`);
  let interrupted: Signal | null = null;
  const die = options.die ?? ((signal: Signal) => process.kill(process.pid, signal));
  const onSignal = (signal: Signal) => {
    interrupted = signal;
    removeTemp();
    stopListening();
    die(signal);
  };
  const removeTemp = () => {
    try {
      fs.unlinkSync(temp);
    } catch {
      // Not made yet, or renamed into place.
    }
  };
  const stopListening = () => SIGNALS.forEach((s) => process.removeListener(s, onSignal));
  SIGNALS.forEach((s) => process.on(s, onSignal));
  const step = async <T>(work: Promise<T>): Promise<T> => {
    const value = await work;
    if (interrupted) throw new InputFileError(`Stopped by ${interrupted}; ${req.out} was not written.`);
    return value;
  };
  let handle: fs.promises.FileHandle | null = null;
  try {
    // A private file while it is written; a replaced file's permissions are put on it before the rename.
    handle = await step(fs.promises.open(temp, "wx", existing ? 0o600 : 0o666));
    await step(handle.writeFile(bytes));
    if (existing) await step(handle.chmod(existing.mode & 0o7777));
    await step(handle.sync());
    await step(handle.close());
    handle = null;
    checkOut(req); // nothing took its place meanwhile
    await step(fs.promises.rename(temp, target));
  } catch (e) {
    await handle?.close().catch(() => undefined);
    removeTemp();
    throw fileError(e, "write", req.out);
  } finally {
    stopListening();
  }
}
