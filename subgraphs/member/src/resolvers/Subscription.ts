import type { FormattedExecutionResult } from 'graphql';
import { BadUserInputError, PreparedEvent, SubscriptionNotice } from '@clustergraph/runtime';
import type { MemberContext } from '../context.ts';
import type { LineStateName } from '../db/schema.ts';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types.ts';
import { StreamFailure, StreamNotice, type StreamItem } from '../events/stream.ts';
import type { LineEvent } from '../events/types.ts';
import { excludedByMemberIds } from './Query.ts';

const finished: AsyncIterableIterator<never> = {
  next: async () => ({ done: true, value: undefined }),
  return: async () => ({ done: true, value: undefined }),
  [Symbol.asyncIterator]() {
    return this;
  },
};

/** The seq to resume after for this member, from the cursors of every member the client follows. */
function resumeAfterOf(cursors: ReadonlyArray<{ memberId: string; seq: number }> | null | undefined, memberId: string): number | undefined {
  let found: number | undefined;
  cursors?.forEach((cursor, i) => {
    if (cursor.memberId !== memberId) return;
    if (found !== undefined) throw new BadUserInputError(`resumeFrom[${i}].memberId`, `names member "${memberId}" twice`);
    if (!Number.isInteger(cursor.seq) || cursor.seq < 0) throw new BadUserInputError(`resumeFrom[${i}].seq`, 'must be 0 or more');
    found = cursor.seq;
  });
  return found;
}

/**
 * The notice for a change of the gate (README "Live line status"): withheld is a FORBIDDEN
 * error like a query's plus `extensions.withheld` naming the owner; shared again is
 * `extensions.withheld: []`. Both with `data: null`, and the subscription goes on.
 */
function noticeResponse(notice: StreamNotice, context: MemberContext): FormattedExecutionResult {
  if (notice.open) return { data: null, extensions: { withheld: [] } };
  const reason = notice.refusal ?? 'NO_POLICY';
  const error = context.access.forbidden('LINE_STATUS', reason).toJSON();
  return {
    data: null,
    errors: [{ ...error, path: ['lineStatusChanged'] }],
    extensions: { withheld: [{ memberId: context.memberId, category: 'LINE_STATUS', purpose: context.auth.purpose, reason }] },
  };
}

export const Subscription: SubscriptionResolvers = {
  lineStatusChanged: {
    async subscribe(_parent, { memberIds, lineIds, states, resumeFrom }, context, info) {
      const resumeAfter = resumeAfterOf(resumeFrom, context.memberId);
      // Routed by memberIds like a root list field: a member left out has nothing to send.
      if (excludedByMemberIds(memberIds, context.memberId) || lineIds?.length === 0 || states?.length === 0) return finished;
      // Withheld is not an end: the stream stays open, says so once, and opens when a grant lets the reader in.
      // Subscribers of one reader scope share that decision and each event's response (events/readerScopes.ts).
      const scope = await context.lineEvents.scopes.scopeOf(context, info, { memberIds: memberIds ?? null, lineIds: lineIds ?? null, states: states ?? null });
      const gate = scope.join();
      return context.lineEvents.stream({
        lineIds: lineIds ? new Set(lineIds) : undefined,
        states: states ? new Set<LineStateName>(states) : undefined,
        resumeAfter,
        gate,
        prepare: gate.prepare,
      });
    },
    // A StreamFailure (too slow) ends the stream: its error goes to the client, then `complete`.
    // Events come prepared for the reader scope and skip this resolver (runtime subscribeWithPreparedEvents).
    resolve: (item: StreamItem, _args: unknown, context: MemberContext): LineEvent => {
      if (item instanceof StreamFailure) throw item.error;
      if (item instanceof PreparedEvent) throw new SubscriptionNotice(item.response);
      if (item instanceof StreamNotice) throw new SubscriptionNotice(noticeResponse(item, context));
      return item;
    },
  } as SubscriptionResolvers['lineStatusChanged'],
};
