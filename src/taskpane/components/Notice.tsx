import { Suspense, lazy } from "react";
import type { NoticeState } from "./noticeState";

export type { NoticeState };

const NoticeBar = lazy(() => import(/* webpackChunkName: "notice" */ "./NoticeBar"));

/** A fresh MessageBar when the words change, so each new message is announced (MessageBar announces on mount). */
const keyOf = (n: NoticeState): string => [n.intent, n.title, ...(n.lines ?? [])].join("\n");

/**
 * The one way panels report an outcome: a MessageBar, announced through the
 * pane's live region (LiveRegion). With `focus`, a new notice takes the focus
 * and so scrolls into view: the analyst sees what happened where they are
 * looking. Clear the notice when an action starts, so the same words twice are announced twice.
 */
export function Notice({
  notice,
  testId,
  focus,
}: {
  notice: NoticeState | null;
  testId?: string;
  focus?: boolean;
}) {
  if (!notice) return null;
  return (
    <Suspense fallback={null}>
      <NoticeBar key={keyOf(notice)} notice={notice} testId={testId} focus={focus} />
    </Suspense>
  );
}
