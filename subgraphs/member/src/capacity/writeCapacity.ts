import { sql } from 'drizzle-orm';
import type { CapacityInput } from '../__generated__/resolvers-types.ts';
import { capacityWeeks } from '../db/schema.ts';
import type { MemberContext } from '../context.ts';

/**
 * Writes checked capacity rows in one transaction (setCapacity and importCapacity), then marks
 * accepted allocations that the lowered hours leave without capacity: the cluster re-plans them.
 */
export async function writeCapacityRows(context: Pick<MemberContext, 'db' | 'capacityGuard'>, input: readonly CapacityInput[]): Promise<void> {
  if (input.length === 0) return;
  await context.db.transaction(async (tx) => {
    for (const row of input) {
      await tx
        .insert(capacityWeeks)
        .values({
          process: row.process,
          weekStart: row.weekStart,
          actualHours: row.actualHours,
          maximumHours: row.maximumHours,
          pricePerHour: row.pricePerHour ?? null,
        })
        .onConflictDoUpdate({
          target: [capacityWeeks.process, capacityWeeks.weekStart],
          set: {
            actualHours: row.actualHours,
            maximumHours: row.maximumHours,
            // An omitted price keeps the one on file; an explicit null clears it.
            pricePerHour: row.pricePerHour === undefined ? sql`${capacityWeeks.pricePerHour}` : row.pricePerHour,
            updatedAt: new Date(),
          },
        });
    }
  });
  await context.capacityGuard.refresh(input.map((r) => ({ process: r.process, weekStart: r.weekStart })));
}
