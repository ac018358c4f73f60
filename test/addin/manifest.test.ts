import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest, pngSize } = require("../../scripts/manifest-checks");
import { assertFresh } from "../support/build";

const root = path.join(__dirname, "..", "..");
const dist = path.join(root, "dist");

beforeAll(() => assertFresh("dist"));

/** Copies dist and the manifest to a temp dir and applies a mutation, so checks can be shown to fail. */
function withMutation(mutateXml: (xml: string) => string, mutateDist?: (dir: string) => void): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-manifest-"));
  fs.cpSync(dist, path.join(dir, "dist"), { recursive: true });
  const manifestPath = path.join(dir, "manifest.xml");
  fs.writeFileSync(manifestPath, mutateXml(fs.readFileSync(path.join(root, "manifest.xml"), "utf8")));
  mutateDist?.(path.join(dir, "dist"));
  return checkManifest({ manifestPath, distDir: path.join(dir, "dist") });
}

describe("manifest.xml (local checks)", () => {
  it("passes every local check against the built dist/", () => {
    expect(checkManifest({ manifestPath: path.join(root, "manifest.xml"), distDir: dist })).toEqual([]);
  });

  it("the build emits taskpane.html, functions.json (generated, with HARM functions) and manifest.xml", () => {
    for (const f of ["taskpane.html", "functions.json", "manifest.xml", "functions.js", "taskpane.js"])
      expect(fs.existsSync(path.join(dist, f))).toBe(true);
    const meta = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8"));
    const ids: string[] = meta.functions.map((f: { id: string }) => f.id);
    expect(ids).toEqual(expect.arrayContaining(["CHANGE"]));
    // Generated from the function registry, never committed by hand.
    expect(fs.existsSync(path.join(root, "src", "functions", "functions.json"))).toBe(false);
  });

  it("icons exist at 16, 32, 64 and 80 px", () => {
    for (const s of [16, 32, 64, 80])
      expect(pngSize(path.join(root, "assets", `icon-${s}.png`))).toEqual({ width: s, height: s });
  });

  it("reports XML that does not parse", () => {
    expect(withMutation((x) => x.replace("</OfficeApp>", ""))[0]).toMatch(/does not parse/);
  });

  it("reports a URL with no built file", () => {
    const p = withMutation(
      (x) => x,
      (d) => fs.rmSync(path.join(d, "functions.json")),
    );
    expect(p.join("\n")).toMatch(/functions\.json/);
  });

  it("reports an icon drawn at the wrong size", () => {
    const p = withMutation(
      (x) => x,
      (d) => fs.copyFileSync(path.join(d, "assets", "icon-32.png"), path.join(d, "assets", "icon-16.png")),
    );
    expect(p.join("\n")).toMatch(/icon-16\.png is 32x32, declared 16x16/);
  });

  it("reports functions that do not run in the shared runtime page", () => {
    const p = withMutation((x) =>
      x.replace(
        /<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/,
        '<Page><SourceLocation resid="GetStarted.LearnMoreUrl"/>',
      ),
    );
    expect(p.join("\n")).toMatch(/must be the shared runtime page/);
  });

  it("reports a wrong namespace, duplicate ids, a bad version and a missing resid", () => {
    const p = withMutation((x) =>
      x
        .replace(
          'id="Functions.Namespace" DefaultValue="HARM"',
          'id="Functions.Namespace" DefaultValue="HARMS"',
        )
        .replace(
          '<Control xsi:type="Button" id="HarmPlanner.OpenPane">',
          '<Control xsi:type="Button" id="HarmPlanner.Group">',
        )
        .replace("<Version>0.1.0.0</Version>", "<Version>0.1</Version>")
        .replace('<Label resid="Group.Label"/>', '<Label resid="Nope.Label"/>'),
    ).join("\n");
    expect(p).toMatch(/namespace must be HARM/);
    expect(p).toMatch(/Duplicate id: HarmPlanner.Group/);
    expect(p).toMatch(/Version must be/);
    expect(p).toMatch(/resid "Nope.Label"/);
  });

  it("reports a custom-functions runtime too old for CustomFunctions.Error", () => {
    const p = withMutation((x) =>
      x.replace(
        '<Set Name="CustomFunctionsRuntime" MinVersion="1.2"/>',
        '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>',
      ),
    );
    expect(p.join("\n")).toMatch(/CustomFunctionsRuntime must be at least 1.2/);
  });

  it("a production build takes its base URL from HARM_PLANNER_BASE_URL", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "hp-prod-"));
    execFileSync("npx", ["webpack", "--mode", "production", "--output-path", out], {
      cwd: root,
      stdio: "ignore",
      env: { ...process.env, HARM_PLANNER_BASE_URL: "https://addins.example.test/harm" },
    });
    const xml = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(xml).toContain("https://addins.example.test/harm/taskpane.html");
    expect(xml).not.toContain("localhost:3000");
  });
});
