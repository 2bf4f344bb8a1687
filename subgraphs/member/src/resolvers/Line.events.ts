import { BadUserInputError } from '@clustergraph/runtime';
import type { LineResolvers } from '../__generated__/resolvers-types.ts';
import { recentLineEvents } from '../events/queries.ts';

const DEFAULT_RECENT = 20;
const MAX_RECENT = 200;

/** The line's event timeline (the console's line page). */
export const lineEventFields: Pick<LineResolvers, 'recentEvents'> = {
  async recentEvents(line, { limit }, context) {
    const take = limit ?? DEFAULT_RECENT;
    if (!Number.isInteger(take) || take < 1 || take > MAX_RECENT) throw new BadUserInputError('limit', `must be 1 to ${MAX_RECENT}`);
    await context.access.assertCanRead('LINE_STATUS');
    return recentLineEvents(context.db, line.id, take);
  },
};
