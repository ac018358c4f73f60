/**
 * A large CSV import through the task pane itself, in headless Chromium: the
 * browser preview (the same pane and import worker as in Excel) is given a
 * generated police.uk-style file of N rows, and the time runs from choosing
 * the file to the pane showing "Read N incident rows" with its column and area
 * pick-lists ready. Memory is sampled while it runs: every 50 ms the resident
 * size of the renderer process that holds the page and its import worker
 * (/proc, Linux), and every 250 ms the page's JavaScript heap (DevTools
 * protocol, which runs on the page's thread, so it is asked for less often).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import webpack from "webpack";
import { launchChromium, serveStatic } from "../test/support/browser";

const ROOT = path.join(__dirname, "..");

/** Builds the add-in (preview.html and its chunks) into `out`. */
export async function buildPreview(out: string): Promise<void> {
  const base = require(path.join(ROOT, "webpack.config.js"))({}, { mode: "production" });
  const config: webpack.Configuration = { ...base, devtool: false, output: { ...base.output, path: out } };
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) reject(err);
      else if (stats?.hasErrors()) reject(new Error(stats.toString("errors-only")));
      else resolve();
    }),
  );
}

/** Writes header + rows [0, rows) produced by `chunk(start, count)` to `file`, without holding it whole. */
export function writeCsv(
  file: string,
  header: string,
  rows: number,
  chunk: (s: number, n: number) => string,
) {
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, header);
    for (let s = 0; s < rows; s += 10_000) fs.writeSync(fd, chunk(s, Math.min(10_000, rows - s)));
  } finally {
    fs.closeSync(fd);
  }
}

const readText = (f: string): string => {
  try {
    return fs.readFileSync(f, "utf8");
  } catch {
    return "";
  }
};

/** Renderer processes of the Chromium started with `userDataDir`, by pid. */
function rendererPids(userDataDir: string): number[] {
  const procs = fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => {
      const cmd = readText(`/proc/${d}/cmdline`).split("\0").join(" ");
      const ppid = Number(readText(`/proc/${d}/stat`).split(") ")[1]?.split(" ")[1] ?? 0);
      return { pid: Number(d), ppid, cmd };
    });
  const browser = procs.find((p) => p.cmd.includes(userDataDir) && !p.cmd.includes("--type="));
  if (!browser) return [];
  const family = new Set([browser.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs)
      if (!family.has(p.pid) && family.has(p.ppid)) {
        family.add(p.pid);
        grew = true;
      }
  }
  return procs.filter((p) => family.has(p.pid) && p.cmd.includes("--type=renderer")).map((p) => p.pid);
}

const rssBytes = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readText(`/proc/${pid}/status`));
  return m ? Number(m[1]) * 1024 : 0;
};

const mb = (b: number): number => +(b / 1048576).toFixed(0);

export interface PaneImportFigures {
  rows: number;
  csvMB: number;
  /** From choosing the file to the notice and pick-lists drawn, timed in the page. */
  importMs: number;
  /** The same, timed from outside: includes Playwright's polling for the notice. */
  wallClockMs: number;
  /** The largest renderer process (page + worker) at its peak, and before the file was chosen. */
  peakRendererRssMB: number;
  baseRendererRssMB: number;
  peakPageHeapMB: number;
  /** The page's heap once the import is done and garbage is collected: what the pane holds. */
  retainedPageHeapMB: number;
}

/**
 * In the page: notes when the file input changes, and when the notice saying `done` and the area
 * pick-list are both in the document and that task is over (window.__hpImport.start and .end).
 */
const inPageTimer = (done: string) => `(() => {
  const t = (window.__hpImport = {});
  document.addEventListener("change", (e) => {
    if (e.target && e.target.id === "csv-files" && t.start === undefined) t.start = performance.now();
  }, true);
  const check = () => {
    const notice = document.querySelector('[data-testid="evaluate-notice"]');
    if (!notice || !(notice.textContent || "").includes(${JSON.stringify(done)})) return;
    if (!document.querySelector('[data-testid="target-picker"]')) return;
    observer.disconnect();
    setTimeout(() => { t.end = performance.now(); }, 0);
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})()`;

/** Imports `file` (of `rows` data rows) through the preview built in `dist`. */
export async function importThroughPane(
  dist: string,
  file: string,
  rows: number,
): Promise<PaneImportFigures> {
  const server = await serveStatic(dist);
  const chrome = await launchChromium();
  try {
    const page = await chrome.context.newPage();
    const cdp = await chrome.context.newCDPSession(page);
    await page.goto(`${server.url}/preview.html`);
    await page.getByRole("tab", { name: "Evaluate" }).click();
    await page.locator("#csv-files").waitFor();
    await cdp.send("HeapProfiler.collectGarbage");
    const pids = rendererPids(chrome.userDataDir);
    const base = Math.max(...pids.map(rssBytes));
    let peakRss = base;
    let peakHeap = 0;
    let sampling = true;
    // The sampler must not slow what it measures: the renderers are found once (the import worker is a
    // thread of the page's renderer), and the page's heap, which is read on the page's own thread, is
    // asked for every 250 ms only.
    const sample = async () => {
      for (let tick = 0; sampling; tick++) {
        for (const pid of pids) peakRss = Math.max(peakRss, rssBytes(pid));
        if (tick % 5 === 0) {
          const heap = (await cdp.send("Runtime.getHeapUsage").catch(() => null)) as {
            usedSize: number;
          } | null;
          if (heap) peakHeap = Math.max(peakHeap, heap.usedSize);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const done = `Read ${rows.toLocaleString("en-GB")} incident rows from ${path.basename(file)}.`;
    await page.evaluate(inPageTimer(done));
    const sampler = sample();
    const t0 = performance.now();
    await page.locator("#csv-files").setInputFiles(file);
    await page.getByTestId("evaluate-notice").getByText(done).waitFor({ timeout: 600_000 });
    await page.getByTestId("target-picker").waitFor();
    const wallMs = performance.now() - t0;
    const timed = (await page.evaluate("window.__hpImport")) as { start?: number; end?: number };
    // Playwright polls for the notice, so its wait can overshoot by up to half a second; the page's own
    // clock, from the file being chosen to the notice and pick-lists being drawn, does not.
    if (timed.start === undefined || timed.end === undefined)
      throw new Error("the in-page timer saw nothing");
    const importMs = timed.end - timed.start;
    sampling = false;
    await sampler;
    await cdp.send("HeapProfiler.collectGarbage");
    const retained = ((await cdp.send("Runtime.getHeapUsage")) as { usedSize: number }).usedSize;
    return {
      rows,
      csvMB: mb(fs.statSync(file).size),
      importMs: Math.round(importMs),
      wallClockMs: Math.round(wallMs),
      peakRendererRssMB: mb(peakRss),
      baseRendererRssMB: mb(base),
      peakPageHeapMB: mb(peakHeap),
      retainedPageHeapMB: mb(retained),
    };
  } finally {
    await chrome.close();
    await server.close();
  }
}

/** A private temp folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
