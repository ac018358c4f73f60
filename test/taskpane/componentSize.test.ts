/**
 * Pane components stay small enough to read: no .tsx file in src/taskpane
 * over 300 lines (a step's work goes into hooks and small components).
 */
import * as fs from "fs";
import * as path from "path";

const PANE = path.join(__dirname, "..", "..", "src", "taskpane");
const LIMIT = 300;

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? tsxFiles(p) : d.name.endsWith(".tsx") ? [p] : [];
  });
}

describe("task-pane components", () => {
  it(`are at most ${LIMIT} lines each`, () => {
    const files = tsxFiles(PANE);
    expect(files.length).toBeGreaterThan(10);
    const over = files
      .map((f) => ({ file: path.relative(PANE, f), lines: fs.readFileSync(f, "utf8").split("\n").length }))
      .filter((f) => f.lines > LIMIT);
    expect(over).toEqual([]);
  });
});
