import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { readCapacityBuckets } from '../data/capacity.ts';
import { writeCapacityRows } from '../capacity/writeCapacity.ts';
import { assertOwnMember } from '../validation/common.ts';
import { validateCapacityInput } from '../validation/capacity.ts';
import { assertRowCount, loadFirmProcesses, planningHorizon } from '../validation/bounds.ts';

export const capacityMutations: Pick<MutationResolvers, 'setCapacity'> = {
  async setCapacity(_parent, { memberId, input }, context) {
    assertOwnMember(memberId, context.memberId);
    await context.access.assertCanWrite('capacity');
    assertRowCount(input.length, 'input', context.writeBounds);
    validateCapacityInput(input, {
      firm: await loadFirmProcesses(context.db),
      horizon: planningHorizon(context.writeBounds, new Date()),
      bounds: context.writeBounds,
    });
    if (input.length === 0) return [];
    // Lowered hours may leave accepted work without capacity: the write marks it, the cluster re-plans it.
    await writeCapacityRows(context, input);

    // Answer with the buckets as they now stand (committed hours included), in input order.
    const weeks = input.map((r) => r.weekStart).sort();
    const buckets = await readCapacityBuckets(context.db, { from: weeks[0]!, to: weeks[weeks.length - 1]! });
    const byKey = new Map(buckets.map((b) => [`${b.process}|${b.weekStart}`, b]));
    return input.map((r) => byKey.get(`${r.process}|${r.weekStart}`)!);
  },
};
