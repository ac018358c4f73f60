import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";

const root = path.join(__dirname, "..", "..");
const core = path.join(root, "src", "core");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** Import/require specifiers in a source text. */
export function importsOf(src: string): string[] {
  const out: string[] = [];
  const re =
    /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|require\s*\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;
  for (let m = re.exec(src); m; m = re.exec(src)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
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

  it("compiles with no DOM, Office or Node type libraries", () => {
    // src/core/tsconfig.json sets lib ES2022 and types []: `document`, `Excel` or `process` would not compile.
    expect(() =>
      execFileSync("npx", ["tsc", "-p", path.join(core, "tsconfig.json")], { cwd: root, stdio: "pipe" }),
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

/** Relative imports of every source file in src, resolved to files. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const resolve = (from: string, spec: string): string | null => {
    const base = path.resolve(path.dirname(from), spec);
    for (const c of [
      base,
      `${base}.ts`,
      `${base}.tsx`,
      path.join(base, "index.ts"),
      path.join(base, "index.tsx"),
    ])
      if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
    return null;
  };
  for (const f of files(src))
    graph.set(
      f,
      importsOf(fs.readFileSync(f, "utf8"))
        .filter((s) => s.startsWith("."))
        .map((s) => resolve(f, s))
        .filter((t): t is string => t !== null),
    );
  return graph;
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

describe("architecture: src as a whole", () => {
  it("has no file over 500 lines", () => {
    const long = files(src)
      .map((f) => [path.relative(src, f), fs.readFileSync(f, "utf8").split("\n").length] as const)
      .filter(([, n]) => n > 500);
    expect(long).toEqual([]);
  });

  it("has no import circle", () => {
    expect(importCircles(importGraph())).toEqual([]);
  });

  it("the circle finder finds a circle", () => {
    const g = new Map([
      [path.join(src, "a.ts"), [path.join(src, "b.ts")]],
      [path.join(src, "b.ts"), [path.join(src, "c.ts")]],
      [path.join(src, "c.ts"), [path.join(src, "a.ts")]],
    ]);
    expect(importCircles(g)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("imports only downwards: core ← functions, sheets ← workbook ← app ← taskpane, cli", () => {
    const layer = (f: string) => path.relative(src, f).split(path.sep)[0];
    const wrong: string[] = [];
    for (const [f, targets] of importGraph()) {
      const from = layer(f);
      if (!(from in MAY_IMPORT)) continue;
      for (const t of targets) {
        const to = layer(t);
        if (to !== from && !MAY_IMPORT[from].includes(to))
          wrong.push(`${path.relative(src, f)} → ${path.relative(src, t)}`);
      }
    }
    expect(wrong).toEqual([]);
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
