/**
 * The Evaluate step: read incident data, map its columns, choose areas and
 * offence types, then count and write Results. The work is in hooks
 * (src/taskpane/evaluate); each part of the form is its own component.
 */
import { useState } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useCount } from "../evaluate/useCount";
import { useEvaluateChoices } from "../evaluate/useEvaluateChoices";
import { useIncidentImport } from "../evaluate/useIncidentImport";
import { useTask } from "../evaluate/useTask";
import { AreaChoices } from "./AreaChoices";
import { ColumnChoices } from "./ColumnChoices";
import { EvaluateNotes } from "./EvaluateNotes";
import { EvaluateResult } from "./EvaluateResult";
import { IncidentSource } from "./IncidentSource";
import { Notice } from "./Notice";
import { OffenceTypeChoices } from "./OffenceTypeChoices";
import { PlanningNotice, planningSourceOf } from "./PlanningNotice";
import { TaskProgress } from "./TaskProgress";
import type { PanelProps } from "./panelProps";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
});

export default function EvaluatePanel({ port, operation, setOperation, setPlanning }: PanelProps) {
  const styles = useStyles();
  const task = useTask();
  const [restOfForce, setRestOfForce] = useState(true);
  const [types, setTypes] = useState<Set<string>>(new Set());
  const data = useIncidentImport(port, task, () => {
    setTypes(new Set());
    // Control areas typed on the Operation step win; otherwise the rest of the data is the control.
    setRestOfForce(operation.controlAreas.length === 0);
  });
  const { loaded, columns } = data;
  const choices = useEvaluateChoices(loaded, columns, operation, types);
  const count = useCount(port, task);
  const busy = task.busy;

  return (
    <div className={styles.root}>
      <IncidentSource data={data} busy={busy} />
      {task.progress && <TaskProgress progress={task.progress} cancel={task.cancel} />}
      <Notice notice={task.notice} testId="evaluate-notice" focus />
      {task.outcome && <EvaluateResult outcome={task.outcome} />}
      {task.outcome && loaded && <EvaluateNotes outcome={task.outcome} fileNotes={loaded.data.notices} />}
      {loaded && (
        <>
          <ColumnChoices
            source={loaded.source}
            headers={loaded.data.headers}
            columns={columns}
            choose={data.chooseColumn}
            disabled={busy}
          />
          <AreaChoices
            options={choices.areaOptions}
            operation={operation}
            setOperation={setOperation}
            restOfForce={restOfForce}
            setRestOfForce={setRestOfForce}
            everyOtherArea={choices.everyOtherArea.length}
            byAuthority={choices.byAuthority}
            disabled={busy}
          />
          {choices.typeOptions.length > 0 && (
            <OffenceTypeChoices
              options={choices.typeOptions}
              chosen={types}
              onChange={setTypes}
              disabled={busy}
            />
          )}
          <Notice notice={choices.missingCodes} testId="evaluate-missing-codes" />
          <PlanningNotice
            operation={operation}
            source={planningSourceOf(loaded.data, columns, restOfForce, types, choices.allAreas)}
            publish={setPlanning}
          />
          <div className={styles.row}>
            <Button
              appearance="primary"
              onClick={() => void count({ loaded, columns, operation, restOfForce, types })}
              disabled={busy}
            >
              Count and write Results
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
