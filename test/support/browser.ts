/**
 * Real-browser test kit: a tiny static server for dist/ on 127.0.0.1 (random
 * port), headless Chromium via playwright-core, and guards that fail a test on
 * any console error or any request to a host other than the local server.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import type { AddressInfo } from "net";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { assertFresh } from "./build";
import { executable } from "./tools";

export const ROOT = path.join(__dirname, "..", "..");
export const DIST = path.join(ROOT, "dist");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
  ".css": "text/css",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` read-only; nothing outside it, no directory listings. */
export function serveStatic(dir: string): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.resolve(root, "." + urlPath);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

/**
 * Fails unless dist/ is built and newer than its sources (the browser project's
 * globalSetup builds it first when it is not; npm test builds before jest).
 */
export function ensureBuilt(): void {
  assertFresh("dist");
}

export interface Launched {
  context: BrowserContext;
  userDataDir: string;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile directory. Playwright takes the
 * profile through launchPersistentContext rather than a --user-data-dir flag.
 */
export async function launchChromium(): Promise<Launched> {
  // Never a skip: the browser tests fail without Chromium, locally and under CI alike.
  if (!executable(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH to its path.`,
    );
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hp-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--lang=en-GB",
    ],
    viewport: { width: 1280, height: 800 },
    // Date inputs follow the process locale on Linux: en-GB shows dd/mm/yyyy, as UK analysts see it.
    env: { ...process.env, LANG: "en_GB.UTF-8", LANGUAGE: "en_GB" },
    locale: "en-GB",
    timezoneId: "Europe/London",
  });
  return {
    context,
    userDataDir,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface PageGuard {
  consoleErrors: string[];
  foreignRequests: string[];
  /** Every URL requested, for assertions. */
  requests: string[];
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Records console errors, page errors and requests to any host but the local
 * server. Requests for Office.js are recorded as foreign too unless the test
 * routes them (route handlers run before the request leaves the browser).
 */
export function guardPage(page: Page): PageGuard {
  const guard: PageGuard = { consoleErrors: [], foreignRequests: [], requests: [] };
  page.on("console", (m) => {
    if (m.type() === "error") guard.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => guard.consoleErrors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    const url = r.url();
    guard.requests.push(url);
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    const host = new URL(url).hostname;
    if (!LOCAL_HOSTS.has(host) && !LOCAL_HOSTS.has(`[${host}]`)) guard.foreignRequests.push(url);
  });
  return guard;
}

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function axeSerious(
  page: Page,
): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  const axeSource = fs.readFileSync(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
  // Evaluated over the DevTools protocol: the page's CSP (no inline scripts) stays in force.
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<any> } }).axe;
    // Fluent's focus manager (tabster) adds aria-hidden focus sentinels that pass focus straight on;
    // they are never a stop for keyboard or screen-reader users, so they are left out.
    return axe.run({ exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] });
  });
  return (results.violations as any[])
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: (v.nodes as any[]).slice(0, 5).map((n) => String(n.target)),
    }));
}

export interface OpenPreview {
  page: Page;
  guard: PageGuard;
  close(): Promise<void>;
}

/**
 * The built preview in a fresh headless Chromium, open on the step `tab`
 * once `ready` (a selector) is on the page: the set-up the browser tests share.
 */
export async function openPreview(tab: string, ready: string): Promise<OpenPreview> {
  ensureBuilt();
  const server = await serveStatic(DIST);
  const chrome = await launchChromium();
  const page = await chrome.context.newPage();
  const guard = guardPage(page);
  await page.goto(`${server.url}/preview.html`);
  await page.getByRole("tab", { name: tab }).click();
  await page.locator(ready).waitFor();
  return {
    page,
    guard,
    close: async () => {
      await chrome.close();
      await server.close();
    },
  };
}

/** What every browser test checks after each case: no console errors, no request off the machine. */
export function expectQuietPage(guard: PageGuard): void {
  expect(guard.consoleErrors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
}
