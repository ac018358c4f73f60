/**
 * taskpane.html outside Excel, in real headless Chromium. It references
 * Office.js on Microsoft's CDN; the tests never let that request leave the
 * machine. Offline (request aborted, `Office` undefined) and opened in a plain
 * browser (Office.js answers with host null) the pane must still start, on
 * the in-memory workbook, with the "not connected" note.
 */
import type { Page } from "playwright-core";
import {
  DIST,
  OFFICE_JS_URL,
  ensureBuilt,
  guardPage,
  launchChromium,
  serveStatic,
  type Launched,
  type StaticServer,
} from "../support/browser";

/** Stands in for Office.js loaded outside Office: onReady answers with no host. */
const OFFICE_STUB = `window.Office = {
  onReady: function (cb) { var info = { host: null, platform: null }; if (cb) cb(info); return Promise.resolve(info); },
  HostType: { Excel: "Excel" }
};`;

/** Office.js in a slow Excel: onReady answers "Excel" only after the pane's 4 s start-up timeout. */
const SLOW_EXCEL_STUB = `window.Office = {
  onReady: function (cb) {
    return new Promise(function (resolve) {
      setTimeout(function () { var info = { host: "Excel", platform: "PC" }; if (cb) cb(info); resolve(info); }, 5000);
    });
  }
};`;

describe("taskpane.html outside Excel", () => {
  let server: StaticServer;
  let chrome: Launched;

  beforeAll(async () => {
    ensureBuilt();
    server = await serveStatic(DIST);
    chrome = await launchChromium();
  });
  afterAll(async () => {
    await chrome?.close();
    await server?.close();
  });

  async function openPane(
    route: "abort" | "stub",
  ): Promise<{ page: Page; errors: string[]; foreign: string[] }> {
    const page = await chrome.context.newPage();
    const guard = guardPage(page);
    let officeRequests = 0;
    await page.route(OFFICE_JS_URL, (r) => {
      officeRequests++;
      return route === "abort"
        ? r.abort("internetdisconnected")
        : r.fulfill({ status: 200, contentType: "text/javascript", body: OFFICE_STUB });
    });
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByText("Preview: not connected to Excel.").waitFor({ timeout: 15_000 });
    expect(officeRequests).toBe(1);
    // The aborted Office.js load is the one expected console error offline.
    const errors = guard.consoleErrors.filter(
      (e) => !(route === "abort" && /Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(e)),
    );
    // The only non-local request is Office.js, and the test's route answered it: nothing left the machine.
    const foreign = guard.foreignRequests.filter((u) => u !== OFFICE_JS_URL);
    return { page, errors, foreign };
  }

  async function useThePane(page: Page): Promise<void> {
    await page.getByLabel("Operation name").fill("Offline check");
    await page.locator("#op-before-start").fill("01/01/2024");
    await page.locator("#op-before-end").fill("30/06/2024");
    await page.locator("#op-after-start").fill("01/07/2024");
    await page.locator("#op-after-end").fill("31/12/2024");
    await page.getByRole("button", { name: "Save to Operation sheet" }).click();
    await page.getByTestId("operation-notice").getByText("Created the Operation sheet.").waitFor();
    await page.getByRole("tab", { name: "Sheets" }).click();
    await page.getByRole("checkbox", { name: "All sheets" }).uncheck();
    await page.getByRole("checkbox", { name: "Results" }).check();
    await page.getByRole("button", { name: "Insert sheets" }).click();
    await page.getByTestId("insert-notice").getByText("Created: Results.").waitFor();
    // Inserting again does not ask about a sheet Harm Planner made and nobody changed: it is updated.
    await page.getByRole("button", { name: "Insert sheets" }).click();
    await page.getByTestId("insert-notice").getByText("Updated: Results.").waitFor();
    expect(await page.getByRole("alertdialog").count()).toBe(0);
  }

  it("works offline: Office.js cannot load, so the pane runs on the in-memory workbook", async () => {
    const { page, errors, foreign } = await openPane("abort");
    expect(await page.evaluate(() => typeof (window as { Office?: unknown }).Office)).toBe("undefined");
    await useThePane(page);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it("switches to the workbook when a slow Excel answers after the start-up timeout", async () => {
    const page = await chrome.context.newPage();
    const guard = guardPage(page);
    await page.route(OFFICE_JS_URL, (r) =>
      r.fulfill({ status: 200, contentType: "text/javascript", body: SLOW_EXCEL_STUB }),
    );
    await page.goto(`${server.url}/taskpane.html`);
    // Usable at once in preview mode rather than hanging…
    await page.getByText("Preview: not connected to Excel.").waitFor({ timeout: 10_000 });
    await page.getByLabel("Operation name").waitFor();
    // …then connected once Excel answers.
    await page.getByText("Preview: not connected to Excel.").waitFor({ state: "detached", timeout: 10_000 });
    await page.getByRole("button", { name: "Save to Operation sheet" }).waitFor();
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.foreignRequests.filter((u) => u !== OFFICE_JS_URL)).toEqual([]);
    await page.close();
  });

  it("styles come from its own style sheet, compiled at build time: no style rule is made as it runs", async () => {
    const { page, errors } = await openPane("stub");
    await useThePane(page); // the Sheets step is a lazy chunk with styles of its own
    await page.mouse.move(0, 0); // no hover colour on the button just pressed
    const styles = await page.evaluate(() => ({
      // Griffel's runtime writes its rules into <style data-make-styles-bucket> elements.
      runtimeBuckets: document.querySelectorAll("style[data-make-styles-bucket]").length,
      sheets: Array.from(document.querySelectorAll<HTMLLinkElement>("link[rel=stylesheet]")).map((l) =>
        new URL(l.href).pathname.replace(/^\//, ""),
      ),
    }));
    expect(styles.runtimeBuckets).toBe(0);
    expect(styles.sheets).toHaveLength(1);
    // Fluent's primary button colour (colorBrandBackground, #0f6cbd) arrives through that sheet, once
    // the hover transition has run out.
    const colour = () =>
      Array.from(document.querySelectorAll("button"))
        .filter((b) => b.textContent === "Insert sheets")
        .map((b) => getComputedStyle(b).backgroundColor)[0];
    for (let i = 0; i < 20 && (await page.evaluate(colour)) !== "rgb(15, 108, 189)"; i++)
      await page.waitForTimeout(100);
    expect(await page.evaluate(colour)).toBe("rgb(15, 108, 189)");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("works in a plain browser: Office.onReady reports no host", async () => {
    const { page, errors, foreign } = await openPane("stub");
    expect(await page.evaluate(() => typeof (window as { Office?: unknown }).Office)).toBe("object");
    await useThePane(page);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
