import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./components/App";
import { LiveRegion } from "./components/LiveRegion";
import { detectHost, type HostKind } from "./boot";
import { lazyPort } from "./lazyPort";
import { portableCopySupport } from "../workbook/officeHost";
import { PREVIEW_HOLDS_NO_FILE } from "../workbook/port";

const PREVIEW_NOTE =
  "Preview: not connected to Excel. Sheets are kept in memory on this page only and are lost when it closes.";

// The adapters (and the planning code behind them) load once the pane is drawn.
const excelPort = () =>
  lazyPort(
    "excel",
    () =>
      import(/* webpackChunkName: "workbook-office" */ "../workbook/office").then(
        (m) => new m.OfficeWorkbook(),
      ),
    portableCopySupport,
  );
const memoryPort = () =>
  lazyPort(
    "memory",
    () =>
      import(/* webpackChunkName: "workbook-memory" */ "../workbook/memory").then(
        (m) => new m.MemoryWorkbook(),
      ),
    () => PREVIEW_HOLDS_NO_FILE,
  );

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  const show = (host: HostKind) =>
    root.render(
      <FluentProvider theme={webLightTheme}>
        <LiveRegion>
          <App
            key={host}
            port={host === "excel" ? excelPort() : memoryPort()}
            note={host === "excel" ? undefined : PREVIEW_NOTE}
          />
        </LiveRegion>
      </FluentProvider>,
    );
  // Plain text while Office.js answers (at once in Excel; up to OFFICE_READY_TIMEOUT_MS without it).
  root.render(
    <p role="status" style={{ fontFamily: "Segoe UI, sans-serif", margin: 12 }}>
      Starting Harm Planner…
    </p>,
  );
  void detectHost().then((host) => {
    show(host);
    // A slow Excel may answer after the timeout: switch to the workbook as soon as it does.
    const office = (globalThis as { Office?: typeof Office }).Office;
    if (host === "none" && office && typeof office.onReady === "function")
      office
        .onReady()
        .then((info) => {
          if (info && String(info.host) === "Excel") show("excel");
        })
        .catch(() => undefined);
  });
}
