import { createRoot } from "react-dom/client";
import { FluentProvider, Spinner, webLightTheme } from "@fluentui/react-components";
import { App } from "./components/App";
import { detectHost } from "./boot";
import { MemoryWorkbook } from "./port/memory";
import { OfficeWorkbook } from "./port/office";

const PREVIEW_NOTE =
  "Preview: not connected to Excel. Sheets are kept in memory on this page only and are lost when it closes.";

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  root.render(
    <FluentProvider theme={webLightTheme}>
      <Spinner label="Starting Harm Planner…" />
    </FluentProvider>,
  );
  void detectHost().then((host) => {
    const port = host === "excel" ? new OfficeWorkbook() : new MemoryWorkbook();
    root.render(
      <FluentProvider theme={webLightTheme}>
        <App port={port} note={host === "excel" ? undefined : PREVIEW_NOTE} />
      </FluentProvider>,
    );
  });
}
