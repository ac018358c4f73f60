import * as fs from "fs";
import * as path from "path";
import { withTable } from "../../scripts/readme-functions";
import { FUNCTION_CATALOGUE } from "../../src/functions/catalogue";

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe("README", () => {
  it("opens with the start and test commands", () => {
    const firstBlock = readme.slice(readme.indexOf("```"), readme.indexOf("```", readme.indexOf("```") + 3));
    expect(firstBlock).toContain("npm start");
    expect(firstBlock).toContain("npm test");
    expect(readme.indexOf("npm start")).toBeLessThan(400);
  });

  it("lists every HARM function, generated from the catalogue (npx tsx scripts/readme-functions.ts)", () => {
    expect(withTable(readme)).toBe(readme);
    for (const f of FUNCTION_CATALOGUE) expect(readme).toContain(`\`${f.id}\``);
  });
});
