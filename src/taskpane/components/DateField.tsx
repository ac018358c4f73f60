import { useRef, useState } from "react";
import { Button, Field, Input, makeStyles } from "@fluentui/react-components";
import { parseUserDate } from "../../core/incidents/dates";
import { isoToGb } from "../util";

const useStyles = makeStyles({
  // Present for showPicker() but never seen or reached by Tab: the text box is the control.
  native: { position: "absolute", width: "1px", height: "1px", opacity: 0, pointerEvents: "none", border: 0 },
  wrap: { position: "relative", minWidth: 0 },
  input: { minWidth: 0, width: "100%" },
});

/** "31/01/2024" (or "2024-01-31") → "2024-01-31" when it is a real date, else "". */
export const parseGbDate = (text: string): string => parseUserDate(text) ?? "";

const CalendarIcon = () => (
  <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path
      fill="currentColor"
      d="M5 1.5a.5.5 0 0 1 1 0V2h4v-.5a.5.5 0 0 1 1 0V2h1.5A1.5 1.5 0 0 1 14 3.5v9a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 12.5v-9A1.5 1.5 0 0 1 3.5 2H5v-.5ZM3 6v6.5c0 .28.22.5.5.5h9a.5.5 0 0 0 .5-.5V6H3Zm0-1h10V3.5a.5.5 0 0 0-.5-.5h-9a.5.5 0 0 0-.5.5V5Z"
    />
  </svg>
);

/**
 * A date typed as dd/mm/yyyy (en-GB whatever the computer's language), with
 * a calendar button that opens the browser's own date picker.
 */
export function DateField(props: {
  label: string;
  value: string;
  onChange: (iso: string) => void;
  id: string;
}) {
  const styles = useStyles();
  const native = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => isoToGb(props.value));
  // Show what was typed while it is being typed; show the value when it changes from outside (Load, Start blank).
  const typedMatches = parseGbDate(text) === props.value || (props.value === "" && parseGbDate(text) === "");
  const shown = typedMatches ? text : isoToGb(props.value);
  const invalid = shown.trim() !== "" && parseGbDate(shown) === "";

  const change = (t: string) => {
    setText(t);
    props.onChange(parseGbDate(t));
  };

  return (
    <Field
      label={props.label}
      hint="dd/mm/yyyy"
      validationState={invalid ? "error" : "none"}
      validationMessage={invalid ? "Enter a real date as dd/mm/yyyy, e.g. 31/01/2024." : undefined}
    >
      <div className={styles.wrap}>
        <Input
          className={styles.input}
          id={props.id}
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          autoComplete="off"
          value={shown}
          onChange={(_, d) => change(d.value)}
          contentAfter={
            <Button
              appearance="transparent"
              size="small"
              icon={<CalendarIcon />}
              aria-label={`Choose the ${props.label.toLowerCase()} date from a calendar`}
              onClick={() => {
                const el = native.current;
                if (!el) return;
                el.value = props.value;
                try {
                  el.showPicker();
                } catch {
                  el.focus(); // older browsers: the native control takes over
                }
              }}
            />
          }
        />
        <input
          ref={native}
          type="date"
          tabIndex={-1}
          aria-hidden="true"
          className={styles.native}
          onChange={(e) => change(isoToGb(e.currentTarget.value))}
        />
      </div>
    </Field>
  );
}
