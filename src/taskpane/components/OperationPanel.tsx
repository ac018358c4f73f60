import { Suspense, lazy, useEffect, useState, type CSSProperties } from "react";
import { Button, Input, Textarea, tokens } from "@fluentui/react-components";
import { blankOperation, operationProblems, type Operation, type Period } from "../../core/operation";
import { parseAreaList } from "../../core/areas";
import { friendlyError, todayIso, whenIdle } from "../util";
import { DateField } from "./DateField";
import { FormField } from "./FormField";
import { Notice, type NoticeState } from "./Notice";
import { PlanningNotice } from "./PlanningNotice";
import type { PanelProps } from "./panelProps";
import { groupBox } from "./styles";
import { clearedByStartBlank } from "./startBlank";

// Reading and writing the Operation sheet needs the sheet models: loaded after the form is on screen.
const operationIO = () => import(/* webpackChunkName: "operation-io" */ "../../app/operation");
const ConfirmDialog = lazy(() => import(/* webpackChunkName: "confirm-dialog" */ "./ConfirmDialog"));

// Plain style objects: the first step is drawn as the pane opens, and griffel compiling style rules
// in the page was a good part of that (bench/pane.bench.ts); nothing here needs a pseudo-class.
const styles: Record<"form" | "pair" | "actions" | "fieldset", CSSProperties> = {
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  pair: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
  },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  fieldset: { ...groupBox, gap: tokens.spacingVerticalS },
};

type AreaKind = "target" | "buffer" | "control";

/** [field, label] of the operation's free-text fields, in form order. */
const TEXT_FIELDS: [field: "name" | "force" | "analyst", label: string][] = [
  ["name", "Operation name"],
  ["force", "Force or area"],
  ["analyst", "Analyst"],
];

/** [areas, label, hint] of the three area lists, in form order. */
const AREA_FIELDS: [which: AreaKind, label: string, hint: string][] = [
  ["target", "Target areas", "Area codes (e.g. LSOA codes), one per line or separated by commas."],
  ["buffer", "Buffer areas", "Around the target, to check whether harm moved next door."],
  [
    "control",
    "Control areas",
    "Comparable areas with no operation. Leave blank to pick them on the Evaluate tab.",
  ],
];

function PeriodFields(props: { legend: string; id: string; period: Period; onChange: (p: Period) => void }) {
  return (
    <fieldset style={styles.fieldset}>
      <legend>{props.legend}</legend>
      <div style={styles.pair}>
        <DateField
          id={`${props.id}-start`}
          label="From"
          value={props.period.start}
          onChange={(start) => props.onChange({ ...props.period, start })}
        />
        <DateField
          id={`${props.id}-end`}
          label="To"
          value={props.period.end}
          onChange={(end) => props.onChange({ ...props.period, end })}
        />
      </div>
    </fieldset>
  );
}

export function OperationPanel({ port, operation, setOperation, planning }: PanelProps) {
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [busy, setBusy] = useState(false);
  // A save stopped by problems: the warning follows the form as they are fixed, and goes when none are left.
  const [blocked, setBlocked] = useState(false);
  const [confirmBlank, setConfirmBlank] = useState<string[] | null>(null);
  // Area text is kept as typed so commas and new lines are not rewritten mid-edit.
  const [areaText, setAreaText] = useState({ target: "", buffer: "", control: "" });

  const set = (patch: Partial<Operation>) => setOperation({ ...operation, ...patch });
  const setAreas = (which: AreaKind, text: string) => {
    setAreaText({ ...areaText, [which]: text });
    set({ [`${which}Areas`]: parseAreaList(text) } as Partial<Operation>);
  };
  const showAreas = (op: Operation) =>
    setAreaText({
      target: op.targetAreas.join("\n"),
      buffer: op.bufferAreas.join("\n"),
      control: op.controlAreas.join("\n"),
    });
  // Areas picked on the Evaluate tab show here too.
  const areaValue = (which: AreaKind) => {
    const list = operation[`${which}Areas`];
    return parseAreaList(areaText[which]).join("|") === list.join("|") ? areaText[which] : list.join("\n");
  };

  const load = async () => {
    setBusy(true);
    setBlocked(false);
    try {
      const op = await (await operationIO()).loadOperation(port);
      if (!op) {
        setNotice({
          intent: "warning",
          title: "This workbook has no Operation sheet yet.",
          lines: ["Fill in the form and choose Save to Operation sheet to create one."],
        });
      } else {
        setOperation(op);
        showAreas(op);
        setNotice({
          intent: "success",
          title: `Loaded "${op.name || "unnamed operation"}" from the Operation sheet.`,
        });
      }
    } catch (e) {
      setNotice({ intent: "error", title: "Could not read the Operation sheet.", lines: [friendlyError(e)] });
    } finally {
      setBusy(false);
    }
  };

  // The workbook is the record: reopening the pane picks the operation up again without a click.
  useEffect(() => {
    let live = true;
    // Once the form is drawn and the browser is idle: nothing on screen waits for it.
    const pickUp = () =>
      operationIO()
        .then((io) => io.loadOperation(port))
        .then((op) => {
          if (!live || !op) return;
          setOperation(op);
          showAreas(op);
          setNotice({
            intent: "info",
            title: `Picked up "${op.name || "unnamed operation"}" from this workbook.`,
            passive: true,
          });
        })
        .catch((e) => {
          if (live)
            setNotice({
              intent: "warning",
              title: "Could not read the Operation sheet.",
              lines: [friendlyError(e)],
              passive: true,
            });
        });
    const cancel = whenIdle(pickUp);
    return () => {
      live = false;
      cancel();
    };
    // Once per workbook connection: the port only changes when the pane reconnects.
  }, [port]);

  const clearForm = () => {
    const op = blankOperation();
    setOperation(op);
    showAreas(op);
    setNotice(null);
    setBlocked(false);
  };
  // Asks first, naming what would go; a form with nothing in it is simply left blank.
  const startBlank = () => {
    const cleared = clearedByStartBlank(operation);
    if (cleared.length) setConfirmBlank(cleared);
    else clearForm();
  };

  const save = async () => {
    setBusy(true);
    setNotice(null);
    setBlocked(false);
    try {
      // The date it was prepared defaults to today (local calendar date).
      const r = await (await operationIO()).saveOperation(port, operation, todayIso());
      if (!r.saved) {
        setNotice({ intent: "warning", title: "Nearly there: check these first.", lines: r.problems });
        setBlocked(true);
        return;
      }
      if (r.operation !== operation) setOperation(r.operation);
      setNotice({
        intent: "success",
        title: r.created ? "Created the Operation sheet." : "Updated the Operation sheet.",
        lines: r.created
          ? ["Next: insert the other sheets on the Sheets tab."]
          : [`${r.written} cells updated.`],
      });
    } catch (e) {
      setNotice({ intent: "error", title: "Could not save the operation.", lines: [friendlyError(e)] });
    } finally {
      setBusy(false);
    }
  };

  const remaining = blocked ? operationProblems(operation, "save") : [];
  const shownNotice: NoticeState | null = !blocked
    ? notice
    : remaining.length === 0
      ? null
      : remaining.join("\n") === (notice?.lines ?? []).join("\n")
        ? notice
        : { intent: "warning", title: "Nearly there: check these first.", lines: remaining, passive: true };

  return (
    <form
      style={styles.form}
      aria-label="Set up an operation"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div style={styles.actions}>
        <Button onClick={() => void load()} disabled={busy}>
          Load from workbook
        </Button>
        <Button onClick={startBlank} disabled={busy}>
          Start blank
        </Button>
      </div>
      {TEXT_FIELDS.map(([field, label]) => (
        <FormField key={field} label={label} htmlFor={`op-${field}`} required={field === "name"}>
          <Input id={`op-${field}`} value={operation[field]} onChange={(_, d) => set({ [field]: d.value })} />
        </FormField>
      ))}
      {AREA_FIELDS.map(([which, label, hint]) => (
        <FormField key={which} label={label} htmlFor={`op-${which}`} hint={hint}>
          <Textarea
            id={`op-${which}`}
            value={areaValue(which)}
            onChange={(_, d) => setAreas(which, d.value)}
          />
        </FormField>
      ))}
      <PeriodFields
        legend="Before period"
        id="op-before"
        period={operation.before}
        onChange={(before) => set({ before })}
      />
      <PeriodFields
        legend="After period"
        id="op-after"
        period={operation.after}
        onChange={(after) => set({ after })}
      />
      <div style={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          Save to Operation sheet
        </Button>
      </div>
      <Notice notice={shownNotice} testId="operation-notice" focus />
      <PlanningNotice operation={operation} source={planning ?? null} />
      {confirmBlank && (
        <Suspense fallback={null}>
          <ConfirmDialog
            title="Start a blank operation?"
            lead="This clears from the form:"
            items={confirmBlank}
            after="The Operation sheet in the workbook is not changed: Load from workbook brings its details back."
            confirm="Clear the form"
            onChoose={(yes) => {
              setConfirmBlank(null);
              if (yes) clearForm();
            }}
          />
        </Suspense>
      )}
    </form>
  );
}
