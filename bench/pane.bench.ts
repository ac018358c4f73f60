/**
 * Task-pane weight and start-up: taskpane.js size (minified, gzipped) and the
 * time from navigation to an interactive pane in headless Chromium, as a ratio
 * to a blank Fluent UI page (a heading and one plain text box) built in the same
 * run with the same webpack settings, so machine speed cancels out.
 *
 * "Interactive" is timed in the page, the same way for both pages: from
 * navigation start until the pane's Save button (the blank page's heading) is
 * in the document and the page has finished that task, so it can take input
 * (a MutationObserver added before any script runs; performance.now()). The
 * pane is then checked to accept typing, untimed. The wall-clock figure is
 * Playwright waiting for that element and then typing into a text box, on both
 * pages alike; it also counts Playwright's own round trips.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import webpack from "webpack";
import type { Page } from "playwright-core";
import { launchChromium, serveStatic } from "../test/support/browser";

const ROOT = path.join(__dirname, "..");
const RUNS = 25;

export const BLANK_JS = `import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, Title3, webLightTheme } from "@fluentui/react-components";
createRoot(document.getElementById("root")).render(
  h(
    FluentProvider,
    { theme: webLightTheme },
    h(Title3, { as: "h1" }, "Blank Fluent page"),
    h("input", { "aria-label": "Operation name" }),
  ),
);
`;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

export const page = (script: string, css: string | null, office = false) => `<!doctype html>
<html lang="en-GB"><head><meta charset="UTF-8" />
<meta http-equiv="Content-Security-Policy" content="${CSP}" />
<link rel="icon" href="data:," /><title>bench</title>
${css ? `<link href="${css}" rel="stylesheet" />` : ""}
${office ? `<script src="office-stub.js"></script>` : ""}
</head><body><div id="root"></div><script src="${script}"></script></body></html>`;

/**
 * Office.js outside Office: onReady answers at once with no host. Loaded as Office.js is, by a blocking
 * script in the head, from the same local server as the page (request interception would add
 * Playwright's own round trip to the pane's time alone).
 */
export const OFFICE_STUB = `window.Office={onReady:function(cb){var i={host:null,platform:null};if(cb)cb(i);return Promise.resolve(i);}};`;

/**
 * One page per build, each with the add-in's webpack settings (its loaders and its stylesheet
 * extraction), so each page gets only its own style sheet, as a real build would.
 */
export async function build(out: string, name: string, entry: string): Promise<string | null> {
  const base = require(path.join(ROOT, "webpack.config.js"))({}, { mode: "production" });
  const config: webpack.Configuration = {
    ...base,
    mode: "production",
    devtool: false,
    context: ROOT,
    entry: { [name]: entry },
    output: { path: out, filename: "[name].js", clean: false },
    resolve: { ...base.resolve, modules: [path.join(ROOT, "node_modules"), "node_modules"] },
    // The style sheet plugins only: no HTML pages, manifest or functions.json.
    plugins: base.plugins.filter((p: object) => /Css/i.test(p.constructor.name)),
    ...(process.env.NOMIN ? { optimization: { minimize: false } } : {}),
  };
  const stats = await new Promise<webpack.Stats | undefined>((resolve, reject) =>
    webpack(config, (err, st) => {
      if (err) reject(err);
      else if (st?.hasErrors()) reject(new Error(st.toString("errors-only")));
      else resolve(st);
    }),
  );
  const css = (stats?.toJson({ assets: true }).assets ?? [])
    .map((a) => a.name)
    .find((n) => n.endsWith(".css"));
  if (!css) return null;
  const named = `${name}.css`;
  fs.renameSync(path.join(out, css), path.join(out, named));
  return named;
}

async function timeToReady(p: Page, url: string, ready: (p: Page) => Promise<void>): Promise<number> {
  const t0 = Date.now();
  await p.goto(url, { waitUntil: "commit" });
  await ready(p);
  return Date.now() - t0;
}

/** Before any page script: note when `selector` holding `text` appears, then when that task is over. */
const readyProbe = (selector: string, text: string) => `(() => {
  let found = false;
  const check = () => {
    if (found) return;
    const el = Array.from(document.querySelectorAll(${JSON.stringify(selector)}))
      .find((e) => (e.textContent || "").includes(${JSON.stringify(text)}));
    if (!el) return;
    found = true;
    observer.disconnect();
    setTimeout(() => { window.__hpReady = performance.now(); }, 0);
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

const inPageReady = async (p: Page): Promise<number> =>
  (await (await p.waitForFunction(() => (window as { __hpReady?: number }).__hpReady)).jsonValue()) as number;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function run(): Promise<Record<string, number | string>[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hp-pane-bench-"));
  const src = path.join(tmp, "src");
  const out = path.join(tmp, "out");
  fs.mkdirSync(src);
  fs.writeFileSync(path.join(src, "blank.js"), BLANK_JS);
  try {
    const paneCss = await build(out, "taskpane", "./src/taskpane/index.tsx");
    const blankCss = await build(out, "blank", path.join(src, "blank.js"));
    fs.writeFileSync(path.join(out, "pane.html"), page("taskpane.js", paneCss, true));
    fs.writeFileSync(path.join(out, "office-stub.js"), OFFICE_STUB);
    fs.writeFileSync(path.join(out, "blank.html"), page("blank.js", blankCss));
    const js = fs.readFileSync(path.join(out, "taskpane.js"));
    const blankJs = fs.readFileSync(path.join(out, "blank.js"));
    const gzKB = (file: string | null) =>
      file ? +(gzipSync(fs.readFileSync(path.join(out, file)), { level: 9 }).length / 1024).toFixed(1) : 0;
    const figures: Record<string, number | string>[] = [
      {
        figure: "taskpane.js size (and its style sheet, built ahead of time)",
        minifiedKB: +(js.length / 1024).toFixed(1),
        gzipKB: +(gzipSync(js, { level: 9 }).length / 1024).toFixed(1),
        cssGzipKB: gzKB(paneCss),
        blankFluentGzipKB: +(gzipSync(blankJs, { level: 9 }).length / 1024).toFixed(1),
        blankFluentCssGzipKB: gzKB(blankCss),
      },
    ];

    const server = await serveStatic(out);
    const chrome = await launchChromium();
    try {
      const paneTimes: number[] = [];
      const blankTimes: number[] = [];
      const paneInPage: number[] = [];
      const blankInPage: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Alternate so any warm-up or background load hits both alike.
        const bp = await chrome.context.newPage();
        await bp.addInitScript(readyProbe("h1", "Blank Fluent page"));
        blankTimes.push(
          await timeToReady(bp, `${server.url}/blank.html`, async (p) => {
            await p.getByRole("heading", { name: "Blank Fluent page" }).waitFor();
            await p.getByLabel("Operation name").fill("x"); // the same typing as on the pane
          }),
        );
        blankInPage.push(await inPageReady(bp));
        await bp.close();
        const pp = await chrome.context.newPage();
        await pp.addInitScript(readyProbe("button", "Save to Operation sheet"));
        paneTimes.push(
          await timeToReady(pp, `${server.url}/pane.html`, async (p) => {
            const save = p.getByRole("button", { name: "Save to Operation sheet" });
            await save.waitFor();
            await p.getByLabel("Operation name").fill("x"); // accepts input: interactive
          }),
        );
        paneInPage.push(await inPageReady(pp));
        if ((await pp.getByLabel("Operation name").inputValue()) !== "x")
          throw new Error("the pane took no input");
        await pp.close();
      }
      figures.push({
        figure: `pane load to interactive, timed in the page (headless Chromium, median of ${RUNS})`,
        paneMs: Math.round(median(paneInPage)),
        blankFluentMs: Math.round(median(blankInPage)),
        ratio: +(median(paneInPage) / median(blankInPage)).toFixed(2),
      });
      figures.push({
        figure: `pane load to interactive, wall clock with Playwright's waits and a fill (median of ${RUNS})`,
        paneMs: median(paneTimes),
        blankFluentMs: median(blankTimes),
        ratio: +(median(paneTimes) / median(blankTimes)).toFixed(2),
      });
    } finally {
      await chrome.close();
      await server.close();
    }
    return figures;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
