import { createRoot } from "react-dom/client";
import { FluentProvider, Spinner, webLightTheme } from "@fluentui/react-components";
import { App } from "./components/App";
import { detectHost, type HostKind } from "./boot";
import { MemoryWorkbook } from "../workbook/memory";
import { OfficeWorkbook } from "../workbook/office";

const PREVIEW_NOTE =
  "Preview: not connected to Excel. Sheets are kept in memory on this page only and are lost when it closes.";

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  const show = (host: HostKind) =>
    root.render(
      <FluentProvider theme={webLightTheme}>
        <App
          key={host}
          port={host === "excel" ? new OfficeWorkbook() : new MemoryWorkbook()}
          note={host === "excel" ? undefined : PREVIEW_NOTE}
        />
      </FluentProvider>,
    );
  root.render(
    <FluentProvider theme={webLightTheme}>
      <Spinner label="Starting Harm Planner…" />
    </FluentProvider>,
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
