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
    for (const d of ["core", "functions", "sheets", "taskpane", "commands"])
      expect(fs.existsSync(path.join(root, "src", d))).toBe(true);
    expect(fs.existsSync(path.join(root, "src", "sheets", "specs"))).toBe(true);
  });
});
