/**
 * Task-pane weight and start-up: taskpane.js size (minified, gzipped) and the
 * time from navigation to an interactive pane in headless Chromium, as a ratio
 * to a blank Fluent UI page built in the same run with the same webpack
 * settings (so machine speed cancels out).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import webpack from "webpack";
import type { Page } from "playwright-core";
import { OFFICE_JS_URL, launchChromium, serveStatic } from "../test/support/browser";

const ROOT = path.join(__dirname, "..");
const RUNS = 7;

const BLANK_JS = `import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, Title3, webLightTheme } from "@fluentui/react-components";
createRoot(document.getElementById("root")).render(
  h(FluentProvider, { theme: webLightTheme }, h(Title3, { as: "h1" }, "Blank Fluent page")),
);
`;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

const page = (script: string, office = false) => `<!doctype html>
<html lang="en-GB"><head><meta charset="UTF-8" />
<meta http-equiv="Content-Security-Policy" content="${CSP}${office ? " https://appsforoffice.microsoft.com" : ""}" />
<link rel="icon" href="data:," /><title>bench</title>
${office ? `<script src="${OFFICE_JS_URL}"></script>` : ""}
</head><body><div id="root"></div><script src="${script}"></script></body></html>`;

/** Office.js outside Office: onReady answers at once with no host. */
const OFFICE_STUB = `window.Office={onReady:function(cb){var i={host:null,platform:null};if(cb)cb(i);return Promise.resolve(i);}};`;

async function build(out: string, srcDir: string): Promise<void> {
  const base = require(path.join(ROOT, "webpack.config.js"))({}, { mode: "production" });
  const config: webpack.Configuration = {
    ...base,
    mode: "production",
    devtool: false,
    context: ROOT,
    entry: { taskpane: "./src/taskpane/index.tsx", blank: path.join(srcDir, "blank.js") },
    output: { path: out, filename: "[name].js", clean: true },
    resolve: { ...base.resolve, modules: [path.join(ROOT, "node_modules"), "node_modules"] },
    plugins: [],
  };
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) reject(err);
      else if (stats?.hasErrors()) reject(new Error(stats.toString("errors-only")));
      else resolve();
    }),
  );
}

async function timeToReady(p: Page, url: string, ready: (p: Page) => Promise<void>): Promise<number> {
  const t0 = Date.now();
  await p.goto(url, { waitUntil: "commit" });
  await ready(p);
  return Date.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function run(): Promise<Record<string, number | string>[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hp-pane-bench-"));
  const src = path.join(tmp, "src");
  const out = path.join(tmp, "out");
  fs.mkdirSync(src);
  fs.writeFileSync(path.join(src, "blank.js"), BLANK_JS);
  try {
    await build(out, src);
    fs.writeFileSync(path.join(out, "pane.html"), page("taskpane.js", true));
    fs.writeFileSync(path.join(out, "blank.html"), page("blank.js"));
    const js = fs.readFileSync(path.join(out, "taskpane.js"));
    const blankJs = fs.readFileSync(path.join(out, "blank.js"));
    const figures: Record<string, number | string>[] = [
      {
        figure: "taskpane.js size",
        minifiedKB: +(js.length / 1024).toFixed(1),
        gzipKB: +(gzipSync(js, { level: 9 }).length / 1024).toFixed(1),
        blankFluentGzipKB: +(gzipSync(blankJs, { level: 9 }).length / 1024).toFixed(1),
      },
    ];

    const server = await serveStatic(out);
    const chrome = await launchChromium();
    try {
      const paneTimes: number[] = [];
      const blankTimes: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Alternate so any warm-up or background load hits both alike.
        const bp = await chrome.context.newPage();
        blankTimes.push(
          await timeToReady(bp, `${server.url}/blank.html`, (p) =>
            p.getByRole("heading", { name: "Blank Fluent page" }).waitFor(),
          ),
        );
        await bp.close();
        const pp = await chrome.context.newPage();
        await pp.route(OFFICE_JS_URL, (r) =>
          r.fulfill({ contentType: "text/javascript", body: OFFICE_STUB }),
        );
        paneTimes.push(
          await timeToReady(pp, `${server.url}/pane.html`, async (p) => {
            const save = p.getByRole("button", { name: "Save to Operation sheet" });
            await save.waitFor();
            await p.getByLabel("Operation name").fill("x"); // accepts input: interactive
          }),
        );
        await pp.close();
      }
      figures.push({
        figure: "pane load to interactive (headless Chromium, median of 7)",
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
