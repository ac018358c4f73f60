/**
 * The registry (src/functions/registry.ts) must list exactly the functions
 * Excel will see: the metadata generated from the files webpack.config.js
 * hands to custom-functions-metadata-plugin, as the build does. The help must
 * follow the registry, and every example must evaluate to the result it claims.
 */
import * as fs from "fs";
import { join } from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import type { HyperFormula } from "hyperformula";
import { FUNCTION_CATALOGUE } from "../../src/functions/catalogue";
import { HARM_REGISTRY } from "../../src/functions/registry";
import * as entry from "../../src/functions/functions";
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

/** The metadata plugin's input, read from the build's own configuration. */
function metadataInput(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(join(root, "webpack.config.js"))({}, { mode: "production" });
  const plugin = config.plugins.find(
    (p: { constructor: { name: string } }) => p.constructor.name === "CustomFunctionsMetadataPlugin",
  );
  const input: string | string[] = plugin.options.input;
  return (Array.isArray(input) ? input : [input]).map((f) => join(root, f));
}

let meta: Meta;
let associate: { functionName: string; id: string; sourceFileName: string }[];
beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(metadataInput(), true);
  expect(r.errors).toEqual([]);
  meta = JSON.parse(r.metadataJson) as Meta;
  associate = r.associate;
});

describe("function registry", () => {
  it("lists exactly the functions in the generated metadata, in the same order", () => {
    expect(HARM_REGISTRY.map((f) => f.id)).toEqual(meta.functions.map((f) => `HARM.${f.id}`));
  });

  it("each id runs the adapter the build associates with it, exported by the functions entry", () => {
    for (const f of HARM_REGISTRY) {
      const a = associate.find((x) => `HARM.${x.id}` === f.id);
      expect(a?.functionName).toBe(f.fn.name);
      expect((entry as Record<string, unknown>)[f.fn.name]).toBe(f.fn);
    }
  });

  it("each entry's argument counts match the JSDoc ([name] marks an optional argument)", () => {
    for (const f of HARM_REGISTRY) {
      const params = meta.functions.find((m) => `HARM.${m.id}` === f.id)!.parameters;
      expect([f.id, params.length]).toEqual([f.id, f.fn.length]);
      expect([f.id, params.map((p) => p.optional === true)]).toEqual([
        f.id,
        params.map((_, i) => i >= f.required),
      ]);
    }
  });

  it("the generated metadata and the build's dist/functions.json agree, when a build is present", () => {
    const built = join(root, "dist", "functions.json");
    if (!fs.existsSync(built)) return;
    const ids = (JSON.parse(fs.readFileSync(built, "utf8")) as Meta).functions.map((f) => f.id);
    // A stale build from before a function was added is the only way these differ; rebuild.
    expect(ids).toEqual(meta.functions.map((f) => f.id));
  });

  it("every function and argument has autocomplete help", () => {
    for (const f of meta.functions) {
      expect(f.description?.length ?? 0).toBeGreaterThan(20);
      for (const p of f.parameters) expect(p.description?.length ?? 0).toBeGreaterThan(5);
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
      .filter((l) => l.startsWith("## "))
      .map((l) => l.slice(3).trim());
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
