import { eq } from 'drizzle-orm';
import { NotFoundError } from '@clustergraph/runtime';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { sharingPolicies } from '../db/schema.ts';
import { findPolicy, insertPolicy } from '../sovereignty/policyStore.ts';
import { assertOwnMember } from '../validation/common.ts';
import { validatePolicyTerms } from '../validation/sharing.ts';

// Every process holds the policies in memory (sovereignty/policyCache.ts): announcing a write,
// right after it commits and before it answers, drops that cache here (other replicas drop theirs
// at the NOTIFY), so a grant, change or revocation takes effect on the next request; running
// subscriptions decide again at the same announcement.

export const sharingMutations: Pick<MutationResolvers, 'grantSharing' | 'updateSharing' | 'revokeSharing'> = {
  async grantSharing(_parent, { memberId, input }, context) {
    assertOwnMember(memberId, context.memberId);
    context.access.assertOwnerAdmin('grantSharing');
    const now = new Date();
    const terms = { grantee: input.grantee.trim(), validFrom: input.validFrom ?? now, validUntil: input.validUntil ?? null };
    validatePolicyTerms(terms, context.memberId);
    const row = await insertPolicy(
      context.db,
      { category: input.category, purpose: input.purpose, granularity: input.granularity ?? 'RAW', ...terms },
      context.auth.viewer!.userId,
      now,
    );
    await context.policyChanges.announce();
    return row;
  },

  async updateSharing(_parent, { memberId, policyId, input }, context) {
    assertOwnMember(memberId, context.memberId);
    context.access.assertOwnerAdmin('updateSharing');
    const current = await findPolicy(context.db, policyId);
    if (!current || current.revokedAt) throw new NotFoundError('sharing policy', policyId, 'policyId');
    const terms = {
      grantee: input.grantee?.trim() ?? current.grantee,
      validFrom: input.validFrom ?? current.validFrom,
      // Omitted keeps the end; an explicit null makes the policy open-ended.
      validUntil: input.validUntil === undefined ? current.validUntil : input.validUntil,
    };
    validatePolicyTerms(terms, context.memberId);
    const [row] = await context.db
      .update(sharingPolicies)
      .set({ ...terms, purpose: input.purpose ?? current.purpose, granularity: input.granularity ?? current.granularity, updatedAt: new Date() })
      .where(eq(sharingPolicies.id, policyId))
      .returning();
    await context.policyChanges.announce();
    return row!;
  },

  async revokeSharing(_parent, { memberId, policyId }, context) {
    assertOwnMember(memberId, context.memberId);
    context.access.assertOwnerAdmin('revokeSharing');
    const current = await findPolicy(context.db, policyId);
    if (!current) throw new NotFoundError('sharing policy', policyId, 'policyId');
    if (current.revokedAt) return current;
    const now = new Date();
    const [row] = await context.db
      .update(sharingPolicies)
      .set({ revokedAt: now, revokedBy: context.auth.viewer!.userId, updatedAt: now })
      .where(eq(sharingPolicies.id, policyId))
      .returning();
    await context.policyChanges.announce();
    return row!;
  },
};
