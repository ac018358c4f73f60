/**
 * What the Evaluate step offers once data are loaded: areas and offence types
 * counted for the chosen periods (and types), the areas by local authority,
 * the operation's codes missing from the data, and every other area in the
 * data (the default control).
 */
import { useMemo } from "react";
import { areasByAuthority } from "../../core/authorities";
import { codesNotFound, codesNotFoundMessage } from "../../core/incidents";
import type { Operation } from "../../core/operation";
import { areaChoices, offenceTypeChoices } from "../../app/incidentChoices";
import { restOfForceControl } from "../../app/evaluateIncidents";
import type { NoticeState } from "../components/Notice";
import type { EvaluateColumns, Loaded } from "./useIncidentImport";

export function useEvaluateChoices(
  loaded: Loaded | null,
  columns: EvaluateColumns,
  operation: Operation,
  types: ReadonlySet<string>,
) {
  // A column chosen but still being read from the files counts as unmapped until it arrives.
  const readable = useMemo(() => {
    const ok = (i: number) => (i >= 0 && loaded?.data.column(i) ? i : -1);
    return {
      date: ok(columns.date),
      area: ok(columns.area),
      offenceType: ok(columns.offenceType),
      areaName: ok(columns.areaName),
    };
  }, [loaded, columns]);
  // Areas and offence types with their counts in the chosen periods (and types), busiest first.
  const areaOptions = useMemo(
    () => (loaded ? areaChoices(loaded.data, readable, operation, types) : []),
    [loaded, readable, operation.before, operation.after, types],
  );
  const typeOptions = useMemo(
    () => (loaded ? offenceTypeChoices(loaded.data, readable, operation) : []),
    [loaded, readable, operation.before, operation.after],
  );
  const missingCodes = useMemo((): NoticeState | null => {
    const text =
      loaded && columns.area >= 0
        ? codesNotFoundMessage(
            codesNotFound(
              { target: operation.targetAreas, buffer: operation.bufferAreas, control: [] },
              areaOptions.map((o) => o.value),
            ),
          )
        : null;
    return text ? { intent: "warning", title: text } : null;
  }, [loaded, columns.area, areaOptions, operation.targetAreas, operation.bufferAreas]);
  const byAuthority = useMemo(
    () => areasByAuthority(areaOptions.map((o) => ({ code: o.value, name: o.name }))),
    [areaOptions],
  );
  // What "every other area in the data" means, whether or not the analyst has picked a control instead.
  const everyOtherArea = useMemo(
    () =>
      restOfForceControl(
        areaOptions.map((o) => o.value),
        operation,
      ),
    [areaOptions, operation.targetAreas, operation.bufferAreas],
  );
  // The pick-list already has every area: the planning figure need not read the column again.
  const allAreas = readable.area === columns.area ? areaOptions.map((o) => o.value) : undefined;
  return { readable, areaOptions, typeOptions, byAuthority, missingCodes, everyOtherArea, allAreas };
}
