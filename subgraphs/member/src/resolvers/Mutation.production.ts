import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { productionRecords, type ProductionRecordRow } from '../db/schema.ts';
import { existingLineIds } from '../data/lines.ts';
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
    // Re-reporting a shift replaces it: an MES resends corrected figures for the same shift.
    return context.db.transaction(async (tx) => {
      const written: ProductionRecordRow[] = [];
      for (const r of input) {
        const values = {
          goodQuantity: r.goodQuantity,
          scrapQuantity: r.scrapQuantity,
          runMinutes: r.runMinutes,
          downMinutes: r.downMinutes,
          energyKwh: r.energyKwh ?? null,
        };
        const [row] = await tx
          .insert(productionRecords)
          .values({ lineId: r.lineId, shiftStart: r.shiftStart, ...values })
          .onConflictDoUpdate({ target: [productionRecords.lineId, productionRecords.shiftStart], set: values })
          .returning();
        written.push(row!);
      }
      return written;
    });
  },
};
