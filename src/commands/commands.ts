/**
 * Ribbon commands. The ribbon button opens the task pane directly
 * (ShowTaskpane), so no ExecuteFunction handlers are needed yet; this runs in
 * the shared runtime and keeps the pane's runtime alive when it is hidden.
 */
export function registerCommands(): void {
  if (typeof Office === "undefined" || !Office.onReady) return;
  Office.onReady(() => {
    // Keep the shared runtime loaded when the pane closes, so custom functions keep working.
    Office.addin?.setStartupBehavior?.(Office.StartupBehavior.none);
  });
}
registerCommands();
