import { addWeeks, mondayOf } from '@clustergraph/runtime';
import { capabilities, capacityWeeks, lines, memberProfile, productionRecords, type ProcessTypeName } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import { parseDemoMemberProfile, type DemoMemberProfileInput } from './profile.ts';
import { generateProductionHistory, plannedShiftStarts } from './productionHistory.ts';
import { plantScrapShifts, seedSelfAssessment } from './analytics.ts';

/** The demo's capacity calendar covers this week and the next eleven. */
export const SEEDED_CAPACITY_WEEKS = 12;
const INSERT_CHUNK = 500;

export interface SeedResult {
  /** False when the database already had lines: seeding never writes over a firm's data. */
  seeded: boolean;
  lines: number;
  capacityWeeks: number;
  productionRecords: number;
}

/**
 * Fills an empty member database from a demo profile: profile, lines, capabilities,
 * 12 weeks of capacity from this week's Monday and per-shift production history.
 * Deterministic for the same profile and `today`; does nothing when lines exist.
 */
export async function seedDemoData(db: MemberDatabase, profileInput: DemoMemberProfileInput, today: Date): Promise<SeedResult> {
  const profile = parseDemoMemberProfile(profileInput);
  return db.transaction(async (tx) => {
    const [anyLine] = await tx.select({ id: lines.id }).from(lines).limit(1);
    if (anyLine) return { seeded: false, lines: 0, capacityWeeks: 0, productionRecords: 0 };

    await tx
      .insert(memberProfile)
      .values({ id: 1, name: profile.name, smartFactoryLevel: profile.smartFactoryLevel ?? null })
      .onConflictDoNothing();
    const createdAt = new Date(today);
    if (profile.lines.length > 0) {
      await tx.insert(lines).values(
        profile.lines.map((l) => ({
          id: l.id,
          name: l.name,
          processes: l.processes,
          ratedUnitsPerHour: l.ratedUnitsPerHour ?? null,
          stateSince: createdAt,
          createdAt,
          updatedAt: createdAt,
        })),
      );
    }
    const hasCapabilities = (await tx.select({ id: capabilities.id }).from(capabilities).limit(1)).length > 0;
    if (!hasCapabilities && profile.capabilities.length > 0) {
      await tx.insert(capabilities).values(
        profile.capabilities.map((c, position) => ({
          position,
          process: c.process,
          materials: c.materials,
          maxPartSizeMm: c.maxPartSizeMm ?? null,
          certifications: c.certifications ?? [],
          notes: c.notes ?? null,
        })),
      );
    }

    const thisMonday = mondayOf(today);
    const calendar = Object.entries(profile.capacity).flatMap(([process, week]) =>
      Array.from({ length: SEEDED_CAPACITY_WEEKS }, (_, i) => ({
        process: process as ProcessTypeName,
        weekStart: addWeeks(thisMonday, i),
        actualHours: week!.actual,
        maximumHours: week!.maximum,
        pricePerHour: week!.price ?? null,
      })),
    );
    if (calendar.length > 0) await tx.insert(capacityWeeks).values(calendar).onConflictDoNothing();

    // From Monday 00:00 in Korea (the plants' calendar, productionHistory.ts): a UTC midnight would
    // drop that Monday's day shift (06:00 KST is Sunday 21:00 UTC).
    const historyFrom = new Date(`${addWeeks(thisMonday, -profile.productionHistoryWeeks)}T00:00:00+09:00`);
    const history = plantScrapShifts(generateProductionHistory(profile.lines, plannedShiftStarts(historyFrom, today), profile.name), profile.analytics);
    for (let i = 0; i < history.length; i += INSERT_CHUNK) {
      await tx.insert(productionRecords).values(history.slice(i, i + INSERT_CHUNK));
    }
    await seedSelfAssessment(tx, profile.analytics, today);
    return { seeded: true, lines: profile.lines.length, capacityWeeks: calendar.length, productionRecords: history.length };
  });
}
