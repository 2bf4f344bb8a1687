import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { LineStatusChangedDocument, withheldNoticeOf, type LineState, type WithheldMember } from '@clustergraph/sdk';

export interface FeedEvent {
  memberId: string;
  lineId: string;
  seq: number;
  state: LineState;
  at: string;
  reasonCode?: string | null | undefined;
}

export interface LineStatusFeed {
  /** Events received live, newest first, by `memberId/lineId`. */
  events: Map<string, FeedEvent[]>;
  /** Members that withhold the stream (the gateway's last notice); empty until one is named. */
  withheld: readonly WithheldMember[];
  /** Why the feed is down (the socket, not a member's policy), or null while it is up. */
  interruption: string | null;
}

const RESUBSCRIBE_MS = 3000;
export const lineKey = (memberId: string, lineId: string) => `${memberId}/${lineId}`;

/**
 * The gateway's lineStatusChanged for the live page. Read through urql's client rather than
 * useSubscription: urql carries a payload's errors over to every later result and keeps the
 * previous data on a data-less one, so "withheld" would look like an error that never ends.
 * Here a withheld notice only updates `withheld`, events are de-duplicated by seq, and only
 * a socket that is really down (graphql-ws gave up) counts as an interruption — the feed then
 * subscribes again after a pause, resuming from the last seq of each member.
 */
export function useLineStatusFeed(): LineStatusFeed {
  const client = useClient();
  const [events, setEvents] = useState<Map<string, FeedEvent[]>>(new Map());
  const [withheld, setWithheld] = useState<readonly WithheldMember[]>([]);
  const [interruption, setInterruption] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let current: { unsubscribe(): void } | undefined;
    const cursors = new Map<string, number>();
    let withheldKey = '';

    const open = () => {
      const resumeFrom = [...cursors].map(([memberId, seq]) => ({ memberId, seq }));
      current = client
        .subscription(LineStatusChangedDocument, { memberIds: null, states: null, resumeFrom: resumeFrom.length ? resumeFrom : null })
        .subscribe((result) => {
          if (stopped) return;
          if (result.error?.networkError) {
            // An empty reason: the page says in its own words that the connection closed.
            setInterruption(result.error.networkError.message || '');
            current?.unsubscribe();
            retry = setTimeout(open, RESUBSCRIBE_MS);
            return;
          }
          setInterruption(null);
          const notice = withheldNoticeOf({ extensions: result.extensions ?? null });
          if (notice) {
            const key = notice.map((m) => `${m.memberId}|${m.category}|${m.purpose}`).join(',');
            if (key !== withheldKey) {
              withheldKey = key;
              setWithheld(notice);
            }
          }
          const e = result.data?.lineStatusChanged;
          if (!e || (cursors.get(e.memberId) ?? 0) >= e.seq) return;
          cursors.set(e.memberId, e.seq);
          setEvents((prev) => {
            const next = new Map(prev);
            const key = lineKey(e.memberId, e.lineId);
            next.set(key, [
              { memberId: e.memberId, lineId: e.lineId, seq: e.seq, state: e.state, at: e.at, reasonCode: e.reasonCode },
              ...(prev.get(key) ?? []),
            ]);
            return next;
          });
        });
    };
    open();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      current?.unsubscribe();
    };
  }, [client]);

  return { events, withheld, interruption };
}
