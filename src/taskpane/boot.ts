/**
 * Decides whether the pane runs in Excel. Office.js may be missing (offline,
 * or the browser preview) or may report no host (opened in a plain browser);
 * both fall back to the in-memory workbook. onReady is raced against a timeout
 * so the pane never hangs waiting for a host that will not answer.
 */
export const OFFICE_READY_TIMEOUT_MS = 4000;

export type HostKind = "excel" | "none";

export async function detectHost(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<HostKind> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office || typeof office.onReady !== "function") return "none";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const info = await Promise.race([office.onReady().catch(() => null), timeout]);
    return info && String(info.host) === "Excel" ? "excel" : "none";
  } finally {
    clearTimeout(timer);
  }
}
