import { useFocusFinders } from "@fluentui/react-components";

/**
 * Holds Fluent's focus manager (tabster) for the life of the pane. The first
 * step does without it, so it is not in the first script; but a dialog that
 * was the only user would take it down as it closed, before it had lifted
 * the aria-hidden it put on the rest of the pane.
 */
export default function TabsterKeeper() {
  useFocusFinders();
  return null;
}
