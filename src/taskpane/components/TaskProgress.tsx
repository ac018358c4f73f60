import { Button, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import type { Progress } from "../evaluate/useTask";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
});

/** The Evaluate step's progress bar, with Cancel while the task can be cancelled. */
export function TaskProgress({ progress, cancel }: { progress: Progress; cancel: (() => void) | null }) {
  const styles = useStyles();
  return (
    <div className={styles.row} data-testid="evaluate-progress">
      <Field label="Progress" validationMessage={progress.label} validationState="none" style={{ flex: 1 }}>
        {/* No eased width: updates come several times a second, and each would start a new animation. */}
        <ProgressBar value={progress.value} bar={{ style: { transition: "none" } }} />
      </Field>
      {cancel && <Button onClick={cancel}>Cancel</Button>}
    </div>
  );
}
