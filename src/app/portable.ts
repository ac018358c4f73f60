/**
 * Use case: a copy of the workbook in which HARM formulas are replaced by
 * their values, and the Cohort sheet's people left out unless chosen.
 */
import type { PortableCopy, PortableOptions } from "../sheets/portable";
import type { WorkbookPort } from "../workbook/port";

export const makePortableCopy = (port: WorkbookPort, options: PortableOptions = {}): Promise<PortableCopy> =>
  port.makePortableCopy(options);
