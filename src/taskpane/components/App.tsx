import { Suspense, lazy, useState } from "react";
import { Caption1, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { blankOperation, type Operation } from "../../core/operation";
import type { WorkbookPort } from "../../workbook/port";
import { OperationPanel } from "./OperationPanel";
import { PaneNote } from "./PaneNote";
import { StepTabs } from "./StepTabs";
import type { PanelProps } from "./panelProps";
import type { PlanningSource } from "../../app/planningSource";

// Only the first step is in taskpane.js; the others load the first time they are opened.
const InsertPanel = lazy(() => import(/* webpackChunkName: "panel-sheets" */ "./InsertPanel"));
const EvaluatePanel = lazy(() => import(/* webpackChunkName: "panel-evaluate" */ "./EvaluatePanel"));
const SummaryPanel = lazy(() => import(/* webpackChunkName: "panel-summary" */ "./SummaryPanel"));
const CohortPanel = lazy(() => import(/* webpackChunkName: "panel-cohort" */ "./CohortPanel"));
const FunctionsPanel = lazy(() => import(/* webpackChunkName: "panel-functions" */ "./FunctionsPanel"));

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    boxSizing: "border-box",
    minWidth: 0,
  },
  header: { display: "flex", flexDirection: "column", gap: "2px" },
});

export type PanelKey = "operation" | "sheets" | "evaluate" | "cohort" | "summary" | "functions";

const PANELS: { key: PanelKey; label: string }[] = [
  { key: "operation", label: "Operation" },
  { key: "sheets", label: "Sheets" },
  { key: "evaluate", label: "Evaluate" },
  { key: "cohort", label: "Cohort" },
  { key: "summary", label: "Summary" },
  { key: "functions", label: "Functions" },
];

export function App(props: { port: WorkbookPort; note?: string }) {
  const styles = useStyles();
  const [operation, setOperation] = useState<Operation>(blankOperation);
  const [panel, setPanel] = useState<PanelKey>("operation");
  // Panels stay mounted once opened, so a half-finished import survives switching steps.
  const [opened, setOpened] = useState<Set<PanelKey>>(() => new Set(["operation"]));
  const [planning, setPlanning] = useState<PlanningSource | null>(null);
  const shared: PanelProps = { port: props.port, operation, setOperation, planning, setPlanning };
  return (
    <main className={styles.root} aria-label="Harm Planner task pane">
      <header className={styles.header}>
        <Title3 as="h1">Harm Planner</Title3>
        <Caption1>Plan and evaluate drug-market operations by the harm they reduce (UKDPC 2009).</Caption1>
      </header>
      {props.note && <PaneNote>{props.note}</PaneNote>}
      <StepTabs
        steps={PANELS}
        selected={panel}
        onSelect={(key) => {
          setPanel(key);
          if (!opened.has(key)) setOpened(new Set([...opened, key]));
        }}
        label="Harm Planner steps"
      />
      {PANELS.map((p) => (
        <section
          key={p.key}
          id={`panel-${p.key}`}
          role="tabpanel"
          aria-labelledby={`tab-${p.key}`}
          hidden={panel !== p.key}
        >
          {opened.has(p.key) && (
            <Suspense fallback={<Caption1 role="status">Loading…</Caption1>}>
              {p.key === "operation" && <OperationPanel {...shared} />}
              {p.key === "sheets" && <InsertPanel {...shared} />}
              {p.key === "evaluate" && <EvaluatePanel {...shared} />}
              {p.key === "cohort" && <CohortPanel {...shared} />}
              {p.key === "summary" && <SummaryPanel {...shared} />}
              {p.key === "functions" && <FunctionsPanel {...shared} />}
            </Suspense>
          )}
        </section>
      ))}
    </main>
  );
}
