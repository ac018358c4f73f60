/**
 * File-system errors in the analyst's words: "Cannot write plan.xlsx: permission
 * denied." rather than "something went wrong: EACCES".
 */
import { InputFileError } from "./operationFile";

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied, or the file is open in another program",
  EBUSY: "the file is open in another program",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EFBIG: "the file is too large for that disk",
  EROFS: "the disk or folder is read-only",
  EISDIR: "that is a folder, not a file",
  ENOTDIR: "part of the path is a file, not a folder",
  EEXIST: "part of the path is a file, not a folder", // from making the folders: a file has the name
  ENAMETOOLONG: "the name is too long",
  ELOOP: "it is a loop of symbolic links",
  EMFILE: "too many files are open",
  ENFILE: "too many files are open",
  EIO: "the disk could not be read or written",
};

/** The errno code of a Node file-system error, or null. */
export function errnoCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) ? code : null;
}

/** Why a file could not be read or written, in words; null for errors that are not the file system's. */
export function fileErrorReason(e: unknown, verb: "read" | "write"): string | null {
  const code = errnoCode(e);
  if (code === null) return null;
  if (code === "ENOENT") return verb === "read" ? "there is no such file" : "its folder does not exist";
  return REASONS[code] ?? null;
}

/** An InputFileError naming the file and the reason, or the error itself when it is not a file-system one. */
export function fileError(e: unknown, verb: "read" | "write", file: string): unknown {
  const reason = fileErrorReason(e, verb);
  return reason === null ? e : new InputFileError(`Cannot ${verb} ${file}: ${reason}.`);
}

const WRITES = new Set([
  "write",
  "rename",
  "mkdir",
  "unlink",
  "rmdir",
  "fsync",
  "fchmod",
  "ftruncate",
  "copyfile",
]);

/** A file-system error that escaped the places that name their file, in words (main's last resort). */
export function strayFileErrorMessage(e: unknown): string | null {
  const { syscall, path } = (e ?? {}) as { syscall?: unknown; path?: unknown };
  const verb = typeof syscall === "string" && WRITES.has(syscall) ? "write" : "read";
  const reason = fileErrorReason(e, verb);
  if (reason === null) return null;
  return `Cannot ${verb} ${typeof path === "string" ? path : "a file"}: ${reason}.`;
}
