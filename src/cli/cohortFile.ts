/**
 * Reads a cohort CSV for `harm-planner template --cohort`, through the same
 * reader and column step as the task pane: only the columns recognised as
 * Cohort fields are kept (a column headed like a name or date of birth never
 * is), and every row must read cleanly.
 */
import * as fs from "fs";
import * as path from "path";
import { readIncidentFiles } from "../core/incidents";
import {
  COHORT_FIELDS,
  cohortRowsFrom,
  guessCohortColumns,
  type CohortColumnMap,
} from "../app/cohortColumns";
import type { CohortRow } from "../sheets/specs/netBenefitCohortInput";
import { nativeUtf8 } from "./incidentFiles";
import { InputFileError } from "./operationFile";

export async function readCohortFile(file: string): Promise<CohortRow[]> {
  if (!fs.existsSync(file)) throw new InputFileError(`Cannot find the cohort file "${file}".`);
  let map: CohortColumnMap | null = null;
  const table = await readIncidentFiles(
    [{ name: path.basename(file), read: () => fs.createReadStream(file) as AsyncIterable<Uint8Array> }],
    {
      createUtf8Decoder: nativeUtf8,
      // Only the mapped columns are kept, in field order; the map then points at them.
      keepColumns: (headers) => {
        const guess = guessCohortColumns(headers);
        const kept = COHORT_FIELDS.map((f) => guess[f.field]).filter((i) => i >= 0);
        map = Object.fromEntries(
          COHORT_FIELDS.map((f) => [f.field, guess[f.field] < 0 ? -1 : kept.indexOf(guess[f.field])]),
        ) as CohortColumnMap;
        return kept;
      },
    },
  );
  const { rows, problems } = cohortRowsFrom(
    { headers: table.headers, rows: table.rows(), rowLabel: (i) => table.rowLabel(i) },
    map!,
  );
  if (problems.length)
    throw new InputFileError(`The cohort file "${file}" was not used. ${problems.slice(0, 5).join(" ")}`);
  return rows;
}
