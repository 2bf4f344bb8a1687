import { BadUserInputError } from '@clustergraph/runtime';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { queryLineEvents } from '../events/queries.ts';
import { excludedByMemberIds } from './Query.ts';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1_000;

export const lineEventQueries: Pick<QueryResolvers, 'lineEvents'> = {
  async lineEvents(_parent, { memberIds, lineIds, from, to, afterSeq, limit }, context) {
    if (excludedByMemberIds(memberIds, context.memberId)) return [];
    const take = limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(take) || take < 1 || take > MAX_LIMIT) throw new BadUserInputError('limit', `must be 1 to ${MAX_LIMIT}`);
    if (afterSeq !== null && afterSeq !== undefined && afterSeq < 0) throw new BadUserInputError('afterSeq', 'must be 0 or more');
    if (from && to && from.getTime() > to.getTime()) throw new BadUserInputError('to', 'must not be before from');
    await context.access.assertCanRead('LINE_STATUS');
    return queryLineEvents(context.db, { lineIds, from, to, afterSeq, limit: take });
  },
};
