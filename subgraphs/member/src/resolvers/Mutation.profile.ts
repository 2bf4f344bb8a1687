import { asc } from 'drizzle-orm';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { capabilities, memberProfile } from '../db/schema.ts';
import { assertOwnMember } from '../validation/common.ts';
import { validateCapabilitiesInput, validateSmartFactoryLevel } from '../validation/profile.ts';

export const profileMutations: Pick<MutationResolvers, 'setCapabilities' | 'setSmartFactoryLevel'> = {
  async setCapabilities(_parent, { memberId, input }, context) {
    assertOwnMember(memberId, context.memberId);
    await context.access.assertCanWrite('capability');
    validateCapabilitiesInput(input);
    await context.db.transaction(async (tx) => {
      await tx.delete(capabilities);
      if (input.length === 0) return;
      await tx.insert(capabilities).values(
        input.map((c, position) => ({
          position,
          process: c.process,
          materials: c.materials.map((m) => m.trim()),
          maxPartSizeMm: c.maxPartSizeMm ?? null,
          certifications: (c.certifications ?? []).map((s) => s.trim()),
          notes: c.notes?.trim() || null,
        })),
      );
    });
    return context.db.select().from(capabilities).orderBy(asc(capabilities.position));
  },

  async setSmartFactoryLevel(_parent, { memberId, level }, context) {
    assertOwnMember(memberId, context.memberId);
    await context.access.assertCanWrite('profile');
    validateSmartFactoryLevel(level);
    await context.db
      .insert(memberProfile)
      .values({ id: 1, smartFactoryLevel: level })
      .onConflictDoUpdate({ target: memberProfile.id, set: { smartFactoryLevel: level, updatedAt: new Date() } });
    return { id: context.memberId };
  },
};
