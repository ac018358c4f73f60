import { tokens } from "@fluentui/react-components";

/** The bordered group used for every fieldset in the pane (periods, column mapping, area pickers). */
export const groupBox = {
  border: `1px solid ${tokens.colorNeutralStroke2}`,
  borderRadius: tokens.borderRadiusMedium,
  padding: tokens.spacingHorizontalS,
  margin: 0,
  display: "flex",
  flexDirection: "column",
} as const;
