/**
 * Reads a cohort CSV for `harm-planner template --cohort`, through the same
 * reader and column step as the task pane: only the columns recognised as
 * Cohort fields are kept (a column headed like personal data never is, and
 * names or dates of birth under another heading stop it), and every row must
 * read cleanly. Messages name headings and lines, never a value.
 */
import * as fs from "fs";
import * as path from "path";
import { readIncidentFiles } from "../core/incidents";
import {
  COHORT_FIELDS,
  cohortRowsFrom,
  guessCohortColumns,
  sensitiveHeading,
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
  if (problems.length) {
    // A missing field may be a column left unread on purpose: say so, by heading only.
    const unread = table.allHeaders
      .filter((h) => sensitiveHeading(h) !== null)
      .map((h) => `"${h}" (${sensitiveHeading(h)})`);
    const note = unread.length ? ` Columns never read, as personal data: ${unread.join(", ")}.` : "";
    throw new InputFileError(
      `The cohort file "${file}" was not used. ${problems.slice(0, 5).join(" ")}${note}`,
    );
  }
  return rows;
}
