import { z } from 'zod';
import { selfAssessments } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import { SELF_ASSESSMENT_QUESTIONS } from '../analytics/selfAssessment.ts';

/**
 * The analytics part of a demo profile: the firm's self-assessment answers, and anomalies
 * planted in the generated production history so that the detector has something real to
 * find (a scrap-rate shift on one line over its last shifts).
 */
export const analyticsSeedSchema = z.object({
  selfAssessment: z
    .object(
      Object.fromEntries(SELF_ASSESSMENT_QUESTIONS.map((q) => [q.key, z.boolean()])) as Record<(typeof SELF_ASSESSMENT_QUESTIONS)[number]['key'], z.ZodBoolean>,
    )
    .optional(),
  plantedScrapShifts: z
    .array(
      z.object({
        lineId: z.string(),
        /** The line's last `shifts` shifts of the history scrap `factor` times as much. */
        shifts: z.number().int().min(1).max(500),
        factor: z.number().min(1).max(20),
      }),
    )
    .default([]),
});
export type AnalyticsSeed = z.output<typeof analyticsSeedSchema>;

interface ShiftRecord {
  lineId: string;
  goodQuantity: number;
  scrapQuantity: number;
}

/** Raises the scrap of the planted lines' last shifts (produced quantity unchanged); returns the records. */
export function plantScrapShifts<T extends ShiftRecord>(history: T[], seed: AnalyticsSeed | undefined): T[] {
  for (const plant of seed?.plantedScrapShifts ?? []) {
    const own = history.filter((r) => r.lineId === plant.lineId);
    for (const r of own.slice(-plant.shifts)) {
      const produced = r.goodQuantity + r.scrapQuantity;
      // At least one more scrapped part than before, so low-volume lines show the shift too.
      r.scrapQuantity = Math.min(produced, Math.max(r.scrapQuantity + 1, Math.round(r.scrapQuantity * plant.factor)));
      r.goodQuantity = produced - r.scrapQuantity;
    }
  }
  return history;
}

/** The demo firm's self-assessment, answered when the database was seeded. */
export async function seedSelfAssessment(db: MemberDatabase, seed: AnalyticsSeed | undefined, today: Date): Promise<boolean> {
  if (!seed?.selfAssessment) return false;
  await db.insert(selfAssessments).values({ answers: seed.selfAssessment, answeredBy: 'demo-seed', answeredAt: today });
  return true;
}
