import { cloneElement, type CSSProperties, type ReactElement } from "react";
import { Label, tokens } from "@fluentui/react-components";

// Plain style objects, not makeStyles: nothing here needs a pseudo-class, and griffel compiling style
// rules in the page was a good part of the pane's start-up (bench/pane.bench.ts).
const FIELD: CSSProperties = {
  display: "flex",
  flexDirection: "column",
  gap: tokens.spacingVerticalXXS,
  minWidth: 0,
};
const SMALL: CSSProperties = { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 };
const HINT: CSSProperties = { ...SMALL, color: tokens.colorNeutralForeground3 };
const ERROR: CSSProperties = { ...SMALL, color: tokens.colorPaletteRedForeground1 };

export interface FieldAria {
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
  "aria-required"?: boolean;
}

/**
 * A label, a control, a hint and an error message, wired for screen readers
 * (label for, aria-describedby, aria-invalid, aria-required) as Fluent's Field does. The
 * Operation step draws nine of these as the pane opens; Fluent's Field costs
 * several times more to draw (bench/pane.bench.ts), so the first step uses this.
 */
export function FormField(props: {
  label: string;
  /** The id of the control (its `id` prop). */
  htmlFor: string;
  hint?: string;
  required?: boolean;
  error?: string;
  /** The control; a function when the control is inside a wrapper (it gets the aria props to put on it). */
  children: ReactElement<FieldAria> | ((aria: FieldAria) => ReactElement);
}) {
  const hintId = `${props.htmlFor}-hint`;
  const errorId = `${props.htmlFor}-error`;
  const describedBy = [props.error ? errorId : "", props.hint ? hintId : ""].filter(Boolean).join(" ");
  const aria: FieldAria = {
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(props.error ? { "aria-invalid": true } : {}),
    ...(props.required ? { "aria-required": true } : {}),
  };
  return (
    <div style={FIELD}>
      <Label htmlFor={props.htmlFor} required={props.required}>
        {props.label}
      </Label>
      {typeof props.children === "function" ? props.children(aria) : cloneElement(props.children, aria)}
      {props.error && (
        <div id={errorId} role="alert" style={ERROR}>
          {props.error}
        </div>
      )}
      {props.hint && (
        <div id={hintId} style={HINT}>
          {props.hint}
        </div>
      )}
    </div>
  );
}
