import { BadUserInputError } from '@clustergraph/runtime';
import { MemberErrorCode } from '../errors.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { assertOwnMember } from '../validation/common.ts';
import { validateLineEventInputs } from '../events/validation.ts';

/** One call may carry an MES's backlog, not an unbounded upload. */
const MAX_EVENTS_PER_CALL = 5_000;

export const lineEventMutations: Pick<MutationResolvers, 'reportLineEvents'> = {
  async reportLineEvents(_parent, { memberId, events }, context) {
    // Optional in the standard: the gateway routes a call without it to the viewer's own firm.
    if (memberId !== null && memberId !== undefined) assertOwnMember(memberId, context.memberId);
    await context.access.assertCanWrite('LINE_STATUS');
    const service = context.lineEvents;
    const counters = service.counters.bySource.mutation;
    counters.received += events.length;
    try {
      if (events.length > MAX_EVENTS_PER_CALL) throw new BadUserInputError('events', `at most ${MAX_EVENTS_PER_CALL} events per call`);
      await service.lines.ensure(events.map((e) => e.lineId));
      // All or nothing: any bad event fails the whole call before anything is written.
      const valid = validateLineEventInputs(events, (lineId) => service.lines.has(lineId), new Date());
      return await service.ingest(valid, 'mutation');
    } catch (error) {
      if ((error as { extensions?: { code?: string } }).extensions?.code === MemberErrorCode.BAD_USER_INPUT) counters.rejected += events.length;
      throw error;
    }
  },
};
