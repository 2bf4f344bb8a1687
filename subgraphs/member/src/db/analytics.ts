import { date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

// The AI-transition analytics (issue 6): what the firm answered about itself, which detected
// anomalies it acted on, and the baselines it froze for support programmes. Detected
// anomalies themselves are not stored: the detector recomputes them from the history and
// gives each a stable id, so only the owner's decisions about them need a row.

/**
 * The smart-factory self-assessment, one row per answer set (newest wins). Kept as history
 * so that a maturity level "as of" a past date uses the answers given by then.
 */
export const selfAssessments = pgTable(
  'self_assessments',
  {
    id: serial('id').primaryKey(),
    /** The questionnaire's answers (analytics/selfAssessment.ts), validated before writing. */
    answers: jsonb('answers').$type<Record<string, boolean>>().notNull(),
    answeredBy: text('answered_by').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('self_assessments_answered_at').on(t.answeredAt)],
);

/** An anomaly the owner acted on ("anomalies acted on" feeds the maturity level). */
export const anomalyAcknowledgements = pgTable('anomaly_acknowledgements', {
  /** The detector's stable id (kind, line and start shift hashed). */
  anomalyId: text('anomaly_id').primaryKey(),
  lineId: text('line_id').notNull(),
  kind: text('kind').notNull(),
  anomalyStart: timestamp('anomaly_start', { withTimezone: true }).notNull(),
  action: text('action').notNull(),
  acknowledgedBy: text('acknowledged_by').notNull(),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A support programme's baseline, frozen on this member the first time it is computed, so
 * that re-reported history does not move the "then" a programme compares against.
 * Results only (level and KPI values): the raw data never leaves its tables.
 */
export const insightBaselines = pgTable(
  'insight_baselines',
  {
    programmeId: text('programme_id').notNull(),
    baselineFrom: date('baseline_from', { mode: 'string' }).notNull(),
    baselineTo: date('baseline_to', { mode: 'string' }).notNull(),
    level: integer('level').notNull(),
    kpis: jsonb('kpis').$type<Record<string, number | null>>().notNull(),
    modelVersion: text('model_version').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.baselineFrom, t.baselineTo] })],
);

export const analyticsSchema = { selfAssessments, anomalyAcknowledgements, insightBaselines };

export type SelfAssessmentRow = typeof selfAssessments.$inferSelect;
export type AnomalyAcknowledgementRow = typeof anomalyAcknowledgements.$inferSelect;
export type InsightBaselineRow = typeof insightBaselines.$inferSelect;
