import * as fs from "fs";
import * as path from "path";
import { NETWORK_APIS, STORAGE_APIS, findApiUses, remoteScriptSources } from "./support/network";

/**
 * No data leaves the workbook: src/ never opens a network channel, and only
 * one UI-preferences module under src/taskpane may touch browser storage.
 */
const root = path.join(__dirname, "..", "..");
const src = path.join(root, "src");

/** The one module allowed to keep UI preferences (theme, last tab) in browser storage. */
const PREFERENCES_MODULE =
  /^src\/taskpane\/(?:[\w-]+\/)*(?:prefs|preferences|uiPreferences|settings)\.tsx?$/i;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

const rel = (p: string): string => path.relative(root, p).split(path.sep).join("/");
const codeFiles = (): string[] => walk(src).filter((f) => /\.(tsx?|jsx?|mjs|cjs)$/.test(f));

describe("no data leaves the workbook (static check of src/)", () => {
  it("finds the source files", () => {
    expect(codeFiles().length).toBeGreaterThan(5);
  });

  it("never calls fetch, XMLHttpRequest, WebSocket, sendBeacon, EventSource or importScripts", () => {
    const found = codeFiles().flatMap((f) =>
      findApiUses(f, fs.readFileSync(f, "utf8"), NETWORK_APIS).map(
        (u) => `${rel(f)}:${u.line} ${u.api}: ${u.text}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it("uses localStorage, sessionStorage, indexedDB, caches or OfficeRuntime storage only in the one UI-preferences module", () => {
    const users = new Map<string, string[]>();
    for (const f of codeFiles()) {
      const uses = findApiUses(f, fs.readFileSync(f, "utf8"), STORAGE_APIS);
      if (uses.length)
        users.set(
          rel(f),
          uses.map((u) => `${u.line} ${u.api}`),
        );
    }
    const outside = [...users.entries()].filter(([f]) => !PREFERENCES_MODULE.test(f));
    expect(outside).toEqual([]);
    expect(users.size).toBeLessThanOrEqual(1);
    // Only localStorage for preferences: no session data, databases or caches.
    for (const uses of users.values()) for (const u of uses) expect(u).toMatch(/ localStorage$/);
  });

  it("HTML pages load no script from anywhere but the add-in itself, except Office.js in taskpane.html", () => {
    const remote = walk(src)
      .filter((f) => f.endsWith(".html"))
      .flatMap((f) => remoteScriptSources(fs.readFileSync(f, "utf8")).map((s) => `${rel(f)}: ${s}`));
    expect(remote).toEqual([
      "src/taskpane/taskpane.html: https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
    ]);
  });
});

describe("no raw HTML from data reaches the pane", () => {
  it("never sets innerHTML/outerHTML, calls insertAdjacentHTML or document.write, or uses dangerouslySetInnerHTML", () => {
    // CSV text (area names, offence types) is shown in the pane; React escapes it unless one of these bypasses it.
    const found = codeFiles().flatMap((f) =>
      findApiUses(f, fs.readFileSync(f, "utf8"), [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "dangerouslySetInnerHTML",
      ]).map((u) => `${rel(f)}:${u.line} ${u.api}`),
    );
    // JSX attribute names and document.write are easiest to spot in the text.
    const jsx = codeFiles()
      .filter((f) =>
        /dangerouslySetInnerHTML|\bdocument\s*\.\s*write(ln)?\s*\(/.test(fs.readFileSync(f, "utf8")),
      )
      .map(rel);
    expect([...found, ...jsx]).toEqual([]);
  });
});

describe("the scanner itself", () => {
  it("finds calls, properties and string-keyed access but ignores comments, strings and our own property names", () => {
    const code = [
      "// never fetch anything",
      'const help = "we do not use fetch or localStorage";',
      "interface Port { fetch(): void }",
      "const port = { fetch: () => 1 };",
      "fetch('/x');",
      "navigator.sendBeacon('/y', 'z');",
      "new XMLHttpRequest();",
      "window['localStorage'].setItem('a', 'b');",
      "self.importScripts('w.js');",
      "const s = new WebSocket('wss://example');",
    ].join("\n");
    const uses = findApiUses("x.ts", code, [...NETWORK_APIS, ...STORAGE_APIS]);
    expect(uses.map((u) => `${u.line}:${u.api}`)).toEqual([
      "5:fetch",
      "6:sendBeacon",
      "7:XMLHttpRequest",
      "8:localStorage",
      "9:importScripts",
      "10:WebSocket",
    ]);
  });

  it("tells the preferences module from any other file", () => {
    expect(PREFERENCES_MODULE.test("src/taskpane/preferences.ts")).toBe(true);
    expect(PREFERENCES_MODULE.test("src/taskpane/state/prefs.ts")).toBe(true);
    expect(PREFERENCES_MODULE.test("src/core/preferences.ts")).toBe(false);
    expect(PREFERENCES_MODULE.test("src/taskpane/forms/ImportPanel.tsx")).toBe(false);
  });

  it("lists remote script sources only", () => {
    expect(
      remoteScriptSources(`<script src="a.js"></script><script src=//cdn.example/x.js></script>`),
    ).toEqual(["//cdn.example/x.js"]);
  });
});
