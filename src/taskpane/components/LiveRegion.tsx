import { Suspense, lazy, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { AnnounceProvider, type AnnounceContextValue } from "@fluentui/react-components";
import { whenIdle } from "../util";

const TabsterKeeper = lazy(() => import(/* webpackChunkName: "tabster" */ "./TabsterKeeper"));

const KEPT = 3;

/** Off screen but read by screen readers. */
const hidden = {
  position: "absolute",
  width: "1px",
  height: "1px",
  margin: "-1px",
  padding: 0,
  overflow: "hidden",
  clipPath: "inset(50%)",
  whiteSpace: "nowrap",
  border: 0,
} as const;

/**
 * The pane's aria-live regions (and, once it is drawn, Fluent's focus
 * manager: TabsterKeeper). Fluent's MessageBar (every Notice) announces
 * its text through the AnnounceProvider; here that text lands in a polite
 * region (an assertive one for errors), present from the start so screen
 * readers are already listening. Each message is a new node, so the same
 * words twice are announced twice.
 */
export function LiveRegion({ children }: { children: ReactNode }) {
  // The latest few, so two messages at once (a result and its warnings) are both read.
  const [messages, setMessages] = useState<{ text: string; alert: boolean; n: number }[]>([]);
  const announce = useCallback<AnnounceContextValue["announce"]>(
    (text, options) =>
      setMessages((m) => [
        ...m.slice(-(KEPT - 1)),
        { text, alert: options?.alert === true, n: (m[m.length - 1]?.n ?? 0) + 1 },
      ]),
    [],
  );
  const spans = (alert: boolean) =>
    messages.filter((m) => m.alert === alert).map((m) => <span key={m.n}>{m.text} </span>);
  const value = useMemo(() => ({ announce }), [announce]);
  // Loaded once the pane is drawn (see TabsterKeeper).
  const [keeper, setKeeper] = useState(false);
  useEffect(() => whenIdle(() => setKeeper(true)), []);
  return (
    <AnnounceProvider value={value}>
      {children}
      {keeper && (
        <Suspense fallback={null}>
          <TabsterKeeper />
        </Suspense>
      )}
      <div role="status" aria-live="polite" data-testid="live-polite" style={hidden}>
        {spans(false)}
      </div>
      <div role="alert" aria-live="assertive" data-testid="live-assertive" style={hidden}>
        {spans(true)}
      </div>
    </AnnounceProvider>
  );
}
