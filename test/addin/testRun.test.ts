/**
 * The test run itself: a missing tool fails it under CI instead of skipping,
 * a build older than its sources is never tested, and the unit project needs
 * no browser, LibreOffice or build.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { assertFresh, staleness } from "../support/build";
import { haveTools, onCi, type Tool } from "../support/tools";

const root = path.join(__dirname, "..", "..");
const jestBin = path.join(root, "node_modules", "jest", "bin", "jest.js");

function runJest(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [jestBin, ...args], { cwd: root, env });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("a missing tool under CI", () => {
  const soffice: Tool = {
    name: "LibreOffice (soffice)",
    found: false,
    install: "apt-get install libreoffice-calc",
  };
  const found: Tool = { name: "pdftotext", found: true, install: "apt-get install poppler-utils" };

  it("reads CI as CI services set it", () => {
    for (const v of ["true", "1", "TRUE", "yes"]) expect([v, onCi({ CI: v })]).toEqual([v, true]);
    for (const v of [undefined, "", "0", "false", "False"]) expect([v, onCi({ CI: v })]).toEqual([v, false]);
  });

  it("fails the tests under CI, naming the tool and how to install it; skips them otherwise", () => {
    expect(() => haveTools("the LibreOffice tests", [found, soffice], { CI: "true" })).toThrow(
      "the LibreOffice tests need LibreOffice (soffice) (apt-get install libreoffice-calc), which this machine lacks. Under CI (CI=true) a missing tool fails the run",
    );
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(haveTools("the LibreOffice tests", [found, soffice], {})).toBe(false);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("Skipping the LibreOffice tests."));
    } finally {
      warn.mockRestore();
    }
    expect(haveTools("the PDF tests", [found], { CI: "true" })).toBe(true);
  });

  it("fails a LibreOffice test file run with CI=true and no soffice on the PATH", async () => {
    // A PATH with nothing on it: no soffice (node itself is run by its full path).
    const emptyPath = fs.mkdtempSync(path.join(os.tmpdir(), "hp-no-soffice-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: emptyPath, CI: "true" };
      delete env.SOFFICE;
      delete env.JEST_WORKER_ID;
      const ci = await runJest(
        ["--selectProjects", "libreoffice", "--runInBand", "test/libreoffice/xlsxText.test.ts"],
        env,
      );
      // The failure is the tool check's, not some other breakage of a bare PATH.
      expect(ci.out).toContain(
        "the LibreOffice text tests need LibreOffice (soffice) (apt-get install libreoffice-calc, or set SOFFICE to its path), which this machine lacks. Under CI (CI=true) a missing tool fails the run",
      );
      expect(ci.out).toMatch(/Test Suites: 1 failed, 1 total/);
      expect(ci.code).toBe(1);
    } finally {
      fs.rmSync(emptyPath, { recursive: true, force: true });
    }
  });

  it("no test skips itself except through test/support/tools.ts", () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
        const p = path.join(dir, d.name);
        return d.isDirectory() ? (d.name === "fixtures" ? [] : files(p)) : /\.tsx?$/.test(d.name) ? [p] : [];
      });
    const skipping = /\b(?:describe|it|test)\.skip\b|\bx(?:describe|it|test)\s*\(/;
    const found = files(path.join(root, "test"))
      .filter((f) => !f.endsWith(path.join("support", "tools.ts")) && f !== __filename)
      .filter((f) => skipping.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f));
    expect(found).toEqual([]);
  });
});

describe("fresh builds", () => {
  let dir = "";
  const write = (rel: string, atSeconds: number) => {
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, "x");
    fs.utimesSync(f, atSeconds, atSeconds);
  };
  const DIST_FILES = [
    "taskpane.html",
    "preview.html",
    "functions.json",
    "taskpane.js",
    "functions.js",
    "manifest.xml",
  ];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-fresh-"));
    write("src/core/a.ts", 1_000_000);
    write("src/cli/main.ts", 1_000_000);
    write("webpack.config.js", 1_000_000);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a missing build is named, with the command that makes it", () => {
    expect(staleness("dist", dir)).toMatch(
      /^dist\/ is not built \(no dist\/taskpane\.html.*Run `npm run build` first/,
    );
    expect(() => assertFresh("lib", dir)).toThrow(
      "lib/ is not built (no lib/cli/main.js). Run `npm run build:cli`",
    );
  });

  it("a build newer than every source is fresh; a source changed since makes it stale", () => {
    for (const f of DIST_FILES) write(`dist/${f}`, 2_000_000);
    write("lib/cli/main.js", 2_000_000);
    expect(staleness("dist", dir)).toBeUndefined();
    expect(staleness("lib", dir)).toBeUndefined();

    write("src/core/a.ts", 3_000_000);
    expect(staleness("dist", dir)).toMatch(
      /^dist\/ is older than its sources: src\/core\/a\.ts changed at .* after dist\/\S+ was built at .* Run `npm run build`/,
    );
    expect(() => assertFresh("lib", dir)).toThrow(
      /^lib\/ is older than its sources: src\/core\/a\.ts changed/,
    );
  });

  it("one file left from an older build makes it stale; the CLI's sources do not age the bundles", () => {
    for (const f of DIST_FILES) write(`dist/${f}`, 2_000_000);
    write("dist/old-chunk.js", 500_000);
    expect(staleness("dist", dir)).toMatch(/after dist\/old-chunk\.js was built/);
    fs.rmSync(path.join(dir, "dist", "old-chunk.js"));
    write("src/cli/main.ts", 3_000_000);
    expect(staleness("dist", dir)).toBeUndefined();
  });
});

describe("jest projects", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(root, "jest.config.js")) as {
    projects: { displayName: string; testMatch: string[]; testPathIgnorePatterns?: string[] }[];
  };
  const rel = (pattern: string) => pattern.replace(/^<rootDir>\//, "").replace(/^\^<rootDir>\//, "^");
  const testFiles = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
      const p = `${dir}/${d.name}`;
      return d.isDirectory() ? testFiles(p) : /\.test\.tsx?$/.test(d.name) ? [p] : [];
    });
  /** The project a test file runs in, read from jest.config.js as jest reads it (roots test/, testMatch, ignores). */
  const projectsOf = (file: string): string[] =>
    config.projects
      .filter(({ testMatch, testPathIgnorePatterns = [] }) => {
        const matched = testMatch.some((m) => {
          const glob = rel(m);
          if (glob.startsWith("**/")) return file.endsWith(glob.slice(3).replace("*", ""));
          if (glob.includes("/**/")) return file.startsWith(glob.slice(0, glob.indexOf("**/")));
          return file === glob;
        });
        return (
          matched &&
          !testPathIgnorePatterns.some((p) => p !== "/node_modules/" && new RegExp(rel(p)).test(file))
        );
      })
      .map((p) => p.displayName);

  it("put every test file in exactly one project, and nothing that needs a browser, LibreOffice or a build in unit", () => {
    expect(config.projects.map((p) => p.displayName)).toEqual([
      "unit",
      "browser",
      "libreoffice",
      "cli",
      "build",
    ]);
    const files = testFiles("test");
    expect(files.filter((f) => projectsOf(f).length !== 1)).toEqual([]);
    const unit = files.filter((f) => projectsOf(f)[0] === "unit");
    expect(unit.length).toBeGreaterThan(80);
    expect(unit).toContain("test/addin/architecture.test.ts");
    for (const f of [
      "test/browser/preview.test.ts",
      "test/libreoffice/print.test.ts",
      "test/cli/evaluate.test.ts",
    ])
      expect([f, projectsOf(f)]).not.toEqual([f, ["unit"]]);
    const needsMore =
      /playwright|support\/browser|libreoffice\/lo|support\/build|libreOffice\(\)|harm-planner\.js|"webpack"|"dist"/;
    const heavy = unit.filter(
      (f) =>
        f !== path.relative(root, __filename) && needsMore.test(fs.readFileSync(path.join(root, f), "utf8")),
    );
    expect(heavy).toEqual([]);
  });
  it("npm run test:unit runs the unit project; npm test and .ci/run run every project, with CI set", () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    expect(scripts["test:unit"]).toMatch(/^jest --selectProjects unit(\s|$)/);
    expect(scripts.test).toBe("npm run lint && npm run typecheck && npm run build && jest");
    const ci = fs.readFileSync(path.join(root, ".ci", "run"), "utf8");
    expect(ci).toMatch(/^export CI=true$/m);
    expect(ci.indexOf("export CI=true")).toBeLessThan(ci.lastIndexOf("npm test"));
  });
});
