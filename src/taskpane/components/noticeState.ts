/**
 * What a notice says. Its own module so that Notice and the lazily loaded
 * NoticeBar share the type without importing each other.
 */
export interface NoticeState {
  intent: "success" | "error" | "warning" | "info";
  title: string;
  lines?: string[];
  /** Shown without taking focus (e.g. what the pane found on opening). */
  passive?: boolean;
}
