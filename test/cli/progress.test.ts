/**
 * The progress line of `harm-planner evaluate`: files and rows read, the
 * rate and the time left, rewritten in place on a terminal at most four
 * times a second (and once more when the last file is done), cleared before
 * the results are printed, and nothing at all when stderr is not a terminal.
 */
import { progressLine, progressText } from "../../src/cli/progress";
import type { ReadProgress } from "../../src/cli/countFiles";

const at = (filesDone: number, rows: number, bytes: number): ReadProgress => ({
  files: 864,
  filesDone,
  bytes,
  totalBytes: 1_000_000_000,
  rows,
});

/** A stream that says it is a terminal, or not, and keeps what is written. */
const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { isTTY, written, write: (t: string) => written.push(t) };
};

describe("progressText", () => {
  it("says files and rows read, the rate and the time left from the bytes still to read", () => {
    expect(progressText(at(412, 2_410_000, 250_000_000), 3)).toBe(
      "Reading 412 of 864 files: 2,410,000 rows, 803,333 rows a second, about 9 s left",
    );
    expect(progressText(at(100, 500_000, 100_000_000), 60)).toBe(
      "Reading 100 of 864 files: 500,000 rows, 8,333 rows a second, about 9 min left",
    );
  });

  it("gives no rate or time before half a second, and no time left once every byte is read", () => {
    expect(progressText(at(1, 1_000, 1_000), 0.2)).toBe("Reading 1 of 864 files: 1,000 rows");
    expect(progressText(at(864, 5_000_000, 1_000_000_000), 5)).toBe(
      "Reading 864 of 864 files: 5,000,000 rows, 1,000,000 rows a second",
    );
  });
});

describe("progressLine", () => {
  it("writes nothing when the stream is not a terminal", () => {
    const s = stream(false);
    expect(progressLine(s)).toBeNull();
    expect(s.written).toEqual([]);
  });

  it("rewrites one line in place on a terminal, at most every 250 ms, and clears it", () => {
    const s = stream(true);
    let now = 1_000;
    const line = progressLine(s, () => now)!;
    now += 1_000;
    line.update(at(1, 10_000, 2_000_000));
    now += 100; // too soon: not drawn
    line.update(at(2, 20_000, 4_000_000));
    now += 200;
    line.update(at(3, 30_000, 6_000_000));
    now += 10; // the last file is always drawn
    line.update(at(864, 40_000, 1_000_000_000));
    line.clear();
    line.clear(); // once only
    expect(s.written).toEqual([
      "\rReading 1 of 864 files: 10,000 rows, 10,000 rows a second, about 8 min left\x1b[K",
      "\rReading 3 of 864 files: 30,000 rows, 23,077 rows a second, about 4 min left\x1b[K",
      "\rReading 864 of 864 files: 40,000 rows, 30,534 rows a second\x1b[K",
      "\r\x1b[K",
    ]);
    expect(s.written.join("")).not.toMatch(/\n/);
  });
});
