/** The Evaluate step's Count and write Results: the evaluation written, its outcome kept for display. */
import type { ColumnMap } from "../../core/evaluation";
import type { Operation } from "../../core/operation";
import { evaluateAndWrite } from "../../app/evaluateIncidents";
import type { WorkbookPort } from "../../workbook/port";
import { friendlyError, todayIso, yieldToEventLoop } from "../util";
import type { EvaluateColumns, Loaded } from "./useIncidentImport";
import type { Task } from "./useTask";

export interface CountRequest {
  loaded: Loaded;
  columns: EvaluateColumns;
  operation: Operation;
  restOfForce: boolean;
  types: ReadonlySet<string>;
}

export function useCount(port: WorkbookPort, task: Task) {
  return async ({ loaded, columns, operation, restOfForce, types }: CountRequest) => {
    task.setNotice(null);
    task.setOutcome(null);
    if (columns.date < 0 || columns.area < 0) {
      task.setNotice({ intent: "warning", title: "Choose the date and area columns first." });
      return;
    }
    task.setProgress({ label: "Counting…", value: undefined });
    await yieldToEventLoop(); // let the progress bar paint
    try {
      const map: ColumnMap = {
        date: columns.date,
        area: columns.area,
        offenceType: columns.offenceType >= 0 ? columns.offenceType : null,
        id: columns.id >= 0 ? columns.id : null,
      };
      task.setOutcome(
        await evaluateAndWrite(port, {
          data: loaded.data,
          columns: map,
          operation,
          restOfForce,
          offenceTypes: [...types],
          today: todayIso(),
        }),
      );
    } catch (e) {
      task.setNotice({ intent: "error", title: "The results were not written.", lines: [friendlyError(e)] });
    } finally {
      task.setProgress(null);
    }
  };
}
