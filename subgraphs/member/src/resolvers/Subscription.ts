import { BadUserInputError } from '@clustergraph/runtime';
import type { LineStateName } from '../db/schema.ts';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types.ts';
import { mayDeliver } from '../events/access.ts';
import { StreamFailure, type StreamItem } from '../events/stream.ts';
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

export const Subscription: SubscriptionResolvers = {
  lineStatusChanged: {
    async subscribe(_parent, { memberIds, lineIds, states, resumeFrom }, context) {
      const resumeAfter = resumeAfterOf(resumeFrom, context.memberId);
      // Routed by memberIds like a root list field: a member left out has nothing to send.
      if (excludedByMemberIds(memberIds, context.memberId) || lineIds?.length === 0 || states?.length === 0) return finished;
      await context.access.assertCanRead('LINE_STATUS');
      return context.lineEvents.stream({
        lineIds: lineIds ? new Set(lineIds) : undefined,
        states: states ? new Set<LineStateName>(states) : undefined,
        resumeAfter,
        mayDeliver: (event) => mayDeliver(event, context),
      });
    },
    // The stream ends with a StreamFailure (too slow, access revoked): its error goes to the client, then `complete`.
    resolve: (item: StreamItem): LineEvent => {
      if (item instanceof StreamFailure) throw item.error;
      return item;
    },
  } as SubscriptionResolvers['lineStatusChanged'],
};
