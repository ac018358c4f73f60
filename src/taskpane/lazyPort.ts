/**
 * A workbook port whose adapter loads on first use. The Office.js adapter and
 * the sheet-planning code it brings are not needed to draw the first step of
 * the pane, so they load after it is on screen (bench/pane.bench.ts).
 */
import type { CopySupport, WorkbookPort } from "../workbook/port";

/** `support` answers at once, before the adapter has loaded, so the pane can say it up front. */
export function lazyPort(
  kind: WorkbookPort["kind"],
  load: () => Promise<WorkbookPort>,
  support: () => CopySupport,
): WorkbookPort {
  let loading: Promise<WorkbookPort> | null = null;
  const port = () => (loading ??= load());
  return {
    kind,
    read: (request) => port().then((p) => p.read(request)),
    change: (request, plan) => port().then((p) => p.change(request, plan)),
    readTable: (name, options) => port().then((p) => p.readTable(name, options)),
    makePortableCopy: (options) => port().then((p) => p.makePortableCopy(options)),
    portableCopySupport: support,
  };
}
