/**
 * A workbook port whose adapter loads on first use. The Office.js adapter and
 * the sheet-planning code it brings are not needed to draw the first step of
 * the pane, so they load after it is on screen (bench/pane.bench.ts).
 */
import type { WorkbookPort } from "../workbook/port";

export function lazyPort(kind: WorkbookPort["kind"], load: () => Promise<WorkbookPort>): WorkbookPort {
  let loading: Promise<WorkbookPort> | null = null;
  const port = () => (loading ??= load());
  return {
    kind,
    read: (request) => port().then((p) => p.read(request)),
    change: (request, plan) => port().then((p) => p.change(request, plan)),
    readTable: (name, options) => port().then((p) => p.readTable(name, options)),
    makePortableCopy: () => port().then((p) => p.makePortableCopy()),
  };
}
