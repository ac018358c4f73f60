/**
 * The line `harm-planner evaluate` keeps up to date while it reads the files:
 * files and rows read, the rate and the time left. Only on a terminal (it is
 * rewritten in place with a carriage return, which a log or a pipe would
 * keep as clutter), and never under --quiet.
 */
import type { ReadProgress } from "./countFiles";

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Redrawn at most this often (ms), and once more when the last file is done. */
const EVERY_MS = 250;

const n = (x: number) => Math.round(x).toLocaleString("en-GB");

/** "about 12 s left", "about 3 min left". */
function timeLeft(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/** "Reading 412 of 864 files: 2,410,000 rows, 812,000 rows a second, about 3 s left". */
export function progressText(p: ReadProgress, seconds: number): string {
  const parts = [`Reading ${n(p.filesDone)} of ${n(p.files)} files: ${n(p.rows)} rows`];
  if (seconds >= 0.5) parts.push(`${n(p.rows / seconds)} rows a second`);
  // Bytes go at an even pace where rows do not (files differ), so the time left is read from them.
  if (seconds >= 0.5 && p.bytes > 0 && p.totalBytes > p.bytes)
    parts.push(timeLeft((seconds * (p.totalBytes - p.bytes)) / p.bytes));
  return parts.join(", ");
}

/** A progress line on `stream`, or null when it is not a terminal. */
export function progressLine(
  stream: ProgressStream,
  now: () => number = () => Date.now(),
): { update: (p: ReadProgress) => void; clear: () => void } | null {
  if (!stream.isTTY) return null;
  const start = now();
  let last = -Infinity;
  let shown = false;
  return {
    update: (p) => {
      const t = now();
      if (t - last < EVERY_MS && p.filesDone < p.files) return;
      last = t;
      stream.write(`\r${progressText(p, (t - start) / 1000)}\x1b[K`);
      shown = true;
    },
    clear: () => {
      if (shown) stream.write("\r\x1b[K");
      shown = false;
    },
  };
}
