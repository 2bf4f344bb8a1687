import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { addDays, BadUserInputError, weeksBetween } from '@clustergraph/runtime';
import type { MemberResolvers } from '../__generated__/resolvers-types.ts';
import { allocations, capabilities, memberProfile, productionRecords } from '../db/schema.ts';
import { listLines } from '../data/lines.ts';
import { readCapacityBuckets } from '../data/capacity.ts';
import { readWeeklyProductionTotals } from '../data/productionWeekly.ts';

/** DCM horizons reach 24 months; a longer range is almost certainly a mistake. */
const MAX_CAPACITY_WEEKS = 110;
/** Production history is per shift; two years of it is thousands of rows per line, enough for one answer. */
const MAX_PRODUCTION_DAYS = 731;
const DAY_MS = 86_400_000;

function checkDateRange(from: string, to: string): void {
  if (from > to) throw new BadUserInputError('to', `must not be before from (${from})`);
}

export const Member: MemberResolvers = {
  // Another firm's id is not ours to answer; null lets the gateway's answer for it stand.
  __resolveReference(reference, context) {
    return reference.id === context.memberId ? { id: context.memberId } : null;
  },

  async smartFactoryLevel(_member, _args, context) {
    await context.access.assertCanRead('profile');
    const [profile] = await context.db.select({ level: memberProfile.smartFactoryLevel }).from(memberProfile);
    return profile?.level ?? null;
  },

  async capabilities(_member, _args, context) {
    await context.access.assertCanRead('capability');
    return context.db.select().from(capabilities).orderBy(asc(capabilities.position));
  },

  async lines(_member, _args, context) {
    await context.access.assertCanRead('capability');
    return listLines(context.db);
  },

  async capacity(_member, { from, to, process }, context) {
    checkDateRange(from, to);
    if (weeksBetween(from, to).length > MAX_CAPACITY_WEEKS) throw new BadUserInputError('to', `a range may span at most ${MAX_CAPACITY_WEEKS} weeks`);
    await context.access.assertCanRead('capacity');
    return readCapacityBuckets(context.db, { from, to, process });
  },

  async allocations(_member, { status }, context) {
    await context.access.assertCanRead('orders');
    return context.db
      .select()
      .from(allocations)
      .where(status ? eq(allocations.status, status) : undefined)
      .orderBy(asc(allocations.weekStart), asc(allocations.id));
  },

  // Dates are UTC calendar days: [from 00:00Z, to + 1 day 00:00Z).
  async production(_member, { from, to, lineId }, context) {
    checkDateRange(from, to);
    if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_PRODUCTION_DAYS)
      throw new BadUserInputError('to', `a range may span at most ${MAX_PRODUCTION_DAYS} days`);
    await context.access.assertCanRead('production');
    // An AGGREGATED grant is served weekly totals of the whole firm, never rows of a line or a shift.
    const decision = await context.access.decide('production', 'aggregates');
    if (decision.allowed && decision.granularity === 'AGGREGATED') {
      if (lineId) {
        // A refusal is recorded like any other (the fuzz test found this one missing from the ledger).
        context.access.recordRead('production', { allowed: false, reason: 'AGGREGATED_ONLY' }, 1);
        throw context.access.forbidden('production', 'AGGREGATED_ONLY');
      }
      return readWeeklyProductionTotals(context.db, { from, to }, new Date());
    }
    return context.db
      .select()
      .from(productionRecords)
      .where(
        and(
          gte(productionRecords.shiftStart, new Date(`${from}T00:00:00Z`)),
          lt(productionRecords.shiftStart, new Date(`${addDays(to, 1)}T00:00:00Z`)),
          lineId ? eq(productionRecords.lineId, lineId) : undefined,
        ),
      )
      .orderBy(asc(productionRecords.shiftStart), asc(productionRecords.lineId));
  },
};
