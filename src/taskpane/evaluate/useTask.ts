/**
 * The Evaluate step does one thing at a time (read files, read a table,
 * count): this holds its progress bar, its Cancel, the message it leaves and
 * the last count's outcome (cleared when anything else starts).
 */
import { useRef, useState } from "react";
import type { EvaluateOutcome } from "../../app/evaluateIncidents";
import { CancelledError } from "../../workbook/port";
import type { NoticeState } from "../components/Notice";
import { friendlyError } from "../util";

export interface Progress {
  label: string;
  value: number | undefined; // 0..1, undefined = indeterminate
}

export interface Task {
  progress: Progress | null;
  busy: boolean;
  /** Present while a cancellable task runs. */
  cancel: (() => void) | null;
  notice: NoticeState | null;
  setNotice: (n: NoticeState | null) => void;
  setProgress: (p: Progress | null) => void;
  outcome: EvaluateOutcome | null;
  setOutcome: (o: EvaluateOutcome | null) => void;
  /**
   * Runs `work` with a progress bar and Cancel; a failure becomes a message
   * under `failTitle`, a cancel says nothing was changed.
   */
  run: (failTitle: string, work: (signal: AbortSignal) => Promise<void>) => Promise<void>;
}

export function useTask(): Task {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [outcome, setOutcome] = useState<EvaluateOutcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  const run: Task["run"] = async (failTitle, work) => {
    const ctl = new AbortController();
    abort.current = ctl;
    setNotice(null);
    setOutcome(null);
    setProgress({ label: "Starting…", value: undefined });
    try {
      await work(ctl.signal);
    } catch (e) {
      if (e instanceof CancelledError)
        setNotice({ intent: "info", title: "Import cancelled. Nothing was changed." });
      else setNotice({ intent: "error", title: failTitle, lines: [friendlyError(e)] });
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };
  return {
    progress,
    busy: progress !== null,
    cancel: abort.current ? () => abort.current?.abort() : null,
    notice,
    setNotice,
    setProgress,
    outcome,
    setOutcome,
    run,
  };
}
