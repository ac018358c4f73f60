import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import * as ts from "typescript";

const root = path.join(__dirname, "..", "..");
const core = path.join(root, "src", "core");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/**
 * Every module a source text names, read by TypeScript's own scanner, so comments
 * and strings cannot hide or fake one: static imports (`import type` too), side-effect
 * imports, dynamic `import(/* webpackChunkName: … *\/ "…")`, `typeof import("…")`,
 * `require("…")`, `import x = require("…")` and `export … from` re-exports.
 */
export function importsOf(src: string): string[] {
  return ts.preProcessFile(src, true, true).importedFiles.map((f) => f.fileName);
}

/** A core file may import only other core files. */
function violations(file: string, src: string): string[] {
  return importsOf(src)
    .filter((spec) => {
      if (!spec.startsWith(".")) return true; // any package: react, office-*, exceljs, node builtins…
      const target = path.resolve(path.dirname(file), spec);
      return !target.startsWith(core + path.sep) && target !== core;
    })
    .map((spec) => `${path.relative(root, file)} imports "${spec}"`);
}

describe("architecture: src/core is pure TypeScript", () => {
  it("imports nothing from Office, React, the DOM, Node or outer layers", () => {
    const found = files(core).flatMap((f) => violations(f, fs.readFileSync(f, "utf8")));
    expect(found).toEqual([]);
    expect(files(core).length).toBeGreaterThan(0);
  });

  it("the import scan catches the imports it must forbid", () => {
    const fake = path.join(core, "x.ts");
    const src = `import { Button } from "@fluentui/react-components";\nimport * as React from 'react';\nconst fs = require("fs");\nimport "../taskpane/index";\nimport { ok } from "./errors";`;
    expect(violations(fake, src)).toEqual([
      'src/core/x.ts imports "@fluentui/react-components"',
      'src/core/x.ts imports "react"',
      'src/core/x.ts imports "fs"',
      'src/core/x.ts imports "../taskpane/index"',
    ]);
  });

  it("the import scan reads every form of import, and nothing in comments or strings", () => {
    const src = [
      'import type { A } from "./static-type";',
      "import { b, type C } from './static';",
      'import "./side-effect";',
      "const lazyPanel = lazy(() =>",
      '  import(/* webpackChunkName: "panel" */ "./dynamic-commented"),',
      ");",
      'const later = async () => (await import("./dynamic")).run();',
      'type Mod = typeof import("./type-position");',
      'const fs = require("./required");',
      'import legacy = require("./import-equals");',
      'export * from "./reexport-all";',
      'export { d } from "./reexport";',
      'export type { E } from "./reexport-type";',
      '// import("./in-a-comment") and require("./in-a-comment")',
      '/* import x from "./in-a-block-comment"; */',
      "const text = \"import('./in-a-string')\";",
    ].join("\n");
    expect(importsOf(src).sort()).toEqual(
      [
        "./static-type",
        "./static",
        "./side-effect",
        "./dynamic-commented",
        "./dynamic",
        "./type-position",
        "./required",
        "./import-equals",
        "./reexport-all",
        "./reexport",
        "./reexport-type",
      ].sort(),
    );
  });

  it("compiles with no DOM, Office or Node type libraries", () => {
    // src/core/tsconfig.json sets lib ES2022 and types []: `document`, `Excel` or `process` would not compile.
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
    expect(() =>
      execFileSync(process.execPath, [tsc, "-p", path.join(core, "tsconfig.json")], {
        cwd: root,
        stdio: "pipe",
      }),
    ).not.toThrow();
  });

  it("the layers are visible from the folder names", () => {
    for (const d of ["core", "functions", "sheets", "workbook", "app", "taskpane", "cli", "commands"])
      expect(fs.existsSync(path.join(root, "src", d))).toBe(true);
    for (const d of ["specs", "plan", "render"])
      expect(fs.existsSync(path.join(root, "src", "sheets", d))).toBe(true);
  });
});

const src = path.join(root, "src");

/** Every source file in src with its text. */
function srcSources(): Map<string, string> {
  return new Map(files(src).map((f) => [f, fs.readFileSync(f, "utf8")]));
}

/**
 * Relative imports of each source, resolved to files among the sources. A
 * relative import that resolves to none is kept as `unresolved`, so a check
 * cannot pass by failing to follow an import.
 */
export function importGraph(sources: Map<string, string>): {
  graph: Map<string, string[]>;
  unresolved: string[];
} {
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  const resolve = (from: string, spec: string): string | null => {
    const base = path.resolve(path.dirname(from), spec);
    for (const c of [
      base,
      `${base}.ts`,
      `${base}.tsx`,
      path.join(base, "index.ts"),
      path.join(base, "index.tsx"),
    ])
      if (sources.has(c)) return c;
    return null;
  };
  for (const [f, text] of sources) {
    const targets: string[] = [];
    for (const spec of importsOf(text).filter((s) => s.startsWith("."))) {
      const t = resolve(f, spec);
      if (t) targets.push(t);
      else if (!/\.(css|html|json|png)$/.test(spec)) unresolved.push(`${path.relative(src, f)} → ${spec}`);
    }
    graph.set(f, targets);
  }
  return { graph, unresolved };
}

/** Each import circle once, as a list of files relative to src. */
export function importCircles(graph: Map<string, string[]>): string[][] {
  const circles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, "open");
    stack.push(f);
    for (const t of graph.get(f) ?? []) {
      if (state.get(t) === "open")
        circles.push(stack.slice(stack.indexOf(t)).map((x) => path.relative(src, x)));
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return circles;
}

/** Which layers each layer may import (ARCHITECTURE.md); a layer may always import itself. */
const MAY_IMPORT: Record<string, string[]> = {
  core: [],
  functions: ["core"],
  sheets: ["core"],
  workbook: ["core", "sheets"],
  app: ["core", "sheets", "workbook"],
  taskpane: ["core", "sheets", "workbook", "app", "functions"],
  cli: ["core", "sheets", "app"],
  commands: [],
};

/** Imports that go up or across the layers, as "from → to" relative to src. */
export function layerViolations(graph: Map<string, string[]>): string[] {
  const layer = (f: string) => path.relative(src, f).split(path.sep)[0];
  const wrong: string[] = [];
  for (const [f, targets] of graph) {
    const from = layer(f);
    if (!(from in MAY_IMPORT)) continue;
    for (const t of targets) {
      const to = layer(t);
      if (to !== from && !MAY_IMPORT[from].includes(to))
        wrong.push(`${path.relative(src, f)} → ${path.relative(src, t)}`);
    }
  }
  return wrong;
}

/** "issue 11", "issues 12 and 13", "issue #4": a tracker's numbers say nothing to a reader of the code. */
export const ISSUE_NUMBER = /\bissues?\s*#?\s*\d+/i;

describe("architecture: src as a whole", () => {
  const sources = srcSources();
  const { graph, unresolved } = importGraph(sources);

  it("has no file over 500 lines", () => {
    const long = [...sources]
      .map(([f, text]) => [path.relative(src, f), text.split("\n").length] as const)
      .filter(([, n]) => n > 500);
    expect(long).toEqual([]);
  });

  it("follows every relative import to a file", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(unresolved).toEqual([]);
  });

  it("has no import circle", () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it("the circle finder finds a circle", () => {
    const g = new Map([
      [path.join(src, "a.ts"), [path.join(src, "b.ts")]],
      [path.join(src, "b.ts"), [path.join(src, "c.ts")]],
      [path.join(src, "c.ts"), [path.join(src, "a.ts")]],
    ]);
    expect(importCircles(g)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("finds a circle closed by a lazy import with a webpackChunkName comment", () => {
    const notice = path.join(src, "taskpane", "components", "Notice.tsx");
    const bar = path.join(src, "taskpane", "components", "NoticeBar.tsx");
    const { graph: g } = importGraph(
      new Map([
        [notice, 'const NoticeBar = lazy(() => import(/* webpackChunkName: "notice" */ "./NoticeBar"));'],
        [bar, 'import type { NoticeState } from "./Notice";'],
      ]),
    );
    expect(importCircles(g)).toEqual([
      ["taskpane/components/Notice.tsx", "taskpane/components/NoticeBar.tsx"],
    ]);
  });

  it("imports only downwards: core ← functions, sheets ← workbook ← app ← taskpane, cli", () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it("an upward import fails the layer check, in any form", () => {
    const app = path.join(src, "app", "evaluateIncidents.ts");
    const upward = [
      'const load = () => import(/* webpackChunkName: "evaluate" */ "../app/evaluateIncidents");',
      'const { evaluateAndWrite } = require("../app/evaluateIncidents");',
      'export { evaluateAndWrite } from "../app/evaluateIncidents";',
      'import type { EvaluateInput } from "../app/evaluateIncidents";',
    ];
    for (const text of upward) {
      const { graph: g } = importGraph(
        new Map([
          [path.join(src, "core", "x.ts"), text],
          [app, ""],
        ]),
      );
      expect([text, layerViolations(g)]).toEqual([text, ["core/x.ts → app/evaluateIncidents.ts"]]);
    }
  });

  it("names no issue numbers: comments say why, not which ticket", () => {
    expect(ISSUE_NUMBER.test("Planning (issue 11): could")).toBe(true);
    expect(ISSUE_NUMBER.test("see issues #12")).toBe(true);
    expect(ISSUE_NUMBER.test("an issue seen in force exports")).toBe(false);
    const named = [...sources]
      .flatMap(([f, text]) =>
        text
          .split("\n")
          .map((line, i) => (ISSUE_NUMBER.test(line) ? `${path.relative(root, f)}:${i + 1}` : "")),
      )
      .filter(Boolean);
    expect(named).toEqual([]);
  });
});

describe("ARCHITECTURE.md stays true", () => {
  const doc = fs.readFileSync(path.join(root, "ARCHITECTURE.md"), "utf8");
  const named = [...new Set([...doc.matchAll(/`((?:src|test|docs)\/[^`\s]*)`/g)].map((m) => m[1]))];

  it("names files and folders that exist", () => {
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((p) => !fs.existsSync(path.join(root, p)))).toEqual([]);
  });

  it("lists every layer folder in src", () => {
    const layers = fs
      .readdirSync(src, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `src/${d.name}`);
    expect(layers.filter((l) => l !== "src/commands" && !named.includes(l))).toEqual([]);
  });
});
