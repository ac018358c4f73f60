import type { CSSProperties } from "react";
import { tokens } from "@fluentui/react-components";

// A plain style object: no pseudo-classes, and no style rules to compile as the pane opens.
const NOTE: CSSProperties = {
  margin: 0,
  padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  borderRadius: tokens.borderRadiusMedium,
  border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  backgroundColor: tokens.colorNeutralBackground3,
  color: tokens.colorNeutralForeground1,
  fontFamily: tokens.fontFamilyBase,
  fontSize: tokens.fontSizeBase300,
  lineHeight: tokens.lineHeightBase300,
};

/**
 * A standing note at the top of the pane (e.g. that the preview is not
 * connected to Excel). Plain text in an info box: a Fluent MessageBar here
 * would cost the pane's start-up its reflow observer, motion and icons.
 */
export function PaneNote({ children }: { children: string }) {
  return (
    <p style={NOTE} role="note">
      {children}
    </p>
  );
}
