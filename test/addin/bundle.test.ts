/** dist/ as the build leaves it: what the bundles hold. */
import * as fs from "fs";
import * as path from "path";
import { assertFresh, ROOT } from "../support/build";

const dist = path.join(ROOT, "dist");

beforeAll(() => assertFresh("dist"));

describe("the built bundles (dist/)", () => {
  it("functions.json is the one the registry makes (test/fixtures/functions.metadata.json)", () => {
    const reference = fs.readFileSync(path.join(ROOT, "test", "fixtures", "functions.metadata.json"), "utf8");
    expect(JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8"))).toEqual(
      JSON.parse(reference),
    );
  });

  it("the unlicensed 'buffers' package is not in the browser bundles (why SECURITY.md accepts it)", () => {
    const scripts = fs.readdirSync(dist).filter((x) => x.endsWith(".js"));
    expect(scripts).toEqual(expect.arrayContaining(["taskpane.js", "functions.js", "preview.js"]));
    for (const f of scripts) {
      const js = fs.readFileSync(path.join(dist, f), "utf8");
      expect([f, js.includes("Tried to push a non-buffer")]).toEqual([f, false]); // a string unique to buffers/index.js
    }
  });
});
