import { addDays } from '@clustergraph/runtime';
import { BadUserInputError } from '@clustergraph/runtime';
import type { LineResolvers } from '../__generated__/resolvers-types.ts';
import { oeeModel } from '../analytics/oee.ts';

/** Two years of weeks is plenty for one answer. */
const MAX_OEE_DAYS = 731;

export const lineOeeFields: Pick<LineResolvers, 'oee'> = {
  async oee(line, { from, to }, context) {
    if (from > to) throw new BadUserInputError('to', `must not be before from (${from})`);
    if (addDays(from, MAX_OEE_DAYS) < to) throw new BadUserInputError('to', `a range may span at most ${MAX_OEE_DAYS} days`);
    await context.access.assertCanRead('aiInsights');
    return oeeModel.run(context.db, { from, to, lineId: line.id });
  },
};
