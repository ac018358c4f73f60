/**
 * Use case: import a cohort exported from a force system into the Cohort
 * sheet. Only the mapped columns are read; a column headed like personal
 * data (a name, date of birth, ethnicity, address…) or holding names or
 * dates of birth stops the import; rows are upserted by reference and the
 * results recalculated. Nothing leaves the workbook, and no refusal quotes
 * a value from the file.
 */
import { PortError } from "../sheets/plan/errors";
import { cohortImportRequest, planCohortImport, type CohortImportReport } from "../sheets/plan/cohort";
import type { TableData } from "../sheets/plan/snapshot";
import type { WorkbookPort } from "../workbook/port";
import { cohortRowsFrom, type CohortColumnMap } from "./cohortColumns";

export type { CohortImportReport };
export {
  COHORT_FIELDS,
  guessCohortColumns,
  looksPersonal,
  personalColumnsMessage,
  type CohortColumnMap,
  type CohortField,
} from "./cohortColumns";

export interface CohortImportRequest {
  data: TableData;
  columns: CohortColumnMap;
  /** One window length for everyone, when the file has no window column. */
  windowDays?: number | null;
}

/** How many problems a refusal lists before "and N more". */
const LISTED = 5;

export async function importCohort(
  port: WorkbookPort,
  req: CohortImportRequest,
): Promise<CohortImportReport> {
  const { rows, problems } = cohortRowsFrom(req.data, req.columns, { windowDays: req.windowDays });
  if (problems.length) {
    const more = problems.length > LISTED ? ` …and ${problems.length - LISTED} more.` : "";
    throw new PortError(`Nothing was imported. ${problems.slice(0, LISTED).join(" ")}${more}`);
  }
  if (rows.length === 0) throw new PortError("The file has no people in it: every mapped row is blank.");
  return port.change(cohortImportRequest, (snap) => planCohortImport(snap, rows));
}
