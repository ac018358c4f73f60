/**
 * Use case: import a cohort exported from a force system into the Cohort
 * sheet. Only the mapped columns are read; a column headed like a name or a
 * date of birth is refused unless the analyst confirms it holds none; rows
 * are upserted by reference and the results recalculated. Nothing leaves
 * the workbook.
 */
import { PortError } from "../sheets/plan/errors";
import { cohortImportRequest, planCohortImport, type CohortImportReport } from "../sheets/plan/cohort";
import type { TableData } from "../sheets/plan/snapshot";
import type { WorkbookPort } from "../workbook/port";
import { cohortRowsFrom, personalColumns, type CohortColumnMap } from "./cohortColumns";

export type { CohortImportReport };
export {
  COHORT_FIELDS,
  guessCohortColumns,
  looksPersonal,
  personalColumns,
  type CohortColumnMap,
  type CohortField,
} from "./cohortColumns";

export interface CohortImportRequest {
  data: TableData;
  columns: CohortColumnMap;
  /** The analyst has confirmed that columns headed like a name or date of birth hold neither. */
  confirmedNotPersonal?: boolean;
  /** One window length for everyone, when the file has no window column. */
  windowDays?: number | null;
}

/** How many problems a refusal lists before "and N more". */
const LISTED = 5;

export async function importCohort(
  port: WorkbookPort,
  req: CohortImportRequest,
): Promise<CohortImportReport> {
  const personal = personalColumns(req.data.headers, req.columns);
  if (personal.length && !req.confirmedNotPersonal)
    throw new PortError(
      `${personal.map((h) => `"${h}"`).join(", ")} ${personal.length === 1 ? "looks" : "look"} like a name or date of birth, which the Cohort sheet must not hold. ` +
        "Choose a pseudonymous reference column instead, or confirm that the column holds no names or dates of birth.",
    );
  const { rows, problems } = cohortRowsFrom(req.data, req.columns, { windowDays: req.windowDays });
  if (problems.length) {
    const more = problems.length > LISTED ? ` …and ${problems.length - LISTED} more.` : "";
    throw new PortError(`Nothing was imported. ${problems.slice(0, LISTED).join(" ")}${more}`);
  }
  if (rows.length === 0) throw new PortError("The file has no people in it: every mapped row is blank.");
  return port.change(cohortImportRequest, (snap) => planCohortImport(snap, rows));
}
