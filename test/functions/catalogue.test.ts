/**
 * The task pane's function help must list exactly the functions Excel will
 * see (metadata generated from functions.ts, as the build does), and every
 * example must evaluate to the result it claims.
 */
import { join } from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import type { HyperFormula } from "hyperformula";
import { FUNCTION_CATALOGUE, searchCatalogue } from "../../src/functions/catalogue";
import { HARM_FUNCTIONS } from "../../src/functions/functions";
import { createHarmHyperFormula } from "../support/hyperformulaPlugin";

interface Meta {
  functions: {
    id: string;
    name: string;
    description?: string;
    parameters: { name: string; description?: string }[];
  }[];
}

let meta: Meta;
beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(
    join(__dirname, "..", "..", "src", "functions", "functions.ts"),
  );
  expect(r.errors).toEqual([]);
  meta = JSON.parse(r.metadataJson) as Meta;
});

describe("function catalogue", () => {
  it("lists exactly the functions in the generated metadata", () => {
    const fromMeta = meta.functions.map((f) => `HARM.${f.id}`).sort();
    expect(FUNCTION_CATALOGUE.map((e) => e.id).sort()).toEqual(fromMeta);
    expect(Object.keys(HARM_FUNCTIONS).sort()).toEqual(fromMeta);
  });

  it("every function and argument has autocomplete help", () => {
    for (const f of meta.functions) {
      expect(f.description?.length ?? 0).toBeGreaterThan(20);
      for (const p of f.parameters) expect(p.description?.length ?? 0).toBeGreaterThan(5);
    }
  });

  it("every entry is filled in and its example calls that function", () => {
    for (const e of FUNCTION_CATALOGUE) {
      for (const k of ["summary", "returns", "source", "example", "exampleResult"] as const) {
        expect(e[k].trim().length).toBeGreaterThan(0);
      }
      expect(e.example.startsWith(`=${e.id}(`)).toBe(true);
    }
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

  it("search finds functions by words in their help", () => {
    expect(searchCatalogue("displacement").map((e) => e.id)).toEqual(
      expect.arrayContaining(["HARM.WDQ", "HARM.WDD", "HARM.DISPLACEMENT"]),
    );
    expect(searchCatalogue("harm weighted").map((e) => e.id)).toContain("HARM.HARMWDD");
    expect(searchCatalogue("")).toHaveLength(FUNCTION_CATALOGUE.length);
    expect(searchCatalogue("no such thing")).toEqual([]);
  });
});
