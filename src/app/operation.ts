/** Use cases: load the operation from the workbook, and save it to the Operation sheet. */
import { operationProblems, type Operation } from "../core/operation";
import { buildSheet } from "../sheets/build";
import { planWriteOperation, operationRequest, type SaveOperationReport } from "../sheets/plan/operation";
import { operationFromSnapshot, operationNamesRequest } from "../sheets/specs/operationRead";
import type { WorkbookPort } from "../workbook/port";
import { firstSheetWritten, thenActivate } from "./activate";

/** The operation recorded in the workbook, or null when it has no Operation sheet. */
export async function loadOperation(port: WorkbookPort): Promise<Operation | null> {
  return operationFromSnapshot(await port.read(operationNamesRequest));
}

export type SaveOutcome =
  { saved: false; problems: string[] } | ({ saved: true; operation: Operation } & SaveOperationReport);

/**
 * Creates the Operation sheet the first time; afterwards writes only its
 * named input cells. `today` (yyyy-mm-dd) fills "prepared on" when blank.
 */
export async function saveOperation(
  port: WorkbookPort,
  operation: Operation,
  today: string,
): Promise<SaveOutcome> {
  const problems = operationProblems(operation, "save");
  if (problems.length) return { saved: false, problems };
  const saved = operation.preparedOn ? operation : { ...operation, preparedOn: today };
  const model = buildSheet("operation", { operation: saved });
  const report = await port.change(operationRequest(model), (snap) => {
    const planned = planWriteOperation(snap, model);
    return thenActivate(planned, firstSheetWritten(planned.ops));
  });
  return { saved: true, operation: saved, ...report };
}
