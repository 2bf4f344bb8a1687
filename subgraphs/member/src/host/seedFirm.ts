import { addWeeks, mondayOf } from '@clustergraph/runtime';
import type { ProcessType } from '@clustergraph/schema/values';
import type { MemberDatabase } from '../db/database.ts';
import { capacityWeeks, memberProfile } from '../db/schema.ts';
import { SEEDED_CAPACITY_WEEKS } from '../seed/seedDemoData.ts';
import { seedDefaultPolicies } from '../sovereignty/policyStore.ts';

export interface NewHostedFirm {
  memberId: string;
  name: string;
  processes: ProcessType[];
}

/**
 * A new hosted firm's starting data: its profile (the name), the cluster's default sharing
 * policies, and an empty capacity calendar (0 actual / 0 maximum hours) for each of its
 * processes over the same twelve weeks a demo firm gets, for its admin to fill in. Idempotent:
 * nothing is written over what is there.
 */
export async function seedHostedFirm(db: MemberDatabase, firm: NewHostedFirm, today = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(memberProfile).values({ id: 1, name: firm.name }).onConflictDoNothing();
    const monday = mondayOf(today);
    const calendar = firm.processes.flatMap((process) =>
      Array.from({ length: SEEDED_CAPACITY_WEEKS }, (_, i) => ({
        process,
        weekStart: addWeeks(monday, i),
        actualHours: 0,
        maximumHours: 0,
        pricePerHour: null,
      })),
    );
    if (calendar.length > 0) await tx.insert(capacityWeeks).values(calendar).onConflictDoNothing();
  });
  await seedDefaultPolicies(db, today);
}
