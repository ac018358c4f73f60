import { useRef, type CSSProperties, type KeyboardEvent } from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  tab: {
    position: "relative",
    display: "inline-flex",
    flexDirection: "column",
    alignItems: "center",
    border: "none",
    backgroundColor: "transparent",
    cursor: "pointer",
    padding: `${tokens.spacingVerticalSNudge} ${tokens.spacingHorizontalSNudge}`,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground2,
    borderRadius: tokens.borderRadiusMedium,
    "::after": {
      content: '""',
      position: "absolute",
      left: tokens.spacingHorizontalSNudge,
      right: tokens.spacingHorizontalSNudge,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: "transparent",
    },
    ":hover": { color: tokens.colorNeutralForeground2Hover },
    ":hover::after": { backgroundColor: tokens.colorNeutralStroke1Hover },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "-2px",
    },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    "::after": { backgroundColor: tokens.colorCompoundBrandStroke },
    ":hover::after": { backgroundColor: tokens.colorCompoundBrandStrokeHover },
  },
});

const LIST: CSSProperties = { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXXS };
// Holds the width of the bold (selected) label, so the row does not shift when the choice changes.
const RESERVE: CSSProperties = {
  height: 0,
  overflow: "hidden",
  visibility: "hidden",
  fontWeight: tokens.fontWeightSemibold,
};

/**
 * The steps of the pane as ARIA tabs, styled like Fluent's small TabList:
 * arrow keys, Home and End move between them, Enter, Space or a click opens
 * one. Fluent's own TabList brings its focus manager (tabster) into the
 * first script the pane loads, which makes the pane slower to start
 * (bench/pane.bench.ts); the later steps still use it.
 */
export function StepTabs<K extends string>(props: {
  steps: readonly { key: K; label: string }[];
  selected: K;
  onSelect: (key: K) => void;
  label: string;
}) {
  const styles = useStyles();
  const list = useRef<HTMLDivElement>(null);
  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    const tabs = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]') ?? []);
    const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to =
      e.key === "ArrowRight" || e.key === "ArrowDown"
        ? (at + 1) % tabs.length
        : e.key === "ArrowLeft" || e.key === "ArrowUp"
          ? (at - 1 + tabs.length) % tabs.length
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? tabs.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    tabs[to].focus();
  };
  return (
    <div ref={list} role="tablist" aria-label={props.label} style={LIST} onKeyDown={move}>
      {props.steps.map((s) => {
        const on = s.key === props.selected;
        return (
          <button
            key={s.key}
            type="button"
            role="tab"
            id={`tab-${s.key}`}
            aria-controls={`panel-${s.key}`}
            aria-selected={on}
            tabIndex={on ? 0 : -1}
            className={mergeClasses(styles.tab, on && styles.selected)}
            onClick={() => props.onSelect(s.key)}
          >
            {s.label}
            <span style={RESERVE} aria-hidden="true">
              {s.label}
            </span>
          </button>
        );
      })}
    </div>
  );
}
