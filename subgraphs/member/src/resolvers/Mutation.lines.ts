import { eq } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '@clustergraph/runtime';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { lines } from '../db/schema.ts';
import { findLine, lineHasProduction } from '../data/lines.ts';
import { assertOwnMember } from '../validation/common.ts';
import { validateLineInput } from '../validation/lines.ts';

export const lineMutations: Pick<MutationResolvers, 'upsertLine' | 'removeLine'> = {
  async upsertLine(_parent, { memberId, input }, context) {
    assertOwnMember(memberId, context.memberId);
    await context.access.assertCanWrite('capability');
    validateLineInput(input);
    // The input describes the whole line: an omitted rate clears it. Status is left alone.
    const values = { name: input.name.trim(), processes: input.processes, ratedUnitsPerHour: input.ratedUnitsPerHour ?? null };
    const [row] = await context.db
      .insert(lines)
      .values({ id: input.id, ...values })
      .onConflictDoUpdate({ target: lines.id, set: { ...values, updatedAt: new Date() } })
      .returning();
    return row!;
  },

  async removeLine(_parent, { memberId, lineId }, context) {
    assertOwnMember(memberId, context.memberId);
    await context.access.assertCanWrite('capability');
    const line = await findLine(context.db, lineId);
    if (!line) throw new NotFoundError('line', lineId, 'lineId');
    // Production history refers to the line; removing it would orphan the firm's own records.
    if (await lineHasProduction(context.db, lineId)) {
      throw new ConflictError(`line ${lineId} has production history and cannot be removed`, 'lineId');
    }
    await context.db.delete(lines).where(eq(lines.id, lineId));
    return line;
  },
};
