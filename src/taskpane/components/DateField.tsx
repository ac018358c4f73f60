import { useRef, useState, type CSSProperties } from "react";
import { Input, makeStyles, tokens } from "@fluentui/react-components";
import { parseUserDate } from "../../core/incidents/dates";
import { isoToGb } from "../util";
import { FormField } from "./FormField";

// The browser's date input behind the calendar button: made when the button is pressed, never seen or
// reached by Tab (the text box is the control). Four of them on the first step slowed the pane's start.
const NATIVE = "position:absolute;width:1px;height:1px;opacity:0;pointer-events:none;border:0";
// Plain style objects where no pseudo-class is needed: no style rules to compile as the pane opens.
const WRAP: CSSProperties = { position: "relative", minWidth: 0 };
const INPUT: CSSProperties = { minWidth: 0, width: "100%" };

const useStyles = makeStyles({
  // A plain button styled as Fluent's small transparent icon button (cheaper to draw, four to a page).
  calendar: {
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    border: "none",
    backgroundColor: "transparent",
    padding: "2px",
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground2,
    cursor: "pointer",
    ":hover": { color: tokens.colorNeutralForeground2BrandHover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

/** "31/01/2024" (or "2024-01-31", as typed or pasted) → "2024-01-31" when it is a real date, else "". */
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
  const wrap = useRef<HTMLDivElement>(null);
  const [text, setText] = useState(() => isoToGb(props.value));
  // Show what was typed while it is being typed; show the value when it changes from outside (Load, Start blank).
  const typedMatches = parseGbDate(text) === props.value || (props.value === "" && parseGbDate(text) === "");
  const shown = typedMatches ? text : isoToGb(props.value);
  const invalid = shown.trim() !== "" && parseGbDate(shown) === "";

  const change = (t: string) => {
    setText(t);
    props.onChange(parseGbDate(t));
  };

  // Made in the click itself: showPicker() needs the click's user activation.
  const openPicker = () => {
    const box = wrap.current;
    if (!box) return;
    const el = document.createElement("input");
    el.type = "date";
    el.tabIndex = -1;
    el.setAttribute("aria-hidden", "true");
    el.style.cssText = NATIVE;
    el.value = props.value;
    const done = () => el.remove();
    el.addEventListener("change", () => {
      change(isoToGb(el.value));
      done();
    });
    el.addEventListener("blur", done);
    box.appendChild(el);
    try {
      el.showPicker();
    } catch {
      el.focus(); // older browsers: the native control takes over
    }
  };

  return (
    <FormField
      label={props.label}
      htmlFor={props.id}
      hint="dd/mm/yyyy"
      error={invalid ? "Enter a real date as dd/mm/yyyy, e.g. 31/01/2024." : undefined}
    >
      {(aria) => (
        <div style={WRAP} ref={wrap}>
          <Input
            {...aria}
            style={INPUT}
            id={props.id}
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            autoComplete="off"
            value={shown}
            onChange={(_, d) => change(d.value)}
            // A date typed another accepted way (2024-09-01, 1/9/2024) is shown as dd/mm/yyyy once left.
            onBlur={() => {
              const iso = parseGbDate(text);
              if (iso && iso === props.value) setText(isoToGb(iso));
            }}
            contentAfter={
              <button
                type="button"
                className={styles.calendar}
                aria-label={`Choose the ${props.label.toLowerCase()} date from a calendar`}
                onClick={openPicker}
              >
                <CalendarIcon />
              </button>
            }
          />
        </div>
      )}
    </FormField>
  );
}
