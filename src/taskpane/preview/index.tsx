/**
 * The browser preview: the task pane (as wide as Office's) beside a read-only
 * view of the in-memory workbook, so every flow can be tried without Excel.
 */
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { Button, FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { App } from "../components/App";
import { LiveRegion } from "../components/LiveRegion";
import { MemoryWorkbook } from "../../workbook/memory";
import { GridView } from "./GridView";

const PANE_WIDTH = 360;

const useStyles = makeStyles({
  page: {
    display: "flex",
    gap: tokens.spacingHorizontalL,
    padding: tokens.spacingHorizontalM,
    alignItems: "flex-start",
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground2,
  },
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, flexShrink: 0 },
  pane: {
    width: `${PANE_WIDTH}px`,
    flexShrink: 0,
    maxHeight: "calc(100vh - 24px)",
    overflowY: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    boxSizing: "border-box",
  },
});

function Preview({ workbook }: { workbook: MemoryWorkbook }) {
  const styles = useStyles();
  // Remounting the pane over the same workbook is what closing and reopening it in Excel does.
  const [opened, setOpened] = useState(0);
  return (
    <div className={styles.page}>
      <div className={styles.column}>
        <Button size="small" appearance="subtle" onClick={() => setOpened(opened + 1)}>
          Close and reopen the pane
        </Button>
        <div className={styles.pane} data-testid="pane">
          <LiveRegion>
            <App
              key={opened}
              port={workbook}
              note="Preview: not connected to Excel. This page keeps the workbook in memory; nothing is saved or sent anywhere."
            />
          </LiveRegion>
        </div>
      </div>
      <GridView workbook={workbook.store} />
    </div>
  );
}

const container = document.getElementById("root");
if (container) {
  const workbook = new MemoryWorkbook();
  (window as unknown as { harmPlannerPreview?: MemoryWorkbook }).harmPlannerPreview = workbook;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Preview workbook={workbook} />
    </FluentProvider>,
  );
}
