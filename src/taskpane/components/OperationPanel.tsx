import { useEffect, useState } from "react";
import { Button, Field, Input, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { blankOperation, type Operation, type Period } from "../../core/operation";
import { parseAreaList } from "../../core/areas";
import { loadOperation, saveOperation } from "../../app/operation";
import { friendlyError } from "../util";
import { DateField } from "./DateField";
import { Notice, type NoticeState } from "./Notice";
import type { PanelProps } from "./panelProps";
import { groupBox } from "./styles";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  pair: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
  },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  fieldset: { ...groupBox, gap: tokens.spacingVerticalS },
});

function PeriodFields(props: { legend: string; id: string; period: Period; onChange: (p: Period) => void }) {
  const styles = useStyles();
  return (
    <fieldset className={styles.fieldset}>
      <legend>{props.legend}</legend>
      <div className={styles.pair}>
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

export function OperationPanel({ port, operation, setOperation }: PanelProps) {
  const styles = useStyles();
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [busy, setBusy] = useState(false);
  // Area text is kept as typed so commas and new lines are not rewritten mid-edit.
  const [areaText, setAreaText] = useState({ target: "", buffer: "", control: "" });

  const set = (patch: Partial<Operation>) => setOperation({ ...operation, ...patch });
  const setAreas = (which: "target" | "buffer" | "control", text: string) => {
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
  const areaValue = (which: "target" | "buffer" | "control") => {
    const list = operation[`${which}Areas`];
    return parseAreaList(areaText[which]).join("|") === list.join("|") ? areaText[which] : list.join("\n");
  };

  const load = async () => {
    setBusy(true);
    try {
      const op = await loadOperation(port);
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
    Promise.resolve()
      .then(() => loadOperation(port))
      .then((op) => {
        if (!live || !op) return;
        setOperation(op);
        showAreas(op);
        setNotice({
          intent: "info",
          title: `Picked up "${op.name || "unnamed operation"}" from this workbook.`,
        });
      })
      .catch((e) => {
        if (live)
          setNotice({
            intent: "warning",
            title: "Could not read the Operation sheet.",
            lines: [friendlyError(e)],
          });
      });
    return () => {
      live = false;
    };
    // Once per workbook connection: the port only changes when the pane reconnects.
  }, [port]);

  const startBlank = () => {
    const op = blankOperation();
    setOperation(op);
    showAreas(op);
    setNotice(null);
  };

  const save = async () => {
    setBusy(true);
    try {
      // The date it was prepared defaults to today (local calendar date).
      const now = new Date();
      const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
      const r = await saveOperation(port, operation, today);
      if (!r.saved) {
        setNotice({ intent: "warning", title: "Nearly there: check these first.", lines: r.problems });
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

  return (
    <form
      className={styles.form}
      aria-label="Set up an operation"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className={styles.actions}>
        <Button onClick={() => void load()} disabled={busy}>
          Load from workbook
        </Button>
        <Button onClick={startBlank} disabled={busy}>
          Start blank
        </Button>
      </div>
      <Field label="Operation name" required>
        <Input id="op-name" value={operation.name} onChange={(_, d) => set({ name: d.value })} />
      </Field>
      <Field label="Force or area">
        <Input id="op-force" value={operation.force} onChange={(_, d) => set({ force: d.value })} />
      </Field>
      <Field label="Analyst">
        <Input id="op-analyst" value={operation.analyst} onChange={(_, d) => set({ analyst: d.value })} />
      </Field>
      <Field label="Target areas" hint="Area codes (e.g. LSOA codes), one per line or separated by commas.">
        <Textarea
          id="op-target"
          value={areaValue("target")}
          onChange={(_, d) => setAreas("target", d.value)}
        />
      </Field>
      <Field label="Buffer areas" hint="Around the target, to check whether harm moved next door.">
        <Textarea
          id="op-buffer"
          value={areaValue("buffer")}
          onChange={(_, d) => setAreas("buffer", d.value)}
        />
      </Field>
      <Field
        label="Control areas"
        hint="Comparable areas with no operation. Leave blank to pick them on the Evaluate tab."
      >
        <Textarea
          id="op-control"
          value={areaValue("control")}
          onChange={(_, d) => setAreas("control", d.value)}
        />
      </Field>
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
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          Save to Operation sheet
        </Button>
      </div>
      <Notice notice={notice} testId="operation-notice" />
    </form>
  );
}
