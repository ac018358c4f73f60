/** Use case: a copy of the workbook in which HARM formulas are replaced by their values. */
import type { WorkbookPort } from "../workbook/port";

export const makePortableCopy = (port: WorkbookPort): Promise<{ replaced: number }> =>
  port.makePortableCopy();
