import * as fs from "fs";
import * as path from "path";
import { assertFresh } from "../support/build";
import {
  checkPage,
  cspMetas,
  dynamicCodeSites,
  effectiveScriptSources,
  lineColumn,
  originalSource,
  parseCsp,
} from "./support/csp";

const root = path.join(__dirname, "..", "..");

/** The built output, as fresh as its sources (the build project's globalSetup builds it when it is not). */
function builtDir(): string {
  assertFresh("dist");
  return path.join(root, "dist");
}

let dir = "";
let pages: string[] = [];
let scripts: string[] = [];

beforeAll(() => {
  dir = builtDir();
  const files = fs.readdirSync(dir);
  pages = files.filter((f) => f.endsWith(".html")).sort();
  scripts = files.filter((f) => f.endsWith(".js")).sort();
});

const read = (f: string): string => fs.readFileSync(path.join(dir, f), "utf8");

describe("built pages (dist/*.html)", () => {
  it("include the task pane and at least one other page", () => {
    expect(pages).toEqual(expect.arrayContaining(["taskpane.html"]));
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });

  it("each has one CSP meta tag that allows scripts only from 'self' and Office.js, with no eval or inline script", () => {
    const problems = Object.fromEntries(pages.map((p) => [p, checkPage(read(p))]));
    expect(problems).toEqual(Object.fromEntries(pages.map((p) => [p, []])));
  });

  it("the task pane loads Office.js from Microsoft and every other script from itself", () => {
    const html = read("taskpane.html");
    const csp = parseCsp(cspMetas(html)[0]);
    expect(effectiveScriptSources(csp)).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    const srcs = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/gi)].map((m) => m[1]);
    expect(srcs[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    for (const s of srcs.slice(1)) expect(s).toMatch(/^[\w./-]+\.js$/);
  });

  it("the browser preview is the pane's page with Office.js and Microsoft's host taken out", () => {
    const pane = read("taskpane.html");
    const preview = read("preview.html");
    expect(preview).not.toMatch(/appsforoffice|https?:\/\//);
    const paneCsp = parseCsp(cspMetas(pane)[0]);
    const previewCsp = parseCsp(cspMetas(preview)[0]);
    expect([...previewCsp.keys()]).toEqual([...paneCsp.keys()]);
    for (const [k, v] of paneCsp)
      expect([k, previewCsp.get(k)]).toEqual([k, v.filter((s) => !s.includes("appsforoffice"))]);
    expect(preview).toContain("<title>Harm Planner – browser preview</title>");
  });

  it("each page lets Web Workers start only from the add-in's own scripts (the CSV import worker)", () => {
    for (const p of pages) {
      const csp = parseCsp(cspMetas(read(p))[0]);
      // worker-src falls back to child-src, then script-src, then default-src.
      const workers =
        csp.get("worker-src") ?? csp.get("child-src") ?? csp.get("script-src") ?? csp.get("default-src");
      expect([p, workers]).toEqual([p, ["'self'"]]);
    }
    // The task pane loads Office.js from Microsoft, so it must say worker-src itself.
    expect(parseCsp(cspMetas(read("taskpane.html"))[0]).get("worker-src")).toEqual(["'self'"]);
    // The worker is a file of the build, not a blob: or data: URL.
    expect(fs.readdirSync(dir)).toContain("import-worker.js");
  });

  it("no page lets scripts or connections reach any other host", () => {
    for (const p of pages) {
      const csp = parseCsp(cspMetas(read(p))[0]);
      const connect = csp.get("connect-src") ?? csp.get("default-src") ?? [];
      for (const v of connect) expect(["'self'", "https://appsforoffice.microsoft.com"]).toContain(v);
    }
  });
});

describe("built scripts (dist/*.js)", () => {
  it("contain no eval or new Function outside the justified vendor fallbacks, and none from src/", () => {
    const bad: string[] = [];
    let justified = 0;
    for (const f of scripts) {
      const js = read(f);
      const mapFile = path.join(dir, f + ".map");
      const map = fs.existsSync(mapFile) ? JSON.parse(fs.readFileSync(mapFile, "utf8")) : undefined;
      for (const hit of dynamicCodeSites(js)) {
        const { line, column } = lineColumn(js, hit.index);
        const source = map ? originalSource(map, line, column) : undefined;
        const ours = source !== undefined && /(^|\/)src\//.test(source) && !/node_modules/.test(source);
        if (!hit.justified || ours) bad.push(`${f} (${source ?? "unknown source"}): …${hit.snippet}…`);
        else justified++;
      }
    }
    expect(bad).toEqual([]);
    // Recorded so a new vendor fallback shows up in review rather than silently.
    expect(justified).toBeLessThanOrEqual(20);
  });
});

describe("the checks themselves fail on bad pages and scripts", () => {
  const good = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com"><script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script><script defer src=taskpane.js></script>`;

  it("accepts a good page", () => {
    expect(checkPage(good)).toEqual([]);
  });

  it.each([
    ["missing CSP", `<script src=a.js></script>`, /no Content-Security-Policy/],
    ["unsafe-eval", good.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"), /allows eval/],
    [
      "unsafe-inline",
      good.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
      /unsafe-inline/,
    ],
    [
      "other host",
      good.replace("script-src 'self'", "script-src 'self' https://cdn.example.com"),
      /cdn\.example/,
    ],
    [
      "wildcard default",
      `<meta http-equiv=Content-Security-Policy content="default-src *"><p>x</p>`,
      /allows \*/,
    ],
    ["inline body", good + `<script>alert(1)</script>`, /inline <script> body/],
    ["remote script", good + `<script src="https://evil.example/x.js"></script>`, /evil\.example/],
    ["event handler", good + `<img src=x onerror="alert(1)">`, /event handler/],
  ])("rejects %s", (_name, html, expected) => {
    expect(checkPage(html).join("\n")).toMatch(expected);
  });

  it("flags eval and new Function but not a method called eval", () => {
    const sites = dynamicCodeSites(
      `a.eval(1); eval("x"); var f = new Function("a", "return a"); setTimeout("x()", 1)`,
    );
    expect(sites.map((s) => s.justified)).toEqual([undefined, undefined, undefined]);
    expect(
      dynamicCodeSites(`try{return this||new Function("return this")()}catch(e){}`)[0].justified,
    ).toMatch(/global-object/);
  });

  it("maps a generated position back to its source file", () => {
    // Two segments on line 0: column 0 from source 0, column 10 from source 1.
    const map = { sources: ["webpack/runtime", "src/x.ts"], mappings: "AAAA,UCAA" };
    expect(originalSource(map, 0, 3)).toBe("webpack/runtime");
    expect(originalSource(map, 0, 12)).toBe("src/x.ts");
  });
});
