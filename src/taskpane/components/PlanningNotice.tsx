/**
 * The planning figure in the pane: once incident data are loaded
 * and the areas and periods set, "With these areas and periods, the
 * evaluation can detect a fall of X% (about N crimes) or more", and what
 * would help when that is implausible. The Evaluate step holds the loaded
 * data and publishes them (App keeps them), so the Operation step shows the
 * figure too, following its form as the analyst edits it. The counting code
 * loads on first use, so the first step's bundle stays small.
 */
import { useEffect, useMemo, useState } from "react";
import { Text } from "@fluentui/react-components";
import type { Operation } from "../../core/operation";
import type { PlanningOutcome } from "../../app/planning";
import type { PlanningSource } from "../../app/planningSource";
import type { TableData } from "../../workbook/port";
import { Notice } from "./Notice";
import { friendlyError } from "../util";

/** The Evaluate step's choices as it keeps them: columns by position, -1 for none. */
export function planningSourceOf(
  data: TableData,
  columns: { date: number; area: number; offenceType: number; id: number },
  restOfForce: boolean,
  types: ReadonlySet<string>,
  areas?: readonly string[],
): PlanningSource {
  return {
    ...(areas ? { areas } : {}),
    data,
    columns: {
      date: columns.date,
      area: columns.area,
      offenceType: columns.offenceType >= 0 ? columns.offenceType : null,
      id: columns.id >= 0 ? columns.id : null,
    },
    restOfForce,
    offenceTypes: [...types].sort(),
  };
}

const dataIds = new WeakMap<object, number>();
let lastId = 0;
/** Same data and choices → same key, however often the caller builds the source object. */
function sourceKey(s: PlanningSource | null): string {
  if (!s) return "";
  let id = dataIds.get(s.data);
  if (id === undefined) dataIds.set(s.data, (id = ++lastId));
  return JSON.stringify([id, s.columns, s.restOfForce, s.offenceTypes]);
}

export function PlanningNotice(props: {
  operation: Operation;
  source: PlanningSource | null;
  /** Hands the source to the App, for the Operation step (Evaluate step only). */
  publish?: (source: PlanningSource | null) => void;
}) {
  const { operation: op, publish } = props;
  const key = sourceKey(props.source);
  // Only what the figure depends on: typing a name or a note does not count again.
  const opKey = JSON.stringify([
    op.targetAreas,
    op.bufferAreas,
    op.controlAreas,
    op.before,
    op.after,
    op.dispersion,
  ]);
  const source = useMemo(() => props.source, [key]);
  const [outcome, setOutcome] = useState<PlanningOutcome | null>(null);

  useEffect(() => publish?.(source), [source, publish]);
  useEffect(() => {
    if (!source) {
      setOutcome(null);
      return;
    }
    let live = true;
    import(/* webpackChunkName: "planning" */ "../../app/planningSource")
      .then((m) => m.planningFromIncidents(source, op))
      .catch((e: unknown): PlanningOutcome => ({ ready: false, reason: friendlyError(e) }))
      .then((o) => {
        if (live) setOutcome(o);
      });
    return () => {
      live = false;
    };
  }, [source, opKey]);

  if (!source || !outcome) return null;
  if (!outcome.ready)
    return (
      <Text size={200} data-testid="planning-reason">
        {outcome.reason}
      </Text>
    );
  return (
    <Notice
      testId="planning-notice"
      notice={{
        intent: outcome.tooLarge ? "warning" : "info",
        title: outcome.sentence,
        lines: [...outcome.advice, outcome.basis],
        passive: true,
      }}
    />
  );
}
