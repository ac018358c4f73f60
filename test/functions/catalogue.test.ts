/**
 * The registry (src/functions/registry.ts) is the one source of what Excel
 * sees: the build writes functions.json from it and the functions entry
 * associates each id with its adapter from it. The metadata is pinned by
 * test/fixtures/functions.metadata.json (first written by
 * custom-functions-metadata-plugin from the old JSDoc), so any change to what
 * Excel shows is deliberate. The help must follow the registry, and every
 * example must evaluate to the result it claims.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import { join } from "path";
import type { HyperFormula } from "hyperformula";
import { FUNCTION_CATALOGUE } from "../../src/functions/catalogue";
import { HARM_REGISTRY, harmFunctionsJson } from "../../src/functions/registry";
import { createHarmHyperFormula } from "../support/hyperformulaPlugin";

const root = join(__dirname, "..", "..");

interface Meta {
  functions: {
    id: string;
    name: string;
    description?: string;
    parameters: { name: string; description?: string; optional?: boolean }[];
  }[];
}

const reference = (): Meta =>
  JSON.parse(fs.readFileSync(join(root, "test", "fixtures", "functions.metadata.json"), "utf8")) as Meta;

describe("function registry", () => {
  it("generates exactly the reference functions.json (ids, names, descriptions, arguments, result)", () => {
    expect(harmFunctionsJson()).toEqual(reference());
  });

  it("the build writes the same functions.json, formatted as before", () => {
    // In plain Node, as webpack runs it (tsx cannot load TypeScript inside Jest's module system).
    const script =
      "process.stdout.write(require('./scripts/functions-metadata-plugin').functionsMetadataJson())";
    const text = execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
    expect(JSON.parse(text)).toEqual(reference());
    expect(text).toBe(fs.readFileSync(join(root, "test", "fixtures", "functions.metadata.json"), "utf8"));
  });

  it("lists the functions in the reference order, with required arguments before optional ones", () => {
    const meta = reference();
    expect(HARM_REGISTRY.map((f) => f.id)).toEqual(meta.functions.map((f) => `HARM.${f.id}`));
    for (const f of HARM_REGISTRY) {
      expect([f.id, f.parameters.map((p) => p.optional)]).toEqual([
        f.id,
        f.parameters.map((_, i) => i >= f.required),
      ]);
      expect([f.id, f.fn.length]).toEqual([f.id, f.parameters.length]);
    }
  });

  it("the functions entry associates each id with its adapter, in the registry's order", () => {
    const calls: [string, unknown][] = [];
    const g = globalThis as unknown as { CustomFunctions?: unknown };
    const before = g.CustomFunctions;
    g.CustomFunctions = { associate: (id: string, fn: unknown) => calls.push([id, fn]) };
    let entry: Record<string, unknown> = {};
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        entry = require("../../src/functions/functions");
      });
    } finally {
      g.CustomFunctions = before;
    }
    expect(calls.map(([id]) => `HARM.${id}`)).toEqual(HARM_REGISTRY.map((f) => f.id));
    // Each associated adapter is one the entry exports, and gives what the registry's does.
    const exported = new Set(Object.values(entry));
    for (const [, fn] of calls) expect(exported.has(fn)).toBe(true);
    const wdq = calls.find(([id]) => id === "WDQ")![1] as (...a: unknown[]) => unknown;
    const args = [[[100]], [[80]], [[50]], [[45]], [[200]], [[190]]];
    expect(wdq(...args)).toEqual(HARM_REGISTRY.find((f) => f.id === "HARM.WDQ")!.fn(...args));
  });

  it("every function and argument has autocomplete help", () => {
    for (const f of harmFunctionsJson().functions) {
      expect(f.description.length).toBeGreaterThan(20);
      for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(5);
    }
  });
});

describe("function catalogue", () => {
  it("has the registry's ids in the registry's order", () => {
    expect(FUNCTION_CATALOGUE.map((e) => e.id)).toEqual(HARM_REGISTRY.map((f) => f.id));
    for (const f of HARM_REGISTRY)
      expect(FUNCTION_CATALOGUE.find((e) => e.id === f.id)).toEqual({ id: f.id, ...f.help });
  });

  it("every entry is filled in and its example calls that function", () => {
    for (const e of FUNCTION_CATALOGUE) {
      for (const k of ["summary", "returns", "source", "example", "exampleResult"] as const) {
        expect(e[k].trim().length).toBeGreaterThan(0);
      }
      expect(e.example.startsWith(`=${e.id}(`)).toBe(true);
    }
  });

  it("cites docs/methods.md by a section heading that exists there, never the old formulas.md", () => {
    const headings = fs
      .readFileSync(join(root, "docs", "methods.md"), "utf8")
      .split("\n")
      .filter((l) => /^#{2,3} /.test(l))
      .map((l) => l.replace(/^#+ /, "").trim());
    let cited = 0;
    for (const e of FUNCTION_CATALOGUE) {
      expect(e.source).not.toMatch(/formulas\.md/);
      for (const [, section] of e.source.matchAll(/docs\/methods\.md, ([^;]+)/g)) {
        expect([e.id, headings.includes(section.trim())]).toEqual([e.id, true]);
        cited++;
      }
    }
    expect(cited).toBeGreaterThan(0);
  });

  /** exampleResult: cells split by " | ", rows by " ; "; numbers match to the decimals shown; "…" ends a shortened text. */
  function matches(actual: unknown, expected: string): boolean {
    if (typeof actual === "number") {
      if (!/^-?\d+(\.\d+)?$/.test(expected)) return false;
      const decimals = expected.split(".")[1]?.length ?? 0;
      return Math.abs(actual - Number(expected)) <= 0.5 * 10 ** -decimals + 1e-12;
    }
    if (typeof actual === "string") {
      return expected.endsWith("…") ? actual.startsWith(expected.slice(0, -1)) : actual === expected;
    }
    return false;
  }

  let hf: HyperFormula | undefined;
  afterEach(() => hf?.destroy());

  it.each(FUNCTION_CATALOGUE.map((e) => [e.id, e] as const))(
    "%s example evaluates to its stated result",
    (_id, e) => {
      hf = createHarmHyperFormula({ Sheet1: [[e.example]] });
      const values = hf.getSheetValues(0);
      const expected = e.exampleResult.split(" ; ").map((row) => row.split(" | "));
      expect(values.length).toBe(expected.length);
      expected.forEach((row, r) => {
        expect(values[r].length).toBe(row.length);
        row.forEach((want, c) => {
          if (!matches(values[r][c], want))
            throw new Error(`${e.id} cell ${r},${c}: got ${String(values[r][c])}, want ${want}`);
        });
      });
    },
  );
});
