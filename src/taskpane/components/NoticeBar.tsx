import { useEffect, useRef } from "react";
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { NoticeState } from "./noticeState";

/** The MessageBar behind Notice (its own chunk: no notice is shown when the pane opens). */
export default function NoticeBar(props: { notice: NoticeState; testId?: string; focus?: boolean }) {
  const { notice } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.focus && !notice.passive) ref.current?.focus();
  }, [notice, props.focus]);
  return (
    <MessageBar
      ref={ref}
      tabIndex={-1}
      intent={notice.intent}
      data-testid={props.testId}
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
