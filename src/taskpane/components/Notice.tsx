import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export interface NoticeState {
  intent: "success" | "error" | "warning" | "info";
  title: string;
  lines?: string[];
}

/** The one way panels report an outcome: a MessageBar, announced politely to screen readers. */
export function Notice({ notice, testId }: { notice: NoticeState | null; testId?: string }) {
  if (!notice) return null;
  return (
    <MessageBar
      intent={notice.intent}
      data-testid={testId}
      politeness={notice.intent === "error" ? "assertive" : "polite"}
    >
      <MessageBarBody>
        <MessageBarTitle>{notice.title}</MessageBarTitle>
        {notice.lines && notice.lines.length > 0 && (
          <ul style={{ margin: "4px 0 0", paddingLeft: "1.2em" }}>
            {notice.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
