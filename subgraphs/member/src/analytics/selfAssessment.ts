import { desc, lte } from 'drizzle-orm';
import { BadUserInputError } from '@clustergraph/runtime';
import { selfAssessments, type SelfAssessmentRow } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';

/**
 * The short self-assessment that the data cannot answer, one yes/no question per rung of
 * the smart-factory ladder (and environment/safety, which assessments weigh from 2025).
 * The maturity model combines these answers with what the firm's data shows.
 */
export const SELF_ASSESSMENT_QUESTIONS = [
  { key: 'lotTraceability', level: 1, question: 'Can every lot be traced from material to shipment (barcode or RFID)?' },
  { key: 'automaticEquipmentData', level: 2, question: 'Is equipment data collected automatically (PLC, sensors), not typed in?' },
  {
    key: 'realTimeControl',
    level: 3,
    question: 'Are process settings adjusted in real time from data on equipment, material, people, method and environment?',
  },
  { key: 'environmentSafetyMonitoring', level: 4, question: 'Are energy, environment and safety monitored with data on the shop floor?' },
  { key: 'analyticsInOperations', level: 4, question: 'Do analysis or AI models drive decisions on the line (quality prediction, predictive maintenance)?' },
  { key: 'autonomousControl', level: 5, question: 'Does the line run under AI/CPS control, with flexible customised production?' },
] as const;

export type SelfAssessmentKey = (typeof SELF_ASSESSMENT_QUESTIONS)[number]['key'];
export type SelfAssessmentAnswers = Record<SelfAssessmentKey, boolean>;

export interface SelfAssessmentValue {
  answers: SelfAssessmentAnswers;
  answeredBy: string;
  answeredAt: Date;
}

/** All questions must be answered: a partial questionnaire would silently read as "no". */
export function validateAnswers(input: Partial<Record<string, boolean | null | undefined>>): SelfAssessmentAnswers {
  const answers = {} as SelfAssessmentAnswers;
  for (const { key } of SELF_ASSESSMENT_QUESTIONS) {
    const value = input[key];
    if (typeof value !== 'boolean') throw new BadUserInputError(`input.${key}`, 'must be answered true or false');
    answers[key] = value;
  }
  return answers;
}

function toValue(row: SelfAssessmentRow): SelfAssessmentValue {
  const answers = {} as SelfAssessmentAnswers;
  for (const { key } of SELF_ASSESSMENT_QUESTIONS) answers[key] = row.answers[key] === true;
  return { answers, answeredBy: row.answeredBy, answeredAt: row.answeredAt };
}

/** The answers in force at `asOf` (the latest given by then), or null when never answered. */
export async function readSelfAssessment(db: MemberDatabase, asOf?: Date): Promise<SelfAssessmentValue | null> {
  const [row] = await db
    .select()
    .from(selfAssessments)
    .where(asOf ? lte(selfAssessments.answeredAt, asOf) : undefined)
    .orderBy(desc(selfAssessments.answeredAt), desc(selfAssessments.id))
    .limit(1);
  return row ? toValue(row) : null;
}

export async function writeSelfAssessment(
  db: MemberDatabase,
  answers: SelfAssessmentAnswers,
  answeredBy: string,
  at = new Date(),
): Promise<SelfAssessmentValue> {
  const [row] = await db.insert(selfAssessments).values({ answers, answeredBy, answeredAt: at }).returning();
  return toValue(row!);
}
