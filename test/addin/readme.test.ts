import * as fs from "fs";
import * as path from "path";
import { withTable } from "../../scripts/readme-functions";
import { HARM_REGISTRY } from "../../src/functions/registry";
import { SHEET_ORDER } from "../../src/sheets/build";

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe("README", () => {
  it("opens with the start and test commands", () => {
    const firstBlock = readme.slice(readme.indexOf("```"), readme.indexOf("```", readme.indexOf("```") + 3));
    expect(firstBlock).toContain("npm start");
    expect(firstBlock).toContain("npm test");
    expect(readme.indexOf("npm start")).toBeLessThan(400);
  });

  it("lists every HARM function, generated from the registry (npx tsx scripts/readme-functions.ts)", () => {
    expect(withTable(readme)).toBe(readme);
    for (const f of HARM_REGISTRY) expect(readme).toContain(`\`${f.id}\``);
  });

  it("names every sheet, in the pane's order, on the Sheets step", () => {
    const names = SHEET_ORDER.map((s) => s.name);
    const list = `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
    expect(readme.replace(/\s+/g, " ")).toContain(
      `tick the sheets you want (all of them by default): ${list}.`,
    );
  });

  it("shows only screenshots that are in docs/screenshots (refreshed by the browser tests)", () => {
    const shots = [...readme.matchAll(/\]\((docs\/screenshots\/[^)]+\.png)\)/g)].map((m) => m[1]);
    expect(shots).toContain("docs/screenshots/summary.png");
    for (const s of shots) expect([s, fs.existsSync(path.join(__dirname, "..", "..", s))]).toEqual([s, true]);
  });
});
