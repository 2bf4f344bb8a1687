import { boolean, index, integer, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { DATA_CATEGORIES, GRANULARITIES, POLICY_PURPOSES } from '@clustergraph/schema/values';

// The owner's sharing policies and its data-usage ledger (issue 3). Like every member
// table, no row carries the owner's member id: the database is the owner's.

// From the standard (generated from its SDL): DATA_CATEGORIES, what a policy speaks about (every
// readable field of the member standard belongs to one); POLICY_PURPOSES, why data is read (the
// x-clustergraph-purpose header; ANY only in policies); GRANULARITIES.
export { DATA_CATEGORIES, GRANULARITIES, POLICY_PURPOSES };

export const dataCategory = pgEnum('data_category', DATA_CATEGORIES);
export const policyPurpose = pgEnum('policy_purpose', POLICY_PURPOSES);
export const granularity = pgEnum('granularity', GRANULARITIES);

/**
 * Who may read which category, for which purpose, at which detail and when. `grantee` is
 * a member id (lower case) or a role (LEADER, PARTNER, ANCHOR, ANY_MEMBER). Revoking sets
 * `revoked_at`: rows are never deleted, so ledger entries keep naming the policy they used
 * and an empty table means "defaults never seeded".
 */
export const sharingPolicies = pgTable(
  'sharing_policies',
  {
    id: text('id').primaryKey(),
    category: dataCategory('category').notNull(),
    grantee: text('grantee').notNull(),
    purpose: policyPurpose('purpose').notNull(),
    granularity: granularity('granularity').notNull().default('RAW'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    /** Seeded at first start (the cluster's defaults); revocable like any other. */
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
  },
  (t) => [index('sharing_policies_category').on(t.category)],
);

/** One row per read of the owner's data by another firm (or a visitor), allowed or denied. */
export const dataUsage = pgTable(
  'data_usage',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    readerMemberId: text('reader_member_id').notNull(),
    readerUserId: text('reader_user_id'),
    category: dataCategory('category').notNull(),
    purpose: text('purpose').notNull(),
    operationName: text('operation_name'),
    /** Allowed: records served. Denied: field reads refused. */
    records: integer('records').notNull(),
    allowed: boolean('allowed').notNull(),
    policyId: text('policy_id'),
    granularity: granularity('granularity'),
  },
  (t) => [index('data_usage_at').on(t.at), index('data_usage_reader_at').on(t.readerMemberId, t.at)],
);

export const sovereigntySchema = { sharingPolicies, dataUsage, dataCategory, policyPurpose, granularity };

export type DataCategoryName = (typeof DATA_CATEGORIES)[number];
export type PolicyPurposeName = (typeof POLICY_PURPOSES)[number];
export type GranularityName = (typeof GRANULARITIES)[number];
export type SharingPolicyRow = typeof sharingPolicies.$inferSelect;
export type DataUsageRow = typeof dataUsage.$inferSelect;
