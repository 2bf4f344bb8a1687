import type { MemberResolvers } from '../__generated__/resolvers-types.ts';
import { listPolicies } from '../sovereignty/policyStore.ts';
import { ledgerCsv, readDataUsage, summariseDataUsage } from '../sovereignty/ledgerQueries.ts';

// The owner's view of its own sovereignty: the policies in force and the usage ledger.
// Owner's users only (also enforced by the field guard); the ledger is flushed first, so
// every read answered before this query is in the answer.

export const memberSovereigntyFields: Pick<MemberResolvers, 'sharingPolicies' | 'dataUsage' | 'dataUsageSummary' | 'dataUsageCsv'> = {
  async sharingPolicies(_member, { includeRevoked }, context) {
    context.access.assertOwner('Member.sharingPolicies');
    return listPolicies(context.db, includeRevoked ?? false);
  },

  async dataUsage(_member, { from, to, readerId, category }, context) {
    context.access.assertOwner('Member.dataUsage');
    await context.ledger.flush();
    return readDataUsage(context.db, { from, to, readerId, category });
  },

  async dataUsageSummary(_member, { from, to }, context) {
    context.access.assertOwner('Member.dataUsageSummary');
    await context.ledger.flush();
    return summariseDataUsage(context.db, { from, to });
  },

  async dataUsageCsv(_member, { from, to, readerId, category }, context) {
    context.access.assertOwner('Member.dataUsageCsv');
    await context.ledger.flush();
    return ledgerCsv(await readDataUsage(context.db, { from, to, readerId, category }));
  },
};
