import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { existingLineIds } from '../data/lines.ts';
import { writeProductionRows } from '../data/productionWrites.ts';
import { assertOwnMember } from '../validation/common.ts';
import { validateProductionInput } from '../validation/production.ts';
import { assertRowCount } from '../validation/bounds.ts';

export const productionMutations: Pick<MutationResolvers, 'reportProduction'> = {
  async reportProduction(_parent, { memberId, input }, context) {
    assertOwnMember(memberId, context.memberId);
    await context.access.assertCanWrite('production');
    assertRowCount(input.length, 'input', context.writeBounds);
    const knownLineIds = await existingLineIds(
      context.db,
      input.map((r) => r.lineId),
    );
    validateProductionInput(input, knownLineIds, new Date(), context.writeBounds);
    if (input.length === 0) return [];
    return writeProductionRows(context.db, input);
  },
};
